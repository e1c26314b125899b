// Condition operators, set qualifiers and missing keys. "AWS doc:" names the documentation page a
// case comes from (condition operators; single-valued vs multivalued context keys); the others are
// edge cases of our own.
import * as assert from 'assert';
import type { ContextValue } from '../../../src/core/evaluation';
import { CONDITION_OPERATORS, parseConditionOperator } from '../../../src/core/policy';
import { matchesAbsentKey } from '../../../src/core/policy/checks/conditionOperators';
import { plainNumberText } from '../../../src/core/policy/numericValues';
import { lint } from '../policy/catalog';
import { SESSION, allow, decision, deny, policy, req, run } from './helpers';

/** Whether an Allow with this Condition applies to a request with this context. */
function holds(condition: object, context: Record<string, ContextValue> = {}): boolean {
  return decision(req(SESSION, 's3:GetObject', 'arn:aws:s3:::b/k', context), { identity: [policy(allow('s3:GetObject', '*', { Condition: condition }))] }) === 'Allowed';
}

describe('evaluation: string and case rules', () => {
  it('matches keys case-insensitively and values case-sensitively (AWS doc: condition element)', () => {
    assert.ok(holds({ StringEquals: { 'aws:PrincipalTag/Team': 'Blue' } }, { 'AWS:principaltag/team': 'Blue' }));
    assert.ok(!holds({ StringEquals: { 'aws:PrincipalTag/team': 'Blue' } }, { 'aws:PrincipalTag/team': 'blue' }));
    assert.ok(holds({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } }, { 'aws:PrincipalTag/team': 'blue' }));
    assert.ok(!holds({ StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } }, { 'aws:PrincipalTag/team': 'blue' }));
  });

  it('treats several values of one key as OR, several keys and operators as AND (AWS doc: condition evaluation logic)', () => {
    const c = { StringEquals: { 'aws:PrincipalTag/team': ['red', 'blue'], 'aws:PrincipalTag/env': 'dev' }, Bool: { 'aws:SecureTransport': 'true' } };
    assert.ok(holds(c, { 'aws:PrincipalTag/team': 'blue', 'aws:PrincipalTag/env': 'dev', 'aws:SecureTransport': true }));
    assert.ok(!holds(c, { 'aws:PrincipalTag/team': 'blue', 'aws:PrincipalTag/env': 'prod', 'aws:SecureTransport': true }));
    assert.ok(!holds(c, { 'aws:PrincipalTag/team': 'blue', 'aws:PrincipalTag/env': 'dev', 'aws:SecureTransport': 'false' }));
  });

  it('StringLike takes * and ?, case-sensitively', () => {
    assert.ok(holds({ StringLike: { 's3:prefix': 'home/a?ice/*' } }, { 's3:prefix': 'home/alice/docs' }));
    assert.ok(!holds({ StringLike: { 's3:prefix': 'home/alice/*' } }, { 's3:prefix': 'Home/alice/docs' }));
    assert.ok(!holds({ StringNotLike: { 's3:prefix': ['home/*', 'tmp/*'] } }, { 's3:prefix': 'tmp/x' }));
  });

  it('negated operators: NOT of any policy value, and true when the key is absent (AWS doc: condition operators)', () => {
    assert.ok(holds({ StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }, { 'aws:RequestedRegion': 'ap-south-1' }));
    assert.ok(!holds({ StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }, { 'aws:RequestedRegion': 'eu-west-1' }));
    assert.ok(holds({ StringNotEquals: { 'aws:RequestTag/env': 'prod' } }));
    assert.ok(holds({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:x' } }));
    assert.ok(!holds({ StringEquals: { 'aws:RequestTag/env': 'prod' } }));
  });

  it('...IfExists is true when the key is absent and tests it when present (AWS doc: ...IfExists condition operators)', () => {
    assert.ok(holds({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }));
    assert.ok(holds({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 't3.micro' }));
    assert.ok(!holds({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 'm5.large' }));
  });

  it('Null tests presence (AWS doc: condition operator to check existence of condition keys)', () => {
    assert.ok(holds({ Null: { 'aws:TokenIssueTime': 'true' } }));
    assert.ok(!holds({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }));
    assert.ok(holds({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }));
  });
});

describe('evaluation: set operators over multivalued keys', () => {
  it('ForAllValues: every request value in the policy set; true for a missing or empty key (AWS doc: single-valued vs multivalued keys)', () => {
    const c = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } };
    assert.ok(holds(c, { 'aws:TagKeys': ['environment'] }));
    assert.ok(!holds(c, { 'aws:TagKeys': ['environment', 'owner'] }));
    assert.ok(holds(c));
    assert.ok(holds(c, { 'aws:TagKeys': [] }));
  });

  it('ForAnyValue: at least one request value matches; false for a missing or empty key (AWS doc)', () => {
    const c = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } };
    assert.ok(holds(c, { 'aws:TagKeys': ['owner', 'environment'] }));
    assert.ok(!holds(c, { 'aws:TagKeys': ['owner'] }));
    assert.ok(!holds(c));
    assert.ok(!holds(c, { 'aws:TagKeys': [] }));
  });

  it('ForAnyValue...IfExists on an absent key is false: "For no matching context key or if the key does not exist, the condition returns false" wins over IfExists\' "If the key is not present, evaluate the condition element as true" (AWS doc: single-valued vs multivalued keys; condition operators)', () => {
    assert.ok(!holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'x' } }));
    assert.ok(!holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'x' } }, { 'aws:TagKeys': [] }));
    assert.ok(!holds({ 'foranyvalue:StringNotEqualsIfExists': { 'aws:TagKeys': 'x' } }));
    assert.ok(!holds({ 'ForAnyValue:ArnLikeIfExists': { 'aws:SourceArn': 'arn:aws:sns:*:*:t' } }));
    // Present, IfExists changes nothing: ForAnyValue tests the values.
    assert.ok(holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'x' } }, { 'aws:TagKeys': ['y', 'x'] }));
    assert.ok(!holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'x' } }, { 'aws:TagKeys': ['y'] }));
    // ForAllValues...IfExists stays true for an absent key: both sentences agree there.
    assert.ok(holds({ 'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': 'x' } }));
    // A Deny with the pair does not deny a request without the key.
    assert.strictEqual(decision(req(SESSION, 's3:GetObject', 'arn:aws:s3:::b/k'), { identity: [policy(allow('s3:GetObject'), deny('s3:GetObject', '*', { Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'x' } } }))] }), 'Allowed');
  });

  it('the engine answers an absent key as the linter\'s matchesAbsentKey does, for every operator, qualifier and IfExists', () => {
    for (const base of Object.keys(CONDITION_OPERATORS).filter((b) => b !== 'Null')) {
      for (const set of ['', 'ForAllValues:', 'ForAnyValue:']) {
        for (const suffix of ['', 'IfExists']) {
          const operator = `${set}${base}${suffix}`;
          const value = base.startsWith('Numeric') ? '1' : base.startsWith('Date') ? '2026-01-01' : base === 'Bool' ? 'true' : base.endsWith('IpAddress') ? '10.0.0.0/8' : base.startsWith('Arn') ? 'arn:aws:sns:*:*:t' : base === 'BinaryEquals' ? 'QQ==' : 'x';
          assert.strictEqual(holds({ [operator]: { 'aws:PrincipalTag/team': value } }), matchesAbsentKey(parseConditionOperator(operator)!), operator);
        }
      }
    }
  });

  it('negated set operators test each request value against the whole policy set', () => {
    assert.ok(holds({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:TagKeys': ['c', 'd'] }));
    assert.ok(!holds({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:TagKeys': ['c', 'a'] }));
    assert.ok(holds({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:TagKeys': ['a', 'z'] }));
    assert.ok(!holds({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:TagKeys': ['a', 'b'] }));
  });

  it('reads a single-valued key given as an array like its one value', () => {
    assert.ok(holds({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': ['blue'] }));
    assert.ok(!holds({ StringNotEquals: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': ['blue'] }));
  });

  it('Cognito amr with ForAnyValue:StringLike (AWS doc: role trust policy for Amazon Cognito)', () => {
    const c = { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } };
    assert.ok(holds(c, { 'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/pool'] }));
    assert.ok(!holds(c, { 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] }));
  });
});

describe('evaluation: numbers, dates, booleans, binary, IP addresses, ARNs', () => {
  it('numeric comparisons (AWS doc: numeric condition operators)', () => {
    assert.ok(holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 }));
    assert.ok(!holds({ NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }));
    assert.ok(holds({ NumericGreaterThan: { 'aws:MultiFactorAuthAge': '-1' } }, { 'aws:MultiFactorAuthAge': '0.5' }));
    assert.ok(holds({ NumericNotEquals: { 's3:max-keys': ['1', '2'] } }, { 's3:max-keys': 3 }));
    assert.ok(!holds({ NumericEquals: { 's3:max-keys': 'ten' } }, { 's3:max-keys': 10 }));
  });

  it('numbers are "an integer or decimal value" (AWS doc: numeric condition operators), read as the linter reads them: a value it reports as TYPE_MISMATCH_NUMBER matches nothing', () => {
    /** An Allow with this policy value under NumericEquals, against a request of 1000, in the engine and the linter. */
    const both = (valueJson: string) => {
      const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericEquals":{"s3:max-keys":${valueJson}}}}]}`;
      const allowed = run(req(SESSION, 's3:ListBucket', 'arn:aws:s3:::b', { 's3:max-keys': 1000 }), { identity: [text] }).decision === 'Allowed';
      const reported = lint(text, 'IDENTITY_POLICY').findings.some((f) => f.issueCode === 'TYPE_MISMATCH_NUMBER');
      return { allowed, reported };
    };
    // Integers and decimals, quoted or not, with spaces around them.
    for (const v of ['"1000"', '1000', '"1000.0"', '1000.0', '" 1000 "', '"01000"']) assert.deepStrictEqual(both(v), { allowed: true, reported: false }, v);
    // A JSON number is its value: 1e3 written unquoted is the integer 1000.
    for (const v of ['1e3', '1E3', '1.0e3']) assert.deepStrictEqual(both(v), { allowed: true, reported: false }, v);
    // Text AWS does not name as an integer or decimal: exponent, hex, a leading +, a bare point, grouping, Infinity.
    for (const v of ['"1e3"', '"0x3e8"', '"+1000"', '"1000."', '".5"', '"1,000"', '"Infinity"', 'true']) assert.deepStrictEqual(both(v), { allowed: false, reported: true }, v);
    // The negated operator is the NOT of the positive one, so it is true for such a value.
    assert.ok(holds({ NumericNotEquals: { 's3:max-keys': '+10' } }, { 's3:max-keys': '10' }));
    // A request value is read the same way.
    assert.ok(!holds({ NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '+10' }));
    // Numbers JavaScript would print with an exponent keep their value.
    const tiny = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":0.0000001}}}]}`;
    assert.strictEqual(run(req(SESSION, 's3:ListBucket', 'arn:aws:s3:::b', { 'aws:MultiFactorAuthAge': '0.00000005' }), { identity: [tiny] }).decision, 'Allowed');
    assert.strictEqual(run(req(SESSION, 's3:ListBucket', 'arn:aws:s3:::b', { 'aws:MultiFactorAuthAge': 0.00000005 }), { identity: [tiny] }).decision, 'Allowed');
    assert.strictEqual(run(req(SESSION, 's3:ListBucket', 'arn:aws:s3:::b', { 'aws:MultiFactorAuthAge': 0.0000002 }), { identity: [tiny] }).decision, 'ImplicitlyDenied');
    assert.ok(!lint(tiny, 'IDENTITY_POLICY').findings.some((f) => f.issueCode === 'TYPE_MISMATCH_NUMBER'));
    assert.deepStrictEqual(both('1e21'), { allowed: false, reported: false });
    assert.strictEqual(plainNumberText(1e21), '1000000000000000000000');
    assert.strictEqual(plainNumberText(-1.5e-7), '-0.00000015');
    assert.strictEqual(plainNumberText(12.5), '12.5');
  });

  it('dates in ISO 8601 forms and epoch seconds (AWS doc: date condition operators)', () => {
    const at = { 'aws:CurrentTime': '2026-06-01T12:00:00Z' };
    assert.ok(holds({ DateGreaterThan: { 'aws:CurrentTime': '2026-01-01' } }, at));
    assert.ok(holds({ DateLessThan: { 'aws:CurrentTime': '2026-06-01T12:00:01Z' } }, at));
    assert.ok(holds({ DateEquals: { 'aws:CurrentTime': '2026-06-01T14:00:00+02:00' } }, at));
    assert.ok(holds({ DateEquals: { 'aws:CurrentTime': '2026-06-01T12:00:00.000Z' } }, at));
    assert.ok(holds({ DateEquals: { 'aws:CurrentTime': '1780315200' } }, at));
    assert.ok(holds({ DateGreaterThanEquals: { 'aws:EpochTime': '2026-06-01T12:00:00Z' } }, { 'aws:EpochTime': 1780315200 }));
    assert.ok(!holds({ DateLessThan: { 'aws:CurrentTime': 'not a date' } }, at));
  });

  it('takes aws:RequestedRegion from a regional resource ARN unless the context states it', () => {
    const scp = policy(allow('*'), { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } });
    const fn = (region: string) => `arn:aws:lambda:${region}:111122223333:function:f`;
    assert.strictEqual(decision(req(SESSION, 'lambda:InvokeFunction', fn('eu-west-1')), { identity: [policy(allow('*'))], scps: [[scp]] }), 'Allowed');
    assert.strictEqual(decision(req(SESSION, 'lambda:InvokeFunction', fn('us-east-1')), { identity: [policy(allow('*'))], scps: [[scp]] }), 'ExplicitlyDenied');
    assert.strictEqual(decision(req(SESSION, 's3:GetObject', 'arn:aws:s3:::b/k', { 'aws:RequestedRegion': 'eu-west-1' }), { identity: [policy(allow('*'))], scps: [[scp]] }), 'Allowed');
  });

  it('fills aws:CurrentTime from the request time when the context lacks it', () => {
    const r = req(SESSION, 's3:GetObject', '*');
    const p = policy(allow('s3:GetObject', '*', { Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } }));
    assert.strictEqual(decision(r, { identity: [p], now: '2029-12-31T23:59:59Z' }), 'Allowed');
    assert.strictEqual(decision(r, { identity: [p], now: '2030-01-01T00:00:00Z' }), 'ImplicitlyDenied');
  });

  it('Bool, including the MFA example (AWS doc: Bool condition operator)', () => {
    assert.ok(holds({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { 'aws:MultiFactorAuthPresent': true }));
    assert.ok(!holds({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }));
    assert.ok(holds({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }));
    assert.ok(holds({ Bool: { 'aws:SecureTransport': 'TRUE' } }, { 'aws:SecureTransport': 'true' }));
  });

  it('BinaryEquals compares the decoded bytes', () => {
    assert.ok(holds({ BinaryEquals: { 'aws:x': 'QmluYXJ5VmFsdWU=' } }, { 'aws:x': 'QmluYXJ5VmFsdWU=' }));
    assert.ok(!holds({ BinaryEquals: { 'aws:x': 'QmluYXJ5VmFsdWU=' } }, { 'aws:x': 'T3RoZXI=' }));
  });

  it('IPv4 and IPv6 CIDRs (AWS doc: IP address condition operators)', () => {
    const c = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } };
    assert.ok(holds(c, { 'aws:SourceIp': '203.0.113.7' }));
    assert.ok(!holds(c, { 'aws:SourceIp': '198.51.100.7' }));
    assert.ok(holds(c, { 'aws:SourceIp': '2001:db8:1234:5678::1' }));
    assert.ok(!holds(c, { 'aws:SourceIp': '2001:db8:1234:5679::1' }));
    assert.ok(holds({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '11.0.0.1' }));
    assert.ok(holds({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': '203.0.113.7' }));
  });

  it('an IPv6 address whose last 32 bits are written as IPv4 (RFC 4291: "x:x:x:x:x:x:d.d.d.d ... (standard IPv4 representation)"), in the request and in the policy', () => {
    const mapped = { 'aws:SourceIp': '::ffff:203.0.113.7' };
    assert.ok(holds({ IpAddress: { 'aws:SourceIp': '::/0' } }, mapped));
    assert.ok(holds({ IpAddress: { 'aws:SourceIp': '::ffff:0:0/96' } }, mapped));
    assert.ok(holds({ IpAddress: { 'aws:SourceIp': '::ffff:203.0.113.0/120' } }, mapped));
    assert.ok(!holds({ IpAddress: { 'aws:SourceIp': '::ffff:203.0.112.0/120' } }, mapped));
    assert.ok(holds({ IpAddress: { 'aws:SourceIp': '64:ff9b::/96' } }, { 'aws:SourceIp': '64:ff9b::192.0.2.33' }));
    assert.ok(holds({ NotIpAddress: { 'aws:SourceIp': '::/0' } }, { 'aws:SourceIp': '::ffff:1.2.3' }), 'not an address: NotIpAddress holds, as for any unreadable value');
  });

  it('ArnLike and ArnEquals match each ARN field with wildcards (AWS doc: ARN condition operators)', () => {
    assert.ok(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:topic-*' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic-a' }));
    assert.ok(!holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:topic-*' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:999999999999:topic-a' }));
    assert.ok(!holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, { 'aws:SourceArn': 'not-an-arn' }));
    assert.ok(holds({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Dev' } }));
  });
});
