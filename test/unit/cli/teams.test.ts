import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { policyDocumentText, readAccountDump } from '../../../src/core/policy/accountDump';
import { fixturePath, repoRoot } from '../fixtures';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const DUMP = fixturePath('account', 'auth-details.json');

function cli(args: string[], cwd = repoRoot()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonEntry {
  file: string;
  policyType: string;
  findings: { issueCode: string; findingDetails: string; locations: { span: { start: { offset: number }; end: { offset: number } } }[] }[];
  suppressed?: { issueCode: string; reason: string }[];
}

const ESCALATING = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "Legacy", "Effect": "Allow", "Action": ["iam:CreatePolicyVersion", "s3:GetObject", "s3:GetObject"], "Resource": "*" },\n    { "Sid": "Other", "Effect": "Allow", "Action": "iam:SetDefaultPolicyVersion", "Resource": "*" }\n  ]\n}\n';

describe('project file (.sts-lens.json) in the CLI', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-project-'));
    fs.mkdirSync(path.join(dir, 'policies', 'legacy'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'trust'));
    fs.writeFileSync(path.join(dir, 'policies', 'legacy', 'admin.json'), ESCALATING);
    fs.writeFileSync(path.join(dir, 'trust', 'ci.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] }, null, 2));
    fs.writeFileSync(
      path.join(dir, '.sts-lens.json'),
      `{
  // JSON with comments, as in the editor
  "severity": { "REDUNDANT_ACTION": "off" },
  "policyTypes": { "trust/*.json": "TRUST_POLICY" },
  "ignore": ["generated/**"],
  "accountIds": ["111122223333"],
  "suppressions": [
    { "file": "policies/legacy/*.json", "issueCode": "PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION", "sid": "Legacy", "reason": "break-glass role, reviewed" },
    { "file": "policies/legacy/*.json", "issueCode": "PRIVILEGE_ESCALATION_SET_DEFAULT_POLICY_VERSION", "sid": "NotThisOne", "reason": "another statement" },
  ],
}
`,
    );
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is found by walking up from the file: suppressions by file, code and Sid, severities "off", with the reason in JSON', () => {
    const r = cli(['lint', '--format', 'json', path.join('policies', 'legacy', 'admin.json')], dir);
    const [entry] = JSON.parse(r.stdout) as JsonEntry[];
    const codes = entry.findings.map((f) => f.issueCode);
    assert.ok(!codes.includes('PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'), codes.join());
    assert.ok(codes.includes('PRIVILEGE_ESCALATION_SET_DEFAULT_POLICY_VERSION'), 'a suppression for another Sid does not apply');
    assert.ok(!codes.includes('REDUNDANT_ACTION'), 'severity off drops the code');
    assert.deepStrictEqual(entry.suppressed?.map((s) => [s.issueCode, s.reason]), [['PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION', 'break-glass role, reviewed']]);
  });

  it('--no-config ignores it, and --config FILE uses another', () => {
    const none = JSON.parse(cli(['lint', '--format', 'json', '--no-config', 'policies/legacy/admin.json'], dir).stdout) as JsonEntry[];
    assert.ok(none[0].findings.some((f) => f.issueCode === 'PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'));
    assert.ok(none[0].findings.some((f) => f.issueCode === 'REDUNDANT_ACTION'));
    fs.writeFileSync(path.join(dir, 'other.json'), '{ "severity": { "PRIVILEGE_ESCALATION_SET_DEFAULT_POLICY_VERSION": "off" } }');
    const other = JSON.parse(cli(['lint', '--format', 'json', '--config', 'other.json', 'policies/legacy/admin.json'], dir).stdout) as JsonEntry[];
    const codes = other[0].findings.map((f) => f.issueCode);
    assert.ok(!codes.includes('PRIVILEGE_ESCALATION_SET_DEFAULT_POLICY_VERSION'));
    assert.ok(codes.includes('PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'));
  });

  it('policyTypes and accountIds: a trust policy of one of the project accounts is no cross-account trust', () => {
    const [entry] = JSON.parse(cli(['lint', '--format', 'json', 'trust/ci.json'], dir).stdout) as JsonEntry[];
    assert.strictEqual(entry.policyType, 'TRUST_POLICY');
    assert.deepStrictEqual(entry.findings.map((f) => f.issueCode), []);
  });

  it('ignore: matching files are not linted at all', () => {
    fs.mkdirSync(path.join(dir, 'generated'));
    fs.writeFileSync(path.join(dir, 'generated', 'x.json'), '{ not json');
    const r = cli(['lint', '--format', 'json', 'generated/x.json'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout), []);
  });

  it('SARIF carries suppressed results with the justification', () => {
    const sarif = JSON.parse(cli(['lint', '--format', 'sarif', 'policies/legacy/admin.json'], dir).stdout) as { runs: { results: { ruleId: string; suppressions?: { justification: string }[] }[] }[] };
    const s = sarif.runs[0].results.find((x) => x.ruleId === 'PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION');
    assert.strictEqual(s?.suppressions?.[0].justification, 'break-glass role, reviewed');
  });

  it('a suppression without a reason is refused with its position, the rest still applies', () => {
    fs.writeFileSync(path.join(dir, '.sts-lens.json'), '{\n  "severity": { "REDUNDANT_ACTION": "off" },\n  "suppressions": [ { "file": "**", "issueCode": "PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION" } ]\n}\n');
    const r = cli(['lint', '--format', 'json', 'policies/legacy/admin.json'], dir);
    assert.match(r.stderr, /\.sts-lens\.json:3:21: warning: A suppression needs "file" \(a glob\), "issueCode" and a "reason": say why/);
    const codes = (JSON.parse(r.stdout) as JsonEntry[])[0].findings.map((f) => f.issueCode);
    assert.ok(codes.includes('PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'));
    assert.ok(!codes.includes('REDUNDANT_ACTION'));
  });

  it('--config naming a missing file is a usage error', () => {
    const r = cli(['lint', '--config', 'nope.json', 'policies/legacy/admin.json'], dir);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /cannot read the project file nope\.json: no such file/);
  });

  it('--strict turns on RESOURCE_STAR', () => {
    const plain = cli(['lint', '--no-config', 'policies/legacy/admin.json'], dir).stdout;
    const strict = cli(['lint', '--no-config', '--strict', 'policies/legacy/admin.json'], dir).stdout;
    assert.doesNotMatch(plain, /RESOURCE_STAR/);
    assert.match(strict, /SUGGESTION RESOURCE_STAR/);
  });
});

describe('sts-lens lint --auth-details', function () {
  this.timeout(60_000);
  const text = fs.readFileSync(DUMP, 'utf8');

  it('lints customer managed policies (default version), inline policies and trust policies under readable names', () => {
    const r = cli(['lint', '--format', 'json', '--auth-details', DUMP]);
    const entries = JSON.parse(r.stdout) as JsonEntry[];
    assert.deepStrictEqual(entries.map((e) => [e.file, e.policyType]).sort(), [
      ['auth-details.json#policy/PassRoleAnywhere v1', 'IDENTITY_POLICY'],
      ['auth-details.json#policy/ReadBuckets v3', 'IDENTITY_POLICY'],
      ['auth-details.json#role/deploy inline:ci-policy', 'IDENTITY_POLICY'],
      ['auth-details.json#role/deploy trust policy', 'TRUST_POLICY'],
      ['auth-details.json#user/alice inline:tools', 'IDENTITY_POLICY'],
    ]);
    // v1 (not the default) allows iam:*; v3 does not.
    assert.deepStrictEqual(entries.find((e) => e.file.endsWith('ReadBuckets v3'))?.findings, []);
    assert.strictEqual(r.status, 1);
  });

  it('knows the account: only the other account in a trust policy is cross-account', () => {
    const entries = JSON.parse(cli(['lint', '--format', 'json', '--auth-details', DUMP]).stdout) as JsonEntry[];
    const trust = entries.find((e) => e.file.endsWith('role/deploy trust policy'));
    assert.deepStrictEqual(trust?.findings.map((f) => [f.issueCode, /444455556666/.test(f.findingDetails)]), [['CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA', true]]);
  });

  it('positions are in the policy\'s own text: URL-decoded strings as they are, objects printed with two spaces', () => {
    const dump = readAccountDump(text);
    const entries = JSON.parse(cli(['lint', '--format', 'json', '--auth-details', DUMP]).stdout) as JsonEntry[];
    const alice = entries.find((e) => e.file.endsWith('user/alice inline:tools'))!.findings[0];
    const aliceText = dump.policies.find((p) => p.name === 'user/alice inline:tools')!.text;
    assert.strictEqual(aliceText.slice(alice.locations[0].span.start.offset, alice.locations[0].span.end.offset), '"s3:GetObjekt"');
    const trustText = dump.policies.find((p) => p.name === 'role/deploy trust policy')!.text;
    assert.strictEqual(trustText, policyDocumentText((JSON.parse(text) as { RoleDetailList: { AssumeRolePolicyDocument: unknown }[] }).RoleDetailList[0].AssumeRolePolicyDocument));
    assert.match(trustText, /^\{\n {2}"Version"/);
  });

  it('finds an escalation path that only the policies of one principal open together', () => {
    const entries = JSON.parse(cli(['lint', '--format', 'json', '--auth-details', DUMP]).stdout) as JsonEntry[];
    const f = entries.find((e) => e.file.endsWith('policy/PassRoleAnywhere v1'))?.findings.find((x) => x.issueCode === 'PRIVILEGE_ESCALATION_PASS_ROLE_EC2');
    assert.ok(f);
    assert.match(f.findingDetails, /role\/deploy.*iam:PassRole \(policy\/PassRoleAnywhere v1\).*ec2:RunInstances \(role\/deploy inline:ci-policy\)/);
  });

  it('skips AWS managed policies unless --include-aws-managed', () => {
    const names = (args: string[]) => (JSON.parse(cli(['lint', '--format', 'json', ...args, '--auth-details', DUMP]).stdout) as JsonEntry[]).map((e) => e.file);
    assert.ok(!names([]).some((n) => n.includes('AdministratorAccess')));
    assert.ok(names(['--include-aws-managed']).includes('auth-details.json#policy/AdministratorAccess v1'));
  });

  it('text and SARIF name the policy; SARIF points at the dump file', () => {
    assert.match(cli(['lint', '--auth-details', DUMP]).stdout, /^auth-details\.json#user\/alice inline:tools:1:\d+: ERROR INVALID_ACTION/m);
    const sarif = JSON.parse(cli(['lint', '--format', 'sarif', '--auth-details', DUMP]).stdout) as { runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const r = sarif.runs[0].results.find((x) => x.message.text.startsWith('user/alice inline:tools: '));
    assert.ok(r);
    assert.match(r.locations[0].physicalLocation.artifactLocation.uri, /auth-details\.json$/);
  });

  it('a file that is not a dump is said so, with exit 2', () => {
    const r = cli(['lint', '--auth-details', fixturePath('policy', 'valid-identity.json')]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /not the output of aws iam get-account-authorization-details/);
  });
});
