/**
 * The console's federation endpoint (getSigninToken). The request URL carries the session's
 * credentials and the answer is a sign-in token: neither is ever put in an error or a log.
 */
import { signinTokenUrl, type SessionJsonCredentials } from '../core/console/signinUrls';

export class FederationError extends Error {
  constructor(message: string, readonly httpStatus?: number) {
    super(message);
    this.name = 'FederationError';
  }
}

export async function getSigninToken(federation: string, c: SessionJsonCredentials, sessionSeconds: number | undefined, timeoutMs = 15_000): Promise<string> {
  let res: Response;
  try {
    res = await fetch(signinTokenUrl(federation, c, sessionSeconds), { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new FederationError(`the federation endpoint ${new URL(federation).host} could not be reached (${cause})`);
  }
  const body = (await res.text()).slice(0, 4000);
  if (!res.ok) {
    // The endpoint answers errors in plain words; they never echo the credentials.
    const reason = body.includes('<') ? `HTTP ${res.status}` : body.replace(/\s+/g, ' ').trim().slice(0, 300);
    throw new FederationError(`the federation endpoint refused the session: ${reason || `HTTP ${res.status}`}`, res.status);
  }
  let token: unknown;
  try {
    token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || !token) throw new FederationError('the federation endpoint answered without a sign-in token');
  return token;
}
