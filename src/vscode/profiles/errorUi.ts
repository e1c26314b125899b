import * as vscode from 'vscode';
import { UnquotableValue } from '../../core/sessions/shellQuote';
import { redactSecrets, stsErrorWording, type ErrorAction, type ErrorExplanation } from '../../core/sessions/errors';
import { rawErrorLine } from '../../core/sessions/errorLine';
import { isStsCallError } from '../awsModules';
import { EndpointRefused } from '../endpointGuard';
import { InvalidRequest } from './stsRequests';
import { Cancelled } from './prompts';
import { isCredentialSourceError } from '../../core/profiles/localCredentials';
import { showError } from '../output';
import { stsErrorText } from './stsErrorText';

/** What a failed command reports back to a programmatic caller (tests, other features). */
export interface CommandFailure {
  readonly error: ErrorExplanation & { readonly operation: string; readonly likelyCause?: string; readonly buttons?: readonly string[] };
}

/** A cause found after the fact (what the request left out), with the button that fixes it. */
export interface LikelyCauseButton {
  readonly message: string;
  readonly button?: { readonly label: string; run(): void };
  /** A second way out, shown next to the first in place of Show Log (three buttons do not fit). */
  readonly second?: { readonly label: string; run(): void };
}

const BUTTONS: Record<ErrorAction, string> = {
  openTrustPolicy: vscode.l10n.t('Open Trust Policy'),
  retry: vscode.l10n.t('Try Again'),
  enterMfaAgain: vscode.l10n.t('Enter New Code'),
  refreshSession: vscode.l10n.t('Refresh Session'),
  openConfig: vscode.l10n.t('Open AWS Config'),
  openSettings: vscode.l10n.t('Open Settings'),
  showLog: vscode.l10n.t('Show Log'),
  ssoLogin: vscode.l10n.t('Open Terminal for SSO Login'),
};

export interface ErrorHandlers {
  retry?(): void;
  openTrustPolicy?(roleArn: string): void;
  refreshSession?(): void;
  ssoLogin?(profile: string | undefined): void;
  /** Looks for the likely cause of a denial; its message leads the error and its button comes first. */
  likelyCause?(x: ErrorExplanation & { roleArn?: string }): Promise<LikelyCauseButton | undefined>;
}


/** Explains any error from an operation; undefined for a cancelled prompt (which stays silent). */
export function explain(e: unknown, operation: string): (ErrorExplanation & { operation: string; roleArn?: string; profile?: string }) | undefined {
  if (e instanceof Cancelled) return undefined;
  if (e instanceof EndpointRefused) return { kind: 'endpointRefused', message: e.message, next: vscode.l10n.t('Use an https:// endpoint (or none) in the stsLens.sts.endpoint setting or the profile\'s endpoint_url.'), actions: ['openSettings', 'openConfig'], operation };
  // Found on this computer before any call (a credential_process, a token file): its own words say why.
  if (isCredentialSourceError(e)) return { kind: 'noCredentials', message: e.message, next: vscode.l10n.t('Check the profile in the AWS config file, then try again.'), actions: ['openConfig', 'showLog'], operation };
  if (e instanceof UnquotableValue) return { kind: 'validation', message: e.message, next: vscode.l10n.t('Nothing was copied.'), actions: [], operation };
  if (e instanceof InvalidRequest) {
    return e.inConfig
      ? { kind: 'validation', message: e.message, next: vscode.l10n.t('Correct the profile in the AWS config file and try again.'), actions: ['openConfig'], operation: e.operation }
      : { kind: 'validation', message: e.message, next: vscode.l10n.t('Correct the value and try again.'), actions: ['retry'], operation: e.operation };
  }
  const input = isStsCallError(e) ? e.input : { operation, name: e instanceof Error ? e.name : undefined, message: e instanceof Error ? e.message : String(e) };
  const { wording, actions } = stsErrorWording(input);
  return { kind: wording.kind, ...stsErrorText(wording), actions, operation: input.operation, roleArn: input.roleArn, profile: input.profile };
}

/** Logs and shows an error with its next step and buttons; returns the failure for programmatic callers. */
export async function reportError(log: vscode.LogOutputChannel, e: unknown, operation: string, handlers: ErrorHandlers = {}): Promise<CommandFailure | undefined> {
  const x = explain(e, operation);
  if (!x) return undefined;
  const raw = isStsCallError(e) ? rawErrorLine(e.input) : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  log.error(`${x.operation} failed (${x.kind}): ${redactSecrets(raw)}`);
  const actions = x.actions.filter((a) => {
    if (a === 'retry') return !!handlers.retry;
    if (a === 'enterMfaAgain') return !!handlers.retry;
    if (a === 'openTrustPolicy') return !!x.roleArn && !!handlers.openTrustPolicy;
    if (a === 'refreshSession') return !!handlers.refreshSession;
    if (a === 'ssoLogin') return !!handlers.ssoLogin;
    return true;
  });
  const cause = await handlers.likelyCause?.(x).catch(() => undefined);
  const causeButtons = [cause?.button, cause?.second].filter((b): b is NonNullable<typeof b> => !!b);
  const labels = [...causeButtons.map((b) => b.label), ...actions.filter((a) => !(cause?.second && a === 'showLog')).map((a) => BUTTONS[a])];
  const text = cause ? `${x.message} ${cause.message} ${x.next}` : `${x.message} ${x.next}`;
  void showError(text, ...labels).then((choice) => {
    const chosen = causeButtons.find((b) => b.label === choice);
    if (chosen) return chosen.run();
    const action = actions.find((a) => BUTTONS[a] === choice);
    switch (action) {
      case 'retry':
      case 'enterMfaAgain': handlers.retry?.(); break;
      case 'openTrustPolicy': if (x.roleArn) handlers.openTrustPolicy?.(x.roleArn); break;
      case 'refreshSession': handlers.refreshSession?.(); break;
      case 'ssoLogin': handlers.ssoLogin?.(x.profile); break;
      case 'openConfig': void vscode.commands.executeCommand('stsLens.openConfig'); break;
      case 'openSettings': void vscode.commands.executeCommand('workbench.action.openSettings', 'stsLens.sts'); break;
      case 'showLog': log.show(); break;
      default: break;
    }
  });
  return { error: { ...x, likelyCause: cause?.message, buttons: labels } };
}
