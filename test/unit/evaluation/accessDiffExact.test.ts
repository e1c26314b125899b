import * as assert from 'assert';
import { access, diff, doc, lines } from './accessHelpers';

const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });
const region = (op: string, ...values: string[]) => ({ Condition: { [op]: { 'aws:RequestedRegion': values } } });
const NONE = { added: [], removed: [], denied: [], noLongerDenied: [] };

/** Both directions: an equivalence holds whichever version is the base. */
function same(a: object, b: object, type?: Parameters<typeof diff>[2]): void {
  assert.deepStrictEqual(diff(a, b, type), NONE, 'a -> b');
  assert.deepStrictEqual(diff(b, a, type), NONE, 'b -> a');
}

describe('access diff: access spread over several statements is the same access', () => {
  it('s3:GetObject on two buckets in two statements, then in one statement with both resources: no change', () => {
    same(doc(allow('s3:GetObject', 'arn:aws:s3:::a/*'), allow('s3:GetObject', 'arn:aws:s3:::b/*')), doc(allow('s3:GetObject', ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'])));
  });

  it('s3:Get* in one statement, then the actions it stands for spread over three statements: no change', () => {
    // The bucket and its objects: s3:Get* stands for actions on each.
    const resources = ['arn:aws:s3:::a', 'arn:aws:s3:::a/*'];
    const base = doc(allow('s3:Get*', resources));
    const expanded = [...access(base).actions.values()].map((e) => e.action);
    assert.ok(expanded.length > 20, `${expanded.length}`);
    const third = Math.ceil(expanded.length / 3);
    same(base, doc(...[0, 1, 2].map((i) => allow(expanded.slice(i * third, (i + 1) * third), resources))));
  });

  it('a Deny moved into another Deny statement, with other actions on the same resources: no change', () => {
    const base = doc(allow(['s3:*', 'ec2:*']), deny('s3:DeleteBucket', 'arn:aws:s3:::a'), deny('s3:DeleteBucketPolicy', ['arn:aws:s3:::b', 'arn:aws:s3:::a']), deny('ec2:TerminateInstances'));
    const next = doc(deny('ec2:TerminateInstances'), deny(['s3:DeleteBucketPolicy', 's3:DeleteBucket'], 'arn:aws:s3:::a'), allow(['ec2:*', 's3:*']), deny('s3:DeleteBucketPolicy', 'arn:aws:s3:::b'));
    same(base, next);
  });

  it('AWS doc: "If a single condition operator includes multiple values for a context key, those values are evaluated using a logical OR." (values split over two statements: no change)', () => {
    same(doc(allow('ec2:RunInstances', '*', region('StringEquals', 'eu-west-1', 'us-east-1'))), doc(allow('ec2:RunInstances', '*', region('StringEquals', 'eu-west-1')), allow('ec2:RunInstances', '*', region('StringEquals', 'us-east-1'))));
  });

  it('AWS doc: "If your policy statement has multiple condition operators, the condition operators are evaluated using a logical AND." (two keys\' values split over four statements, one per pair: no change; three of the four: the missing pair removed)', () => {
    const both = (regions: string[], teams: string[]) => ({ Condition: { StringEquals: { 'aws:RequestedRegion': regions, 'aws:PrincipalTag/team': teams } } });
    const pairs = [['eu-west-1', 'a'], ['eu-west-1', 'b'], ['us-east-1', 'a'], ['us-east-1', 'b']].map(([r, t]) => allow('ec2:RunInstances', '*', both([r], [t])));
    const whole = doc(allow('ec2:RunInstances', '*', both(['eu-west-1', 'us-east-1'], ['a', 'b'])));
    same(whole, doc(...pairs));
    same(doc(...pairs), whole);
    const d = diff(whole, doc(...pairs.slice(0, 3)));
    assert.deepStrictEqual(lines(d.added), []);
    assert.strictEqual(d.removed.length, 1);
  });

  it('a conditional Deny whose values are split over two Deny statements: no change', () => {
    const base = doc(allow('ec2:*'), deny('ec2:RunInstances', '*', region('StringEquals', 'ap-south-1', 'sa-east-1')));
    const next = doc(allow('ec2:*'), deny('ec2:RunInstances', '*', region('StringEquals', 'sa-east-1')), deny('ec2:RunInstances', '*', region('StringEquals', 'ap-south-1')));
    same(base, next);
  });

  it('AWS doc: "If a single negated matching condition operator includes multiple values for a context key, those values are evaluated using a logical NOR." (NOT in [a, b] or NOT in [a, c] is NOT in [a])', () => {
    same(doc(allow('ec2:RunInstances', '*', region('StringNotEquals', 'eu-west-1'))), doc(allow('ec2:RunInstances', '*', region('StringNotEquals', 'eu-west-1', 'us-east-1')), allow('ec2:RunInstances', '*', region('StringNotEquals', 'eu-west-1', 'us-west-2'))));
  });
});

describe('access diff: equivalent conditions are no change', () => {
  const vpce = (op: string, key: string, values: unknown) => allow('s3:GetObject', 'arn:aws:s3:::a/*', { Condition: { [op]: { [key]: values } } });

  it('AWS doc: "Context key names are not case-sensitive. For example, including the aws:SourceIP context key is equivalent to testing for AWS:SourceIp."', () => {
    same(doc(allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIP': '203.0.113.0/24' } } })), doc(allow('s3:GetObject', '*', { Condition: { IpAddress: { 'AWS:SourceIp': '203.0.113.0/24' } } })));
  });

  it('operator names are read whatever their case, as evaluation reads them: stringequals is StringEquals', () => {
    same(doc(vpce('StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d')), doc(vpce('stringequals', 'aws:SourceVpce', 'vpce-1a2b3c4d')));
    same(doc(vpce('ArnLikeIfExists', 'aws:SourceArn', 'arn:aws:sns:*:111122223333:*')), doc(vpce('arnlikeifexists', 'aws:SourceArn', 'arn:aws:sns:*:111122223333:*')));
  });

  it('a single value and a one-element array, and values in another order, are the same condition', () => {
    same(doc(vpce('StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d')), doc(vpce('StringEquals', 'aws:SourceVpce', ['vpce-1a2b3c4d'])));
    same(doc(vpce('StringEquals', 'aws:SourceVpce', ['vpce-1', 'vpce-2', 'vpce-3'])), doc(vpce('StringEquals', 'aws:SourceVpce', ['vpce-3', 'vpce-1', 'vpce-2', 'vpce-1'])));
  });

  it('AWS doc: "If your policy statement has multiple condition operators, the condition operators are evaluated using a logical AND." (their order does not matter)', () => {
    const a = { StringEquals: { 'aws:SourceVpce': 'vpce-1' }, Bool: { 'aws:SecureTransport': 'true' } };
    const b = { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:SourceVpce': 'vpce-1' } };
    same(doc(allow('s3:GetObject', '*', { Condition: a })), doc(allow('s3:GetObject', '*', { Condition: b })));
  });

  it('AWS doc: ForAnyValue "tests whether at least one member of the set of request context key values matches at least one member of the set of context key values in your policy condition" (before a positive operator it is the operator alone)', () => {
    same(doc(vpce('ForAnyValue:StringEquals', 'aws:SourceVpce', 'vpce-1')), doc(vpce('StringEquals', 'aws:SourceVpce', 'vpce-1')));
    same(doc(vpce('ForAnyValue:StringLike', 'aws:TagKeys', 'team-*')), doc(vpce('StringLike', 'aws:TagKeys', 'team-*')));
  });

  it('StringEqualsIgnoreCase values that differ only in case are the same condition', () => {
    same(doc(vpce('StringEqualsIgnoreCase', 'aws:PrincipalTag/team', ['Payments', 'ops'])), doc(vpce('StringEqualsIgnoreCase', 'aws:PrincipalTag/team', ['OPS', 'payments'])));
  });
});

describe('access diff: conditions that really change', () => {
  it('a value set that grows is broader access for the new values exactly', () => {
    const d = diff(doc(allow('ec2:RunInstances', '*', region('StringEquals', 'eu-west-1'))), doc(allow('ec2:RunInstances', '*', region('StringEquals', 'eu-west-1', 'us-east-1', 'us-west-2'))));
    assert.deepStrictEqual(lines(d.added), ['ec2:RunInstances on * if {"StringEquals":{"aws:RequestedRegion":["us-east-1","us-west-2"]}}']);
    assert.deepStrictEqual(d.removed, []);
  });

  it('a value set that shrinks is narrower access for the dropped values exactly', () => {
    const d = diff(doc(allow('ec2:RunInstances', '*', region('StringEquals', 'eu-west-1', 'us-east-1'))), doc(allow('ec2:RunInstances', '*', region('StringEquals', 'eu-west-1'))));
    assert.deepStrictEqual(d.added, []);
    assert.deepStrictEqual(lines(d.removed), ['ec2:RunInstances on * if {"StringEquals":{"aws:RequestedRegion":["us-east-1"]}}']);
  });

  it('values spread over two statements, then one statement with one more value: only that value is added', () => {
    const base = doc(allow('ec2:RunInstances', '*', region('StringEquals', 'eu-west-1')), allow('ec2:RunInstances', '*', region('StringEquals', 'us-east-1')));
    const d = diff(base, doc(allow('ec2:RunInstances', '*', region('StringEquals', 'us-east-1', 'eu-west-1', 'ap-south-1'))));
    assert.deepStrictEqual(lines(d.added), ['ec2:RunInstances on * if {"StringEquals":{"aws:RequestedRegion":["ap-south-1"]}}']);
    assert.deepStrictEqual(d.removed, []);
  });

  it('one value replaced by another is both: the new value added, the old one removed', () => {
    const d = diff(doc(allow('ec2:RunInstances', '*', region('StringEquals', 'eu-west-1'))), doc(allow('ec2:RunInstances', '*', region('StringEquals', 'us-east-1'))));
    assert.deepStrictEqual(lines(d.added), ['ec2:RunInstances on * if {"StringEquals":{"aws:RequestedRegion":["us-east-1"]}}']);
    assert.deepStrictEqual(lines(d.removed), ['ec2:RunInstances on * if {"StringEquals":{"aws:RequestedRegion":["eu-west-1"]}}']);
  });

  it('AWS doc: "Case-sensitivity of context key values depends on the condition operator that you use." (a value in another case under StringEquals is a change)', () => {
    const d = diff(doc(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:username': 'johndoe' } } })), doc(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:username': 'JohnDoe' } } })));
    assert.strictEqual(d.added.length, 1);
    assert.strictEqual(d.removed.length, 1);
  });

  it('ForAnyValue before a negated operator is not the operator alone: a key absent from the request makes it false, not true', () => {
    const d = diff(doc(allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 'aws:TagKeys': 'secret' } } })), doc(allow('s3:GetObject', '*', { Condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'secret' } } })));
    assert.strictEqual(d.added.length, 1);
    assert.strictEqual(d.removed.length, 1);
  });

  it('a ForAllValues value set that grows is broader, shown with its whole condition (ForAllValues values cannot be split over statements)', () => {
    const tags = (...v: string[]) => ({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': v } } });
    const d = diff(doc(allow('ec2:CreateTags', '*', tags('team'))), doc(allow('ec2:CreateTags', '*', tags('team', 'cost-center'))));
    assert.deepStrictEqual(lines(d.added), ['ec2:CreateTags on * if {"ForAllValues:StringEquals":{"aws:TagKeys":["cost-center","team"]}}']);
    assert.deepStrictEqual(d.removed, []);
  });

  it('StringEquals to StringLike with a wildcard value is reported as both, each with its condition', () => {
    const d = diff(doc(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ops' } } })), doc(allow('s3:GetObject', '*', { Condition: { StringLike: { 'aws:PrincipalTag/team': 'ops*' } } })));
    assert.deepStrictEqual(lines(d.added), ['s3:GetObject on * if {"StringLike":{"aws:PrincipalTag/team":["ops*"]}}']);
    assert.deepStrictEqual(lines(d.removed), ['s3:GetObject on * if {"StringEquals":{"aws:PrincipalTag/team":["ops"]}}']);
  });
});
