import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI, ensureBuiltCli } from './builtCli';

const ADMIN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const READ = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] }, null, 2);
const CLOUDFORMATION = JSON.stringify({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyDocument: JSON.parse(ADMIN) as unknown }] } } } });

function lint(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function files(stdout: string): string[] {
  return (JSON.parse(stdout) as { file: string }[]).map((r) => r.file);
}

describe('sts-lens lint FOLDER lints the policy files below it', function () {
  this.timeout(120_000);
  let dir: string;
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };

  before(ensureBuiltCli);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-folder-'));
    write('policies/b-admin.json', ADMIN);
    write('policies/a-read.json', READ);
    write('policies/team/z.json', READ);
    write('policies/README.md', '# policies');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lints every policy below the folder, depth first in name order, as if each were named', () => {
    const r = lint(['--format', 'json', '--fail-on', 'SECURITY_WARNING', 'policies'], dir);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.deepStrictEqual(files(r.stdout), ['policies/a-read.json', 'policies/b-admin.json', 'policies/team/z.json'].map((f) => path.join(...f.split('/'))));
    const named = lint(['--format', 'json', '--fail-on', 'SECURITY_WARNING', 'policies/a-read.json', 'policies/b-admin.json', 'policies/team/z.json'], dir);
    assert.strictEqual(r.stdout, named.stdout.split('policies/').join(`policies${path.sep}`));
  });

  it('skips JSON that is no policy document (package.json, a CloudFormation template) and says on stderr what it skipped and why', () => {
    write('package.json', JSON.stringify({ name: 'infra', version: '1.0.0' }));
    write('template.json', CLOUDFORMATION);
    write('policies/nested.array.json', `[${ADMIN}]`);
    const r = lint(['--format', 'json', '.'], dir);
    assert.deepStrictEqual(files(r.stdout).map((f) => f.split(path.sep).join('/')), ['policies/a-read.json', 'policies/b-admin.json', 'policies/team/z.json']);
    assert.match(r.stderr, /skipped 3 JSON files with no policy document \(no top-level Statement\), 1 file not named \*\.json\./);
  });

  it('a policy with a syntax error is still linted, so its error is reported', () => {
    write('policies/broken.json', '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", } ] // no Action');
    const r = lint(['policies'], dir);
    assert.match(r.stdout, /^policies.broken\.json:1:\d+: ERROR JSON_TRAILING_COMMA /m);
  });

  it('does not enter node_modules or hidden folders, skips hidden files and policy tests', () => {
    write('node_modules/pkg/policy.json', ADMIN);
    write('.git/policy.json', ADMIN);
    write('.sts-lens.json', '{}');
    write('tests/read.policytest.json', JSON.stringify({ request: { action: 's3:GetObject', resource: '*' }, identityPolicies: ['../policies/a-read.json'], expect: 'Allowed' }));
    const r = lint(['--format', 'json', '.'], dir);
    assert.ok(!files(r.stdout).some((f) => /node_modules|\.git|policytest/.test(f)), r.stdout);
    assert.match(r.stderr, /1 policy test \(\*\.policytest\.json\), 2 hidden files or folders \(names with a leading "\."\); did not enter 1 node_modules folder\./);
  });

  it('applies the nearest .sts-lens.json to the files it finds, as to files named', () => {
    write('.sts-lens.json', JSON.stringify({ ignore: ['policies/team/**'], severity: { PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: 'off' } }));
    fs.mkdirSync(path.join(dir, '.git'));
    const r = lint(['--format', 'json', 'policies'], dir);
    assert.deepStrictEqual(files(r.stdout).map((f) => path.basename(f)), ['a-read.json', 'b-admin.json']);
    assert.ok(!r.stdout.includes('PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'), r.stdout);
  });

  it('a folder with no policy file exits 2 and says so', () => {
    write('empty/package.json', '{}');
    const r = lint(['empty'], dir);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /no policy file was found in empty: a policy file is a \*\.json file whose top level is an object with a Statement\./);
  });

  it('a file named and also found below a folder named is linted once', () => {
    const r = lint(['--format', 'json', path.join('policies', 'team', 'z.json'), 'policies'], dir);
    assert.deepStrictEqual(files(r.stdout).map((f) => f.split(path.sep).join('/')), ['policies/team/z.json', 'policies/a-read.json', 'policies/b-admin.json']);
  });

  it('a folder named like a file (*.json) is walked too', () => {
    write('odd.json/inner.json', READ);
    const r = lint(['--format', 'json', 'odd.json'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(files(r.stdout), [path.join('odd.json', 'inner.json')]);
  });

  it('gives the same output, order and exit status on several threads (--jobs)', () => {
    for (let i = 0; i < 12; i++) write(`policies/many/p${String(i).padStart(2, '0')}.json`, i % 2 ? ADMIN : READ);
    write('policies/many/package.json', '{}');
    const one = lint(['--format', 'json', '--jobs', '1', 'policies'], dir);
    const three = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--jobs', '3', 'policies'], { encoding: 'utf8', cwd: dir, env: { ...process.env, STS_LENS_JOBS_REPORT: '1' } });
    assert.match(three.stderr, /jobs: threads=3 main=\d+ workers=[1-9]\d*,[1-9]\d* /);
    assert.strictEqual(three.stdout, one.stdout);
    assert.strictEqual(three.status, one.status);
    assert.match(three.stderr, /skipped 1 JSON file with no policy document/);
  });

  it('a file over the policy size limit is skipped unread, as a 1 GB file would be', () => {
    fs.truncateSync((write('policies/huge.json', ''), path.join(dir, 'policies', 'huge.json')), 1024 * 1024 * 1024);
    const r = lint(['--format', 'json', 'policies'], dir);
    assert.ok(!files(r.stdout).some((f) => f.endsWith('huge.json')));
    assert.match(r.stderr, /, 1 file over 3\.0 MB\./);
  });
});
