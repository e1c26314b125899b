/** Identity Center failures in words, with the next step and a button where one helps. Tokens never appear. */
import * as vscode from 'vscode';
import { redactSecrets } from '../../core/sessions/errors';
import type { SsoCallError } from '../../aws/sso';
import { isFederationError, isSsoCallError } from '../awsModules';
import { NoConsoleError } from '../../core/console/federation';
import { reportError } from '../profiles/errorUi';
import { Cancelled } from '../profiles/prompts';
import { showError } from '../output';
import { SignInNeeded } from './signIns';

export interface SsoFailure {
  readonly error: { readonly operation: string; readonly kind: string; readonly message: string };
}

function explainSso(e: SsoCallError): { kind: string; message: string; signIn?: boolean } {
  if (e.code === 'UnauthorizedException') return { kind: 'signedOut', message: vscode.l10n.t('IAM Identity Center no longer accepts the sign-in (it expired, was signed out or revoked). Sign in again.'), signIn: true };
  if (e.code === 'ForbiddenException') return { kind: 'denied', message: vscode.l10n.t('IAM Identity Center does not give you this role in this account any more. Refresh the accounts to see what is assigned to you now.') };
  if (e.code === 'TooManyRequestsException') return { kind: 'throttled', message: vscode.l10n.t('IAM Identity Center is throttling the requests. Wait a minute and try again.') };
  if (e.code === 'ResourceNotFoundException') return { kind: 'notFound', message: vscode.l10n.t('IAM Identity Center does not know this account. Refresh the accounts.') };
  if (/^E[A-Z]+$/.test(e.code) || e.code === 'TimeoutError') return { kind: 'network', message: vscode.l10n.t('IAM Identity Center could not be reached ({0}). Check the network and the sso_region of the sso-session, then try again.', e.code) };
  return { kind: 'failed', message: vscode.l10n.t('{0}. Try again; if it keeps failing, check the start URL and region in the AWS config.', e.message) };
}

/** Shows the failure and returns it for programmatic callers; a cancelled prompt stays silent. */
export async function reportSsoError(log: vscode.LogOutputChannel, e: unknown, operation: string, signIn?: () => void): Promise<SsoFailure | undefined> {
  if (e instanceof Cancelled) return undefined;
  let x: { kind: string; message: string; signIn?: boolean };
  if (isSsoCallError(e)) x = explainSso(e);
  else if (e instanceof SignInNeeded) x = { kind: 'signInNeeded', message: e.message, signIn: e.signInHelps };
  else if (isFederationError(e)) x = { kind: 'federation', message: vscode.l10n.t('Opening the console failed: {0}. Start a new session and try again.', e.message) };
  else if (e instanceof NoConsoleError) x = { kind: 'noConsole', message: vscode.l10n.t('The console cannot be opened: {0}', e.message) };
  else {
    const f = await reportError(log, e, operation);
    return f ? { error: { operation, kind: f.error.kind, message: f.error.message } } : undefined;
  }
  const message = redactSecrets(x.message);
  log.error(`${operation} failed (${x.kind}): ${isSsoCallError(e) ? `${e.code}${e.oauthError ? ` ${e.oauthError}` : ''}` : message}`);
  const signInButton = vscode.l10n.t('Sign In');
  const showLog = vscode.l10n.t('Show Log');
  const buttons = [...(x.signIn && signIn ? [signInButton] : []), showLog];
  void showError(`${operation}: ${message}`, ...buttons).then((c) => {
    if (c === signInButton) signIn?.();
    if (c === showLog) log.show();
  });
  return { error: { operation, kind: x.kind, message } };
}
