// Role trust policies for AssumeRole, AssumeRoleWithWebIdentity and AssumeRoleWithSAML. "AWS doc:"
// marks the documentation's example trust policies; the others are edge cases of our own.
import * as assert from 'assert';
import { ACCOUNT, OTHER, OTHER_SESSION, SESSION, USER, allow, decision, policy, req, run } from './helpers';

const TARGET = `arn:aws:iam::${ACCOUNT}:role/Deploy`;
const trust = (principal: unknown, action: string | string[] = 'sts:AssumeRole', condition?: object) => policy({ Effect: 'Allow', Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) });
const assumeAll = policy(allow('sts:AssumeRole', '*'));

describe('evaluation: sts:AssumeRole', () => {
  it('needs the trust policy to allow: identity policies alone do not grant (AWS doc: role trust policies)', () => {
    assert.strictEqual(decision(req(USER, 'sts:AssumeRole', TARGET), { identity: [assumeAll] }), 'ImplicitlyDenied');
  });

  it('same account: a trust policy naming the caller grants alone; naming the account needs an identity Allow', () => {
    assert.strictEqual(decision(req(USER, 'sts:AssumeRole', TARGET), { resource: [trust({ AWS: USER })] }), 'Allowed');
    assert.strictEqual(decision(req(USER, 'sts:AssumeRole', TARGET), { resource: [trust({ AWS: ACCOUNT })] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(USER, 'sts:AssumeRole', TARGET), { resource: [trust({ AWS: ACCOUNT })], identity: [assumeAll] }), 'Allowed');
  });

  it('cross-account: both the caller\'s identity policy and the trust policy (AWS doc: cross-account access with roles)', () => {
    const r = req(OTHER_SESSION, 'sts:AssumeRole', TARGET);
    assert.strictEqual(decision(r, { resource: [trust({ AWS: `arn:aws:iam::${OTHER}:role/Ops` })] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(r, { resource: [trust({ AWS: `arn:aws:iam::${OTHER}:role/Ops` })], identity: [assumeAll] }), 'Allowed');
    assert.strictEqual(decision(r, { resource: [trust({ AWS: `arn:aws:iam::${OTHER}:root` })], identity: [assumeAll] }), 'Allowed');
  });

  it('sts:ExternalId (AWS doc: access to AWS accounts owned by third parties)', () => {
    const p = trust({ AWS: `arn:aws:iam::${OTHER}:root` }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'Unique ID Assigned by Example Corp' } });
    assert.strictEqual(decision(req(OTHER_SESSION, 'sts:AssumeRole', TARGET, { 'sts:ExternalId': 'Unique ID Assigned by Example Corp' }), { resource: [p], identity: [assumeAll] }), 'Allowed');
    assert.strictEqual(decision(req(OTHER_SESSION, 'sts:AssumeRole', TARGET), { resource: [p], identity: [assumeAll] }), 'ImplicitlyDenied');
  });

  it('MFA: aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge (AWS doc: configuring MFA-protected API access)', () => {
    const p = trust({ AWS: USER }, 'sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } });
    assert.strictEqual(decision(req(USER, 'sts:AssumeRole', TARGET, { 'aws:MultiFactorAuthPresent': true, 'aws:MultiFactorAuthAge': 120 }), { resource: [p] }), 'Allowed');
    assert.strictEqual(decision(req(USER, 'sts:AssumeRole', TARGET, { 'aws:MultiFactorAuthPresent': true, 'aws:MultiFactorAuthAge': 7200 }), { resource: [p] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(USER, 'sts:AssumeRole', TARGET), { resource: [p] }), 'ImplicitlyDenied');
  });

  it('sts:TagSession with aws:RequestTag and sts:SourceIdentity (AWS doc: passing session tags in AWS STS)', () => {
    const p = policy(
      { Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:TagSession', Condition: { StringLike: { 'aws:RequestTag/Project': '*' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project', 'CostCenter'] } } },
      { Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:SetSourceIdentity', Condition: { StringLike: { 'sts:SourceIdentity': '${aws:username}' } } },
    );
    assert.strictEqual(decision(req(USER, 'sts:TagSession', TARGET, { 'aws:RequestTag/Project': 'Unicorn', 'aws:TagKeys': ['Project'] }), { resource: [p] }), 'Allowed');
    assert.strictEqual(decision(req(USER, 'sts:TagSession', TARGET, { 'aws:RequestTag/Project': 'Unicorn', 'aws:TagKeys': ['Project', 'Owner'] }), { resource: [p] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(USER, 'sts:SetSourceIdentity', TARGET, { 'sts:SourceIdentity': 'alice' }), { resource: [p] }), 'Allowed');
    assert.strictEqual(decision(req(USER, 'sts:SetSourceIdentity', TARGET, { 'sts:SourceIdentity': 'mallory' }), { resource: [p] }), 'ImplicitlyDenied');
  });

  it('AWS: "To allow users to assume the current role again within a role session, specify the role ARN or AWS account ARN as a principal in the role trust policy"', () => {
    const self = req(`arn:aws:sts::${ACCOUNT}:assumed-role/Deploy/s`, 'sts:AssumeRole', TARGET);
    // Naming the account: the role's identity-based policies decide, as for any caller of the account.
    assert.strictEqual(decision(self, { resource: [trust({ AWS: ACCOUNT })], identity: [assumeAll] }), 'Allowed');
    assert.strictEqual(decision(self, { resource: [trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })], identity: [assumeAll] }), 'Allowed');
    assert.strictEqual(decision(self, { resource: [trust({ AWS: ACCOUNT })] }), 'ImplicitlyDenied');
    // Naming the role grants alone.
    assert.strictEqual(decision(self, { resource: [trust({ AWS: TARGET })] }), 'Allowed');
  });

  it('AWS: "a role trust policy must explicitly grant permission to all principals, including the role itself": no implicit self-trust', () => {
    const self = req(`arn:aws:sts::${ACCOUNT}:assumed-role/Deploy/s`, 'sts:AssumeRole', TARGET);
    const r = run(self, { identity: [assumeAll], resource: [trust({ AWS: USER })] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.reasons.join(' '), /role assuming itself needs its own trust policy/);
  });

  it('aws:PrincipalArn in a trust condition is the role ARN of a calling session', () => {
    const p = trust({ AWS: ACCOUNT }, 'sts:AssumeRole', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/Dev` } });
    assert.strictEqual(decision(req(SESSION, 'sts:AssumeRole', TARGET), { resource: [p], identity: [assumeAll] }), 'Allowed');
  });
});

describe('evaluation: AssumeRoleWithWebIdentity and AssumeRoleWithSAML', () => {
  const web = 'sts:AssumeRoleWithWebIdentity';

  it('GitHub Actions OIDC: aud and sub claims (AWS doc: configuring a role for GitHub OIDC identity provider)', () => {
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    const p = trust({ Federated: provider }, web, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } });
    const claims = (sub: string) => ({ 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': sub });
    assert.strictEqual(decision(req(provider, web, TARGET, claims('repo:octo-org/octo-repo:ref:refs/heads/main')), { resource: [p] }), 'Allowed');
    assert.strictEqual(decision(req(provider, web, TARGET, claims('repo:octo-org/octo-repo:pull_request')), { resource: [p] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(provider, web, TARGET, claims('repo:octo-org/octo-repo:ref:refs/heads/main')), { resource: [trust({ Federated: provider })] }), 'ImplicitlyDenied', 'the action must be listed');
  });

  it('Google and Cognito as federated principals (AWS doc: creating a role for web identity federation)', () => {
    const google = trust({ Federated: 'accounts.google.com' }, web, { StringEquals: { 'accounts.google.com:aud': '66677788899900pro0' } });
    assert.strictEqual(decision(req('accounts.google.com', web, TARGET, { 'accounts.google.com:aud': '66677788899900pro0' }), { resource: [google] }), 'Allowed');
    assert.strictEqual(decision(req('accounts.google.com', web, TARGET, { 'accounts.google.com:aud': 'other' }), { resource: [google] }), 'ImplicitlyDenied');
    const cognito = trust({ Federated: 'cognito-identity.amazonaws.com' }, web, {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-2:12345678-abcd-abcd-abcd-123456' },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
    });
    const ctx = { 'cognito-identity.amazonaws.com:aud': 'us-east-2:12345678-abcd-abcd-abcd-123456', 'cognito-identity.amazonaws.com:amr': ['authenticated', 'graph.facebook.com'] };
    assert.strictEqual(decision(req('cognito-identity.amazonaws.com', web, TARGET, ctx), { resource: [cognito] }), 'Allowed');
  });

  it('EKS IRSA: the cluster\'s OIDC provider and its sub claim (AWS doc: IAM roles for service accounts)', () => {
    const host = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`;
    const p = trust({ Federated: provider }, web, { StringEquals: { [`${host}:sub`]: 'system:serviceaccount:default:my-sa', [`${host}:aud`]: 'sts.amazonaws.com' } });
    assert.strictEqual(decision(req(provider, web, TARGET, { [`${host}:sub`]: 'system:serviceaccount:default:my-sa', [`${host}:aud`]: 'sts.amazonaws.com' }), { resource: [p] }), 'Allowed');
    assert.strictEqual(decision(req(provider, web, TARGET, { [`${host}:sub`]: 'system:serviceaccount:kube-system:other', [`${host}:aud`]: 'sts.amazonaws.com' }), { resource: [p] }), 'ImplicitlyDenied');
  });

  it('SAML: saml:aud (AWS doc: creating a role for SAML 2.0 federation)', () => {
    const provider = `arn:aws:iam::${ACCOUNT}:saml-provider/ExampleOrgSSOProvider`;
    const p = trust({ Federated: provider }, 'sts:AssumeRoleWithSAML', { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } });
    assert.strictEqual(decision(req(provider, 'sts:AssumeRoleWithSAML', TARGET, { 'saml:aud': 'https://signin.aws.amazon.com/saml' }), { resource: [p] }), 'Allowed');
    assert.strictEqual(decision(req(provider, 'sts:AssumeRoleWithSAML', TARGET, { 'saml:aud': 'https://example.com' }), { resource: [p] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(`arn:aws:iam::${ACCOUNT}:saml-provider/Other`, 'sts:AssumeRoleWithSAML', TARGET, { 'saml:aud': 'https://signin.aws.amazon.com/saml' }), { resource: [p] }), 'ImplicitlyDenied');
  });
});
