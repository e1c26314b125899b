import * as assert from 'assert';
import * as http from 'http';
import { startLoopbackRedirect } from '../../../src/node/loopbackRedirect';

/** Sends the browser's redirect to the loopback server and resolves with its status once the page is read. */
function redirectTo(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

describe('loopback redirect of the browser sign-in', () => {
  it('a sign-in the browser refuses before the caller waits for the code is no unhandled rejection, and the caller still gets the refusal', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const redirect = await startLoopbackRedirect('st1', 60_000);
      assert.strictEqual(await redirectTo(`${redirect.redirectUri}?error=access_denied&state=st1`), 200);
      // Node reports an unhandled rejection after the microtasks of the turn that rejected it.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepStrictEqual(unhandled, []);
      await assert.rejects(redirect.code, /denied/);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
