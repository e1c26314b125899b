import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../fixtures';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');
// Reads as an identity policy: a Deny with a Resource of "*" and no Principal, named neither scp nor rcp.
const GUARDRAIL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyLeaveOrg', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }, { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);

function lint(files: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...files], { encoding: 'utf8', cwd, timeout: 30_000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as { file: string; policyType: string; findings: { issueCode: string }[] }[];
}

function scenario(policies: Record<string, string[]>): string {
  return JSON.stringify({ request: { action: 'organizations:LeaveOrganization', resource: '*' }, ...policies, expect: 'Denied' }, null, 2);
}

describe('sts-lens lint follows the policy tests, as the editor does', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-scenario-guardrails-'));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.writeFileSync(path.join(dir, 'policies', 'baseline.json'), GUARDRAIL);
    fs.writeFileSync(path.join(dir, 'policies', 'admin.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('without a policy test the file is linted as an identity policy and gets identity-policy findings', () => {
    const [r] = lint(['policies/baseline.json'], dir);
    assert.strictEqual(r.policyType, 'IDENTITY_POLICY');
    assert.ok(r.findings.some((f) => f.issueCode === 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'), JSON.stringify(r.findings));
    assert.ok(r.findings.some((f) => f.issueCode.startsWith('PRIVILEGE_ESCALATION_')), JSON.stringify(r.findings));
  });

  it('a file a policy test uses as an SCP is linted as an SCP: no identity-policy findings', () => {
    fs.writeFileSync(path.join(dir, 'tests', 'leave.policytest.json'), scenario({ identityPolicies: ['../policies/admin.json'], serviceControlPolicies: ['../policies/baseline.json'] }));
    const [r, admin] = lint(['policies/baseline.json', 'policies/admin.json'], dir);
    assert.strictEqual(r.policyType, 'SERVICE_CONTROL_POLICY');
    // An SCP's Allow of everything is what FullAWSAccess says: no identity-policy warnings on it.
    assert.deepStrictEqual(r.findings.map((f) => f.issueCode), []);
    // The identity policy the same test names is still linted as one.
    assert.strictEqual(admin.policyType, 'IDENTITY_POLICY');
  });

  it('a file the policy tests use as an RCP is linted as an RCP; tests that disagree leave it to the content', () => {
    fs.writeFileSync(path.join(dir, 'tests', 'rcp.policytest.json'), scenario({ identityPolicies: ['../policies/admin.json'], resourceControlPolicies: ['../policies/baseline.json'] }));
    assert.strictEqual(lint(['policies/baseline.json'], dir)[0].policyType, 'RESOURCE_CONTROL_POLICY');
    fs.writeFileSync(path.join(dir, 'tests', 'scp.policytest.json'), scenario({ identityPolicies: ['../policies/admin.json'], serviceControlPolicies: ['../policies/baseline.json'] }));
    assert.strictEqual(lint(['policies/baseline.json'], dir)[0].policyType, 'IDENTITY_POLICY');
  });

  it('a policy test outside the project, or naming a path outside it, says nothing', () => {
    const project = path.join(dir, 'project');
    fs.mkdirSync(path.join(project, '.git'), { recursive: true });
    fs.writeFileSync(path.join(project, 'inner.json'), GUARDRAIL);
    // In the outer folder, naming the inner project's file: a different project.
    fs.writeFileSync(path.join(dir, 'tests', 'outer.policytest.json'), scenario({ serviceControlPolicies: ['../project/inner.json'] }));
    // In the inner project, naming a file above it.
    fs.writeFileSync(path.join(project, 'escape.policytest.json'), scenario({ serviceControlPolicies: ['../policies/baseline.json'] }));
    assert.strictEqual(lint(['inner.json'], project)[0].policyType, 'IDENTITY_POLICY');
    assert.strictEqual(lint([path.join(project, 'inner.json'), 'policies/baseline.json'], dir)[1].policyType, 'IDENTITY_POLICY');
  });

  it('--policy-type and the project file\'s policyTypes still come first', () => {
    fs.writeFileSync(path.join(dir, 'tests', 'leave.policytest.json'), scenario({ serviceControlPolicies: ['../policies/baseline.json'] }));
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--policy-type', 'IDENTITY_POLICY', 'policies/baseline.json'], { encoding: 'utf8', cwd: dir, timeout: 30_000 });
    assert.strictEqual((JSON.parse(r.stdout) as { policyType: string }[])[0].policyType, 'IDENTITY_POLICY');
    fs.writeFileSync(path.join(dir, '.sts-lens.json'), JSON.stringify({ policyTypes: { 'policies/baseline.json': 'RESOURCE_CONTROL_POLICY' } }));
    assert.strictEqual(lint(['policies/baseline.json'], dir)[0].policyType, 'RESOURCE_CONTROL_POLICY');
  });

  it('in a folder that is no project, only the policy tests beside the file count: nothing below it is searched', () => {
    const loose = path.join(dir, 'loose');
    fs.mkdirSync(path.join(loose, 'deeper'), { recursive: true });
    fs.writeFileSync(path.join(loose, 'baseline.json'), GUARDRAIL);
    fs.writeFileSync(path.join(loose, 'deeper', 'scp.policytest.json'), scenario({ serviceControlPolicies: ['../baseline.json'] }));
    // Outside the project made in beforeEach: a folder of its own, as a home folder or /tmp is.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-no-project-'));
    try {
      fs.cpSync(loose, outside, { recursive: true });
      assert.strictEqual(lint(['baseline.json'], outside)[0].policyType, 'IDENTITY_POLICY');
      fs.writeFileSync(path.join(outside, 'scp.policytest.json'), scenario({ serviceControlPolicies: ['baseline.json'] }));
      assert.strictEqual(lint(['baseline.json'], outside)[0].policyType, 'SERVICE_CONTROL_POLICY');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
