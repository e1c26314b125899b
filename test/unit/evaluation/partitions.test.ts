// Principals and resources in the China (aws-cn) and AWS GovCloud (US) (aws-us-gov) partitions.
import * as assert from 'assert';
import { evaluate } from '../../../src/core/evaluation';
import { assumeCandidates, assumeRow } from '../../../src/core/debugging/whoCanAssume';
import { allow, decision, deny, policy, req, run } from './helpers';
import { diff, doc, lines } from './accessHelpers';

const ACCOUNT = '111122223333';
const CN_USER = `arn:aws-cn:iam::${ACCOUNT}:user/alice`;
const CN_ROLE = `arn:aws-cn:iam::${ACCOUNT}:role/Deploy`;
const GOV_SESSION = `arn:aws-us-gov:sts::${ACCOUNT}:assumed-role/Dev/alice`;
const GOV_ROLE = `arn:aws-us-gov:iam::${ACCOUNT}:role/Deploy`;
const all = policy(allow('*'));
const trust = (principal: unknown, action = 'sts:AssumeRole') => policy({ Effect: 'Allow', Principal: principal, Action: action });
const ACROSS = 'AWS IAM User Guide: "IAM roles and resource-based policies delegate access across accounts only within a single partition."';

describe('evaluation: principals and resources in the aws-cn and aws-us-gov partitions', () => {
  it(`${ACROSS} — a request from one partition to a resource of another is refused whatever the policies allow`, () => {
    const r = run(req(CN_USER, 's3:GetObject', 'arn:aws:s3:::reports/q3.csv'), { identity: [all] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.reasons.join(' '), /aws-cn partition and arn:aws:s3:::reports\/q3\.csv in the aws partition/);
    assert.strictEqual(decision(req(CN_USER, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Deploy`), { identity: [all], resource: [trust({ AWS: ACCOUNT })] }), 'ImplicitlyDenied');
    // Within its own partition the same caller is decided as usual.
    assert.strictEqual(decision(req(CN_USER, 's3:GetObject', 'arn:aws-cn:s3:::reports/q3.csv'), { identity: [all] }), 'Allowed');
    assert.strictEqual(decision(req(CN_USER, 'sts:AssumeRole', CN_ROLE), { identity: [all], resource: [trust({ AWS: ACCOUNT })] }), 'Allowed', 'an account ID names the account in the policy\'s own partition');
    assert.strictEqual(decision(req(CN_USER, 'kms:Decrypt', `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/1234abcd`), { identity: [all], resource: [policy(allow('kms:*', '*', { Principal: { AWS: `arn:aws-cn:iam::${ACCOUNT}:root` } }))] }), 'Allowed');
  });

  it(`${ACROSS} — an account, role or OIDC provider ARN of another partition does not name the caller, though the account number is the same`, () => {
    assert.strictEqual(decision(req(CN_USER, 'sts:AssumeRole', CN_ROLE), { identity: [all], resource: [trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(CN_USER, 'sts:AssumeRole', CN_ROLE), { identity: [all], resource: [trust({ AWS: `arn:aws-cn:iam::${ACCOUNT}:root` })] }), 'Allowed');
    // A GovCloud session is named by its role's ARN with a path in its own partition only.
    assert.strictEqual(decision(req(GOV_SESSION, 'sts:AssumeRole', GOV_ROLE), { resource: [trust({ AWS: `arn:aws-us-gov:iam::${ACCOUNT}:role/team/Dev` })] }), 'Allowed');
    assert.strictEqual(decision(req(GOV_SESSION, 'sts:AssumeRole', GOV_ROLE), { resource: [trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/team/Dev` })] }), 'ImplicitlyDenied');
    const github = (partition: string) => `arn:${partition}:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    assert.strictEqual(decision(req(github('aws-cn'), 'sts:AssumeRoleWithWebIdentity', CN_ROLE), { resource: [trust({ Federated: github('aws-cn') }, 'sts:AssumeRoleWithWebIdentity')] }), 'Allowed');
    assert.strictEqual(decision(req(github('aws-cn'), 'sts:AssumeRoleWithWebIdentity', CN_ROLE), { resource: [trust({ Federated: github('aws') }, 'sts:AssumeRoleWithWebIdentity')] }), 'ImplicitlyDenied');
    // China's service principals are matched as written, case aside.
    assert.strictEqual(decision(req('ec2.amazonaws.com.cn', 'sts:AssumeRole', CN_ROLE), { resource: [trust({ Service: 'EC2.amazonaws.com.cn' })] }), 'Allowed');
  });

  it(`${ACROSS} — "which profiles can assume this role" says a profile of another partition cannot, rather than that its own policies decide`, () => {
    const trustDoc = { name: 'trust.json', text: JSON.stringify(trust({ AWS: ACCOUNT })) };
    const identities = [{ label: 'china', arn: CN_USER }, { label: 'global', arn: `arn:aws:iam::${ACCOUNT}:user/alice` }];
    const rows = assumeCandidates(`arn:aws:iam::${ACCOUNT}:role/Deploy`, trustDoc, identities).map((c) => assumeRow(c, c.input ? evaluate(c.input) : undefined));
    assert.deepStrictEqual(rows.map((r) => [r.label, r.verdict]), [['china', 'cannot'], ['global', 'needs-identity-policy']]);
    assert.match(rows[0].because, /aws-cn partition/);
  });

  it(`${ACROSS} — a caller given as an account ID is its root user in the request's partition: the resource's, else the Region's, else aws`, () => {
    // An SCP that denies the account's root ARN of one partition: it applies when that is the caller's ARN.
    const guard = (partition: string) => ({ scps: [[policy(allow('*'), deny('*', '*', { Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:${partition}:iam::${ACCOUNT}:root` } } }))]] });
    const cnObject = 'arn:aws-cn:s3:::reports/q3.csv';
    assert.strictEqual(decision(req(ACCOUNT, 's3:GetObject', cnObject), guard('aws-cn')), 'ExplicitlyDenied', 'aws:PrincipalArn is the aws-cn root ARN');
    assert.strictEqual(decision(req(ACCOUNT, 's3:GetObject', cnObject), guard('aws')), 'Allowed');
    assert.strictEqual(decision(req(ACCOUNT, 'ec2:DescribeInstances', '*', { 'aws:RequestedRegion': 'us-gov-west-1' }), guard('aws-us-gov')), 'ExplicitlyDenied', 'a GovCloud Region');
    assert.strictEqual(decision(req(ACCOUNT, 'ec2:DescribeInstances', '*'), guard('aws')), 'ExplicitlyDenied', 'nothing says another partition');
    // A resource policy naming the account's root ARN of another partition does not name it.
    const bucketPolicy = (partition: string) => policy(allow('s3:GetObject', cnObject, { Principal: { AWS: `arn:${partition}:iam::${ACCOUNT}:root` } }));
    const decidedBy = (partition: string) => run(req(ACCOUNT, 's3:GetObject', cnObject), { identity: [all], resource: [bucketPolicy(partition)] }).deciding.map((d) => d.policy);
    assert.deepStrictEqual(decidedBy('aws-cn'), ['resource[0]']);
    assert.deepStrictEqual(decidedBy('aws'), [], 'the bucket policy does not apply: the account\'s own root user is allowed without it');
    // aws:PrincipalArn, when the request gives it, says the partition: then a resource of another is refused.
    const r = run(req(ACCOUNT, 's3:GetObject', cnObject, { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:root` }), { identity: [all] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.reasons.join(' '), /111122223333 is in the aws partition and arn:aws-cn:s3:::reports\/q3\.csv in the aws-cn partition/);
  });

  it('access diff: an account ID in a China policy is the account\'s aws-cn root ARN, and China\'s service principals compare case-insensitively', () => {
    const before = doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT, Service: 'ECS-tasks.amazonaws.com.cn' }, Action: 'sts:AssumeRole' });
    const after = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws-cn:iam::${ACCOUNT}:root`, Service: 'ecs-tasks.amazonaws.com.cn' }, Action: 'sts:AssumeRole' });
    const d = diff(before, after, 'TRUST_POLICY');
    assert.deepStrictEqual([lines(d.added), lines(d.removed)], [[], []]);
    const widened = diff(doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole', Resource: CN_ROLE }), doc({ Effect: 'Allow', Principal: { AWS: [ACCOUNT, '444455556666'] }, Action: 'sts:AssumeRole', Resource: CN_ROLE }), 'TRUST_POLICY');
    assert.deepStrictEqual(lines(widened.added).map((l) => l.replace(/ on .* for /, ' for ')), ['sts:AssumeRole for arn:aws-cn:iam::444455556666:root']);
  });
});
