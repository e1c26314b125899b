import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { explainDecodedMessage, type AuthorizationExplanation } from '../../../src/core/authz/explain';
import { buildAllowingStatement } from '../../../src/core/authz/allowStatement';
import { renderExplanationText } from '../../../src/core/authz/render';

function explain(name: string): AuthorizationExplanation {
  const r = explainDecodedMessage(fs.readFileSync(fixturePath('authz-real', 'decoded', name), 'utf8'));
  assert.ok(r.ok, `${name} explains`);
  return r.explanation;
}

describe('explanations of real-shaped decoded messages', () => {
  it('the documented example: DENY in capitals, action without its prefix', () => {
    const ex = explain('docs-explicit-deny-unprefixed.json');
    assert.strictEqual(ex.verdict, 'explicit-deny');
    assert.strictEqual(ex.summary, 'DENIED ec2:RunInstances on instance/* — explicit deny by statement VisualEditor0');
    assert.deepStrictEqual([ex.action?.full, ex.action?.prefixInferred, ex.action?.prefixSource], ['ec2:RunInstances', true, 'matched statement']);
    assert.deepStrictEqual(ex.denyingStatements.map((s) => [s.sid, s.effect, s.principals, s.actions, s.resources]), [['VisualEditor0', 'Deny', ['AROA123456789EXAMPLE'], ['ec2:RunInstances'], ['*']]]);
    assert.deepStrictEqual([ex.principal?.kind, ex.principal?.roleName, ex.principal?.sessionName, ex.principal?.account], ['assumed-role', 'Developer', 'Ana', '111122223333']);
    assert.strictEqual(ex.context.find((c) => c.key === 'ec2:InstanceType')?.values[0], 't2.micro');
    assert.strictEqual(ex.wouldAllow, undefined, 'an explicit deny is not fixed by an Allow');
    assert.deepStrictEqual(ex.warnings, []);
  });

  it('an implicit deny for an IAM user names the exact action and resource to allow', () => {
    const ex = explain('implicit-deny-iam-user-tags.json');
    assert.strictEqual(ex.verdict, 'implicit-deny');
    assert.strictEqual(ex.summary, 'DENIED ec2:CreateVolume on volume/* — implicit deny: no statement allows it');
    assert.deepStrictEqual(ex.wouldAllow, { action: 'ec2:CreateVolume', resource: 'arn:aws:ec2:eu-west-1:111122223333:volume/*' });
    assert.deepStrictEqual([ex.principal?.kind, ex.principal?.userName], ['user', 'alice']);
    assert.deepStrictEqual(ex.context.find((c) => c.key === 'aws:TagKeys')?.values, ['Project', 'Owner']);
    assert.ok(ex.context.some((c) => c.key === 'aws:PrincipalTag/team'));
    assert.match(ex.advice[0], /user alice/);
  });

  it('the allowing statement pins the action-specific keys with operators that fit their values', () => {
    const allow = buildAllowingStatement(explain('implicit-deny-iam-user-tags.json'));
    assert.ok(allow);
    assert.deepStrictEqual(allow.statement, {
      Sid: 'AllowEc2CreateVolume',
      Effect: 'Allow',
      Action: 'ec2:CreateVolume',
      Resource: 'arn:aws:ec2:eu-west-1:111122223333:volume/*',
      Condition: {
        StringEquals: { 'ec2:AvailabilityZone': 'eu-west-1a', 'ec2:VolumeType': 'gp3', 'ec2:Region': 'eu-west-1' },
        Bool: { 'ec2:Encrypted': 'true' },
        NumericEquals: { 'ec2:VolumeSize': '100', 'ec2:VolumeIops': '3000' },
      },
    });
    assert.ok(!allow.policyText.includes('aws:PrincipalTag'), 'caller attributes are not pinned');
    assert.deepStrictEqual(JSON.parse(allow.policyText).Statement, [allow.statement]);
  });

  it('an SCP region guardrail: several condition values, principal groups, GovCloud partition', () => {
    const ex = explain('scp-region-deny-govcloud.json');
    assert.strictEqual(ex.verdict, 'explicit-deny');
    assert.deepStrictEqual(ex.denyingStatements[0].conditions, [{ key: 'aws:RequestedRegion', values: ['us-gov-west-1', 'us-gov-east-1'] }]);
    assert.deepStrictEqual(ex.denyingStatements[0].principalGroups, ['AGPAEXAMPLEGROUP']);
    assert.deepStrictEqual([ex.principal?.kind, ex.principal?.roleName, ex.principal?.sessionName], ['assumed-role', 'AWSReservedSSO_PowerUser_0123456789abcdef', 'jane@example.com']);
    assert.strictEqual(ex.summary, 'DENIED ec2:DescribeInstances on * — explicit deny by statement DenyOutsideApprovedRegions');
    assert.ok(ex.advice.includes('The deny depends on aws:RequestedRegion; this request had aws:RequestedRegion = us-east-1.'));
  });

  it('a deny on a resource tag picks the Deny out of mixed effects', () => {
    const ex = explain('explicit-deny-resource-tag.json');
    assert.deepStrictEqual(ex.matchedStatements.map((s) => s.effect), ['Deny', 'Allow']);
    assert.deepStrictEqual(ex.denyingStatements.map((s) => s.sid), ['ProtectProduction']);
    assert.ok(ex.advice.some((a) => a.includes('ec2:ResourceTag/Environment = production')));
  });

  it('an unprefixed action with no matched statement takes its prefix from the resource ARN', () => {
    const ex = explain('implicit-deny-unprefixed-from-arn.json');
    assert.deepStrictEqual([ex.action?.full, ex.action?.prefixSource], ['ec2:CreateTags', 'resource ARN']);
    const text = renderExplanationText(ex).text;
    assert.match(text, /Action {6}ec2:CreateTags {3}\(service prefix "ec2" restored from the resource ARN; the message said "CreateTags"\)/);
  });

  it('failures are listed, and the root user is not told to attach an identity policy', () => {
    const ex = explain('failures-root.json');
    assert.deepStrictEqual(ex.failures, ['Policy arn:aws:iam::111122223333:policy/broken could not be evaluated']);
    assert.strictEqual(ex.principal?.kind, 'root');
    assert.ok(!ex.advice.some((a) => /identity policy of the root user/.test(a)), ex.advice.join('\n'));
    assert.match(renderExplanationText(ex).text, /## Failures \(1\)\n {2}- Policy arn:aws:iam::111122223333:policy\/broken could not be evaluated/);
  });

  it('the render shows every section and the raw JSON for each fixture', () => {
    for (const f of fs.readdirSync(fixturePath('authz-real', 'decoded'))) {
      const r = renderExplanationText(explain(f));
      assert.deepStrictEqual(r.sections.map((s) => s.title.replace(/ \(.*\)$/, '')), ['Request', 'What to do', 'Matched statements', 'Request context', 'Failures', 'Raw decoded message'], f);
      assert.strictEqual(r.text.split('\n')[r.rawJsonLine], '{', f);
    }
  });
});

describe('an implicit deny where an Allow matched', () => {
  it('points at the boundary, session policy or SCP instead of the identity policy', () => {
    const ex = explain('implicit-deny-boundary-lacks-allow.json');
    assert.strictEqual(ex.verdict, 'implicit-deny');
    assert.strictEqual(ex.summary, 'DENIED s3:PutObject on artifacts-111122223333/builds/app.zip — implicit deny: statement AllowS3Write allows it, another policy does not');
    assert.match(ex.advice[0], /^statement AllowS3Write already allows it, so a policy that must also allow it does not: a permissions boundary, a session policy, or an organization SCP\. Allow s3:PutObject on arn:aws:s3:::artifacts-111122223333\/builds\/app\.zip there\.$/);
    assert.ok(!ex.advice.some((a) => a.includes('in an identity policy of')));
    assert.deepStrictEqual(ex.wouldAllow, { action: 's3:PutObject', resource: 'arn:aws:s3:::artifacts-111122223333/builds/app.zip' });
  });
});

describe('an explicit deny on a missing tag', () => {
  it('says the request lacked the key the deny checks', () => {
    const ex = explain('explicit-deny-missing-tag.json');
    assert.strictEqual(ex.summary, 'DENIED ec2:RunInstances on instance/* — explicit deny by statement DenyRunInstancesWithoutCostCenter');
    assert.ok(ex.advice.includes('The deny depends on aws:RequestTag/CostCenter, which this request did not have (the statement checks true): if it requires that key, add it to the request, for example as a tag.'), ex.advice.join('\n'));
  });
});
