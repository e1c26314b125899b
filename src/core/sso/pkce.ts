/**
 * Proof Key for Code Exchange (RFC 7636) for the authorization-code sign-in: the verifier is sent
 * only with CreateToken, the S256 challenge goes in the browser's authorize URL. Random bytes come
 * from the caller, so the maths is testable with fixed input.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'crypto';

/** base64url without padding, as RFC 7636 appendix A requires. */
export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/(?<!=)=+$/, '');
}

/** "code_verifier = high-entropy cryptographic random STRING ... with a minimum length of 43 characters and a maximum length of 128". */
export function codeVerifier(random: Uint8Array): string {
  if (random.length < 32 || random.length > 96) throw new RangeError('a PKCE verifier needs 32 to 96 random bytes');
  return base64Url(random);
}

/** "code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))". */
export function codeChallenge(verifier: string): string {
  return base64Url(createHash('sha256').update(verifier, 'ascii').digest());
}

export interface AuthorizeRequest {
  /** The OIDC service's authorize endpoint (`https://oidc.REGION.amazonaws.com/authorize`). */
  readonly authorizeEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly challenge: string;
  readonly scopes: readonly string[];
}

/** The URL the browser opens, with the parameters the AWS CLI sends. */
export function authorizeUrl(r: AuthorizeRequest): string {
  const u = new URL(r.authorizeEndpoint);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('client_id', r.clientId);
  u.searchParams.set('redirect_uri', r.redirectUri);
  u.searchParams.set('state', r.state);
  u.searchParams.set('code_challenge_method', 'S256');
  u.searchParams.set('scopes', r.scopes.join(' '));
  u.searchParams.set('code_challenge', r.challenge);
  return u.toString();
}

export type RedirectOutcome =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'error'; readonly message: string }
  /** Not the redirect we wait for (a favicon, a stale tab): keep waiting. */
  | { readonly kind: 'ignore' };

/** Reads the loopback redirect: the code when the state matches, the OAuth error otherwise. */
export function readRedirect(requestUrl: string, expectedState: string, callbackPath = '/oauth/callback'): RedirectOutcome {
  let u: URL;
  try {
    u = new URL(requestUrl, 'http://127.0.0.1');
  } catch {
    return { kind: 'ignore' };
  }
  if (u.pathname !== callbackPath) return { kind: 'ignore' };
  const state = u.searchParams.get('state');
  if (state !== expectedState) return { kind: 'ignore' };
  const error = u.searchParams.get('error');
  if (error) {
    const description = u.searchParams.get('error_description');
    // The OAuth error code and the server's description are values: a translator sees only {0} and {1}.
    if (error === 'access_denied') return { kind: 'error', message: l10n.t('the sign-in was denied in the browser') };
    return { kind: 'error', message: description ? l10n.t('the browser sign-in failed: {0} ({1})', error, description.slice(0, 200)) : l10n.t('the browser sign-in failed: {0}', error) };
  }
  const code = u.searchParams.get('code');
  return code ? { kind: 'code', code } : { kind: 'ignore' };
}
