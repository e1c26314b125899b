import * as vscode from 'vscode';
import { explainStsError, redactSecrets, type ErrorAction, type ErrorExplanation } from '../../core/sessions/errors';
import { StsCallError } from '../../aws/errors';
import { EndpointRefused } from '../endpointGuard';
import { InvalidRequest } from './operations';
import { Cancelled } from './prompts';
import { showError } from '../output';

/** What a failed command reports back to a programmatic caller (tests, other features). */
export interface CommandFailure {
  readonly error: ErrorExplanation & { readonly operation: string };
}

const BUTTONS: Record<ErrorAction, string> = {
  openTrustPolicy: 'Open Trust Policy',
  retry: 'Try Again',
  enterMfaAgain: 'Enter New Code',
  refreshSession: 'Refresh Session',
  openConfig: 'Open AWS Config',
  openSettings: 'Open Settings',
  showLog: 'Show Log',
  ssoLogin: 'Open Terminal for SSO Login',
};

export interface ErrorHandlers {
  retry?(): void;
  openTrustPolicy?(roleArn: string): void;
  refreshSession?(): void;
  ssoLogin?(profile: string | undefined): void;
}

/** Explains any error from an operation; undefined for a cancelled prompt (which stays silent). */
export function explain(e: unknown, operation: string): (ErrorExplanation & { operation: string; roleArn?: string; profile?: string }) | undefined {
  if (e instanceof Cancelled) return undefined;
  if (e instanceof EndpointRefused) return { kind: 'endpointRefused', message: e.message, next: 'Use an https:// endpoint (or none) in the stsLens.sts.endpoint setting or the profile\'s endpoint_url.', actions: ['openSettings', 'openConfig'], operation };
  if (e instanceof InvalidRequest) return { kind: 'validation', message: e.message, next: 'Correct the value and try again.', actions: ['retry'], operation: e.operation };
  const input = e instanceof StsCallError ? e.input : { operation, name: e instanceof Error ? e.name : undefined, message: e instanceof Error ? e.message : String(e) };
  return { ...explainStsError(input), operation: input.operation, roleArn: input.roleArn, profile: input.profile };
}

/** Logs and shows an error with its next step and buttons; returns the failure for programmatic callers. */
export function reportError(log: vscode.LogOutputChannel, e: unknown, operation: string, handlers: ErrorHandlers = {}): CommandFailure | undefined {
  const x = explain(e, operation);
  if (!x) return undefined;
  const raw = e instanceof StsCallError ? `${e.input.name ?? ''} ${e.input.code ?? ''} HTTP ${e.input.httpStatus ?? '-'}: ${e.input.message ?? ''}` : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  log.error(`${x.operation} failed (${x.kind}): ${redactSecrets(raw)}`);
  const actions = x.actions.filter((a) => {
    if (a === 'retry') return !!handlers.retry;
    if (a === 'enterMfaAgain') return !!handlers.retry;
    if (a === 'openTrustPolicy') return !!x.roleArn && !!handlers.openTrustPolicy;
    if (a === 'refreshSession') return !!handlers.refreshSession;
    if (a === 'ssoLogin') return !!handlers.ssoLogin;
    return true;
  });
  void showError(`${x.message} ${x.next}`, ...actions.map((a) => BUTTONS[a])).then((choice) => {
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
  return { error: { ...x } };
}
