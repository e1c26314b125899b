/**
 * Session records (never the secrets themselves) and the expiry maths behind the countdowns.
 */

export type SessionOperation =
  | 'profile'
  | 'AssumeRole'
  | 'GetSessionToken'
  | 'AssumeRoleWithWebIdentity'
  | 'AssumeRoleWithSAML'
  | 'GetFederationToken'
  | 'GetRoleCredentials'
  | 'cliCache'
  | 'ssoToken';

/** What a session is, without its credentials. Safe to log, persist and show. */
export interface SessionRecord {
  readonly id: string;
  readonly operation: SessionOperation;
  /** The profile it belongs to (for `profile`), or whose credentials called STS. */
  readonly profile?: string;
  readonly roleArn?: string;
  /** The caller ARN STS returned (assumed-role or federated-user ARN). */
  readonly arn?: string;
  readonly sessionName?: string;
  readonly sourceIdentity?: string;
  readonly accessKeyId?: string;
  readonly region: string;
  readonly endpoint?: string;
  /** Epoch ms; undefined for credentials that do not expire. */
  readonly expiration?: number;
  readonly issuedAt: number;
  /** Can be renewed without asking the person anything (no MFA, no pasted token). */
  readonly refreshable: boolean;
  /** Read-only sessions found on disk (CLI cache, SSO token cache) cannot be refreshed or forgotten here. */
  readonly readOnly?: boolean;
  readonly pinned?: boolean;
  /** For SSO tokens: the start URL they sign in to. */
  readonly startUrl?: string;
}

export type CountdownState = 'ok' | 'warning' | 'expired' | 'none';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds left, never negative; undefined when the credentials do not expire. */
export function expiresIn(expiration: number | undefined, now: number): number | undefined {
  return expiration === undefined ? undefined : Math.max(0, expiration - now);
}

/**
 * "2h 05m left", "41m left", "58s left", "expired". Minutes are shown from 1m up and seconds only in
 * the last minute, so a session's label changes once a minute until its final minute.
 */
export function countdownText(expiration: number | undefined, now: number): string {
  if (expiration === undefined) return 'no expiry';
  const left = expiration - now;
  if (left <= 0) return 'expired';
  if (left < MINUTE) return `${Math.max(1, Math.floor(left / SECOND))}s left`;
  if (left < HOUR) return `${Math.floor(left / MINUTE)}m left`;
  if (left < DAY) {
    const h = Math.floor(left / HOUR);
    const m = Math.floor((left % HOUR) / MINUTE);
    return `${h}h ${String(m).padStart(2, '0')}m left`;
  }
  const d = Math.floor(left / DAY);
  const h = Math.floor((left % DAY) / HOUR);
  return `${d}d ${h}h left`;
}

export function countdownState(expiration: number | undefined, now: number, warningMs: number): CountdownState {
  if (expiration === undefined) return 'none';
  const left = expiration - now;
  if (left <= 0) return 'expired';
  return left <= warningMs ? 'warning' : 'ok';
}

/**
 * The first instant after `now` at which `countdownText` or `countdownState` changes, or undefined
 * when neither will change again.
 */
export function nextChangeAt(expiration: number | undefined, now: number, warningMs: number): number | undefined {
  if (expiration === undefined) return undefined;
  const left = expiration - now;
  if (left <= 0) return undefined;
  const step = left < MINUTE ? SECOND : left < DAY ? MINUTE : HOUR;
  // Every unit is floored, so the text stays constant while `left` is within [k*step, (k+1)*step)
  // and changes when it drops below k*step. Unit switches (day→hours, minute→seconds) fall on
  // such boundaries because the units divide each other.
  const k = Math.floor(left / step);
  // The last second shows "1s left" like the one before it, so the next change is expiry.
  const boundaryLeft = step === SECOND && k <= 1 ? 0 : k * step - 1;
  let at = expiration - boundaryLeft;
  if (left > warningMs && expiration - warningMs < at) at = expiration - warningMs;
  if (at <= now) at = now + 1;
  return at;
}

/** The refresh window: credentials with less than this left are renewed before they are served. */
export function refreshWindowMs(issuedAt: number, expiration: number): number {
  const lifetime = Math.max(0, expiration - issuedAt);
  // SDKs and the CLI renew 5-15 minutes before expiry, so serve credentials with more left than that
  // when the lifetime allows it; short sessions renew at half-life.
  return Math.min(16 * MINUTE, Math.floor(lifetime / 2));
}

export function needsRefresh(issuedAt: number, expiration: number | undefined, now: number): boolean {
  if (expiration === undefined) return false;
  return expiration - now <= refreshWindowMs(issuedAt, expiration);
}

/** `arn:aws:sts::1:assumed-role/Role/session` → `Role/session`; other ARNs → their resource part. */
export function shortArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  if (!resource) return arn;
  if (resource.startsWith('assumed-role/')) return resource.slice('assumed-role/'.length);
  const slash = resource.lastIndexOf('/');
  return slash >= 0 ? resource.slice(slash + 1) : resource;
}

export function accountOfArn(arn: string | undefined): string | undefined {
  return arn ? /^arn:[\w-]+:[\w-]+::(\d{12}):/.exec(arn)?.[1] : undefined;
}

/** Label for a session in the tree, quick pick and status bar. */
export function sessionTitle(s: SessionRecord): string {
  if (s.operation === 'ssoToken') return `SSO sign-in ${s.startUrl ?? ''}`.trim();
  // "Sandbox Prod / ReadOnly": the account and permission set, not AWSReservedSSO_ReadOnly_3231…/alice.
  if (s.operation === 'GetRoleCredentials' && s.sessionName) return s.sessionName;
  if (s.arn) return shortArn(s.arn);
  if (s.roleArn) return `${shortArn(s.roleArn)}${s.sessionName ? `/${s.sessionName}` : ''}`;
  if (s.profile) return `${s.profile} (${s.operation})`;
  return s.operation;
}
