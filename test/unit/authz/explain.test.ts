import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { explainDecodedMessage, type AuthorizationExplanation } from '../../../src/core/authz/explain';
import { buildAllowingStatement, withoutConditionKeys } from '../../../src/core/authz/allowStatement';
import { renderExplanationMarkdown, renderExplanationText } from '../../../src/core/authz/render';

function explain(name: string): AuthorizationExplanation {
  const r = explainDecodedMessage(fs.readFileSync(fixturePath('authz', 'decoded', `${name}.json`), 'utf8'));
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.explanation;
}

describe('explainDecodedMessage', () => {
  it('explains an explicit deny and restores the service prefix from the resource ARN', () => {
    const ex = explain('explicit-deny-ec2-run-instances');
    assert.strictEqual(ex.verdict, 'explicit-deny');
    assert.deepStrictEqual([ex.action?.raw, ex.action?.full, ex.action?.prefixInferred], ['RunInstances', 'ec2:RunInstances', true]);
    assert.strictEqual(ex.action?.prefixSource, 'matched statement');
    assert.strictEqual(ex.summary, 'DENIED ec2:RunInstances on instance/* — explicit deny by statement VisualEditor0');
    assert.deepStrictEqual(ex.principal && [ex.principal.kind, ex.principal.roleName, ex.principal.sessionName, ex.principal.account], ['assumed-role', 'Developer', 'Ana', '111122223333']);
    assert.strictEqual(ex.matchedStatements.length, 1);
    assert.deepStrictEqual(ex.denyingStatements.map((s) => [s.sid, s.effect, s.actions, s.resources, s.principals]), [['VisualEditor0', 'Deny', ['ec2:RunInstances'], ['*'], ['AROA123456789EXAMPLE']]]);
    assert.strictEqual(ex.context.length, 18);
    assert.deepStrictEqual(ex.context.find((c) => c.key === 'ec2:InstanceType')?.values, ['t2.micro']);
    assert.strictEqual(ex.wouldAllow, undefined);
    assert.deepStrictEqual(ex.warnings, []);
    assert.ok(ex.advice.some((a) => /explicit Deny wins/.test(a)));
  });

  it('explains an implicit deny with what would allow it', () => {
    const ex = explain('implicit-deny-ec2-run-instances');
    assert.strictEqual(ex.verdict, 'implicit-deny');
    assert.strictEqual(ex.action?.prefixInferred, false);
    assert.deepStrictEqual(ex.wouldAllow, { action: 'ec2:RunInstances', resource: 'arn:aws:ec2:eu-west-1:444455556666:volume/*' });
    assert.strictEqual(ex.summary, 'DENIED ec2:RunInstances on volume/* — implicit deny: no statement allows it');
    assert.deepStrictEqual([ex.principal?.kind, ex.principal?.userName, ex.principal?.name], ['user', 'ci-deployer', 'ci-deployer']);
    assert.ok(ex.advice[0].includes('Allow ec2:RunInstances on arn:aws:ec2:eu-west-1:444455556666:volume/* in an identity policy of user ci-deployer'));
  });

  it('restores a missing prefix from the resource ARN when no statement matched', () => {
    const ex = explain('implicit-deny-unprefixed-create-tags');
    assert.deepStrictEqual([ex.action?.full, ex.action?.prefixSource], ['ec2:CreateTags', 'resource ARN']);
    assert.deepStrictEqual(ex.context.find((c) => c.key === 'aws:TagKeys')?.values, ['Name', 'Team']);
  });

  it('relates a deny statement\'s condition to the request\'s value', () => {
    const ex = explain('explicit-deny-region-guardrail');
    assert.strictEqual(ex.summary, 'DENIED ec2:CreateVpc on vpc/* — explicit deny by statement DenyOutsideApprovedRegions');
    assert.deepStrictEqual(ex.denyingStatements[0].conditions, [{ key: 'aws:RequestedRegion', values: ['eu-central-1', 'eu-west-1'] }]);
    assert.ok(ex.advice.some((a) => a === 'The deny depends on aws:RequestedRegion; this request had aws:RequestedRegion = ap-southeast-2.'));
  });

  it('explains iam:PassRole for an IAM resource', () => {
    const ex = explain('implicit-deny-pass-role');
    assert.strictEqual(ex.summary, 'DENIED iam:PassRole on role/ec2-app-instance-role — implicit deny: no statement allows it');
    assert.ok(ex.advice[0].includes('role AWSBackupDefaultServiceRole'));
  });

  it('lists failures and allow statements that matched without allowing', () => {
    const ex = explain('implicit-deny-with-failures');
    assert.strictEqual(ex.verdict, 'implicit-deny');
    assert.deepStrictEqual(ex.failures, ['Condition key ec2:ResourceTag/Environment could not be resolved for the resource']);
    assert.deepStrictEqual(ex.matchedStatements.map((s) => [s.sid, s.effect, s.principalGroups]), [['AllowRunInTaggedSubnets', 'Allow', ['AGPAEXAMPLEGROUPID01']]]);
    assert.strictEqual(ex.action?.full, 'ec2:RunInstances');
    assert.ok(ex.advice.some((a) => /1 evaluation failure/.test(a)));
  });

  it('degrades when the context is missing', () => {
    const ex = explain('partial-no-context');
    assert.strictEqual(ex.verdict, 'implicit-deny');
    assert.strictEqual(ex.summary, 'DENIED an unknown action on an unknown resource — implicit deny: no statement allows it');
    assert.ok(ex.warnings.some((w) => /no "context"/.test(w)));
    assert.strictEqual(ex.action, undefined);
  });

  it('accepts plain arrays, string booleans, string principals and unknown fields', () => {
    const ex = explain('unexpected-shapes');
    assert.strictEqual(ex.verdict, 'explicit-deny');
    assert.deepStrictEqual([ex.action?.full, ex.action?.prefixSource], ['backup:DeleteRecoveryPoint', 'matched statement']);
    assert.deepStrictEqual(ex.denyingStatements[0].resources, ['arn:aws:backup:us-east-1:123456789012:recovery-point:*']);
    assert.deepStrictEqual(ex.denyingStatements[0].conditions, [{ key: 'aws:PrincipalTag/Role', values: ['BackupAdmin'] }]);
    assert.deepStrictEqual(ex.denyingStatements[0].other, { sourcePolicyType: 'ServiceControlPolicy' });
    assert.deepStrictEqual(ex.context.find((c) => c.key === 'aws:SourceIp')?.values, ['203.0.113.10']);
    assert.deepStrictEqual([ex.principal?.kind, ex.principal?.roleName], ['assumed-role', 'OpsRole']);
    assert.deepStrictEqual(ex.failures, ['PolicyEvaluationTimeout']);
    assert.strictEqual(ex.resource?.resource, 'recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45');
  });

  it('unwraps a whole API response with DecodedMessage', () => {
    const inner = fs.readFileSync(fixturePath('authz', 'decoded', 'implicit-deny-pass-role.json'), 'utf8');
    const r = explainDecodedMessage(JSON.stringify({ DecodedMessage: inner }));
    assert.ok(r.ok && r.explanation.action?.full === 'iam:PassRole');
  });

  it('says what is wrong with text that is not JSON or not an object', () => {
    const notJson = explainDecodedMessage('<html>oops</html>');
    assert.ok(!notJson.ok && /not JSON/.test(notJson.error) && notJson.error.includes('<html>oops</html>'));
    const notObject = explainDecodedMessage('[1,2]');
    assert.ok(!notObject.ok && /not an object/.test(notObject.error));
  });

  it('reports an outcome that is not stated', () => {
    const r = explainDecodedMessage('{"context":{"action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}}');
    assert.ok(r.ok);
    assert.strictEqual(r.explanation.verdict, 'unknown');
    assert.strictEqual(r.explanation.summary, 's3:GetObject on b/k — outcome not stated');
  });
});

describe('buildAllowingStatement', () => {
  it('pins action, resource and the action\'s own condition keys, skipping AWS bookkeeping keys', () => {
    const ex = explain('implicit-deny-ec2-run-instances');
    const s = buildAllowingStatement(ex);
    assert.ok(s);
    assert.deepStrictEqual(s.statement, {
      Sid: 'AllowEc2RunInstances',
      Effect: 'Allow',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:eu-west-1:444455556666:volume/*',
      Condition: {
        NumericEquals: { 'ec2:VolumeSize': '30' },
        Bool: { 'ec2:Encrypted': 'true' },
        StringEquals: { 'ec2:VolumeType': 'gp3', 'ec2:AvailabilityZone': 'eu-west-1a', 'ec2:Region': 'eu-west-1' },
      },
    });
    assert.deepStrictEqual(JSON.parse(s.policyText), { Version: '2012-10-17', Statement: [s.statement] });
  });

  it('uses the IAM reference when given: its spelling, its keys and their types', () => {
    const ex = explain('implicit-deny-unprefixed-create-tags');
    const s = buildAllowingStatement(ex, {
      action: 'ec2:CreateTags',
      conditionKeys: ['ec2:CreateAction', 'aws:RequestTag/${TagKey}', 'aws:TagKeys', 'ec2:Vpc', 'ec2:ResourceTag/${TagKey}'],
      keyTypes: { 'ec2:createaction': 'String', 'aws:tagkeys': 'ArrayOfString', 'ec2:vpc': 'ARN' },
    });
    assert.ok(s);
    assert.deepStrictEqual(s.statement.Condition, { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' }, ArnEquals: { 'ec2:Vpc': 'arn:aws:ec2:us-west-2:210987654321:vpc/vpc-0123456789abcdef0' } });
    assert.ok(s.notes.some((n) => n.includes('aws:TagKeys')));
  });

  it('warns that an Allow does not beat an explicit deny, and can drop keys', () => {
    const ex = explain('explicit-deny-region-guardrail');
    const s = buildAllowingStatement(ex);
    assert.ok(s);
    assert.deepStrictEqual(s.statement.Condition, { StringEquals: { 'aws:RequestedRegion': 'ap-southeast-2', 'ec2:Region': 'ap-southeast-2' } });
    assert.ok(s.notes.some((n) => /explicitly denied/.test(n)));
    const fewer = withoutConditionKeys(s, ['ec2:region']);
    assert.deepStrictEqual(fewer.statement.Condition, { StringEquals: { 'aws:RequestedRegion': 'ap-southeast-2' } });
    assert.strictEqual(withoutConditionKeys(fewer, ['aws:RequestedRegion']).statement.Condition, undefined);
  });

  it('uses "*" with a note when there is no resource, and nothing without an action', () => {
    const r = explainDecodedMessage('{"allowed":false,"explicitDeny":false,"context":{"action":"s3:ListAllMyBuckets"}}');
    assert.ok(r.ok);
    const s = buildAllowingStatement(r.explanation);
    assert.strictEqual(s?.statement.Resource, '*');
    assert.ok(s?.notes.some((n) => /names no resource/.test(n)));
    assert.strictEqual(buildAllowingStatement(explain('partial-no-context')), undefined);
  });
});

describe('rendering', () => {
  it('renders every section, with the raw JSON last and parseable', () => {
    const ex = explain('explicit-deny-ec2-run-instances');
    const r = renderExplanationText(ex, buildAllowingStatement(ex));
    const lines = r.text.split('\n');
    assert.strictEqual(lines[0], '# Authorization failure: Explicitly denied');
    assert.deepStrictEqual(r.sections.map((s) => s.title), ['Request', 'What to do', 'Matched statements (1)', 'Request context (18 keys)', 'Failures (0)', 'Statement that would allow this', 'Raw decoded message']);
    for (const s of r.sections) assert.strictEqual(lines[s.line], `## ${s.title}`);
    assert.deepStrictEqual(JSON.parse(lines.slice(r.rawJsonLine).join('\n')), JSON.parse(ex.rawJson));
    assert.ok(r.text.includes('Action      ec2:RunInstances   (service prefix "ec2" restored from the matched statement; the message said "RunInstances")'));
    assert.ok(r.text.includes('  [Deny] Sid "VisualEditor0"'));
    assert.match(r.text, /\n {2}ec2:InstanceType +t2\.micro\n/);
  });

  it('renders hover Markdown with the summary, statements and context table', () => {
    const md = renderExplanationMarkdown(explain('explicit-deny-region-guardrail'));
    assert.ok(md.startsWith('**Explicitly denied**: DENIED ec2:CreateVpc on vpc/\\* — explicit deny by statement DenyOutsideApprovedRegions'));
    assert.ok(md.includes('- **Deny** statement `DenyOutsideApprovedRegions` on `ec2:*, rds:*` when `aws:RequestedRegion=eu-central-1|eu-west-1`'));
    assert.ok(md.includes('| `aws:RequestedRegion` | ap-southeast-2 |'));
  });
});
