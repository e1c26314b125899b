/**
 * The loopback redirect of the authorization-code sign-in (RFC 8252 section 7.3): a server on
 * 127.0.0.1 and a free port that waits for `/oauth/callback?code=…&state=…` and then closes.
 */
import * as http from 'http';
import { readRedirect } from '../core/sso/pkce';

export interface LoopbackRedirect {
  readonly redirectUri: string;
  /** The authorization code; rejects on an OAuth error, a timeout or cancel(). */
  readonly code: Promise<string>;
  cancel(reason: string): void;
}

const PAGE = (title: string, text: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font:16px system-ui,sans-serif;max-width:34rem;margin:4rem auto"><h1>${title}</h1><p>${text}</p></body></html>`;

export async function startLoopbackRedirect(state: string, timeoutMs: number): Promise<LoopbackRedirect> {
  let settle: { resolve: (code: string) => void; reject: (e: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const server = http.createServer((req, res) => {
    const outcome = readRedirect(req.url ?? '/', state);
    if (outcome.kind === 'ignore') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(outcome.kind === 'code' ? PAGE('Signed in', 'STS Lens received the sign-in. You can close this tab and return to VS Code.') : PAGE('Sign-in not completed', 'Return to VS Code to try again.'));
    finish(outcome.kind === 'code' ? undefined : new Error(outcome.message), outcome.kind === 'code' ? outcome.code : undefined);
  });
  const timer = setTimeout(() => finish(new Error('the browser sign-in was not completed in time. Sign in again, or choose the device code sign-in.')), timeoutMs);
  function finish(error: Error | undefined, value?: string): void {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections?.();
    if (error) settle?.reject(error);
    else settle?.resolve(value!);
  }
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { redirectUri: `http://127.0.0.1:${port}/oauth/callback`, code, cancel: (reason) => finish(new Error(reason)) };
}
