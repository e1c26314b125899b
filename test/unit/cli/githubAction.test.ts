import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../fixtures';
import { commitFiles, policy, readActionYml, readPreCommitHooks, runActionScript, sh, useGitRepo } from './actionRepo';

const GOOD = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
const BAD = policy({ Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:aws:s3:::b/*' });

describe('GitHub Action: the lint step, run locally', function () {
  this.timeout(60_000);
  const repo = useGitRepo('sts-lens-action-', { 'policies/old-bad.json': BAD, 'package.json': '{ "name": "x" }' });
  let dir: string;
  let base: string;

  beforeEach(() => {
    ({ dir, base } = repo());
    commitFiles(dir, 'change', { 'policies/new-bad.json': BAD, 'policies/new-good.json': GOOD });
  });

  function runAction(env: Record<string, string>) {
    const outputs = path.join(dir, 'outputs.txt');
    const r = runActionScript('github-action.js', dir, { GITHUB_OUTPUT: outputs, INPUT_FILES: 'policies/**/*.json', ...env });
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
    commitFiles(dir, 'other', { 'package.json': '{ "name": "y" }' });
    const head = sh(dir, 'git', ['rev-parse', 'HEAD~1']);
    const r = runAction({ BASE_REF: head });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.outputs.files, '0');
    assert.deepStrictEqual((JSON.parse(fs.readFileSync(r.outputs.sarif, 'utf8')) as { runs: { results: unknown[] }[] }).runs[0].results, []);
  });

  it('action.yml runs this script with the inputs it documents, and uploads the SARIF even after a failure', () => {
    const action = readActionYml<{ runs: { using: string; steps: { id?: string; run?: string; if?: string; uses?: string; env?: Record<string, string> }[] } }>();
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
    const hook = readPreCommitHooks().find((h) => h.id === 'sts-lens');
    assert.strictEqual(hook?.entry, 'sts-lens lint');
    assert.strictEqual(hook.language, 'node');
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    assert.strictEqual(pkg.bin['sts-lens'], './dist/cli.js');
    assert.match(pkg.scripts.prepack ?? '', /esbuild/, 'npm pack (how pre-commit installs a node hook) builds the CLI');
    assert.ok(new RegExp(hook.files).test('infra/policies/deploy.json'));
    assert.ok(!new RegExp(hook.files).test('package.json'));
  });
});
