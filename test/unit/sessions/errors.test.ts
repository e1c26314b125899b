import * as assert from 'assert';
import { explainStsError } from '../../../src/core/sessions/errors';

const ROLE = 'arn:aws:iam::123456789012:role/sts_role';

describe('STS error explanations', () => {
  const cases: [string, Parameters<typeof explainStsError>[0], string, RegExp][] = [
    ['trust policy denial', { operation: 'AssumeRole', name: 'AccessDenied', message: 'User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole on resource: ' + ROLE, httpStatus: 403, roleArn: ROLE }, 'trustPolicyDenied', /trust policy of role arn:aws:iam::123456789012:role\/sts_role does not allow/],
    ['trust denial through a profile load', { operation: 'Loading credentials', name: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole' }, 'trustPolicyDenied', /trust policy/],
    ['external ID', { operation: 'AssumeRole', name: 'AccessDenied', message: 'external id does not match' }, 'externalIdMismatch', /external ID/],
    ['other access denied', { operation: 'GetFederationToken', name: 'AccessDenied', message: 'not authorized to perform sts:GetFederationToken' }, 'accessDenied', /policies do not allow/],
    ['expired token', { operation: 'AssumeRole', name: 'ExpiredTokenException', message: 'The security token included in the request is expired' }, 'expiredToken', /have expired/],
    ['invalid token', { operation: 'GetCallerIdentity', name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' }, 'invalidToken', /does not recognise/],
    ['bad secret', { operation: 'GetCallerIdentity', name: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match' }, 'signatureMismatch', /secret access key does not match/],
    ['wrong MFA', { operation: 'AssumeRole', name: 'AccessDenied', message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.' }, 'mfaInvalid', /wrong, expired, or already used/],
    ['throttling', { operation: 'AssumeRole', name: 'Throttling', message: 'Rate exceeded', httpStatus: 400 }, 'throttled', /throttled/],
    ['unreachable', { operation: 'AssumeRole', name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:1', endpoint: 'http://127.0.0.1:1' }, 'unreachable', /could not reach the STS endpoint \(http:\/\/127.0.0.1:1\)/],
    ['timeout', { operation: 'AssumeRole', name: 'TimeoutError', message: 'Connection timed out after 10000 ms' }, 'timeout', /timed out/],
    ['clock skew', { operation: 'GetCallerIdentity', name: 'SignatureDoesNotMatch', message: 'Signature expired: 20260101T000000Z is now earlier than 20260101T001000Z' }, 'clockSkew', /clock/],
    ['request expired', { operation: 'AssumeRole', name: 'RequestExpired', message: 'Request has expired.' }, 'clockSkew', /clock/],
    ['region disabled', { operation: 'AssumeRole', name: 'RegionDisabledException', message: 'STS is not activated in this region' }, 'regionDisabled', /not activated/],
    ['packed policy', { operation: 'AssumeRole', name: 'PackedPolicyTooLargeException', message: 'too large' }, 'policyTooLarge', /packed size/],
    ['malformed policy', { operation: 'AssumeRole', name: 'MalformedPolicyDocumentException', message: 'bad' }, 'malformedPolicy', /not a valid IAM policy/],
    ['web identity token', { operation: 'AssumeRoleWithWebIdentity', name: 'InvalidIdentityTokenException', message: 'Incorrect token audience' }, 'invalidIdentityToken', /web identity token was rejected/],
    ['duration', { operation: 'AssumeRole', name: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', roleArn: ROLE }, 'durationTooLong', /longer than role/],
    ['SSO', { operation: 'Loading credentials', name: 'CredentialsProviderError', message: 'The SSO session associated with this profile has expired or is otherwise invalid.', profile: 'corp' }, 'ssoExpired', /aws sso login --profile corp/],
    ['no credentials', { operation: 'Loading credentials', name: 'CredentialsProviderError', message: 'Could not load credentials from any providers', profile: 'x' }, 'noCredentials', /No credentials could be loaded for profile x/],
  ];
  for (const [title, input, kind, text] of cases) {
    it(`explains ${title}`, () => {
      const x = explainStsError(input);
      assert.strictEqual(x.kind, kind);
      assert.match(`${x.message} ${x.next}`, text);
      assert.ok(x.next.length > 10);
    });
  }

  it('offers to open the trust policy on a trust-policy denial', () => {
    assert.ok(explainStsError(cases[0][1]).actions.includes('openTrustPolicy'));
    assert.ok(explainStsError(cases[7][1]).actions.includes('enterMfaAgain'));
  });

  it('keeps secrets out of unknown errors', () => {
    const x = explainStsError({ operation: 'AssumeRole', name: 'Weird', message: 'failed with aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and token FwoGZXIvYXdzEJr//////////wEaDGLhJ1x9vVxQ3Bs3ESLGAR1234567890abcdefghijklmnop' });
    assert.strictEqual(x.kind, 'unknown');
    assert.doesNotMatch(x.message, /wJalr|FwoGZXIv/);
  });
});
