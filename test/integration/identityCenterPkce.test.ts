// The browser sign-in to IAM Identity Center: the authorization-code flow with PKCE and a loopback
// redirect, as AWS CLI v2 does it, completed against the responder's authorize page.
import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { command, failure, waitFor } from './profilesHelpers';
import { testWorld } from './world';

const endpoint = () => testWorld().endpointUrl;
const cacheDir = () => path.join(os.homedir(), '.aws', 'sso', 'cache');
const tokenFile = () => path.join(cacheDir(), `${crypto.createHash('sha1').update('sandbox').digest('hex')}.json`);
const HIDDEN = /<input type="hidden" name="(\w+)" value="([^"]*)">/g;
const unescapeHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** Starts the browser sign-in and returns the authorize URL the extension would open, with the command's result. */
async function startBrowserSignIn(): Promise<{ authorize: URL; result: Promise<unknown> }> {
  const before = await command<string | undefined>('stsLens.internal.ssoPageLeftToCaller');
  const result = command<unknown>('stsLens.sso.signIn', { ssoSession: 'sandbox', flow: 'browser', openBrowser: false });
  const url = await waitFor('the authorize URL', async () => {
    const u = await command<string | undefined>('stsLens.internal.ssoPageLeftToCaller');
    return u && u !== before && new URL(u).pathname === '/authorize' ? u : undefined;
  });
  return { authorize: new URL(url), result };
}

/** Does what a person's browser does on the authorize page: loads it and submits the form; returns the redirect. */
async function answerInBrowser(authorize: URL, decision: 'allow' | 'deny'): Promise<URL> {
  const pageRes = await fetch(authorize);
  assert.strictEqual(pageRes.status, 200);
  const page = await pageRes.text();
  assert.match(page, /Allow access/);
  const form = new URLSearchParams([...page.matchAll(HIDDEN)].map((m): [string, string] => [m[1], unescapeHtml(m[2])]));
  form.set('decision', decision);
  const res = await fetch(new URL('/authorize', authorize), { method: 'POST', body: form, redirect: 'manual' });
  assert.strictEqual(res.status, 302);
  return new URL(res.headers.get('location')!);
}

describe('IAM Identity Center: the browser sign-in with PKCE', function () {
  this.timeout(120_000);

  beforeEach(async () => {
    await command('stsLens.sso.signOut', { ssoSession: 'sandbox' });
  });

  after(async () => {
    await command('stsLens.sso.signOut', { ssoSession: 'sandbox' });
  });

  it('completes through the loopback redirect; the token exchange checks "BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) == code_challenge" (RFC 7636 4.6)', async () => {
    const { authorize, result } = await startBrowserSignIn();
    assert.strictEqual(authorize.searchParams.get('response_type'), 'code');
    assert.strictEqual(authorize.searchParams.get('code_challenge_method'), 'S256');
    // "BASE64URL-ENCODE(SHA256(...))" of 32 bytes is 43 characters without padding.
    assert.match(authorize.searchParams.get('code_challenge')!, /^[\w-]{43}$/);
    const redirectUri = new URL(authorize.searchParams.get('redirect_uri')!);
    assert.strictEqual(redirectUri.hostname, '127.0.0.1');
    assert.strictEqual(redirectUri.pathname, '/oauth/callback');
    assert.ok(!authorize.toString().includes('code_verifier'), 'the verifier never goes to the browser');

    const redirect = await answerInBrowser(authorize, 'allow');
    assert.strictEqual(`${redirect.origin}${redirect.pathname}`, `${redirectUri.origin}${redirectUri.pathname}`);
    assert.strictEqual(redirect.searchParams.get('state'), authorize.searchParams.get('state'));
    assert.ok(redirect.searchParams.get('code'));
    const landing = await fetch(redirect);
    assert.match(await landing.text(), /STS Lens received the sign-in/);

    const r = (await result) as { flow: string; expiresAt: number };
    assert.strictEqual(r.flow, 'browser');
    assert.ok(r.expiresAt > Date.now() + 3600_000);
    const doc = JSON.parse(fs.readFileSync(tokenFile(), 'utf8'));
    assert.strictEqual(doc.startUrl, 'https://sts-lens-sandbox.awsapps.com/start');
    assert.ok(doc.refreshToken, 'an sso-session sign-in keeps its refresh token');
    assert.strictEqual(fs.statSync(tokenFile()).mode & 0o777, 0o600);
    const tree = await command<{ label: string; description: string; children: { label: string }[] }[]>('stsLens.internal.identityCenterSnapshot');
    assert.match(tree[0].description, /^signed in · 7h 5\dm left$/);
    assert.deepStrictEqual(tree[0].children.map((a) => a.label).slice(0, 2), ['Sandbox Dev', 'Sandbox Prod']);
  });

  it('refuses an authorization code redeemed with another code_verifier, and the sign-in says what failed', async () => {
    const { authorize, result } = await startBrowserSignIn();
    const redirect = await answerInBrowser(authorize, 'allow');
    const clientId = authorize.searchParams.get('client_id')!;
    const registration = fs.readdirSync(cacheDir()).map((f) => JSON.parse(fs.readFileSync(path.join(cacheDir(), f), 'utf8')) as { clientId?: string; clientSecret?: string }).find((d) => d.clientId === clientId);
    assert.ok(registration?.clientSecret, 'the client registration is in the SSO cache');
    // Someone who caught the code but not the verifier: the challenge itself ("plain"), then a guess.
    const stolen = await fetch(`${endpoint()}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, clientSecret: registration.clientSecret, grantType: 'authorization_code', code: redirect.searchParams.get('code'), redirectUri: authorize.searchParams.get('redirect_uri'), codeVerifier: authorize.searchParams.get('code_challenge') }),
    });
    assert.strictEqual(stolen.status, 400);
    assert.deepStrictEqual(await stolen.json(), { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    await fetch(redirect);
    const e = ((await result) as { error: { message: string } }).error;
    assert.match(e.message, /refused the authorization code from the browser .*PKCE verifier\)\. Sign in again\./);
    assert.ok(!fs.existsSync(tokenFile()), 'no token was written');
  });

  it('says so when the request is denied in the browser', async () => {
    const { authorize, result } = await startBrowserSignIn();
    const redirect = await answerInBrowser(authorize, 'deny');
    assert.strictEqual(redirect.searchParams.get('error'), 'access_denied');
    const landing = await fetch(redirect);
    assert.match(await landing.text(), /Sign-in not completed/);
    const e = ((await result) as { error: { message: string } }).error;
    assert.match(e.message, /the sign-in was denied in the browser/);
    assert.ok(!fs.existsSync(tokenFile()));
    // Nothing is left waiting: the next sign-in starts cleanly.
    assert.ok((await failure('stsLens.sso.startSession', { ssoSession: 'sandbox', accountId: '123456789012', roleName: 'ReadOnly' })).message.includes('not signed in'));
  });
});
