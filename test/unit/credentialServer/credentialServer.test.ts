import * as assert from 'assert';
import { CredentialServer } from '../../../src/node/credentialServer';

async function get(url: string, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { headers: token === undefined ? {} : { Authorization: token } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('loopback credential server', () => {
  let server: CredentialServer;
  let served = 0;
  const supply = async () => {
    served++;
    return { accessKeyId: `ASIA${served}`, secretAccessKey: 'secret', sessionToken: 'token', expiration: Date.UTC(2030, 0, 1) };
  };

  beforeEach(() => {
    server = new CredentialServer();
    served = 0;
  });
  afterEach(() => server.stop());

  it('binds 127.0.0.1 only and serves fresh credentials to the right token', async () => {
    const grant = await server.register(supply);
    assert.match(grant.url, /^http:\/\/127\.0\.0\.1:\d+\/credentials\/[0-9a-f]{32}$/);
    const first = await get(grant.url, grant.token);
    assert.strictEqual(first.status, 200);
    assert.deepStrictEqual(first.body, { AccessKeyId: 'ASIA1', SecretAccessKey: 'secret', Token: 'token', Expiration: '2030-01-01T00:00:00.000Z' });
    assert.strictEqual((await get(grant.url, grant.token)).body.AccessKeyId, 'ASIA2');
  });

  it('answers 401 without a token and 403 with a wrong one, with no credentials', async () => {
    const grant = await server.register(supply);
    const missing = await get(grant.url);
    assert.strictEqual(missing.status, 401);
    const wrong = await get(grant.url, `${grant.token}x`);
    assert.strictEqual(wrong.status, 403);
    assert.strictEqual(served, 0);
    assert.strictEqual(JSON.stringify([missing.body, wrong.body]).includes('secret'), false);
  });

  it('keeps each terminal to its own grant', async () => {
    const a = await server.register(supply);
    const b = await server.register(supply);
    assert.strictEqual((await get(a.url, b.token)).status, 403);
    assert.notStrictEqual(a.token, b.token);
  });

  it('revokes a grant', async () => {
    const grant = await server.register(supply);
    grant.revoke();
    assert.strictEqual((await get(grant.url, grant.token)).status, 403);
    assert.strictEqual(server.activeGrants, 0);
  });

  it('reports a failed refresh as 500 without details of the credentials', async () => {
    const grant = await server.register(async () => {
      throw new Error('the session needs an MFA code');
    });
    const r = await get(grant.url, grant.token);
    assert.strictEqual(r.status, 500);
    assert.match(String(r.body.message), /needs an MFA code/);
  });

  it('rejects other methods and stops listening on stop()', async () => {
    const grant = await server.register(supply);
    assert.strictEqual((await fetch(grant.url, { method: 'POST', headers: { Authorization: grant.token } })).status, 405);
    await server.stop();
    await assert.rejects(fetch(grant.url, { headers: { Authorization: grant.token } }));
  });
});
