// Behaviours checked against AWS's documentation ("AWS doc:" names the page), one scenario each:
// principal forms, condition operator edge cases, and which requests SCPs and RCPs leave alone.
import * as assert from 'assert';
import { evaluate } from '../../../src/core/evaluation';
import { testCatalog } from '../policy/catalog';
import { ACCOUNT, BUCKET_OBJECT, OTHER, SESSION, USER, allow, decision, deny, policy, req, type Statement } from './helpers';

const ROLE_TARGET = `arn:aws:iam::${ACCOUNT}:role/Deploy`;
const web = 'sts:AssumeRoleWithWebIdentity';
const trust = (principal: unknown, action = web) => policy({ Effect: 'Allow', Principal: principal, Action: action });
const bucket = (principal: unknown, extra: object = {}) => policy(allow('s3:GetObject', 'arn:aws:s3:::reports/*', { Principal: principal, ...extra }));
const get = (principal: string, context?: Record<string, string | string[] | boolean>) => req(principal, 's3:GetObject', BUCKET_OBJECT, context, ACCOUNT);

describe('evaluation audit: federated principals', () => {
  it('AWS doc: a web identity token from the provider host matches a trust policy naming the IAM OIDC provider ARN', () => {
    for (const host of ['token.actions.githubusercontent.com', 'oidc.eks.us-east-1.amazonaws.com/id/ABC', 'accounts.google.com', 'cognito-identity.amazonaws.com']) {
      const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`;
      assert.strictEqual(decision(req(host, web, ROLE_TARGET), { resource: [trust({ Federated: provider })] }), 'Allowed', host);
      assert.strictEqual(decision(req(host, web, ROLE_TARGET), { resource: [trust({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/other.example.com` })] }), 'ImplicitlyDenied', host);
    }
  });

  it('AWS doc: a caller given as the provider ARN matches a trust policy naming the well-known provider by host', () => {
    for (const host of ['accounts.google.com', 'cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com']) {
      assert.strictEqual(decision(req(`arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`, web, ROLE_TARGET), { resource: [trust({ Federated: host })] }), 'Allowed', host);
    }
  });

  it('provider ARNs of different accounts do not match', () => {
    const host = 'token.actions.githubusercontent.com';
    assert.strictEqual(decision(req(`arn:aws:iam::${OTHER}:oidc-provider/${host}`, web, ROLE_TARGET), { resource: [trust({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}` })] }), 'ImplicitlyDenied');
  });

  it('AWS doc: a Deny naming the provider by ARN denies the token from its host', () => {
    const host = 'token.actions.githubusercontent.com';
    const p = policy({ Effect: 'Allow', Principal: { Federated: host }, Action: web }, { Effect: 'Deny', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}` }, Action: web });
    assert.strictEqual(decision(req(host, web, ROLE_TARGET), { resource: [p] }), 'ExplicitlyDenied');
  });
});

describe('evaluation audit: AWS principals', () => {
  it('AWS doc: "123456789012" and arn:aws:iam::123456789012:root name the same account', () => {
    for (const p of [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`]) {
      assert.strictEqual(decision(get(USER), { resource: [bucket({ AWS: p })], identity: [policy(allow('s3:GetObject'))] }), 'Allowed', p);
      assert.strictEqual(decision(get(USER), { resource: [bucket({ AWS: p })] }), 'ImplicitlyDenied', `${p}: the account alone leaves it to identity policies`);
    }
  });

  it('AWS doc: "*" and {"AWS": "*"} both name everyone, anonymous callers included', () => {
    assert.strictEqual(decision(get('anonymous'), { resource: [bucket('*')] }), 'Allowed');
    assert.strictEqual(decision(get('anonymous'), { resource: [bucket({ AWS: '*' })] }), 'Allowed');
  });

  it('AWS doc: a wildcard inside a principal ARN is not a wildcard', () => {
    assert.strictEqual(decision(get(USER), { resource: [bucket({ AWS: `arn:aws:iam::${ACCOUNT}:user/*` })] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(get(SESSION), { resource: [bucket({ AWS: 'arn:aws:iam::*:role/Dev' })] }), 'ImplicitlyDenied');
  });

  it('AWS doc: aws:PrincipalArn of a role session is the role ARN, for ArnLike and ArnEquals', () => {
    const only = (op: string) => policy(allow('s3:GetObject', '*', { Condition: { [op]: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/Dev` } } }));
    assert.strictEqual(decision(get(SESSION), { identity: [only('ArnEquals')] }), 'Allowed');
    assert.strictEqual(decision(get(SESSION), { identity: [only('ArnLike')] }), 'Allowed');
    assert.strictEqual(decision(get(SESSION), { identity: [policy(allow('s3:GetObject', '*', { Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/*` } } }))] }), 'ImplicitlyDenied');
  });

  it('AWS doc: a canonical user ID in Principal grants to that canonical user', () => {
    const id = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
    assert.strictEqual(decision(get(id), { resource: [bucket({ CanonicalUser: id })] }), 'Allowed');
    assert.strictEqual(decision(get(id), { resource: [bucket({ CanonicalUser: id.replace('7', '8') })] }), 'ImplicitlyDenied');
  });
});

describe('evaluation audit: condition operators', () => {
  const withCondition = (condition: object) => policy(allow('s3:GetObject', '*', { Condition: condition }));
  const check = (condition: object, context: Record<string, string | string[] | boolean> | undefined) => decision(get(USER, context), { identity: [withCondition(condition)] });

  it('AWS doc: Bool compares true/false case-insensitively', () => {
    assert.strictEqual(check({ Bool: { 'aws:SecureTransport': 'True' } }, { 'aws:SecureTransport': 'true' }), 'Allowed');
    assert.strictEqual(check({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': true }), 'Allowed');
    assert.strictEqual(check({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' }), 'ImplicitlyDenied');
  });

  it('AWS doc: IfExists on a negated operator is true when the key is absent', () => {
    assert.strictEqual(check({ StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } }, undefined), 'Allowed');
    assert.strictEqual(check({ StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } }, { 'aws:PrincipalTag/team': 'red' }), 'ImplicitlyDenied');
  });

  it('AWS doc: a numeric operator never matches a value that is not a number', () => {
    assert.strictEqual(check({ NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 'ten' }), 'ImplicitlyDenied');
    assert.strictEqual(check({ NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '9' }), 'Allowed');
    for (const v of ['0x5', '1e1', 'Infinity', '']) assert.strictEqual(check({ NumericLessThan: { 's3:max-keys': '100' } }, { 's3:max-keys': v }), 'ImplicitlyDenied', v);
    assert.strictEqual(check({ NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10.0' }), 'Allowed');
  });

  it('AWS doc: dates compare across epoch seconds and ISO 8601, either side', () => {
    assert.strictEqual(check({ DateGreaterThan: { 'aws:CurrentTime': '1704067200' } }, { 'aws:CurrentTime': '2024-06-01T00:00:00Z' }), 'Allowed');
    assert.strictEqual(check({ DateLessThan: { 'aws:EpochTime': '2024-01-01T00:00:00Z' } }, { 'aws:EpochTime': '1704067199' }), 'Allowed');
    assert.strictEqual(check({ DateEquals: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '1704067200' }), 'Allowed');
  });

  it('AWS doc: IpAddress does not match a value that is not an IP address; NotIpAddress does', () => {
    assert.strictEqual(check({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': 'vpc-123' }), 'ImplicitlyDenied');
    assert.strictEqual(check({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '198.51.100.1' }), 'Allowed');
    assert.strictEqual(check({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8::1' }), 'Allowed');
  });

  it('AWS doc: StringLike with several wildcards', () => {
    assert.strictEqual(check({ StringLike: { 's3:prefix': 'home/*/docs/*.txt' } }, { 's3:prefix': 'home/alice/docs/a/b.txt' }), 'Allowed');
    assert.strictEqual(check({ StringLike: { 's3:prefix': 'home/*/docs/*.txt' } }, { 's3:prefix': 'home/alice/pics/b.txt' }), 'ImplicitlyDenied');
  });

  it('AWS doc: ForAllValues is true for an absent key; ForAnyValue is false', () => {
    assert.strictEqual(check({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, undefined), 'Allowed');
    assert.strictEqual(check({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, undefined), 'ImplicitlyDenied');
    assert.strictEqual(check({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, { 'aws:TagKeys': ['env', 'cost'] }), 'ImplicitlyDenied');
  });

  it('AWS doc: Null tests presence', () => {
    assert.strictEqual(check({ Null: { 'aws:TagKeys': 'false' } }, { 'aws:TagKeys': ['env'] }), 'Allowed');
    assert.strictEqual(check({ Null: { 'aws:TagKeys': 'true' } }, undefined), 'Allowed');
    assert.strictEqual(check({ Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': ['env'] }), 'ImplicitlyDenied');
  });
});

describe('evaluation audit: actions, resources, SCPs and RCPs', () => {
  it('AWS doc: actions match case-insensitively, resources case-sensitively', () => {
    assert.strictEqual(decision(get(USER), { identity: [policy(allow('S3:getobject', 'arn:aws:s3:::reports/*'))] }), 'Allowed');
    assert.strictEqual(decision(get(USER), { identity: [policy(allow('s3:GetObject', 'arn:aws:s3:::Reports/*'))] }), 'ImplicitlyDenied');
  });

  it('AWS doc: an SCP may Allow with NotAction and with a Condition', () => {
    const iamFree = policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
    assert.strictEqual(decision(get(USER), { identity: [policy(allow('*'))], scps: [[iamFree]] }), 'Allowed');
    assert.strictEqual(decision(req(USER, 'iam:ListRoles'), { identity: [policy(allow('*'))], scps: [[iamFree]] }), 'ImplicitlyDenied');
    const regional = policy(allow('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }));
    assert.strictEqual(decision(req(USER, 'ec2:DescribeInstances', '*', { 'aws:RequestedRegion': 'eu-west-1' }), { identity: [policy(allow('*'))], scps: [[regional]] }), 'Allowed');
    assert.strictEqual(decision(req(USER, 'ec2:DescribeInstances', '*', { 'aws:RequestedRegion': 'us-east-1' }), { identity: [policy(allow('*'))], scps: [[regional]] }), 'ImplicitlyDenied');
  });

  it('AWS doc: SCPs do not restrict service principals; RCPs do (the data perimeter examples confused-deputy RCP "restricts access to your resources so that AWS services can only interact with them on your behalf")', () => {
    const scpDeny = [[policy(allow('*'), deny('s3:*'))]];
    const rcpDeny = [[policy(deny('s3:*', '*', { Principal: '*', Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } } }))]];
    const trail = bucket({ Service: 'cloudtrail.amazonaws.com' });
    assert.strictEqual(decision(get('cloudtrail.amazonaws.com'), { resource: [trail], scps: scpDeny }), 'Allowed');
    assert.strictEqual(decision(get('cloudtrail.amazonaws.com'), { resource: [trail], scps: scpDeny, rcps: rcpDeny }), 'ExplicitlyDenied');
  });
});

describe('evaluation audit: a request on * for an action with resource types', () => {
  const iam = testCatalog();
  iam.ensureServicesSync(['s3']);
  const on = (action: string, statements: object[], resource: object[] = []) =>
    evaluate({ request: req(USER, action, '*', undefined, ACCOUNT), identityPolicies: [{ name: 'id', text: JSON.stringify(policy(...(statements as never[]))) }], resourcePolicies: resource.map((d, i) => ({ name: `r${i}`, text: JSON.stringify(d) })) }, iam.catalog).decision;

  it('an Allow naming some resource of the action applies; a Deny applies only when it covers every resource', () => {
    assert.strictEqual(on('s3:GetObject', [allow('s3:GetObject', 'arn:aws:s3:::my-bucket/*')]), 'Allowed');
    assert.strictEqual(on('s3:GetObject', [allow('s3:GetObject', '*'), deny('s3:GetObject', 'arn:aws:s3:::my-bucket/secret/*')]), 'Allowed');
    assert.strictEqual(on('s3:GetObject', [allow('s3:GetObject', '*'), deny('s3:GetObject', '*')]), 'ExplicitlyDenied');
    assert.strictEqual(on('s3:GetObject', [allow('s3:GetObject', '*'), { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::public/*' }]), 'Allowed');
    assert.strictEqual(on('s3:GetObject', [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }]), 'Allowed');
  });

  it('AWS doc: an action without resource types is authorized against * only', () => {
    assert.strictEqual(on('s3:ListAllMyBuckets', [allow('s3:ListAllMyBuckets', 'arn:aws:s3:::my-bucket')]), 'ImplicitlyDenied');
    assert.strictEqual(on('s3:ListAllMyBuckets', [allow('s3:ListAllMyBuckets', '*')]), 'Allowed');
    assert.strictEqual(on('s3:ListAllMyBuckets', [allow('s3:ListAllMyBuckets', '*'), { Effect: 'Deny', Action: 's3:ListAllMyBuckets', NotResource: 'arn:aws:s3:::my-bucket' }]), 'ExplicitlyDenied');
    assert.strictEqual(on('s3:ListAllMyBuckets', [allow('s3:ListAllMyBuckets', '*'), { Effect: 'Deny', Action: 's3:ListAllMyBuckets', NotResource: '*' }]), 'Allowed');
  });
});

describe('evaluation audit: resources AWS owns and action spelling', () => {
  const admin = [policy(allow('*'))];

  it('AWS doc: AWS managed policies cannot be changed, only read', () => {
    const managed = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    assert.strictEqual(decision(req(USER, 'iam:CreatePolicyVersion', managed), { identity: admin }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(USER, 'iam:TagPolicy', managed), { identity: admin }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(USER, 'iam:GetPolicyVersion', managed), { identity: admin }), 'Allowed');
    assert.strictEqual(decision(req(USER, 'iam:DeletePolicy', `arn:aws:iam::${ACCOUNT}:policy/Mine`), { identity: admin }), 'Allowed');
  });

  it('AWS doc: IAM Identity Center roles under /aws-reserved/ cannot be changed or passed', () => {
    const reserved = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`;
    for (const a of ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:PassRole', 'iam:DeleteRole']) assert.strictEqual(decision(req(USER, a, reserved), { identity: admin }), 'ImplicitlyDenied', a);
    assert.strictEqual(decision(req(USER, 'iam:GetRole', reserved), { identity: admin }), 'Allowed');
    assert.strictEqual(decision(req(USER, 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/app`), { identity: admin }), 'Allowed');
  });

  it('AWS doc: aliases beginning with alias/aws/ cannot be created, updated or deleted; an explicit deny still reads as one', () => {
    const awsAlias = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/s3`;
    assert.strictEqual(decision(req(USER, 'kms:DeleteAlias', awsAlias), { identity: admin }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(USER, 'kms:DeleteAlias', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/mine`), { identity: admin }), 'Allowed');
    assert.strictEqual(decision(req(USER, 'kms:DeleteAlias', awsAlias), { identity: [policy(allow('*'), deny('kms:DeleteAlias'))] }), 'ExplicitlyDenied');
  });

  it('an action written with spaces or a comma names no action', () => {
    const get = req(USER, 's3:GetObject', BUCKET_OBJECT);
    for (const a of ['s3:GetObject ', ' s3:GetObject', 's3: GetObject', 's3:GetObject,s3:PutObject', 's3:']) {
      assert.strictEqual(decision(get, { identity: [policy(allow(a))] }), 'ImplicitlyDenied', JSON.stringify(a));
      assert.strictEqual(decision(get, { identity: [policy({ Effect: 'Allow', NotAction: a, Resource: '*' })] }), 'Allowed', JSON.stringify(a));
    }
  });
});

describe('evaluation audit: a request resource that holds wildcards', () => {
  const objects = 'arn:aws:s3:::example-bucket/*';
  const on = (statements: Statement[]) => decision(req(USER, 's3:GetObject', objects, undefined, ACCOUNT), { identity: [policy(...statements)] });

  it('an Allow applies when its Resource names some of the resources; a Deny only when it covers them all', () => {
    assert.strictEqual(on([allow('s3:GetObject', 'arn:aws:s3:::*/AWSLogs/*')]), 'Allowed');
    assert.strictEqual(on([allow('s3:GetObject', 'arn:aws:s3:::*/*.iso')]), 'Allowed');
    assert.strictEqual(on([allow('s3:GetObject', 'arn:aws:s3:::other-bucket/*')]), 'ImplicitlyDenied');
    assert.strictEqual(on([allow('s3:GetObject', objects), deny('s3:GetObject', 'arn:aws:s3:::*/AWSLogs/*')]), 'Allowed');
    assert.strictEqual(on([allow('s3:GetObject', objects), deny('s3:GetObject', 'arn:aws:s3:::example-*')]), 'ExplicitlyDenied');
  });

  it('NotResource: an Allow applies unless it excludes them all; a Deny applies unless it excludes them all', () => {
    assert.strictEqual(on([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::example-bucket/private/*' }]), 'Allowed');
    assert.strictEqual(on([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::example-bucket/*' }]), 'ImplicitlyDenied');
    assert.strictEqual(on([allow('s3:GetObject', objects), { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::example-bucket/public/*' }]), 'ExplicitlyDenied');
  });
});

describe('evaluation audit: empty slots', () => {
  it('an empty list of VPC endpoint policies, boundaries or session policies is the same as none', () => {
    const get = req(USER, 's3:GetObject', BUCKET_OBJECT);
    const slots = { identity: [policy(allow('s3:GetObject'))], vpce: [], boundary: [], session: [], resource: [], scps: [], rcps: [] };
    assert.strictEqual(decision(get, slots), 'Allowed');
    assert.strictEqual(decision(get, { ...slots, scps: [[]] }), 'ImplicitlyDenied', 'an SCP level with no documents allows nothing');
  });
});

describe('evaluation audit: federated users', () => {
  it('AWS doc: a federated user session without a session policy has no permissions from the IAM user\'s policies', () => {
    const fed = `arn:aws:sts::${ACCOUNT}:federated-user/alice`;
    const get = req(fed, 's3:GetObject', BUCKET_OBJECT);
    assert.strictEqual(decision(get, { identity: [policy(allow('s3:*'))] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(get, { identity: [policy(allow('s3:*'))], session: [policy(allow('s3:GetObject'))] }), 'Allowed');
    assert.strictEqual(decision(get, { resource: [bucket({ AWS: fed })] }), 'Allowed', 'a resource policy naming the federated user still grants');
  });
});
