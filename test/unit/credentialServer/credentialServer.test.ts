import * as assert from 'assert';
import * as net from 'net';
import { CredentialServer, refreshFailedBody } from '../../../src/node/credentialServer';
import { assertNoSentinel, SENTINEL } from '../sessions/redact.test';

/** A raw connection to the server's port, recording what it receives and when it is closed. */
function connect(url: string): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void>; isClosed: () => boolean }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    let data = '';
    let isClosed = false;
    const socket = net.connect(Number(port), '127.0.0.1');
    const closed = new Promise<void>((done) => socket.on('close', () => {
      isClosed = true;
      done();
    }));
    socket.on('data', (d) => (data += d.toString('utf8')));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => data, closed, isClosed: () => isClosed }));
    socket.once('error', reject);
  });
}

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

  it('reports a failed refresh as a fixed 500 text and logs the reason without secrets', async () => {
    const reasons: string[] = [];
    server = new CredentialServer({ onRequest: (i) => void (i.reason && reasons.push(i.reason)) });
    const grant = await server.register(async () => {
      throw new Error(`the session needs an MFA code; token ${SENTINEL.token} key ${SENTINEL.secret}`);
    });
    const r = await get(grant.url, grant.token);
    assert.strictEqual(r.status, 500);
    assert.deepStrictEqual(r.body, refreshFailedBody());
    assert.match(reasons.join('\n'), /refresh failed: the session needs an MFA code/);
    assertNoSentinel(reasons.join('\n'));
  });

  it('rejects other methods and stops listening on stop()', async () => {
    const grant = await server.register(supply);
    assert.strictEqual((await fetch(grant.url, { method: 'POST', headers: { Authorization: grant.token } })).status, 405);
    await server.stop();
    await assert.rejects(fetch(grant.url, { headers: { Authorization: grant.token } }));
  });

  describe('limits', () => {
    const tight = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300, socketTimeoutMs: 2_000, checkIntervalMs: 50, maxConnections: 3 };

    it('cuts off a client that sends its headers slowly, serving nothing', async () => {
      server = new CredentialServer({}, Date.now, tight);
      const grant = await server.register(supply);
      const c = await connect(grant.url);
      const path = new URL(grant.url).pathname;
      c.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
      const header = `Authorization: ${grant.token}\r\n`;
      let i = 0;
      const drip = setInterval(() => {
        if (i < header.length && !c.isClosed()) c.socket.write(header[i++]);
      }, 40);
      try {
        await c.closed;
      } finally {
        clearInterval(drip);
      }
      assert.strictEqual(served, 0);
      assert.doesNotMatch(c.received(), /SecretAccessKey/);
    });

    it('closes a kept-alive connection that stays idle after its request', async () => {
      server = new CredentialServer({}, Date.now, tight);
      const grant = await server.register(supply);
      const c = await connect(grant.url);
      c.socket.write(`GET ${new URL(grant.url).pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nAuthorization: ${grant.token}\r\n\r\n`);
      await c.closed;
      assert.match(c.received(), /^HTTP\/1\.1 200/);
    });

    it('sheds the oldest connection that sent nothing when the cap is reached, so the terminals are served', async () => {
      server = new CredentialServer({}, Date.now, { ...tight, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000, socketTimeoutMs: 60_000, silentTimeoutMs: 60_000 });
      const grant = await server.register(supply);
      const held = [await connect(grant.url), await connect(grant.url), await connect(grant.url)];
      assert.strictEqual((await get(grant.url, grant.token)).status, 200);
      await held[0].closed;
      assert.deepStrictEqual(held.map((h) => h.isClosed()), [true, false, false]);
      for (const h of held) h.socket.destroy();
    });

    it('closes a connection that sends nothing within the short idle limit', async () => {
      server = new CredentialServer({}, Date.now, { ...tight, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000, socketTimeoutMs: 60_000, silentTimeoutMs: 200 });
      const grant = await server.register(supply);
      const silent = await connect(grant.url);
      await silent.closed;
      assert.strictEqual(silent.received(), '');
    });

    it('serves 60 of 60 refreshes while another local process holds 16 idle connections and reopens each one closed', async function () {
      this.timeout(60_000);
      server = new CredentialServer();
      const grant = await server.register(supply);
      const path = new URL(grant.url).pathname;
      let stop = false;
      let reopened = 0;
      const open: net.Socket[] = [];
      // Each attacker connection is replaced as soon as the server closes it; half send a partial request and stop.
      const hold = async (partial: boolean): Promise<void> => {
        const c = await connect(grant.url).catch(() => undefined);
        if (!c) return;
        open.push(c.socket);
        if (partial) c.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
        void c.closed.then(() => {
          if (stop) return;
          reopened++;
          void hold(partial);
        });
      };
      for (let i = 0; i < 16; i++) await hold(i % 2 === 0);
      let ok = 0;
      try {
        for (let i = 0; i < 60; i++) if ((await get(grant.url, grant.token)).status === 200) ok++;
      } finally {
        stop = true;
        for (const s of open) s.destroy();
      }
      assert.strictEqual(ok, 60);
      assert.ok(reopened >= 60, `the attacker's connections were shed ${reopened} times`);
    });

    it('keeps a terminal\'s kept-alive connection over silent ones when shedding', async () => {
      server = new CredentialServer({}, Date.now, { ...tight, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 60_000, socketTimeoutMs: 60_000, silentTimeoutMs: 60_000 });
      const grant = await server.register(supply);
      const terminal = await connect(grant.url);
      const request = `GET ${new URL(grant.url).pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nAuthorization: ${grant.token}\r\n\r\n`;
      terminal.socket.write(request);
      while (!/\r\n\r\n[\s\S]*\}/.test(terminal.received())) await new Promise((r) => setTimeout(r, 10));
      const silent = [await connect(grant.url), await connect(grant.url)];
      // The cap is 3: this one sheds the oldest silent connection, not the older terminal's.
      const extra = await connect(grant.url);
      await silent[0].closed;
      assert.strictEqual(terminal.isClosed(), false);
      const before = terminal.received().length;
      terminal.socket.write(request);
      while (terminal.received().length === before) await new Promise((r) => setTimeout(r, 10));
      assert.match(terminal.received().slice(before), /^HTTP\/1\.1 200/);
      for (const c of [terminal, ...silent, extra]) c.socket.destroy();
    });
  });
});
