/**
 * The device-authorization grant (RFC 8628) as a pure state machine: when to poll next, and what
 * each CreateToken error means for the person. "If no value is provided, clients MUST use 5 as
 * the default"; on slow_down "the interval MUST be increased by 5 seconds for this and all
 * subsequent requests". Why a sign-in stopped is shown in the editor, so it is in the display language.
 */
import * as l10n from '@vscode/l10n';

export interface DevicePollState {
  /** Seconds between polls. */
  readonly intervalSeconds: number;
  /** Epoch ms after which the device code is no longer valid. */
  readonly expiresAt: number;
}

export function startPolling(now: number, expiresInSeconds: number | undefined, intervalSeconds: number | undefined): DevicePollState {
  return { intervalSeconds: intervalSeconds && intervalSeconds > 0 ? intervalSeconds : 5, expiresAt: now + Math.max(1, expiresInSeconds ?? 600) * 1000 };
}

export type PollOutcome =
  | { readonly kind: 'wait'; readonly state: DevicePollState; readonly delayMs: number }
  | { readonly kind: 'fail'; readonly message: string };

/** The OIDC error codes (exception names as the SDK reports them, or the OAuth `error` value). */
export function oauthErrorCode(name: string | undefined, error: string | undefined): string {
  const e = (error ?? '').toLowerCase();
  if (e) return e;
  switch (name) {
    case 'AuthorizationPendingException': return 'authorization_pending';
    case 'SlowDownException': return 'slow_down';
    case 'ExpiredTokenException': return 'expired_token';
    case 'AccessDeniedException': return 'access_denied';
    case 'InvalidGrantException': return 'invalid_grant';
    case 'InvalidClientException': return 'invalid_client';
    case 'UnauthorizedClientException': return 'unauthorized_client';
    default: return name ?? 'unknown';
  }
}

/** What to do after a CreateToken poll failed with `code`, at `now`. */
export function afterPollError(state: DevicePollState, code: string, now: number): PollOutcome {
  const expired = (): PollOutcome => ({ kind: 'fail', message: l10n.t('the sign-in code expired before it was approved. Sign in again and approve the new code in the browser within its time.') });
  switch (code) {
    case 'authorization_pending':
      break;
    case 'slow_down':
      state = { ...state, intervalSeconds: state.intervalSeconds + 5 };
      break;
    case 'expired_token':
      return expired();
    case 'access_denied':
      return { kind: 'fail', message: l10n.t('the sign-in was denied in the browser. Sign in again and choose Allow if you meant to.') };
    case 'invalid_client':
    case 'unauthorized_client':
      return { kind: 'fail', message: l10n.t('IAM Identity Center no longer accepts this client registration. Sign in again: STS Lens registers a new client.') };
    default:
      return { kind: 'fail', message: l10n.t('IAM Identity Center refused the sign-in ({0}). Sign in again; if it keeps failing, check the start URL and region of the sso-session.', code) };
  }
  const delayMs = state.intervalSeconds * 1000;
  if (now + delayMs >= state.expiresAt) return expired();
  return { kind: 'wait', state, delayMs };
}

/**
 * When to refresh a token with its refresh token: the SDKs refresh within 5 minutes of expiry; STS
 * Lens refreshes 10 minutes before, so the CLI and SDKs sharing the file rarely have to.
 */
export function tokenRefreshAt(expiresAt: number): number {
  return expiresAt - 10 * 60_000;
}

/** True when the token is expired or within the refresh window. */
export function tokenNeedsRefresh(expiresAt: number, now: number): boolean {
  return now >= tokenRefreshAt(expiresAt);
}
