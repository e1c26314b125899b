import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { repoRoot } from '../fixtures';

const SCRIPT = path.join(repoRoot(), 'scripts', 'github-action.js');
const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const GOOD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
const BAD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);

function sh(cwd: string, cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.strictEqual(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('GitHub Action: the lint step, run locally', function () {
  this.timeout(60_000);
  let dir: string;
  let base: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-action-'));
    sh(dir, 'git', ['init', '-q', '-b', 'main']);
    sh(dir, 'git', ['config', 'user.email', 'ci@example.com']);
    sh(dir, 'git', ['config', 'user.name', 'CI']);
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.writeFileSync(path.join(dir, 'policies', 'old-bad.json'), BAD);
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "x" }');
    sh(dir, 'git', ['add', '.']);
    sh(dir, 'git', ['commit', '-qm', 'base']);
    base = sh(dir, 'git', ['rev-parse', 'HEAD']);
    fs.writeFileSync(path.join(dir, 'policies', 'new-bad.json'), BAD);
    fs.writeFileSync(path.join(dir, 'policies', 'new-good.json'), GOOD);
    sh(dir, 'git', ['add', '.']);
    sh(dir, 'git', ['commit', '-qm', 'change']);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function runAction(env: Record<string, string>) {
    const outputs = path.join(dir, 'outputs.txt');
    const r = spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: 'utf8', env: { ...process.env, STS_LENS_CLI: CLI, GITHUB_OUTPUT: outputs, INPUT_FILES: 'policies/**/*.json', ...env } });
    const out = fs.existsSync(outputs) ? Object.fromEntries(fs.readFileSync(outputs, 'utf8').trim().split('\n').map((l) => l.split('=') as [string, string])) : {};
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: out as Record<string, string> };
  }

  it('lints only the policy files the change touched, writes SARIF and fails on an ERROR', () => {
    const r = runAction({ BASE_REF: base });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /policies\/new-bad\.json:\d+:\d+: ERROR INVALID_ACTION/);
    assert.doesNotMatch(r.stdout, /old-bad/);
    assert.strictEqual(r.outputs.files, '2');
    assert.strictEqual(r.outputs.findings, '1');
    const sarif = JSON.parse(fs.readFileSync(r.outputs.sarif, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.deepStrictEqual(sarif.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri), ['policies/new-bad.json']);
  });

  it('with no base lints every matching file; with fail-on none it passes', () => {
    const r = runAction({ BASE_REF: '', INPUT_FAIL_ON: 'none' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.outputs.files, '3');
    assert.strictEqual(r.outputs.findings, '2');
  });

  it('a change that touches no policy writes an empty SARIF and passes', () => {
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "y" }');
    sh(dir, 'git', ['commit', '-qam', 'other']);
    const head = sh(dir, 'git', ['rev-parse', 'HEAD~1']);
    const r = runAction({ BASE_REF: head });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.outputs.files, '0');
    assert.deepStrictEqual((JSON.parse(fs.readFileSync(r.outputs.sarif, 'utf8')) as { runs: { results: unknown[] }[] }).runs[0].results, []);
  });

  it('action.yml runs this script with the inputs it documents, and uploads the SARIF even after a failure', () => {
    const action = parse(fs.readFileSync(path.join(repoRoot(), 'action.yml'), 'utf8')) as { runs: { using: string; steps: { id?: string; run?: string; if?: string; uses?: string; env?: Record<string, string> }[] } };
    assert.strictEqual(action.runs.using, 'composite');
    const lint = action.runs.steps.find((s) => s.id === 'lint');
    assert.match(lint?.run ?? '', /scripts\/github-action\.js/);
    for (const v of ['INPUT_FILES', 'INPUT_FAIL_ON', 'INPUT_ARGS', 'INPUT_SARIF', 'BASE_REF', 'STS_LENS_CLI']) assert.ok(lint?.env?.[v], v);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    assert.match(upload?.if ?? '', /always\(\)/);
  });
});

describe('pre-commit hook', () => {
  it('runs the installed sts-lens lint on JSON policy files', () => {
    const hooks = parse(fs.readFileSync(path.join(repoRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
    const hook = hooks.find((h) => h.id === 'sts-lens');
    assert.strictEqual(hook?.entry, 'sts-lens lint');
    assert.strictEqual(hook.language, 'node');
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    assert.strictEqual(pkg.bin['sts-lens'], './dist/cli.js');
    assert.match(pkg.scripts.prepack ?? '', /esbuild/, 'npm pack (how pre-commit installs a node hook) builds the CLI');
    assert.ok(new RegExp(hook.files).test('infra/policies/deploy.json'));
    assert.ok(!new RegExp(hook.files).test('package.json'));
  });
});
