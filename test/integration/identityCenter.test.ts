// IAM Identity Center and the console, against the sandbox's Identity Center on the loopback responder.
import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { command, failure, ok, waitFor, type Session } from './profilesHelpers';
import { testWorld } from './world';

interface Node { label: string; description?: string; contextValue?: string; children: Node[] }

const endpoint = () => testWorld().endpointUrl;
const cacheFile = (key: string) => path.join(os.homedir(), '.aws', 'sso', 'cache', `${crypto.createHash('sha1').update(key).digest('hex')}.json`);
const control = async (name: string, body?: unknown) => {
  const res = await fetch(`${endpoint()}/__sts-lens/sso/${name}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return res.json() as Promise<Record<string, unknown>>;
};
const DEFAULT_FAULTS = { slowDown: 0, expireDevice: false, revokeRefresh: false, tokenLifetimeSeconds: 8 * 3600 };

/** Starts the device sign-in and answers it on the responder the way a person does on its page. */
async function deviceSignIn(decision: 'allow' | 'deny' | 'none' = 'allow'): Promise<unknown> {
  const before = new Set(((await control('pending')).pending as { userCode: string }[]).map((p) => p.userCode));
  const result = command<unknown>('stsLens.sso.signIn', { ssoSession: 'sandbox', flow: 'device', openBrowser: false });
  if (decision !== 'none') {
    const code = await waitFor('a device code', async () => ((await control('pending')).pending as { userCode: string }[]).find((p) => !before.has(p.userCode))?.userCode);
    await control('approve', { userCode: code, deny: decision === 'deny' });
  }
  return result;
}

async function snapshot(): Promise<Node[]> {
  return command<Node[]>('stsLens.internal.identityCenterSnapshot');
}

describe('IAM Identity Center', function () {
  this.timeout(120_000);

  afterEach(async () => {
    await control('faults', DEFAULT_FAULTS);
    await command('stsLens.internal.setClockOffset', 0);
  });

  after(async () => {
    await command('stsLens.sso.signOut', { ssoSession: 'sandbox' });
  });

  it('signs in with the device code and writes the token where the AWS CLI and SDKs read it, owner-only', async () => {
    const r = await deviceSignIn('allow') as { expiresAt: number; flow: string };
    assert.strictEqual(r.flow, 'device');
    const file = cacheFile('sandbox');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepStrictEqual(Object.keys(doc), ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    assert.strictEqual(doc.startUrl, 'https://sts-lens-sandbox.awsapps.com/start');
    assert.match(doc.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    const tree = await snapshot();
    const sandbox = tree.find((n) => n.label === 'sandbox')!;
    assert.match(sandbox.description!, /^signed in · 7h 5\dm left$/);
    assert.deepStrictEqual(sandbox.children.map((a) => `${a.label} ${a.description}`), ['Sandbox Dev 123456789012', 'Sandbox Prod 210987654321']);
    assert.deepStrictEqual(sandbox.children[1].children.map((r) => r.label), ['AdministratorAccess', 'ReadOnly']);
  });

  it('starts a session for a role in another account with GetRoleCredentials, and renews it like any session', async () => {
    const s = await ok<Session>('stsLens.sso.startSession', { ssoSession: 'sandbox', accountId: '210987654321', roleName: 'ReadOnly' });
    assert.match(s.arn!, /^arn:aws:sts::210987654321:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]+\/sandbox-user$/);
    assert.strictEqual(s.operation, 'GetRoleCredentials');
    assert.ok(s.refreshable);
    const renewed = await ok<Session>('stsLens.refreshSession', { sessionId: s.id });
    assert.notStrictEqual(renewed.accessKeyId, s.accessKeyId);
    const tree = await snapshot();
    const role = tree[0].children[1].children.find((r) => r.label === 'ReadOnly')!;
    assert.match(role.description!, /^session \d+m left/);
    assert.strictEqual(role.contextValue, 'stsLens.sso.role.live');
  });

  it('opens the console through getSigninToken and login on the federation endpoint, for the session\'s time', async () => {
    const s = await ok<Session>('stsLens.sso.startSession', { ssoSession: 'sandbox', accountId: '123456789012', roleName: 'ReadOnly' });
    const r = await ok<{ url: string }>('stsLens.openConsole', { sessionId: s.id, open: false, destination: { kind: 'region', region: 'eu-west-1' } });
    const url = new URL(r.url);
    assert.strictEqual(`${url.origin}${url.pathname}`, `${endpoint()}/federation`);
    assert.strictEqual(url.searchParams.get('Action'), 'login');
    assert.strictEqual(url.searchParams.get('Destination'), 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    const page = await (await fetch(r.url)).text();
    assert.match(page, /Signed in to the AWS console/);
    assert.match(page, /assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]+\/sandbox-user/);
    const logins = (await (await fetch(`${endpoint()}/__sts-lens/federation/logins`)).json()) as { logins: { sessionSeconds: number }[] };
    const last = logins.logins[logins.logins.length - 1];
    assert.ok(last.sessionSeconds > 3000 && last.sessionSeconds <= 3600, `SessionDuration ${last.sessionSeconds} follows the session's hour`);
  });

  it('adds profiles for chosen roles after confirmation, and never changes one that exists', async () => {
    const config = testWorld().configFile;
    const before = fs.readFileSync(config, 'utf8');
    try {
      const r = await ok<{ added: string[]; skipped: string[] }>('stsLens.sso.addProfiles', { ssoSession: 'sandbox', roles: [{ accountId: '210987654321', roleName: 'ReadOnly' }, { accountId: '123456789012', roleName: 'PowerUser' }], template: '{account_name}-{role_name}', confirmed: true });
      assert.deepStrictEqual(r.added, ['Sandbox-Prod-ReadOnly', 'Sandbox-Dev-PowerUser']);
      const after = fs.readFileSync(config, 'utf8');
      assert.ok(after.startsWith(before), 'the existing text is unchanged');
      assert.match(after, /\[profile Sandbox-Prod-ReadOnly\]\nsso_session = sandbox\nsso_account_id = 210987654321\nsso_role_name = ReadOnly\nregion = us-east-1\n/);
      const again = await ok<{ added: string[]; skipped: string[] }>('stsLens.sso.addProfiles', { ssoSession: 'sandbox', roles: [{ accountId: '210987654321', roleName: 'ReadOnly' }], template: '{account_name}-{role_name}', confirmed: true });
      assert.deepStrictEqual(again.added, []);
      assert.match(again.skipped[0], /exists and is left as it is/);
      // The sign-in is listed under each profile that uses it and under "SSO sign-ins": VS Code
      // refuses a tree whose rows share an id, so each place has its own.
      interface Row { id?: string; label: string; children: Row[] }
      const rows: Row[] = [];
      const walk = (ns: Row[]) => ns.forEach((n) => (rows.push(n), walk(n.children)));
      walk(await command<Row[]>('stsLens.internal.treeSnapshot'));
      const signInRows = rows.filter((r) => r.label === 'SSO sign-in https://sts-lens-sandbox.awsapps.com/start');
      assert.ok(signInRows.length >= 3, `the sign-in under sso-dev, the added profiles and SSO sign-ins: ${signInRows.length}`);
      const ids = rows.map((r) => r.id).filter(Boolean);
      assert.strictEqual(new Set(ids).size, ids.length, 'every row has its own id');
    } finally {
      fs.writeFileSync(config, before);
      await command('stsLens.refreshProfiles');
    }
  });

  it('lists every role of an account with hundreds, across pages', async () => {
    await control('accounts', { accountId: '333333333333', accountName: 'Zz Big Account', roleCount: 250 });
    await command('stsLens.sso.refresh');
    const big = (await snapshot())[0].children.find((a) => a.label === 'Zz Big Account')!;
    assert.strictEqual(big.children.length, 250);
    assert.strictEqual(big.children[249].label, 'Role250');
  });

  it('refreshes the token with the refresh token before it expires, and asks to sign in again when it was revoked', async () => {
    const file = cacheFile('sandbox');
    const first = JSON.parse(fs.readFileSync(file, 'utf8'));
    // 7h 55m later the token is within the refresh window.
    await command('stsLens.internal.setClockOffset', (7 * 60 + 55) * 60_000);
    await ok<Session>('stsLens.sso.startSession', { ssoSession: 'sandbox', accountId: '123456789012', roleName: 'PowerUser' }).catch(() => undefined);
    const second = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.notStrictEqual(second.accessToken, first.accessToken);
    assert.notStrictEqual(second.refreshToken, first.refreshToken);
    await control('faults', { revokeRefresh: true });
    await command('stsLens.internal.setClockOffset', (16 * 60 + 5) * 60_000);
    const e = await failure('stsLens.sso.startSession', { ssoSession: 'sandbox', accountId: '123456789012', roleName: 'PowerUser' });
    assert.match(e.message, /can no longer be refreshed .* Sign in again/);
    assert.ok(!e.message.includes(second.refreshToken) && !e.message.includes(second.accessToken));
  });

  it('explains a denied and an expired device authorization, and keeps polling through slow_down', async () => {
    await command('stsLens.sso.signOut', { ssoSession: 'sandbox' });
    const denied = ((await deviceSignIn('deny')) as { error: { message: string } }).error;
    assert.match(denied.message, /denied in the browser\. Sign in again and choose Allow/);
    await control('faults', { expireDevice: true });
    const expired = ((await deviceSignIn('none')) as { error: { message: string } }).error;
    assert.match(expired.message, /expired before it was approved/);
    await control('faults', { expireDevice: false, slowDown: 1 });
    const r = await deviceSignIn('allow') as { expiresAt: number };
    assert.ok(r.expiresAt > Date.now());
  });

  it('never overwrites a corrupt file in the SSO cache, and signs out by removing the token', async () => {
    const file = cacheFile('sandbox');
    assert.strictEqual(await command('stsLens.sso.signOut', { ssoSession: 'sandbox' }), true);
    assert.ok(!fs.existsSync(file));
    fs.writeFileSync(file, '{"startUrl": "https://sts-lens-sandbox.awsapps.com/start", "accessTo');
    try {
      const e = await failure('stsLens.sso.signIn', { ssoSession: 'sandbox', flow: 'device', openBrowser: false });
      assert.match(e.message, /does not overwrite it: move it aside/);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), '{"startUrl": "https://sts-lens-sandbox.awsapps.com/start", "accessTo');
      assert.strictEqual((await snapshot())[0].description, 'cache file unusable');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
