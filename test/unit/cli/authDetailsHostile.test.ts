import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readAccountDump } from '../../../src/core/policy/accountDump';
import { compactJson, prettyJson, prettyJsonLength } from '../../../src/core/policy/jsonText';
import { MAX_POLICY_TEXT_LENGTH } from '../../../src/core/policy/limits';
import { repoRoot } from '../fixtures';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const ACCOUNT = '111122223333';
const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

function writeDump(dump: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-hostile-dump-'));
  const file = path.join(dir, 'auth.json');
  fs.writeFileSync(file, typeof dump === 'string' ? dump : JSON.stringify(dump));
  return file;
}

function lintDump(dump: unknown) {
  const file = writeDump(dump);
  const r = spawnSync(process.execPath, [CLI, 'lint', '--no-config', '--format', 'json', '--fail-on', 'none', '--auth-details', file], { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  return { status: r.status, stderr: r.stderr, entries: r.stdout ? (JSON.parse(r.stdout) as { file: string; findings: { issueCode: string }[] }[]) : [] };
}

describe('sts-lens lint --auth-details: hostile dumps', function () {
  this.timeout(180_000);

  it('a group named 100,000 times in a GroupList counts once', () => {
    const group = { GroupName: 'admins', Arn: `arn:aws:iam::${ACCOUNT}:group/admins`, Path: '/', GroupPolicyList: [{ PolicyName: 'pass', PolicyDocument: doc('iam:PassRole') }, { PolicyName: 'run', PolicyDocument: doc('ec2:RunInstances') }], AttachedManagedPolicies: [] };
    const user = { UserName: 'alice', Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, Path: '/', GroupList: Array.from({ length: 100_000 }, () => 'admins'), UserPolicyList: [], AttachedManagedPolicies: [] };
    const dump = { UserDetailList: [user], GroupDetailList: [group], RoleDetailList: [], Policies: [] };
    assert.deepStrictEqual(readAccountDump(JSON.stringify(dump)).principals.find((p) => p.name === 'user/alice')?.policies, [0, 1]);
    const r = lintDump(dump);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.entries.length, 2);
  });

  it('a policy nested 100,000 deep is that policy\'s finding; the other policies are linted', () => {
    const role = (name: string, document: unknown) => ({ RoleName: name, Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, Path: '/', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, RolePolicyList: [{ PolicyName: 'p', PolicyDocument: document }], AttachedManagedPolicies: [] });
    const text = JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [role('deep', 'DEEP'), role('fine', doc('s3:GetObjekt'))], Policies: [] }).replace('"DEEP"', `{"Version": "2012-10-17", "Statement": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const r = lintDump(text);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /Maximum call stack|RangeError/);
    const by = (suffix: string) => r.entries.find((e) => e.file.endsWith(suffix));
    assert.deepStrictEqual(by('role/deep inline:p')?.findings.map((f) => f.issueCode), ['POLICY_NESTING_TOO_DEEP']);
    assert.ok(by('role/fine inline:p')?.findings.some((f) => f.issueCode === 'INVALID_ACTION'));
    assert.ok(by('role/fine trust policy'));
  });

  it('a damaged dump says what it skipped: a list that is not a list, entries that are not objects, principals without a name', () => {
    const role = { RoleName: 'ok', Arn: `arn:aws:iam::${ACCOUNT}:role/ok`, RolePolicyList: [{ PolicyName: 'p', PolicyDocument: doc('s3:GetObject') }] };
    const dump = readAccountDump(JSON.stringify({ UserDetailList: 'x', GroupDetailList: null, RoleDetailList: [1, null, 'role', [], { RoleName: 5 }, { Arn: 'a' }, role], Policies: [{ PolicyName: 'p' }] }));
    assert.deepStrictEqual(dump.problems, [
      'a managed policy without PolicyName or Arn was skipped',
      'GroupDetailList is null, not a list: it was skipped',
      'UserDetailList is a string, not a list: it was skipped',
      'RoleDetailList: 4 entries that are not objects were skipped',
      'RoleDetailList: 2 entries without RoleName were skipped',
    ]);
    assert.deepStrictEqual(dump.principals.map((p) => p.name), ['role/ok']);
    assert.deepStrictEqual(readAccountDump(JSON.stringify({ RoleDetailList: [[]] })).problems, ['RoleDetailList: an entry that is not an object was skipped']);
  });

  it('10,000 managed policies without a name are one line of what was skipped, not 10,000', () => {
    const dump = readAccountDump(JSON.stringify({ Policies: Array.from({ length: 10_000 }, () => ({ PolicyName: 'p' })), RoleDetailList: [] }));
    assert.deepStrictEqual(dump.problems, ['10,000 managed policies without PolicyName or Arn were skipped']);
  });

  it('a dump whose every entry was skipped exits 2 and says why, rather than reporting a clean empty account', () => {
    const r = lintDump(`{"RoleDetailList": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /RoleDetailList: an entry that is not an object was skipped/);
  });

  it('documents are printed as JSON.stringify(document, null, 2); past the nesting limit compactly, without recursion', () => {
    const shallow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['a', 'b'], Resource: '*', Condition: {} }], E: [] };
    assert.strictEqual(prettyJson(shallow), JSON.stringify(shallow, null, 2));
    let nested: unknown = shallow;
    for (let i = 0; i < 70; i++) nested = { a: [nested, 1, null, true, 'x"y'] };
    assert.strictEqual(prettyJson(nested), JSON.stringify(nested));
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.throws(() => JSON.stringify(deep), RangeError);
    assert.strictEqual(compactJson(deep), `${'['.repeat(200_000)}0${']'.repeat(200_000)}`);
  });

  it('the length of a printed document is counted exactly without printing it: escapes, lone surrogates, empty lists, past the nesting limit', () => {
    const values: unknown[] = [null, 0, -0.5, 1e21, JSON.parse('1e400'), true, false, '', 'a"b\\c\n\u0001\u2028\t', '\ud83d\ude00x\ud800y\udc00', [], {}, [[]], { a: {} }, { 'k"\u0000': [1, 'x', { b: [null, true, false] }] }];
    values.push({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*', Condition: { StringEquals: { 'aws:x': ['b', 'c'] } } }] });
    let nested: unknown = { x: 'y' };
    for (let i = 0; i < 70; i++) nested = { a: [nested, 1, null, true, 'x"y'] };
    values.push(nested);
    for (const v of values) assert.strictEqual(prettyJsonLength(v), prettyJson(v).length, JSON.stringify(v));
  });

  it('a document printed past the policy limit is refused by its length, with no text made, and the same finding as its text would get', () => {
    // 100,000 short actions: about 1 MB as the dump holds it, 2 MB printed with two-space indentation
    // (under the 3 MB a file on the command line may have, so the same text linted alone is compared).
    const big = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 100_000 }, (_, i) => `s3:A${i}`), Resource: '*' }] };
    const printed = JSON.stringify(big, null, 2).length;
    const role = { RoleName: 'big', Arn: `arn:aws:iam::${ACCOUNT}:role/big`, Path: '/', AssumeRolePolicyDocument: doc('sts:AssumeRole'), RolePolicyList: [{ PolicyName: 'huge', PolicyDocument: big }, { PolicyName: 'fine', PolicyDocument: doc('s3:GetObjekt') }], AttachedManagedPolicies: [] };
    const dump = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [role], Policies: [] };
    const read = readAccountDump(JSON.stringify(dump));
    const huge = read.policies.find((p) => p.name === 'role/big inline:huge')!;
    assert.ok(printed > MAX_POLICY_TEXT_LENGTH);
    assert.strictEqual(huge.tooLarge, printed);
    assert.strictEqual(huge.text.length, 0, 'the document was printed');
    assert.strictEqual(read.policies.find((p) => p.name === 'role/big inline:fine')?.tooLarge, undefined);

    const r = spawnSync(process.execPath, [CLI, 'lint', '--no-config', '--fail-on', 'none', '--auth-details', writeDump(dump)], { encoding: 'utf8', timeout: 120_000 });
    assert.strictEqual(r.status, 0, r.stderr);
    // The message linting the printed text as a file gives: its length, the limit.
    const alone = spawnSync(process.execPath, [CLI, 'lint', '--no-config', '--fail-on', 'none', '-'], { input: JSON.stringify(big, null, 2), encoding: 'utf8', timeout: 120_000 });
    const message = /POLICY_DOCUMENT_TOO_LARGE (.*)$/m.exec(alone.stdout)?.[1];
    assert.ok(message?.startsWith(`The document is ${(printed / 1024 / 1024).toFixed(1)} MB,`), alone.stdout);
    assert.match(r.stdout, new RegExp(`^auth\\.json#role/big inline:huge:1:1: ERROR POLICY_DOCUMENT_TOO_LARGE ${message!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assert.match(r.stdout, /auth\.json#role\/big inline:fine:.*INVALID_ACTION/);
  });
});
