import * as vscode from 'vscode';

/** The person dismissed a prompt: the command stops without a message. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export async function askText(o: { title: string; prompt: string; value?: string; placeHolder?: string; password?: boolean; validate?: (v: string) => string | undefined; optional?: boolean }): Promise<string> {
  const v = await vscode.window.showInputBox({
    title: o.title,
    prompt: o.prompt,
    value: o.value,
    placeHolder: o.placeHolder,
    password: o.password,
    ignoreFocusOut: true,
    validateInput: (text) => (o.optional && !text.trim() ? undefined : o.validate?.(text.trim())),
  });
  if (v === undefined) throw new Cancelled();
  return v.trim();
}

/** Six digits from the authenticator; the code is never logged. */
export function askMfaCode(serial: string): Promise<string> {
  return askText({
    title: vscode.l10n.t('MFA code'),
    prompt: vscode.l10n.t('Enter the current 6-digit code for {0}', serial),
    placeHolder: '123456',
    password: false,
    validate: (v) => (/^\d{6}$/.test(v) ? undefined : vscode.l10n.t('Enter exactly 6 digits')),
  });
}

export async function pick<T extends vscode.QuickPickItem>(items: T[], o: { title: string; placeHolder: string; matchOnDescription?: boolean }): Promise<T> {
  const choice = await vscode.window.showQuickPick(items, { title: o.title, placeHolder: o.placeHolder, matchOnDescription: o.matchOnDescription ?? true, matchOnDetail: true, ignoreFocusOut: true });
  if (!choice) throw new Cancelled();
  return choice;
}

export function durationValidator(min: number, max: number): (v: string) => string | undefined {
  return (v) => {
    if (!/^\d+$/.test(v)) return vscode.l10n.t('Enter a whole number of seconds, e.g. 3600');
    const n = Number(v);
    if (n < min) return vscode.l10n.t('At least {0} seconds (15 minutes)', min);
    if (n > max) return vscode.l10n.t('At most {0} seconds', max);
    return undefined;
  };
}
