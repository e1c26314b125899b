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
 * The time left as the countdowns show it, in whole units the editor puts into words ("2h 05m left",
 * "41m left", "58s left", "expired"). Minutes are shown from 1m up and seconds only in the last
 * minute, so a session's label changes once a minute until its final minute.
 */
export type Countdown =
  | { readonly kind: 'none' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'seconds'; readonly seconds: number }
  | { readonly kind: 'minutes'; readonly minutes: number }
  | { readonly kind: 'hours'; readonly hours: number; readonly minutes: number }
  | { readonly kind: 'days'; readonly days: number; readonly hours: number };

const NO_EXPIRY: Countdown = { kind: 'none' };
const EXPIRED: Countdown = { kind: 'expired' };

export function countdown(expiration: number | undefined, now: number): Countdown {
  if (expiration === undefined) return NO_EXPIRY;
  const left = expiration - now;
  if (left <= 0) return EXPIRED;
  if (left < MINUTE) return { kind: 'seconds', seconds: Math.max(1, Math.floor(left / SECOND)) };
  if (left < HOUR) return { kind: 'minutes', minutes: Math.floor(left / MINUTE) };
  if (left < DAY) return { kind: 'hours', hours: Math.floor(left / HOUR), minutes: Math.floor((left % HOUR) / MINUTE) };
  return { kind: 'days', days: Math.floor(left / DAY), hours: Math.floor((left % DAY) / HOUR) };
}

/** Equal for two countdowns exactly when they read the same: what a view compares before redrawing. */
export function countdownKey(c: Countdown): string {
  switch (c.kind) {
    case 'none': case 'expired': return c.kind;
    case 'seconds': return `s${c.seconds}`;
    case 'minutes': return `m${c.minutes}`;
    case 'hours': return `h${c.hours}:${c.minutes}`;
    case 'days': return `d${c.days}:${c.hours}`;
  }
}

export function countdownState(expiration: number | undefined, now: number, warningMs: number): CountdownState {
  if (expiration === undefined) return 'none';
  const left = expiration - now;
  if (left <= 0) return 'expired';
  return left <= warningMs ? 'warning' : 'ok';
}

/**
 * The first instant after `now` at which `countdown` or `countdownState` changes, or undefined
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

/**
 * What a session is of, for its title in the tree, quick picks and status bar: `Role/session`, an
 * account and permission set, or the profile and call; undefined for an SSO sign-in, which the
 * editor titles in words with its start URL.
 */
export function sessionSubject(s: SessionRecord): string | undefined {
  if (s.operation === 'ssoToken') return undefined;
  // "Sandbox Prod / ReadOnly": the account and permission set, not AWSReservedSSO_ReadOnly_3231…/alice.
  if (s.operation === 'GetRoleCredentials' && s.sessionName) return s.sessionName;
  if (s.arn) return shortArn(s.arn);
  if (s.roleArn) return `${shortArn(s.roleArn)}${s.sessionName ? `/${s.sessionName}` : ''}`;
  if (s.profile) return `${s.profile} (${s.operation})`;
  return s.operation;
}
