import * as assert from 'assert';
import { evaluate } from '../../../src/core/evaluation';
import { assumeCandidates, assumeRow } from '../../../src/core/debugging/whoCanAssume';
import { resultDocument, resultSummary } from '../../../src/core/debugging/resultText';
import { accountEvaluationInput } from '../../../src/core/debugging/accountPolicySet';

const TRUST = {
  name: 'app-trust.json',
  text: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CiRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' },
      { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/partner' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x-123' } } },
      { Sid: 'Account', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
      { Sid: 'GitHub', Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } } },
    ],
  }, null, 2),
};
const ROLE = 'arn:aws:iam::123456789012:role/app';

describe('debugging: who can assume a role', () => {
  const identities = [
    { label: 'ci', arn: 'arn:aws:sts::123456789012:assumed-role/ci/build-42' },
    { label: 'partner', arn: 'arn:aws:iam::123456789012:user/partner' },
    { label: 'stranger', arn: 'arn:aws:iam::123456789012:user/stranger' },
    { label: 'other-account', arn: 'arn:aws:iam::210987654321:user/ops' },
    { label: 'broken', problem: 'GetCallerIdentity failed: ExpiredToken' },
  ];
  const rows = (options = {}) => assumeCandidates(ROLE, TRUST, identities, options).map((c) => assumeRow(c, c.input ? evaluate(c.input) : undefined));

  it('says who can, who cannot and why, without options', () => {
    const r = Object.fromEntries(rows().map((x) => [x.label, x]));
    assert.strictEqual(r.ci.verdict, 'can');
    assert.match(r.ci.because, /CiRole/);
    assert.strictEqual(r.partner.verdict, 'cannot');
    assert.match(r.partner.because, /Partner.*sts:ExternalId/i);
    assert.strictEqual(r.stranger.verdict, 'cannot');
    assert.strictEqual(r['other-account'].verdict, 'cannot');
    assert.match(r['other-account'].because, /Account.*MultiFactorAuthPresent/i);
    assert.strictEqual(r.broken.verdict, 'unknown');
    assert.match(r.broken.because, /ExpiredToken/);
  });

  it('lets the partner in with the external ID, and the other account with MFA only if its own policies allow it', () => {
    const r = Object.fromEntries(rows({ externalId: 'x-123', mfa: true }).map((x) => [x.label, x]));
    assert.strictEqual(r.partner.verdict, 'can');
    assert.notStrictEqual(r['other-account'].verdict, 'can', 'a cross-account caller also needs its own identity policy');
  });

  it('evaluates web identity claims against the OIDC statement', () => {
    const provider = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const ok = rows({ webIdentity: { provider, claims: { 'token.actions.githubusercontent.com:sub': 'repo:org/app:ref:refs/heads/main' } } }).at(-1)!;
    assert.strictEqual(ok.verdict, 'can', ok.because);
    const other = rows({ webIdentity: { provider, claims: { 'token.actions.githubusercontent.com:sub': 'repo:someone-else/app:ref:refs/heads/main' } } }).at(-1)!;
    assert.strictEqual(other.verdict, 'cannot');
  });

  it('says what a trust statement that leaves the decision to the caller\'s own policies trusts: any principal, its account or the caller by name, subject to the keys its conditions test', () => {
    const other = [{ label: 'other-account', arn: 'arn:aws:iam::210987654321:user/ops' }];
    const because = (statement: object, options = {}) => {
      const trust = { name: 't.json', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'First', Effect: 'Deny', Principal: '*', Action: 'sts:TagSession' }, { Sid: 'Trust', Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] }) };
      const [row] = assumeCandidates(ROLE, trust, other, options).map((c) => assumeRow(c, c.input ? evaluate(c.input) : undefined));
      assert.strictEqual(row.verdict, 'needs-identity-policy', row.because);
      return row.because;
    };
    // Who Can Assume sends no aws:PrincipalOrgID: with IfExists, the condition holds without it.
    const orgIfExists = { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    assert.strictEqual(because({ Principal: '*', Condition: orgIfExists }, { mfa: true }), 'statement "Trust" trusts any principal, subject to its conditions on aws:PrincipalOrgID, aws:MultiFactorAuthPresent; its own policies must also allow sts:AssumeRole');
    assert.strictEqual(because({ Principal: { AWS: '*' }, Condition: orgIfExists }, { mfa: true }), 'statement "Trust" trusts any principal, subject to its conditions on aws:PrincipalOrgID, aws:MultiFactorAuthPresent; its own policies must also allow sts:AssumeRole');
    assert.strictEqual(because({ Principal: '*' }), 'statement "Trust" trusts any principal; its own policies must also allow sts:AssumeRole');
    assert.strictEqual(because({ Principal: { AWS: 'arn:aws:iam::210987654321:root' } }), 'statement "Trust" trusts its account; its own policies must also allow sts:AssumeRole');
    assert.strictEqual(because({ Principal: { AWS: '210987654321' }, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }, { mfa: true }), 'statement "Trust" trusts its account, subject to its conditions on aws:MultiFactorAuthPresent; its own policies must also allow sts:AssumeRole');
    assert.strictEqual(because({ Principal: { AWS: 'arn:aws:iam::210987654321:user/ops' } }), 'statement "Trust" names it; its own policies must also allow sts:AssumeRole');
    const many = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => [`aws:PrincipalTag/${k}`, 'x']));
    assert.strictEqual(because({ Principal: '*', Condition: { StringEqualsIfExists: many } }), 'statement "Trust" trusts any principal, subject to its conditions on aws:PrincipalTag/a, aws:PrincipalTag/b, aws:PrincipalTag/c, aws:PrincipalTag/d, aws:PrincipalTag/e and 2 more keys; its own policies must also allow sts:AssumeRole');
  });

  it('AWS: "You cannot use AWS account root user credentials to call AssumeRole": a root profile cannot assume the role, even when a statement trusts its account', () => {
    const root = [{ label: 'root-other', arn: 'arn:aws:iam::210987654321:root' }, { label: 'root-own', arn: 'arn:aws:iam::123456789012:root' }];
    const trust = { name: 'open.json', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Accounts', Effect: 'Allow', Principal: { AWS: ['210987654321', '123456789012'] }, Action: 'sts:AssumeRole' }] }) };
    for (const row of assumeCandidates(ROLE, trust, root, { mfa: true }).map((c) => assumeRow(c, c.input ? evaluate(c.input) : undefined))) {
      assert.strictEqual(row.verdict, 'cannot', row.label);
      assert.match(row.because, /root user of account \d{12} cannot assume a role/, row.label);
    }
  });
});

describe('debugging: the result as people read it', () => {
  it('marks an answer with unread parts as partial and lists what was not read', () => {
    const request = { principal: 'arn:aws:sts::123456789012:assumed-role/app/s', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
    const input = accountEvaluationInput(request, {
      identityPolicies: [{ name: 'role/app inline:read', text: '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' }],
      permissionsBoundaries: [],
      resourcePolicies: [],
      unread: [{ part: 'SCPs', action: 'organizations:ListPoliciesForTarget', denied: true, text: 'organizations:ListPoliciesForTarget was denied: SCPs not evaluated' }],
      notes: [],
    });
    const result = evaluate(input);
    assert.strictEqual(result.decision, 'Allowed');
    const unread = [{ part: 'SCPs', action: 'organizations:ListPoliciesForTarget', denied: true, text: 'organizations:ListPoliciesForTarget was denied: SCPs not evaluated' }];
    assert.strictEqual(resultSummary(request, result, unread), 'ALLOWED: s3:GetObject on arn:aws:s3:::b/k by Allow statement "Read" in role/app inline:read (identity policy) (partial: 1 part not read)');
    const doc = resultDocument(request, result, { unread });
    assert.match(doc, /^ALLOWED \(PARTIAL ANSWER\)\n/);
    assert.match(doc, /Not evaluated \(the decision may differ in AWS\):\n {2}organizations:ListPoliciesForTarget was denied: SCPs not evaluated/);
  });

  it('ends an implicit denial\'s one-line summary without a full stop, so the results view adds exactly one', () => {
    const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:CreateUser', resource: 'arn:aws:iam::123456789012:user/bob' };
    const input = accountEvaluationInput(request, { identityPolicies: [], permissionsBoundaries: [], resourcePolicies: [], unread: [], notes: [] });
    const summary = resultSummary(request, evaluate(input));
    assert.match(summary, /^IMPLICITLY DENIED: iam:CreateUser on arn:aws:iam::123456789012:user\/bob: \S/);
    assert.ok(!summary.endsWith('.'), summary);
  });
});
