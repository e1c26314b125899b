/**
 * The words of sessions in the editor: countdowns, titles, the Profiles row's description and the
 * tooltip's lines, each through vscode.l10n.t. The maths (what is left, where a row sits) is core's.
 */
import * as vscode from 'vscode';
import { sessionSubject, type Countdown, type SessionOperation, type SessionRecord } from '../../core/sessions/session';
import { sessionRowName } from '../../core/sessions/sessionView';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2h 05m left", "41m left", "58s left", "1d 12h left", "expired", "no expiry". */
export function countdownText(c: Countdown): string {
  switch (c.kind) {
    case 'none': return vscode.l10n.t('no expiry');
    case 'expired': return vscode.l10n.t('expired');
    case 'seconds': return vscode.l10n.t('{0}s left', c.seconds);
    case 'minutes': return vscode.l10n.t('{0}m left', c.minutes);
    case 'hours': return vscode.l10n.t('{0}h {1}m left', c.hours, pad2(c.minutes));
    case 'days': return vscode.l10n.t('{0}d {1}h left', c.days, c.hours);
  }
}

/** The countdown where space is short (the status bar): "2h 05m", "41m", "58s", "expired". */
export function countdownShortText(c: Countdown): string {
  switch (c.kind) {
    case 'none': return vscode.l10n.t('no expiry');
    case 'expired': return vscode.l10n.t('expired');
    case 'seconds': return vscode.l10n.t('{0}s', c.seconds);
    case 'minutes': return vscode.l10n.t('{0}m', c.minutes);
    case 'hours': return vscode.l10n.t('{0}h {1}m', c.hours, pad2(c.minutes));
    case 'days': return vscode.l10n.t('{0}d {1}h', c.days, c.hours);
  }
}

/** The session's title in the tree, quick picks, terminals and status bar. */
export function sessionTitle(s: SessionRecord): string {
  return sessionSubject(s) ?? (s.startUrl ? vscode.l10n.t('SSO sign-in {0}', s.startUrl) : vscode.l10n.t('SSO sign-in'));
}

/** The Profiles row's label: the session name alone under the profile naming its role, else its title. */
export function sessionRowLabel(record: SessionRecord, parent: { readonly roleArn?: string } | undefined): string {
  return sessionRowName(record, parent) ?? sessionTitle(record);
}

/** "41m left · active · source alice · read-only": the countdown always first, so it survives a narrow sidebar. */
export function sessionDescription(countdown: string, o: { active?: boolean; sourceIdentity?: string; readOnly?: boolean }): string {
  return [countdown, o.active ? vscode.l10n.t('active') : undefined, o.sourceIdentity ? vscode.l10n.t('source {0}', o.sourceIdentity) : undefined, o.readOnly ? vscode.l10n.t('read-only') : undefined].filter(Boolean).join(' · ');
}

/** How a session was made, in words for its tooltip; STS's own call names stay as they are. */
export function operationLabel(operation: SessionOperation): string {
  switch (operation) {
    case 'profile': return vscode.l10n.t('started from the profile');
    case 'GetRoleCredentials': return vscode.l10n.t('IAM Identity Center role (GetRoleCredentials)');
    case 'cliCache': return vscode.l10n.t('AWS CLI cache');
    case 'ssoToken': return vscode.l10n.t('IAM Identity Center sign-in');
    case 'AssumeRole': case 'GetSessionToken': case 'AssumeRoleWithWebIdentity': case 'AssumeRoleWithSAML': case 'GetFederationToken': return operation;
  }
}

/** What renewal really does for a session, for its tooltip. */
export function renewalText(record: Pick<SessionRecord, 'readOnly' | 'refreshable'>): string {
  if (record.readOnly) return vscode.l10n.t('Read-only: found in the AWS CLI or SSO cache.');
  if (record.refreshable) return vscode.l10n.t('Renewed without a prompt whenever a renewing terminal or a command needs its credentials near expiry; Refresh Session renews it now.');
  return vscode.l10n.t('Renewing it asks for input (an MFA code or a token): use Refresh Session.');
}
