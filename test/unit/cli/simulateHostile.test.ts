import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSimulate } from '../../../src/cli/simulate';
import { repoRoot } from '../fixtures';
import { testCatalog } from '../policy/catalog';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const POLICY = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const REQUEST = { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };

/** Runs `sts-lens simulate` in `cwd` with a small heap, so that memory growing with cases × size fails the run. */
function simulate(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', CLI, 'simulate', ...args], { encoding: 'utf8', cwd, timeout: 120_000, maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

describe('sts-lens simulate: hostile scenario files', function () {
  this.timeout(180_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-hostile-scenario-'));
    fs.mkdirSync(path.join(dir, 'project', 'policies'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'project', '.sts-lens.json'), '{}\n');
    fs.writeFileSync(path.join(dir, 'project', 'policies', 'read.json'), JSON.stringify(POLICY));
    fs.writeFileSync(path.join(dir, 'outside.json'), JSON.stringify(POLICY));
  });

  const write = (name: string, scenario: unknown) => {
    fs.writeFileSync(path.join(dir, 'project', name), typeof scenario === 'string' ? scenario : JSON.stringify(scenario, null, 1));
    return name;
  };

  it('10,000 cases with inline policies in one file run in a 256 MB heap, each named by its "name"', () => {
    const cases = Array.from({ length: 10_000 }, (_, i) => ({ name: `case number ${i}`, request: REQUEST, identityPolicies: [POLICY], expect: 'Allowed' }));
    write('many.policytest.json', cases);
    const r = simulate(path.join(dir, 'project'), ['many.policytest.json']);
    assert.strictEqual(r.status, 0, r.stderr.slice(0, 2000));
    assert.match(r.stdout, /^PASS +many\.policytest\.json#9999 \(case number 9999\) +Allowed/m);
    assert.match(r.stdout, /10000 scenarios: 10000 passed, 0 failed/);
  });

  it('writes each outcome as soon as it is evaluated, not all of them at the end, in the same text and JSON', () => {
    const cases = Array.from({ length: 300 }, (_, i) => ({ name: `case number ${i}`, request: REQUEST, identityPolicies: [POLICY], expect: i % 2 ? 'Allowed' : 'ImplicitlyDenied' }));
    const file = path.join(dir, 'project', write('many.policytest.json', cases));
    for (const format of ['text', 'json']) {
      const chunks: string[] = [];
      const status = runSimulate(['--format', format, file], (s) => chunks.push(s), () => undefined, testCatalog());
      assert.strictEqual(status, 1);
      // One write per case, then the summary or the closing bracket.
      assert.strictEqual(chunks.length, 301, format);
      const whole = chunks.join('');
      if (format === 'json') assert.deepStrictEqual((JSON.parse(whole) as { name: string; pass: boolean }[]).map((o) => [o.name, o.pass]), cases.map((c, i) => [c.name, i % 2 === 1]));
      else {
        assert.match(chunks[0], /^FAIL {2}\S*many\.policytest\.json#0 \(case number 0\) +Allowed \(expected ImplicitlyDenied\)/);
        assert.match(whole, /\n\n300 scenarios: 150 passed, 150 failed\n$/);
      }
    }
  });

  it('a file of 100,000 scenarios is refused with its count and exit 2, in a 256 MB heap, and the other files still run', () => {
    fs.writeFileSync(path.join(dir, 'project', 'huge.policytest.json'), `[${Array.from({ length: 100_000 }, () => JSON.stringify({ request: REQUEST, identityPolicies: ['policies/read.json'], expect: 'Allowed' })).join(',\n')}]`);
    write('one.json', { request: REQUEST, identityPolicies: ['policies/read.json'], expect: 'Allowed' });
    const r = simulate(path.join(dir, 'project'), ['huge.policytest.json', 'one.json']);
    assert.strictEqual(r.status, 2, r.stderr.slice(0, 2000));
    assert.match(r.stdout, /^ERROR huge\.policytest\.json\n {6}the file holds 100,000 scenarios, more than the 20,000 read from one file: split it into files of at most 20,000 scenarios\.$/m);
    assert.match(r.stdout, /^PASS +one\.json +Allowed/m);
    assert.match(r.stdout, /2 scenarios: 1 passed, 0 failed, 1 error$/m);
  });

  it('8,000 levels of nesting are a clear error with exit 2, never a RangeError', () => {
    write('deep.json', `{"request": ${'['.repeat(8000)}${']'.repeat(8000)}}`);
    write('deep-array.json', `${'['.repeat(8000)}${']'.repeat(8000)}`);
    const r = simulate(path.join(dir, 'project'), ['deep.json', 'deep-array.json']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stdout, /deep\.json\n {6}objects and arrays nest more than 68 levels deep at line 1, column 80;/);
    assert.match(r.stdout, /deep-array\.json\n {6}objects and arrays nest more than 68 levels deep/);
    assert.doesNotMatch(r.all, /RangeError|Maximum call stack|\n {4}at /);
  });

  it('an inline policy over the 1 MiB limit says so, not that the document is empty', () => {
    const big = { ...POLICY, Statement: [{ ...POLICY.Statement[0], Sid: 'x'.repeat(1_100_000) }] };
    write('big.json', { request: REQUEST, identityPolicies: [big], expect: 'Allowed' });
    const r = simulate(path.join(dir, 'project'), ['big.json']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stdout, /identityPolicies\[0\]: the inline policy is 1\.0 MB, over the 1\.0 MB limit of a policy document/);
    assert.doesNotMatch(r.all, /empty/);
  });

  it('policy paths are read only inside the project, only as regular files; errors name the path as written, never content', () => {
    fs.symlinkSync(path.join(dir, 'outside.json'), path.join(dir, 'project', 'policies', 'link.json'));
    const fifo = path.join(dir, 'project', 'policies', 'fifo.json');
    const made = spawnSync('mkfifo', [fifo]).status === 0;
    const paths = ['../outside.json', path.join(dir, 'outside.json'), 'policies/link.json', '/dev/zero', '/proc/self/environ', 'policies/../../outside.json', ...(made ? ['policies/fifo.json'] : [])];
    for (const [i, p] of paths.entries()) write(`s${i}.json`, { request: REQUEST, identityPolicies: [p], expect: 'Allowed' });
    write('big-file.json', { request: REQUEST, identityPolicies: ['policies/huge.json'], expect: 'Allowed' });
    fs.writeFileSync(path.join(dir, 'project', 'policies', 'huge.json'), `{"Version": "2012-10-17", "Statement": [], "x": "${'y'.repeat(2_000_000)}"}`);
    const started = Date.now();
    const r = simulate(path.join(dir, 'project'), [...paths.map((_, i) => `s${i}.json`), 'big-file.json']);
    assert.ok(Date.now() - started < 60_000, 'never reads /dev/zero or waits on the FIFO');
    assert.strictEqual(r.status, 2, r.all);
    const root = fs.realpathSync(path.join(dir, 'project'));
    assert.match(r.stdout, new RegExp(`the policy file \\.\\./outside\\.json is outside the project folder \\(${root.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\); --allow-outside-project reads it anyway\\.`));
    assert.match(r.stdout, /the policy file \/dev\/zero is outside the project folder/);
    assert.match(r.stdout, /the policy file \/proc\/self\/environ is outside the project folder/);
    assert.match(r.stdout, /the policy file policies\/link\.json is a link to a file outside the project folder/);
    assert.match(r.stdout, /the policy file policies\/\.\.\/\.\.\/outside\.json is outside the project folder/);
    if (made) assert.match(r.stdout, /the policy file policies\/fifo\.json is not a regular file/);
    assert.match(r.stdout, /the policy file policies\/huge\.json is 1\.9 MB, over the 1\.0 MB limit of a policy document/);
    assert.doesNotMatch(r.all, /PATH=|HOME=|yyyy/);
    assert.match(r.stdout, /0 passed, 0 failed, \d+ errors/);
  });

  it('--allow-outside-project reads a regular file outside the project, still never a device', () => {
    write('out.json', { request: REQUEST, identityPolicies: ['../outside.json'], expect: 'Allowed' });
    write('dev.json', { request: REQUEST, identityPolicies: ['/dev/zero'], expect: 'Allowed' });
    const r = simulate(path.join(dir, 'project'), ['--allow-outside-project', 'out.json', 'dev.json']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stdout, /^PASS +out\.json +Allowed/m);
    assert.match(r.stdout, /the policy file \/dev\/zero is not a regular file/);
  });

  it('a scenario file that is a device, a folder or missing is a clear error with exit 2', () => {
    fs.mkdirSync(path.join(dir, 'project', 'folder.json'));
    const r = simulate(path.join(dir, 'project'), ['/dev/zero', 'folder.json', 'absent.json']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stdout, /cannot read \/dev\/zero: not a regular file/);
    assert.match(r.stdout, /cannot read folder\.json: it is a folder, not a scenario file/);
    assert.match(r.stdout, /cannot read absent\.json: no such file/);
  });
});
