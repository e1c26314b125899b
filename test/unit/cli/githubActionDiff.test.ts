import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { repoRoot } from '../fixtures';

const SCRIPT = path.join(repoRoot(), 'scripts', 'github-action-diff.js');
const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const policy = (...Statement: object[]) => `${JSON.stringify({ Version: '2012-10-17', Statement }, null, 2)}\n`;
const BUCKET_PRIVATE = policy({ Sid: 'Account', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });
const BUCKET_PUBLIC = policy({ Sid: 'Account', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });

function sh(cwd: string, cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.strictEqual(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('GitHub Action: the access-diff step (diff: true), run locally', function () {
  this.timeout(60_000);
  let dir: string;
  let base: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-action-diff-'));
    sh(dir, 'git', ['init', '-q', '-b', 'main']);
    sh(dir, 'git', ['config', 'user.email', 'ci@example.com']);
    sh(dir, 'git', ['config', 'user.name', 'CI']);
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.writeFileSync(path.join(dir, 'policies', 'bucket.json'), BUCKET_PRIVATE);
    fs.writeFileSync(path.join(dir, 'policies', 'app.json'), policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    fs.writeFileSync(path.join(dir, '.sts-lens.json'), '{ "notGranted": { "policies/*.json": ["iam:PassRole"] } }\n');
    sh(dir, 'git', ['add', '.']);
    sh(dir, 'git', ['commit', '-qm', 'base']);
    base = sh(dir, 'git', ['rev-parse', 'HEAD']);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function runStep() {
    const summary = path.join(dir, 'summary.md');
    const r = spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: 'utf8', env: { ...process.env, STS_LENS_CLI: CLI, GITHUB_STEP_SUMMARY: summary, INPUT_FILES: 'policies/**/*.json', BASE_REF: base } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : '' };
  }

  it('writes the access diff to the job summary and fails on a bucket made public', () => {
    fs.writeFileSync(path.join(dir, 'policies', 'bucket.json'), BUCKET_PUBLIC);
    sh(dir, 'git', ['commit', '-qam', 'open the bucket']);
    const r = runStep();
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.summary, /## STS Lens: what this change grants/);
    assert.match(r.summary, /### `policies\/bucket\.json` — \+1 action\n/);
    assert.match(r.summary, /for `\*` on `arn:aws:s3:::reports\/\*`/);
    assert.match(r.summary, /### Public access\n\n```\npolicies\/bucket\.json:\d+:\d+: PUBLIC_ACCESS statement "Account"/);
  });

  it('fails on a notGranted break, and passes a change that only narrows access', () => {
    fs.writeFileSync(path.join(dir, 'policies', 'app.json'), policy({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 'iam:Pass*'], Resource: '*' }));
    sh(dir, 'git', ['commit', '-qam', 'pass roles']);
    const r = runStep();
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.summary, /### notGranted rules broken\n\n- policies\/app\.json:4: This statement grants iam:PassRole on \*/);

    fs.writeFileSync(path.join(dir, 'policies', 'app.json'), policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }));
    sh(dir, 'git', ['commit', '-qam', 'narrow']);
    base = sh(dir, 'git', ['rev-parse', 'HEAD~1']);
    const ok = runStep();
    assert.strictEqual(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.summary, /### `policies\/app\.json` — −2 actions\n/);
  });

  it('is wired into action.yml behind the diff input, and pre-commit has a check hook', () => {
    const action = parse(fs.readFileSync(path.join(repoRoot(), 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { steps: { id?: string; if?: string; run?: string }[] } };
    assert.strictEqual(action.inputs.diff.default, 'false');
    const step = action.runs.steps.find((s) => s.id === 'diff');
    assert.match(step?.if ?? '', /inputs\.diff == 'true'/);
    assert.match(step?.run ?? '', /github-action-diff\.js/);
    const hooks = parse(fs.readFileSync(path.join(repoRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string }[];
    assert.strictEqual(hooks.find((h) => h.id === 'sts-lens-check')?.entry, 'sts-lens check');
  });
});
