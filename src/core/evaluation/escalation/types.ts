/**
 * One request a privilege-escalation path needs. `resource` is a representative ARN in which
 * `{account}`, `{region}` and `{name}` stand for any value (`*` for actions without resource
 * types); the caller's account is put in for `{account}`.
 */
export interface PathRequest {
  readonly action: string;
  readonly resource: string;
  /**
   * Resources no caller can use for this path (AWS managed policies, service-linked roles, AWS-owned
   * documents): a policy that scopes the action to them opens nothing. The representative resource
   * is always one the path can use.
   */
  readonly closedOn?: readonly string[];
  /** For iam:PassRole: the iam:PassedToService values the path can pass the role to, any one of them. */
  readonly passedTo?: readonly string[];
  /** The resource must be another principal than the caller (a user's own access keys are no path). */
  readonly target?: 'other';
}

/**
 * A documented privilege-escalation path: every group of `requires` must be allowed, a group by
 * any one of its requests. Each is reported as its own issue code, described in docs/checks.md.
 */
export interface PathData {
  /** The issue code, PRIVILEGE_ESCALATION_... */
  readonly code: string;
  readonly title: string;
  readonly requires: readonly (readonly PathRequest[])[];
  /** What someone with these permissions can do, one sentence. */
  readonly how: string;
  /** Where the path is documented: the first is linked from findings. */
  readonly sources: readonly string[];
}

/** The statement of an identity policy that allows a request. */
export interface AllowingStatement {
  /** Index into the subject's identity policies. */
  readonly policy: number;
  /** Index in the policy's Statement array. */
  readonly statement: number;
}

export interface EscalationPath extends PathData {
  /** The first of `sources`. */
  readonly source: string;
}

export const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
export const BISHOP_FOX = 'https://github.com/BishopFox/iam-vulnerable';
export const HACKING_THE_CLOUD = 'https://hackingthe.cloud/aws/exploitation/iam_privilege_escalation/';
export const PMAPPER = 'https://github.com/nccgroup/PMapper';
export const CLOUDSPLAINING = 'https://github.com/salesforce/cloudsplaining';

/** A path's page on pathfinding.cloud. */
export function pathfinding(id: string): string {
  return `https://pathfinding.cloud/paths/${id}`;
}

export const ROLE = 'arn:aws:iam::{account}:role/{name}';
export const USER = 'arn:aws:iam::{account}:user/{name}';
export const GROUP = 'arn:aws:iam::{account}:group/{name}';
export const POLICY = 'arn:aws:iam::{account}:policy/{name}';
/** Service-linked roles: their policies cannot be changed and no one but their service can assume them. */
export const SERVICE_LINKED_ROLES = 'arn:*:iam::*:role/aws-service-role/*';
export const AWS_MANAGED_POLICIES = 'arn:*:iam::aws:policy/*';

export function on(action: string, resource: string, more: Omit<PathRequest, 'action' | 'resource'> = {}): PathRequest {
  return { action, resource, ...more };
}

/** iam:PassRole of a role that trusts one of these services. */
export function passRole(...services: string[]): PathRequest {
  return { action: 'iam:PassRole', resource: ROLE, passedTo: services, closedOn: [SERVICE_LINKED_ROLES] };
}
