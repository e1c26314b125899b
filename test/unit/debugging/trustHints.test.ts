import * as assert from 'assert';
import { trustHints } from '../../../src/core/debugging/trustHints';

describe('debugging: what a trust policy says about its callers', () => {
  it('reads the external ID, the OIDC provider and its claims, and SAML providers and keys, as the policy writes them', () => {
    const hints = trustHints(JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': ['partner-1', 'partner-2'] } } },
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example-org/*' }, StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'aws:SourceIp': '10.0.0.1' } },
        },
        { Effect: 'Allow', Principal: { Federated: ['arn:aws:iam::444455556666:saml-provider/Okta', 'accounts.google.com'] }, Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } },
      ],
    }));
    assert.deepStrictEqual(hints.externalIds, ['partner-1', 'partner-2']);
    assert.deepStrictEqual(hints.oidcProviders, ['arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com', 'accounts.google.com']);
    assert.deepStrictEqual(hints.oidcClaims, { 'token.actions.githubusercontent.com:sub': 'repo:example-org/*', 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' });
    assert.deepStrictEqual(hints.samlProviders, ['arn:aws:iam::444455556666:saml-provider/Okta']);
    assert.deepStrictEqual(hints.samlKeys, { 'SAML:aud': 'https://signin.aws.amazon.com/saml' });
  });

  it('finds nothing in a broken or empty policy, without throwing', () => {
    for (const text of ['', '{', '{"Statement": 5}', '[1,2]', '{"Statement":[{"Principal":"*"}]}']) {
      assert.deepStrictEqual(trustHints(text), { oidcProviders: [], samlProviders: [], externalIds: [], oidcClaims: {}, samlKeys: {} }, text);
    }
  });
});
