/**
 * The two URLs of a console sign-in ("Enable custom identity broker access to the AWS console"):
 * getSigninToken with the session's credentials, and the login URL with the sign-in token. Both
 * carry secrets: callers must never log or store them. No words here, so that dist/aws.js, which
 * requests the first, holds none of src/core's (see federation.ts).
 */

export interface SessionJsonCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/** The getSigninToken request URL. Contains the credentials: never log it. */
export function signinTokenUrl(federation: string, c: SessionJsonCredentials, sessionSeconds: number | undefined): string {
  const u = new URL(federation);
  u.searchParams.set('Action', 'getSigninToken');
  if (sessionSeconds !== undefined) u.searchParams.set('SessionDuration', String(sessionSeconds));
  u.searchParams.set('Session', JSON.stringify({ sessionId: c.accessKeyId, sessionKey: c.secretAccessKey, sessionToken: c.sessionToken }));
  return u.toString();
}

/** The sign-in URL the browser opens. It signs in whoever opens it within 15 minutes: never log or store it. */
export function loginUrl(federation: string, signinToken: string, destination: string, issuer = 'https://github.com/sts-lens/sts-lens'): string {
  const u = new URL(federation);
  u.searchParams.set('Action', 'login');
  u.searchParams.set('Issuer', issuer);
  u.searchParams.set('Destination', destination);
  u.searchParams.set('SigninToken', signinToken);
  return u.toString();
}
