import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { repoRoot } from '../fixtures';
import { CREDENTIAL_PORTS, listenLoopback, portRange } from '../../../src/node/loopbackPort';

const close = (s: http.Server) => new Promise<void>((resolve) => s.close(() => resolve()));

describe('loopback port for the credential server', () => {
  it('covers the range that package.json tells remote setups not to forward', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { configurationDefaults: Record<string, Record<string, { onAutoForward?: string }>> } };
    const attrs = pkg.contributes.configurationDefaults['remote.portsAttributes'];
    assert.strictEqual(attrs[`${CREDENTIAL_PORTS.first}-${CREDENTIAL_PORTS.last}`]?.onAutoForward, 'ignore');
    assert.deepStrictEqual(portRange({ first: 5, last: 7 }), [5, 6, 7]);
  });

  it('takes the first free port of the range, skips busy ones, and falls back to any port', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = http.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const busy = http.createServer();
    await listenLoopback(busy, [free]);
    const next = http.createServer();
    const fallback = http.createServer();
    try {
      const got = await listenLoopback(next, [free, free + 1]);
      assert.notStrictEqual(got, free);
      const any = await listenLoopback(fallback, [free]);
      assert.ok(any > 0 && any !== free);
      assert.strictEqual((fallback.address() as { address: string }).address, '127.0.0.1');
    } finally {
      await Promise.all([close(busy), close(next), close(fallback)]);
    }
  });
});
