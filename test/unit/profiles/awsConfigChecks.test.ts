import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintAwsConfig } from '../../../src/core/profiles/configLint';
import { lintAwsConfigErrorsOf } from '../../../src/core/profiles/configLintChain';
import { AwsConfigChecks, CheckSuperseded } from '../../../src/node/awsConfigChecks';
import { fixturePath } from '../fixtures';

/** The worker as tsc compiles it beside this test (esbuild's dist/awsConfigWorker.js bundles the same source). */
const WORKER = path.join(__dirname, '..', '..', '..', 'src', 'node', 'awsConfigWorker.js');

const ROLE = 'arn:aws:iam::123456789012:role/Deploy';
const fixture = (name: string) => fs.readFileSync(fixturePath('aws-config', name), 'utf8');

/** Config texts with findings of every kind: syntax, keys, values, chains, cycles, SSO, and more of one code than are listed. */
const TEXTS: Record<string, string> = {
  broken: fixture('broken.config'),
  cycle: fixture('cycle.config'),
  kinds: fixture('kinds.config'),
  chains: Array.from({ length: 3_000 }, (_, i) => `[profile p${i}]\nrole_arn = ${i % 7 ? ROLE : `x${i}`}\nsource_profile = ${i ? `p${i - 1}` : 'dev'}\nduration_seconds = ${i % 5 ? 3600 : 50_000}\nregoin = eu-west-1\n`).join('') + '[profile loop]\nsource_profile = loop\nrole_arn = ' + ROLE + '\n',
};
/** The credentials file's profile names: the only part of it that crosses to the worker. */
const OTHERS = ['dev', 'base'];

describe('the config linter\'s checks of a large AWS config run in a worker thread', function () {
  this.timeout(60_000);
  const warnings: string[] = [];
  const checks = (workerPath = WORKER, minWorkerChars = 0) => new AwsConfigChecks({ workerPath, warn: (m) => warnings.push(m), minWorkerChars });
  beforeEach(() => (warnings.length = 0));

  for (const [name, text] of Object.entries(TEXTS)) {
    it(`gives the Problems panel the findings, words, ranges and fixes the in-thread lint gives (${name})`, async () => {
      const c = checks();
      assert.deepStrictEqual(await c.lint('doc', text, OTHERS), lintAwsConfig(text, 'config', { otherFileProfiles: OTHERS }));
      assert.strictEqual(c.workerJobs, 1, 'the text went to the worker');
      assert.deepStrictEqual(warnings, []);
    });
  }

  it('gives Start Session the errors of a chain that the in-thread check gives, broken chains and loops included', async () => {
    const c = checks();
    for (const chain of [['p1', 'p0'], ['p14', 'p13', 'p12'], ['p35'], ['loop'], ['a', 'b', 'c']]) {
      const names = new Set(chain);
      const inThread = lintAwsConfigErrorsOf(TEXTS.chains + TEXTS.cycle, 'config', names, OTHERS);
      assert.deepStrictEqual(await c.chainErrors(TEXTS.chains + TEXTS.cycle, names, OTHERS), inThread, chain.join(' '));
      if (chain[0] !== 'p1') assert.ok(inThread.length > 0, `the chain ${chain.join(' ')} has errors to compare`);
    }
    assert.strictEqual(c.workerJobs, 5);
  });

  it('a newer lint of the same document ends the one under way; another document\'s lint goes on', async () => {
    const c = checks();
    const older = c.lint('doc', TEXTS.chains, OTHERS);
    const other = c.lint('other', TEXTS.kinds, OTHERS);
    const newer = c.lint('doc', TEXTS.broken, OTHERS);
    await assert.rejects(older, CheckSuperseded);
    assert.deepStrictEqual(await newer, lintAwsConfig(TEXTS.broken, 'config', { otherFileProfiles: OTHERS }));
    assert.deepStrictEqual(await other, lintAwsConfig(TEXTS.kinds, 'config', { otherFileProfiles: OTHERS }));
  });

  it('checks a text under the worker\'s threshold on the calling thread', async () => {
    const c = checks(WORKER, 128 * 1024);
    assert.deepStrictEqual(await c.lint('doc', TEXTS.kinds, OTHERS), lintAwsConfig(TEXTS.kinds, 'config', { otherFileProfiles: OTHERS }));
    assert.strictEqual(c.workerJobs, 0);
  });

  it('checks on the calling thread, with the same findings and a warning that says why, when the worker cannot start or dies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-config-checks-'));
    try {
      const missing = checks(path.join(dir, 'no-such-worker.js'));
      assert.deepStrictEqual(await missing.lint('doc', TEXTS.broken, OTHERS), lintAwsConfig(TEXTS.broken, 'config', { otherFileProfiles: OTHERS }));
      assert.match(warnings.join('\n'), /could not run \(.*no-such-worker\.js is missing\): config files are checked on the extension host's thread instead/);
      const crashing = path.join(dir, 'crash.js');
      fs.writeFileSync(crashing, 'throw new Error("no linter here");');
      const names = new Set(['loop']);
      assert.deepStrictEqual(await checks(crashing).chainErrors(TEXTS.chains, names, OTHERS), lintAwsConfigErrorsOf(TEXTS.chains, 'config', names, OTHERS));
      assert.match(warnings.join('\n'), /no linter here/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends the checks under way when disposed', async () => {
    const c = checks();
    const running = c.lint('doc', TEXTS.chains, OTHERS);
    c.dispose();
    await assert.rejects(running, /disposed/);
    await assert.rejects(c.chainErrors(TEXTS.kinds, new Set(['a']), OTHERS), /disposed/);
  });
});
