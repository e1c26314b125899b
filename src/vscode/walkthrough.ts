import * as vscode from 'vscode';
import type { StsLensContext } from './context';
import { showInfo } from './output';

export const COMMAND_GET_STARTED = 'stsLens.getStarted';
export const COMMAND_OPEN_SAMPLE = 'stsLens.openSample';
const WALKTHROUGH = 'stsLens.getStarted';

/** The walkthrough's samples: what each button opens in the sandbox's workspace (or a workspace laid out like it). */
const SAMPLES: Readonly<Record<string, { glob: string; what: () => string }>> = {
  policy: { glob: '**/policies/trust-policy.json', what: () => vscode.l10n.t('a policy with deliberate mistakes') },
  identityPolicy: { glob: '**/policies/identity-policy.json', what: () => vscode.l10n.t('an identity policy') },
  trust: { glob: '**/policies/app-trust.json', what: () => vscode.l10n.t('a trust policy') },
  denial: { glob: '**/logs/app-role-denial.log', what: () => vscode.l10n.t('a log with a denial of app_role') },
};

/** A policy to try the linter on when the workspace has no sample: opened as a new, unsaved document. */
const FALLBACK_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:GetObjects"],
      "Resource": "arn:aws:s3:::example-reports/*"
    },
    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "*"
    }
  ]
}
`;

async function openSample(name: unknown): Promise<vscode.Uri | undefined> {
  const sample = SAMPLES[typeof name === 'string' && name in SAMPLES ? name : 'policy'];
  const [found] = await vscode.workspace.findFiles(sample.glob, '**/node_modules/**', 1);
  if (found) {
    await vscode.window.showTextDocument(found, { preview: false });
    return found;
  }
  if (sample === SAMPLES.policy || sample === SAMPLES.identityPolicy) {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: FALLBACK_POLICY });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc.uri;
  }
  void showInfo(vscode.l10n.t('This workspace has no {0} ({1}); `npm run sandbox` opens a workspace that has it.', sample.glob.replace('**/', ''), sample.what()));
  return undefined;
}

/** STS Lens: Get Started, and the buttons of the walkthrough's steps that open a sample. */
export function registerWalkthrough(ctx: StsLensContext): void {
  ctx.extension.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_GET_STARTED, () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ctx.extension.extension.id}#${WALKTHROUGH}`, false)),
    vscode.commands.registerCommand(COMMAND_OPEN_SAMPLE, (name?: unknown) => openSample(name)),
  );
}
