/**
 * How a session reads in the Profiles tree: which profile it sits under, its description (time left
 * first, so it survives a narrow sidebar), and the words for how it was made and how it renews.
 */
import { sessionTitle, type SessionOperation, type SessionRecord } from './session';

/** A profile as far as grouping needs it. */
export interface GroupingProfile {
  readonly name: string;
  readonly roleArn?: string;
  readonly sourceProfile?: string;
}

/**
 * The profile a session belongs under: a profile that names the session's role (preferring one whose
 * source profile made the call), else the profile whose credentials made it.
 */
export function sessionGroupProfile(record: SessionRecord, profiles: Iterable<GroupingProfile>): string | undefined {
  if (record.operation !== 'profile' && record.roleArn) {
    let named: string | undefined;
    for (const p of profiles) {
      if (p.roleArn !== record.roleArn) continue;
      if (p.sourceProfile === record.profile) return p.name;
      named ??= p.name;
    }
    if (named) return named;
  }
  return record.profile;
}

/**
 * The row label: under the profile that names the session's role, the role is on the parent row, so
 * the label is the session name alone (`alice-1128T0432Z`) and the time left after it stays in view.
 */
export function sessionRowLabel(record: SessionRecord, parent: { readonly roleArn?: string } | undefined): string {
  const assumed = record.arn && /:assumed-role\/[^/]+\/(.+)$/.exec(record.arn)?.[1];
  const name = assumed || record.sessionName;
  if (name && parent?.roleArn && record.roleArn === parent.roleArn) return name;
  return sessionTitle(record);
}

/** "41m left · active · source alice · read-only": the countdown always first. */
export function sessionDescription(countdown: string, o: { active?: boolean; sourceIdentity?: string; readOnly?: boolean }): string {
  return [countdown, o.active ? 'active' : undefined, o.sourceIdentity ? `source ${o.sourceIdentity}` : undefined, o.readOnly ? 'read-only' : undefined].filter(Boolean).join(' · ');
}

const OPERATION_LABELS: Record<SessionOperation, string> = {
  profile: 'started from the profile',
  AssumeRole: 'AssumeRole',
  GetSessionToken: 'GetSessionToken',
  AssumeRoleWithWebIdentity: 'AssumeRoleWithWebIdentity',
  AssumeRoleWithSAML: 'AssumeRoleWithSAML',
  GetFederationToken: 'GetFederationToken',
  GetRoleCredentials: 'IAM Identity Center role (GetRoleCredentials)',
  cliCache: 'AWS CLI cache',
  ssoToken: 'IAM Identity Center sign-in',
};

/** How a session was made, in words for its tooltip. */
export function operationLabel(operation: SessionOperation): string {
  return OPERATION_LABELS[operation];
}

/** What renewal really does for a session, for its tooltip. */
export function renewalText(record: Pick<SessionRecord, 'readOnly' | 'refreshable'>): string {
  if (record.readOnly) return 'Read-only: found in the AWS CLI or SSO cache.';
  if (record.refreshable) return 'Renewed without a prompt whenever a renewing terminal or a command needs its credentials near expiry; Refresh Session renews it now.';
  return 'Renewing it asks for input (an MFA code or a token): use Refresh Session.';
}
