/**
 * The loopback redirect of the authorization-code sign-in (RFC 8252 section 7.3): a server on
 * 127.0.0.1 and a free port that waits for `/oauth/callback?code=…&state=…` and then closes.
 */
import * as l10n from '@vscode/l10n';
import * as http from 'http';
import { readRedirect } from '../core/sso/pkce';

export interface LoopbackRedirect {
  readonly redirectUri: string;
  /** The authorization code; rejects on an OAuth error, a timeout or cancel(). */
  readonly code: Promise<string>;
  cancel(reason: string): void;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The page the browser shows after the redirect, in the display language (`language`, VS Code's `env.language`). */
const PAGE = (language: string, title: string, text: string) => `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font:16px system-ui,sans-serif;max-width:34rem;margin:4rem auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;

export async function startLoopbackRedirect(state: string, timeoutMs: number, language = 'en'): Promise<LoopbackRedirect> {
  let settle: { resolve: (code: string) => void; reject: (e: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // The caller awaits the code only once the browser is open: a sign-in refused sooner is handled
  // then, and is not an unhandled rejection meanwhile.
  code.catch(() => undefined);
  const server = http.createServer((req, res) => {
    const outcome = readRedirect(req.url ?? '/', state);
    if (outcome.kind === 'ignore') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(l10n.t('Not found'));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(outcome.kind === 'code'
      ? PAGE(language, l10n.t('Signed in'), l10n.t('STS Lens received the sign-in. You can close this tab and return to VS Code.'))
      : PAGE(language, l10n.t('Sign-in not completed'), l10n.t('Return to VS Code to try again.')));
    finish(outcome.kind === 'code' ? undefined : new Error(outcome.message), outcome.kind === 'code' ? outcome.code : undefined);
  });
  const timer = setTimeout(() => finish(new Error(l10n.t('the browser sign-in was not completed in time. Sign in again, or choose the device code sign-in.'))), timeoutMs);
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
