import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { commitFiles, policy, readActionYml, readPreCommitHooks, runActionScript, sh, useGitRepo } from './actionRepo';

const BUCKET_PRIVATE = policy({ Sid: 'Account', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });
const BUCKET_PUBLIC = policy({ Sid: 'Account', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });

describe('GitHub Action: the access-diff step (diff: true), run locally', function () {
  this.timeout(60_000);
  const repo = useGitRepo('sts-lens-action-diff-', {
    'policies/bucket.json': BUCKET_PRIVATE,
    'policies/app.json': policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
    '.sts-lens.json': '{ "notGranted": { "policies/*.json": ["iam:PassRole"] } }\n',
  });

  function runStep(base = repo().base) {
    const { dir } = repo();
    const summary = path.join(dir, 'summary.md');
    const r = runActionScript('github-action-diff.js', dir, { GITHUB_STEP_SUMMARY: summary, INPUT_FILES: 'policies/**/*.json', BASE_REF: base });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : '' };
  }

  it('writes the access diff to the job summary and fails on a bucket made public', () => {
    commitFiles(repo().dir, 'open the bucket', { 'policies/bucket.json': BUCKET_PUBLIC });
    const r = runStep();
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.summary, /## STS Lens: what this change grants/);
    assert.match(r.summary, /### `policies\/bucket\.json` — \+1 action\n/);
    assert.match(r.summary, /for `\*` on `arn:aws:s3:::reports\/\*`/);
    assert.match(r.summary, /### Public access\n\n```\npolicies\/bucket\.json:\d+:\d+: PUBLIC_ACCESS statement "Account"/);
  });

  it('fails on a notGranted break, and passes a change that only narrows access', () => {
    const { dir } = repo();
    commitFiles(dir, 'pass roles', { 'policies/app.json': policy({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 'iam:Pass*'], Resource: '*' }) });
    const r = runStep();
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.summary, /### notGranted rules broken\n\n- policies\/app\.json:4: This statement grants iam:PassRole on \*/);

    commitFiles(dir, 'narrow', { 'policies/app.json': policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }) });
    const ok = runStep(sh(dir, 'git', ['rev-parse', 'HEAD~1']));
    assert.strictEqual(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.summary, /### `policies\/app\.json` — −2 actions\n/);
  });

  it('is wired into action.yml behind the diff input, and pre-commit has a check hook', () => {
    const action = readActionYml<{ inputs: Record<string, { default: string }>; runs: { steps: { id?: string; if?: string; run?: string }[] } }>();
    assert.strictEqual(action.inputs.diff.default, 'false');
    const step = action.runs.steps.find((s) => s.id === 'diff');
    assert.match(step?.if ?? '', /inputs\.diff == 'true'/);
    assert.match(step?.run ?? '', /github-action-diff\.js/);
    assert.strictEqual(readPreCommitHooks().find((h) => h.id === 'sts-lens-check')?.entry, 'sts-lens check');
  });
});
