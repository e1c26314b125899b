import * as assert from 'assert';
import { principalTarget, resourcePolicyTarget } from '../../../src/core/debugging/targets';
import { policyText, unreadPart } from '../../../src/core/debugging/accountPolicySet';
import { relativePath, scenarioFileName, scenarioText } from '../../../src/core/debugging/scenarioFile';

describe('debugging: what to read from the account', () => {
  it('maps an assumed-role session to its role, and keeps users and pathed roles by bare name', () => {
    assert.deepStrictEqual(principalTarget('arn:aws:sts::111122223333:assumed-role/Dev/alice'), { kind: 'role', name: 'Dev', account: '111122223333', arn: 'arn:aws:iam::111122223333:role/Dev', serviceLinked: false });
    const pathed = principalTarget('arn:aws:iam::111122223333:role/team/ci/Deploy');
    assert.ok(!('problem' in pathed) && pathed.kind === 'role' && pathed.name === 'Deploy');
    const slr = principalTarget('arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing');
    assert.ok(!('problem' in slr) && slr.kind === 'role' && slr.serviceLinked);
    const user = principalTarget('arn:aws:iam::111122223333:user/division/bob');
    assert.ok(!('problem' in user) && user.kind === 'user' && user.name === 'bob');
  });

  it('says why a principal that is not an ARN, the root user or a federated user has no policies to read', () => {
    assert.match((principalTarget('alice') as { problem: string }).problem, /not an ARN/);
    assert.match((principalTarget('arn:aws:iam::111122223333:root') as { problem: string }).problem, /root user/);
    assert.match((principalTarget('arn:aws:sts::111122223333:federated-user/bob') as { problem: string }).problem, /federated user/);
  });

  it('finds the resource policy of each supported service from the resource ARN', () => {
    assert.deepStrictEqual(resourcePolicyTarget('arn:aws:s3:::reports/2026/q3.csv'), { service: 's3', bucket: 'reports' });
    assert.deepStrictEqual(resourcePolicyTarget('arn:aws:sqs:eu-west-1:111122223333:jobs'), { service: 'sqs', queueName: 'jobs', account: '111122223333', region: 'eu-west-1' });
    assert.deepStrictEqual(resourcePolicyTarget('arn:aws:lambda:us-east-1:111122223333:function:fn:prod'), { service: 'lambda', functionName: 'fn', qualifier: 'prod', region: 'us-east-1' });
    assert.deepStrictEqual(resourcePolicyTarget('arn:aws:iam::111122223333:role/path/Deploy'), { service: 'iam', roleName: 'Deploy' });
    assert.strictEqual(resourcePolicyTarget('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')?.service, 'kms');
    assert.strictEqual(resourcePolicyTarget('arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf')?.service, 'secretsmanager');
    assert.strictEqual(resourcePolicyTarget('arn:aws:sns:us-east-1:111122223333:alerts')?.service, 'sns');
    assert.strictEqual(resourcePolicyTarget('arn:aws:ec2:us-east-1:111122223333:instance/i-1'), undefined);
    assert.strictEqual(resourcePolicyTarget('arn:aws:s3:::reports/*'), undefined);
    assert.strictEqual(resourcePolicyTarget('*'), undefined);
  });

  it('names the IAM action that was needed for a part it could not read', () => {
    assert.strictEqual(unreadPart('organizations:ListPoliciesForTarget', 'SCPs', true).text, 'organizations:ListPoliciesForTarget was denied: SCPs not evaluated');
    assert.strictEqual(unreadPart('s3:GetBucketPolicy', 'the bucket policy of b', false, 'TimeoutError').text, 's3:GetBucketPolicy failed (TimeoutError): the bucket policy of b not evaluated');
  });

  it('decodes IAM\'s URL-encoded policy documents', () => {
    assert.strictEqual(policyText('%7B%22Version%22%3A%222012-10-17%22%7D'), '{\n  "Version": "2012-10-17"\n}');
    assert.strictEqual(policyText('not json'), 'not json');
  });

  it('writes a scenario that points at the policy by a relative path', () => {
    assert.strictEqual(relativePath('/w/policy-tests', '/w/policies/dev.json'), '../policies/dev.json');
    assert.strictEqual(relativePath('/w/policies', '/w/policies/dev.json'), './dev.json');
    assert.strictEqual(scenarioFileName('dev.json', 's3:GetObject'), 'dev.s3-GetObject.policytest.json');
    const text = scenarioText({ principal: 'arn:aws:iam::111122223333:user/bob', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }, 'serviceControl', './scp.json', 'ImplicitlyDenied');
    assert.deepStrictEqual(JSON.parse(text), { request: { principal: 'arn:aws:iam::111122223333:user/bob', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }, serviceControlPolicies: [['./scp.json']], expect: 'ImplicitlyDenied' });
  });
});
