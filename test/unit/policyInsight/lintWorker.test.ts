import * as assert from 'assert';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { LintRequest, LintResponse } from '../../../src/vscode/policy/lintRequest';
import { lintRequest } from '../../../src/vscode/policy/lintRequest';
import { readFixture } from './helpers';

describe('policy lint worker', function () {
  this.timeout(30_000);

  it('lints in a worker thread and answers each request by id', async () => {
    const worker = new Worker(path.join(__dirname, '..', '..', '..', 'src', 'vscode', 'policy', 'lintWorker.js'));
    try {
      const ask = (req: LintRequest) =>
        new Promise<LintResponse>((resolve) => {
          const onMessage = (res: LintResponse) => {
            if (res.id !== req.id) return;
            worker.off('message', onMessage);
            resolve(res);
          };
          worker.on('message', onMessage);
          worker.postMessage(req);
        });
      const [a, b] = await Promise.all([
        ask({ id: 1, regions: [{ text: readFixture('misspelt-action.json'), policyType: 'auto' }] }),
        ask({ id: 2, regions: [{ text: readFixture('trust-cross-account.json'), policyType: 'auto' }, { text: '{', policyType: 'IDENTITY_POLICY' }] }),
      ]);
      assert.ok(a.ok && b.ok);
      assert.ok(a.results[0].findings.some((f) => (f as { issueCode: string }).issueCode === 'INVALID_ACTION'));
      assert.deepStrictEqual(b.results.map((r) => r.policyType), ['TRUST_POLICY', 'IDENTITY_POLICY']);
      assert.ok(b.results[1].findings.some((f) => (f as { issueCode: string }).issueCode === 'JSON_SYNTAX_ERROR'));
    } finally {
      await worker.terminate();
    }
  });

  it('gives the same answer in process (the fallback when no worker can start)', async () => {
    const res = await lintRequest({ id: 7, regions: [{ text: readFixture('misspelt-action.json'), policyType: 'auto' }] });
    assert.strictEqual(res.id, 7);
    assert.ok(res.ok && res.results[0].findings.some((f) => (f as { issueCode: string }).issueCode === 'INVALID_ACTION'));
  });
});
