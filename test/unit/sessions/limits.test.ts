import * as assert from 'assert';
import { parseTags, validateAssumeRole, validateFederationToken, validateGetSessionToken, validateSaml, validateWebIdentity } from '../../../src/core/sessions/limits';
import { defaultSessionName } from '../../../src/core/sessions/sessionNames';

const ROLE = 'arn:aws:iam::123456789012:role/Deploy';
const ok = { roleArn: ROLE, sessionName: 'me' };

describe('STS limits before AssumeRole', () => {
  it('accepts a valid full request', () => {
    assert.deepStrictEqual(validateAssumeRole({
      ...ok, durationSeconds: 3600, mfaSerial: 'arn:aws:iam::123456789012:mfa/me', mfaCode: '123456', externalId: 'ext-123',
      tags: [{ key: 'Project', value: 'blue' }], transitiveTagKeys: ['project'], sourceIdentity: 'alice@example.com',
      policy: '{"Version":"2012-10-17","Statement":[]}', policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    }), []);
  });

  it('names the duration limit that was broken', () => {
    assert.match(validateAssumeRole({ ...ok, durationSeconds: 899 })[0], /at least 900 seconds/);
    assert.match(validateAssumeRole({ ...ok, durationSeconds: 43201 })[0], /at most 43200 seconds \(the STS maximum of 12 hours\)/);
    assert.match(validateAssumeRole({ ...ok, durationSeconds: 7200 }, { chained: true })[0], /at most 3600 seconds \(role chaining caps sessions at 1 hour\)/);
    assert.match(validateAssumeRole({ ...ok, durationSeconds: 7200 }, { roleMaxSessionSeconds: 3600 })[0], /the role's maximum session duration/);
  });

  it('checks the session name, role ARN, external ID and source identity formats', () => {
    assert.match(validateAssumeRole({ ...ok, sessionName: 'a' }).join(), /session name must be 2–64 characters/);
    assert.match(validateAssumeRole({ ...ok, sessionName: 'has space' }).join(), /session name may contain only/);
    assert.match(validateAssumeRole({ ...ok, roleArn: 'arn:aws:iam::123456789012:user/bob' }).join(), /role ARN must look like/);
    assert.match(validateAssumeRole({ ...ok, externalId: 'x' }).join(), /external ID must be 2–1224/);
    assert.match(validateAssumeRole({ ...ok, sourceIdentity: 'aws:me' }).join(), /may not start with "aws:"/);
  });

  it('checks MFA serial and six-digit code', () => {
    assert.match(validateAssumeRole({ ...ok, mfaSerial: 'arn:aws:iam::123456789012:mfa/me', mfaCode: '12345' }).join(), /exactly 6 digits/);
    assert.match(validateAssumeRole({ ...ok, mfaCode: '123456' }).join(), /needs the MFA device serial/);
  });

  it('allows at most 50 tags, unique case-insensitive keys, transitive keys among them', () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    assert.match(validateAssumeRole({ ...ok, tags }).join(), /at most 50 session tags are allowed \(got 51\)/);
    assert.match(validateAssumeRole({ ...ok, tags: [{ key: 'A', value: '1' }, { key: 'a', value: '2' }] }).join(), /appears twice/);
    assert.match(validateAssumeRole({ ...ok, tags: [{ key: 'A', value: '1' }], transitiveTagKeys: ['B'] }).join(), /transitive tag key "B" is not one of the session tags/);
    assert.match(validateAssumeRole({ ...ok, tags: [{ key: 'aws:x', value: '1' }] }).join(), /may not start with "aws:"/);
  });

  it('checks session policies and at most 10 policy ARNs', () => {
    assert.match(validateAssumeRole({ ...ok, policy: '{' }).join(), /not valid JSON/);
    assert.match(validateAssumeRole({ ...ok, policy: `{"a":"${'x'.repeat(2100)}"}` }).join(), /1–2048 characters/);
    const arns = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`);
    assert.match(validateAssumeRole({ ...ok, policyArns: arns }).join(), /at most 10 managed session policy ARNs/);
    assert.match(validateAssumeRole({ ...ok, policyArns: ['ReadOnly'] }).join(), /not a managed policy ARN/);
  });
});

describe('STS limits of the other operations', () => {
  it('GetSessionToken: up to 36 hours, 1 hour for root', () => {
    assert.deepStrictEqual(validateGetSessionToken({ durationSeconds: 129600 }), []);
    assert.match(validateGetSessionToken({ durationSeconds: 129601 }).join(), /at most 129600/);
    assert.match(validateGetSessionToken({ durationSeconds: 7200 }, true).join(), /root user is capped at 1 hour/);
  });

  it('GetFederationToken: name of 2–32 characters', () => {
    assert.match(validateFederationToken({ name: 'x'.repeat(33) }).join(), /federated user name must be 2–32/);
    assert.deepStrictEqual(validateFederationToken({ name: 'bob', durationSeconds: 900 }), []);
  });

  it('AssumeRoleWithWebIdentity and AssumeRoleWithSAML', () => {
    assert.match(validateWebIdentity({ roleArn: ROLE, sessionName: 'ok', token: 'x' }).join(), /4–20000/);
    assert.deepStrictEqual(validateWebIdentity({ roleArn: ROLE, sessionName: 'ok', token: 'eyJhbGciOi.x.y' }), []);
    assert.match(validateSaml({ roleArn: ROLE, principalArn: 'arn:aws:iam::123456789012:role/x', assertion: 'PHNhbWw+' }).join(), /SAML provider ARN/);
    assert.match(validateSaml({ roleArn: ROLE, principalArn: 'arn:aws:iam::123456789012:saml-provider/idp', assertion: '<saml>' }).join(), /base64/);
  });
});

describe('request helpers', () => {
  it('parses tags and builds valid default session names', () => {
    assert.deepStrictEqual(parseTags('a=1, b = two'), [{ key: 'a', value: '1' }, { key: 'b', value: 'two' }]);
    assert.match(String(parseTags('novalue')), /not key=value/);
    const name = defaultSessionName('me with spaces/and:colons'.repeat(5), Date.UTC(2026, 0, 1));
    assert.ok(/^[\w+=,.@-]{2,64}$/.test(name), name);
  });
});
