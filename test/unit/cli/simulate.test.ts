import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fixturePath, repoRoot } from '../fixtures';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const fx = (name: string) => path.relative(repoRoot(), fixturePath('evaluation', name));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'simulate', ...args], { encoding: 'utf8', cwd: repoRoot() });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sts-lens simulate (bundled CLI)', function () {
  this.timeout(60_000);

  before(function () {
    if (!fs.existsSync(CLI) || fs.statSync(CLI).mtimeMs < fs.statSync(path.join(repoRoot(), 'src', 'cli', 'simulate.ts')).mtimeMs) {
      const b = spawnSync(process.execPath, [path.join(repoRoot(), 'esbuild.js')], { cwd: repoRoot(), encoding: 'utf8' });
      assert.strictEqual(b.status, 0, b.stderr);
    }
  });

  it('passes scenarios whose decision is the expected one, and exits 0', () => {
    const r = cli([fx('allowed.json'), fx('denied-from-home.json')]);
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^PASS +test\/fixtures\/evaluation\/allowed\.json +Allowed: allowed by Allow "ReadReports" in Identity-based policy policies\/dev\.json$/m);
    assert.match(r.stdout, /^PASS +test\/fixtures\/evaluation\/denied-from-home\.json +ExplicitlyDenied: denied by Deny "DenyOutsideOffice" in SCP policies\/guardrail-scp\.json$/m);
    assert.match(r.stdout, /2 scenarios: 2 passed, 0 failed/);
  });

  it('fails a scenario whose decision differs, explains it, and exits 1', () => {
    const r = cli([fx('allowed.json'), fx('wrong-expectation.json')]);
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /^FAIL +test\/fixtures\/evaluation\/wrong-expectation\.json +ImplicitlyDenied \(expected Allowed\)/m);
    assert.match(r.stdout, /Action does not include s3:PutObject/);
  });

  it('runs every case of a file that holds an array, naming each FILE#INDEX with lines of the file', () => {
    const r = cli(['--format', 'json', fx('cases.json')]);
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as { file: string; decision: string; pass: boolean; deciding: { statement: { location: { span: { start: { line: number } } } } }[] }[];
    assert.deepStrictEqual(out.map((o) => [o.file, o.decision, o.pass]), [
      ['test/fixtures/evaluation/cases.json#0', 'Allowed', true],
      ['test/fixtures/evaluation/cases.json#1', 'Allowed', false],
    ]);
    const text = cli([fx('cases.json')]);
    assert.match(text.stdout, /^FAIL +test\/fixtures\/evaluation\/cases\.json#1 +Allowed \(expected ImplicitlyDenied\)/m);
    assert.match(text.stdout, /Allow "WriteReports" \(line 14\)/);
  });

  it('writes JSON in argument order', () => {
    const r = cli(['--format', 'json', fx('wrong-expectation.json'), fx('allowed.json')]);
    assert.strictEqual(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.deepStrictEqual(out.map((o: { file: string; decision: string; expected: string; pass: boolean }) => [o.file, o.decision, o.expected, o.pass]), [
      [fx('wrong-expectation.json'), 'ImplicitlyDenied', 'Allowed', false],
      [fx('allowed.json'), 'Allowed', 'Allowed', true],
    ]);
    assert.strictEqual(out[1].deciding[0].statement.sid, 'ReadReports');
    assert.deepStrictEqual(out[1].deciding[0].statement.location.path, [{ value: 'Statement' }, { index: 0 }]);
    assert.ok(out[1].trace.length >= 3);
  });

  it('--explain prints each policy, statement and condition', () => {
    const r = cli(['--explain', fx('denied-from-home.json')]);
    assert.match(r.stdout, /SCP \(root level\) policies\/guardrail-scp\.json: denies/);
    assert.match(r.stdout, /✓ NotIpAddress aws:SourceIp: request \["198\.51\.100\.20"\], policy \["203\.0\.113\.0\/24","2001:db8::\/32"\]/);
  });

  it('reports unreadable and malformed scenarios per file, without a stack trace, and exits 2', () => {
    const r = cli([fx('missing-policy-file.json'), fx('malformed.json'), fx('absent.json'), fx('allowed.json')]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stdout, /cannot read the policy file policies\/nope\.json/);
    assert.match(r.stdout, /malformed\.json\n +not valid JSON: CloseBraceExpected at line 2, column 1\./);
    assert.match(r.stdout, /cannot read .*absent\.json: no such file/);
    assert.match(r.stdout, /^PASS .*allowed\.json/m);
    assert.doesNotMatch(r.stdout + r.stderr, /\n[ \t]+at /);
  });

  it('passes the documented examples', () => {
    const dir = path.join(repoRoot(), 'docs', 'examples', 'simulate');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.relative(repoRoot(), path.join(dir, f)));
    const r = cli(files);
    assert.strictEqual(r.status, 0, r.stdout);
    assert.match(r.stdout, new RegExp(`${files.length} scenarios: ${files.length} passed, 0 failed`));
  });

  it('exits 2 on a usage error', () => {
    assert.strictEqual(cli([]).status, 2);
    assert.strictEqual(cli(['--format', 'xml', fx('allowed.json')]).status, 2);
  });
});
