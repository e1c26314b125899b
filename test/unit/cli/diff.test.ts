import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI, ensureBuiltCli } from './builtCli';


function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  assert.strictEqual(r.status, 0, r.stderr);
}

const policy = (...Statement: object[]) => `${JSON.stringify({ Version: '2012-10-17', Statement }, null, 2)}\n`;
const TRUST_BEFORE = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' });
const TRUST_AFTER = policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] }, Action: 'sts:AssumeRole' });
const APP_BEFORE = policy({ Sid: 'Objects', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::app-data/*' });
const APP_AFTER = policy({ Sid: 'Objects', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::app-data/*' });

describe('sts-lens diff and check (bundled CLI)', function () {
  this.timeout(60_000);
  let dir: string;

  before(function () {
    ensureBuiltCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-diff-'));
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.writeFileSync(path.join(dir, 'policies', 'trust.json'), TRUST_BEFORE);
    fs.writeFileSync(path.join(dir, 'policies', 'app.json'), APP_BEFORE);
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "not-a-policy"}\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'first');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('compares two files: exit 1 with the removed actions; exit 0 for a reordered copy', () => {
    fs.writeFileSync(path.join(dir, 'a.json'), APP_BEFORE);
    fs.writeFileSync(path.join(dir, 'b.json'), APP_AFTER);
    const r = cli(['diff', '--format', 'json', 'a.json', 'b.json'], dir);
    assert.strictEqual(r.status, 1, r.stderr);
    const [entry] = JSON.parse(r.stdout) as { file: string; base: string; policyType: string; added: unknown[]; removed: { action: string; resource: string }[] }[];
    assert.strictEqual(entry.file, 'b.json');
    assert.strictEqual(entry.base, 'a.json');
    assert.strictEqual(entry.policyType, 'IDENTITY_POLICY');
    assert.deepStrictEqual(entry.added, []);
    assert.ok(entry.removed.some((i) => i.action === 's3:PutObject' && i.resource === 'arn:aws:s3:::app-data/*'));
    assert.ok(!entry.removed.some((i) => i.action === 's3:GetObject'));
    assert.deepStrictEqual(Object.keys(entry.removed[0]).sort(), ['action', 'resource']);
    fs.writeFileSync(path.join(dir, 'c.json'), policy({ Action: ['S3:*'], Resource: ['arn:aws:s3:::app-data/*'], Effect: 'Allow' }));
    const same = cli(['diff', 'a.json', 'c.json'], dir);
    assert.strictEqual(same.status, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /no change/);
  });

  it('"An explicit deny in any of these policies overrides the allow": a Deny added is its own section in text, json and markdown, with its statement and line; exit 1', () => {
    const before = policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' });
    const after = policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }, { Sid: 'KeepData', Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::app-data/*' });
    fs.writeFileSync(path.join(dir, 'deny-a.json'), before);
    fs.writeFileSync(path.join(dir, 'deny-b.json'), after);
    const text = cli(['diff', 'deny-a.json', 'deny-b.json'], dir);
    assert.strictEqual(text.status, 1, text.stderr);
    assert.match(text.stdout, /: 1 newly denied\n/);
    assert.match(text.stdout, /^ {2}Newly denied \(1 action\):\n {4}s3 \u2014 1 action\n {6}\u2212 on arn:aws:s3:::app-data\/\* {2}\(statement "KeepData", line 9\)\n {10}s3:DeleteObject$/m);
    const [entry] = JSON.parse(cli(['diff', '--format', 'json', 'deny-a.json', 'deny-b.json'], dir).stdout) as { added: unknown[]; removed: unknown[]; denied: unknown[]; noLongerDenied: unknown[] }[];
    assert.deepStrictEqual(entry, { ...entry, added: [], removed: [], denied: [{ action: 's3:DeleteObject', resource: 'arn:aws:s3:::app-data/*' }], noLongerDenied: [] });
    const back = JSON.parse(cli(['diff', '--format', 'json', 'deny-b.json', 'deny-a.json'], dir).stdout) as { noLongerDenied: unknown[] }[];
    assert.deepStrictEqual(back[0].noLongerDenied, [{ action: 's3:DeleteObject', resource: 'arn:aws:s3:::app-data/*' }]);
    assert.match(cli(['diff', '--format', 'markdown', 'deny-a.json', 'deny-b.json'], dir).stdout, /\*\*Newly denied\*\* \(1 action\)/);
  });

  it('--git HEAD compares each changed policy file of the working tree, grouped by service, with counts', () => {
    fs.writeFileSync(path.join(dir, 'policies', 'trust.json'), TRUST_AFTER);
    fs.writeFileSync(path.join(dir, 'policies', 'app.json'), APP_AFTER);
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "still-not-a-policy"}\n');
    const r = cli(['diff', '--git', 'HEAD', 'policies'], dir);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /policies\/trust\.json \(TRUST_POLICY\) against HEAD: \+1 action/);
    assert.match(r.stdout, /for arn:aws:iam::444455556666:root on \*/);
    assert.match(r.stdout, /policies\/app\.json \(IDENTITY_POLICY\) against HEAD: −\d+ actions/);
    assert.match(r.stdout, /s3:PutObject/);
    assert.doesNotMatch(r.stdout, /package\.json/);
    const md = cli(['diff', '--git', 'HEAD', '--format', 'markdown'], dir);
    assert.match(md.stdout, /### `policies\/trust\.json` — \+1 action/);
  });

  it('--git REF..REF2 compares two commits; nothing changed between them is exit 0', () => {
    git(dir, 'commit', '-qam', 'second');
    const r = cli(['diff', '--git', 'HEAD~1..HEAD', '--format', 'json'], dir);
    assert.strictEqual(r.status, 1, r.stderr);
    const files = (JSON.parse(r.stdout) as { file: string; added: { principal?: string }[] }[]).map((f) => f.file);
    assert.deepStrictEqual(files, ['policies/app.json', 'policies/trust.json']);
    assert.strictEqual(cli(['diff', '--git', 'HEAD', 'policies'], dir).status, 0);
  });

  it('bad input is exit 2 with a specific message: an unknown revision, a file that is not JSON', () => {
    const r = cli(['diff', '--git', 'no-such-branch'], dir);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /"no-such-branch" is not a commit in this repository/);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"Statement": [');
    const b = cli(['diff', 'a.json', 'broken.json'], dir);
    assert.strictEqual(b.status, 2);
    assert.match(b.stderr, /broken\.json is not a policy that can be compared: the document is not valid JSON/);
    assert.strictEqual(cli(['diff', 'a.json'], dir).status, 2);
  });

  it('check --not-granted fails on a wildcard that grants the action, names the statement, and passes otherwise', () => {
    fs.writeFileSync(path.join(dir, 'admin.json'), policy({ Sid: 'Admin', Effect: 'Allow', Action: 'iam:*', Resource: '*' }));
    const r = cli(['check', '--not-granted', 'iam:PassRole,iam:CreateAccessKey', 'admin.json', 'b.json'], dir);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /^admin\.json:4:5: NOT_GRANTED statement "Admin" grants iam:PassRole, iam:CreateAccessKey on \*/m);
    assert.doesNotMatch(r.stdout, /^b\.json/m);
    assert.strictEqual(cli(['check', '--not-granted', 'iam:PassRole', 'b.json'], dir).status, 0);
    assert.strictEqual(cli(['check', '--not-granted', 'not an action', 'b.json'], dir).status, 2);
  });

  it('check --no-public-access fails on a bucket open to everyone and passes when confined to the organization', () => {
    const open = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-data/*' };
    fs.writeFileSync(path.join(dir, 'bucket.json'), policy(open));
    fs.writeFileSync(path.join(dir, 'bucket-org.json'), policy({ ...open, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }));
    const r = cli(['check', '--no-public-access', '--format', 'json', 'bucket.json', 'bucket-org.json'], dir);
    assert.strictEqual(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { file: string; result: string; violations: { check: string; statementId?: string }[] }[];
    assert.deepStrictEqual(out.map((f) => [f.file, f.result]), [['bucket.json', 'FAIL'], ['bucket-org.json', 'PASS']]);
    assert.strictEqual(out[0].violations[0].check, 'PUBLIC_ACCESS');
    assert.strictEqual(out[0].violations[0].statementId, 'PublicRead');
  });

  it('lint applies the notGranted rules of the project file: a NOT_GRANTED error at the statement, exit 1', () => {
    fs.mkdirSync(path.join(dir, 'guarded'));
    fs.writeFileSync(path.join(dir, 'guarded', '.sts-lens.json'), '{ "notGranted": { "*.json": { "actions": ["iam:PassRole"], "resources": ["*"] } } }\n');
    fs.writeFileSync(path.join(dir, 'guarded', 'admin.json'), policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'Admin', Effect: 'Allow', NotAction: 's3:*', Resource: '*' }));
    const r = cli(['lint', 'guarded/admin.json'], dir);
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /guarded\/admin\.json:\d+:\d+: ERROR NOT_GRANTED This statement grants iam:PassRole on \*/);
    fs.writeFileSync(path.join(dir, 'guarded', 'reader.json'), policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    assert.strictEqual(cli(['lint', 'guarded/reader.json'], dir).status, 0);
  });
});
