import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { explainDecodedMessage, type AuthorizationExplanation } from '../../../src/core/authz/explain';
import { offerAllowingStatement, servicesForExplanation, actionFactsFrom } from '../../../src/core/authz/lintAllowing';
import { lintPolicy } from '../../../src/core/policy';
import { createIamCatalog } from '../../../src/node/iamData';

function explain(name: string): AuthorizationExplanation {
  const r = explainDecodedMessage(fs.readFileSync(fixturePath('authz', 'decoded', `${name}.json`), 'utf8'));
  assert.ok(r.ok);
  return r.explanation;
}

describe('offerAllowingStatement with the IAM reference', () => {
  const handle = createIamCatalog();

  for (const name of ['explicit-deny-ec2-run-instances', 'implicit-deny-ec2-run-instances', 'implicit-deny-unprefixed-create-tags', 'explicit-deny-region-guardrail', 'implicit-deny-pass-role']) {
    it(`offers a statement for ${name} that the policy engine accepts`, () => {
      const ex = explain(name);
      handle.ensureServicesSync(servicesForExplanation(ex));
      const offered = offerAllowingStatement(ex, handle.catalog);
      assert.ok(offered);
      assert.strictEqual(offered.actionKnown, true);
      const blocking = lintPolicy(offered.policyText, { policyType: 'IDENTITY_POLICY', catalog: handle.catalog }).findings.filter((f) => f.findingType === 'ERROR' || f.findingType === 'SECURITY_WARNING');
      assert.deepStrictEqual(blocking.map((f) => f.issueCode), []);
      assert.strictEqual(offered.statement.Action, ex.action?.full);
      assert.strictEqual(offered.statement.Resource, ex.resource?.raw);
    });
  }

  it('keeps only keys RunInstances supports, typed from the reference', () => {
    const ex = explain('explicit-deny-ec2-run-instances');
    handle.ensureServicesSync(servicesForExplanation(ex));
    const facts = actionFactsFrom(handle.catalog, ex);
    assert.strictEqual(facts?.action, 'ec2:RunInstances');
    const offered = offerAllowingStatement(ex, handle.catalog);
    const condition = offered?.statement.Condition as Record<string, Record<string, string>>;
    assert.strictEqual(condition.StringEquals['ec2:InstanceType'], 't2.micro');
    assert.strictEqual(condition.NumericEquals['ec2:MetadataHttpPutResponseHopLimit'], '2');
    assert.strictEqual(condition.Bool['ec2:IsLaunchTemplateResource'], 'false');
    const allKeys = Object.values(condition).flatMap((e) => Object.keys(e));
    for (const bookkeeping of ['aws:Resource', 'aws:Account', 'aws:Type', 'aws:ARN', 'aws:Service', 'aws:Region', 'ec2:InstanceID']) {
      assert.ok(!allKeys.includes(bookkeeping), `${bookkeeping} left out`);
    }
  });

  it('matches tag-key templates such as aws:RequestTag/${TagKey}', () => {
    const ex = explain('implicit-deny-unprefixed-create-tags');
    handle.ensureServicesSync(servicesForExplanation(ex));
    const offered = offerAllowingStatement(ex, handle.catalog);
    const condition = offered?.statement.Condition as Record<string, Record<string, string>>;
    assert.strictEqual(condition.StringEquals['aws:RequestTag/Team'], 'payments');
    assert.strictEqual(condition.StringEquals['ec2:CreateAction'], 'CreateSecurityGroup');
  });

  it('says when the reference does not know the action', () => {
    const r = explainDecodedMessage('{"allowed":false,"explicitDeny":false,"context":{"action":"ec2:LaunchRockets","resource":"arn:aws:ec2:us-east-1:111122223333:instance/*"}}');
    assert.ok(r.ok);
    handle.ensureServicesSync(servicesForExplanation(r.explanation));
    const offered = offerAllowingStatement(r.explanation, handle.catalog);
    assert.strictEqual(offered?.actionKnown, false);
    assert.ok(offered?.findings.some((f) => f.includes('ec2:LaunchRockets')), offered?.findings.join('\n'));
  });
});
