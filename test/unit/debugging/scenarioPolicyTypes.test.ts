import * as assert from 'assert';
import * as fs from 'fs';
import { guardrailTypeFromUses, scenarioPolicyUses } from '../../../src/core/debugging/scenarioPolicyTypes';
import { detectPolicyType, guardrailTypeFromName, lintPolicy } from '../../../src/core/policy';
import { fixturePath } from '../fixtures';
import { testCatalog } from '../policy/catalog';

const scp = () => fs.readFileSync(fixturePath('workspace', 'policy-tests', 'guardrail-scp.json'), 'utf8');

describe('debugging: the policy type a file has because of how scenarios and its name use it', () => {
  it('reads the files every case of a scenario file names, with the type of their slot', () => {
    const uses = scenarioPolicyUses(fs.readFileSync(fixturePath('workspace', 'policy-tests', 'region-guardrail.policytest.json'), 'utf8'));
    assert.deepStrictEqual(uses, [
      { path: '../policies/s3-read-only.json', type: 'IDENTITY_POLICY' },
      { path: './guardrail-scp.json', type: 'SERVICE_CONTROL_POLICY' },
    ]);
    const aliases = scenarioPolicyUses(JSON.stringify({ request: {}, scps: [['root.json'], ['ou.json']], rcps: [['rcp-level.json']], permissionBoundary: 'b.json', trustPolicy: 't.json' }));
    assert.deepStrictEqual(aliases.map((u) => `${u.path} ${u.type}`), ['root.json SERVICE_CONTROL_POLICY', 'ou.json SERVICE_CONTROL_POLICY', 'rcp-level.json RESOURCE_CONTROL_POLICY', 'b.json IDENTITY_POLICY', 't.json RESOURCE_POLICY']);
  });

  it('names nothing for a scenario file that does not parse or holds no paths', () => {
    assert.deepStrictEqual(scenarioPolicyUses('{ "request": '), []);
    assert.deepStrictEqual(scenarioPolicyUses('[1, "x", { "serviceControlPolicies": [[{ "Version": "2012-10-17", "Statement": [] }]] }]'), []);
  });

  it('says SCP or RCP only when every use agrees, and leaves other uses to content detection', () => {
    assert.strictEqual(guardrailTypeFromUses(['SERVICE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY']), 'SERVICE_CONTROL_POLICY');
    assert.strictEqual(guardrailTypeFromUses(['RESOURCE_CONTROL_POLICY']), 'RESOURCE_CONTROL_POLICY');
    assert.strictEqual(guardrailTypeFromUses(['SERVICE_CONTROL_POLICY', 'IDENTITY_POLICY']), undefined, 'an SCP in one test and an identity policy in another: ambiguous');
    assert.strictEqual(guardrailTypeFromUses(['IDENTITY_POLICY']), undefined);
    assert.strictEqual(guardrailTypeFromUses([]), undefined);
  });

  it('reads SCP and RCP as words of the file name or its folder, not inside other words', () => {
    assert.strictEqual(guardrailTypeFromName('/repo/org/guardrail-scp.json'), 'SERVICE_CONTROL_POLICY');
    assert.strictEqual(guardrailTypeFromName('C:\\repo\\scps\\deny_regions.json'), 'SERVICE_CONTROL_POLICY');
    assert.strictEqual(guardrailTypeFromName('org/RCP.json'), 'RESOURCE_CONTROL_POLICY');
    assert.strictEqual(guardrailTypeFromName('scps/deny-rcp.json'), undefined, 'both words: ambiguous');
    assert.strictEqual(guardrailTypeFromName('policies/describe-scpipeline.json'), undefined);
    assert.strictEqual(guardrailTypeFromName('scp/team/app.json'), undefined, 'only the file and its own folder count');
  });

  it('an SCP has no Principal, an RCP must have one: a name that contradicts the content changes nothing', () => {
    assert.strictEqual(detectPolicyType(scp()), 'IDENTITY_POLICY', 'by content alone an SCP reads as an identity policy');
    assert.strictEqual(detectPolicyType(scp(), '/repo/guardrail-scp.json'), 'SERVICE_CONTROL_POLICY');
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    assert.strictEqual(detectPolicyType(trust, '/repo/scp.json'), 'TRUST_POLICY');
    const rcp = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }] });
    assert.strictEqual(detectPolicyType(rcp, '/repo/rcps/https-only.json'), 'RESOURCE_CONTROL_POLICY');
    assert.strictEqual(detectPolicyType(rcp, '/repo/bucket.json'), 'RESOURCE_POLICY');
  });

  it('lints a file named as an SCP with the SCP rules: no privilege-escalation findings for its Allow "*"', () => {
    const h = testCatalog();
    h.ensureAllServicesSync();
    const asIdentity = lintPolicy(scp(), { policyType: 'auto', catalog: h.catalog, fileName: '/repo/guardrail.json' });
    assert.strictEqual(asIdentity.policyType, 'IDENTITY_POLICY');
    assert.ok(asIdentity.findings.some((f) => f.issueCode.startsWith('PRIVILEGE_ESCALATION_')));
    const asScp = lintPolicy(scp(), { policyType: 'auto', catalog: h.catalog, fileName: '/repo/guardrail-scp.json' });
    assert.strictEqual(asScp.policyType, 'SERVICE_CONTROL_POLICY');
    assert.deepStrictEqual(asScp.findings.map((f) => f.issueCode), []);
  });
});
