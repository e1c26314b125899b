import * as assert from 'assert';
import { access, diff, doc, lines } from './accessHelpers';

const BUCKET = 'arn:aws:s3:::example-bucket';

// IAM User Guide, condition operators: "If the key that you specify in a policy condition is not present
// in the request context, the values do not match and the condition is false. If the policy condition
// requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not
// present, the condition is true." Which service keys an action's requests carry is the Service
// Authorization Reference's per-action and per-resource-type condition key lists.
describe('access: a condition on a key that an action\'s requests never carry', () => {
  it('"If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false": an Allow conditioned on a key the action never carries grants it nothing', () => {
    const a = access(doc({ Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteRole'], Resource: '*', Condition: { StringEquals: { 'iam:AWSServiceName': 'ecs.amazonaws.com' } } }));
    assert.deepStrictEqual([...a.actions.values()].map((x) => x.action), ['iam:CreateServiceLinkedRole']);
  });

  it('"… the values do not match and the condition is false": widening a statement conditioned on iam:AWSServiceName to iam:* adds only the actions that carry the key', () => {
    const cond = { StringEquals: { 'iam:AWSServiceName': 'ecs.amazonaws.com' } };
    const d = diff(doc({ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }), doc({ Effect: 'Allow', Action: ['iam:GetRole', 'iam:*'], Resource: '*', Condition: cond }));
    assert.deepStrictEqual(lines(d.added), ['iam:CreateServiceLinkedRole on * if {"StringEquals":{"iam:AWSServiceName":["ecs.amazonaws.com"]}}']);
    // iam:GetRole never carries the key: the condition takes the unconditioned access away.
    assert.deepStrictEqual(lines(d.removed), ['iam:GetRole on *']);
  });

  it('"… the values do not match and the condition is false": a Deny conditioned on a key the action never carries denies it nothing', () => {
    const base = doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` });
    const cond = { StringEquals: { 's3:x-amz-acl': 'public-read' } };
    const next = doc(base.Statement[0], { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: cond });
    const d = diff(base, next);
    // A Deny added is reported with its own Resource (README), for the actions it can deny.
    assert.ok(lines(d.denied).includes(`s3:PutObject on * if {"StringEquals":{"s3:x-amz-acl":["public-read"]}}`));
    assert.ok(!d.denied.some((i) => i.action === 's3:GetObject'));
    assert.deepStrictEqual([...d.added, ...d.removed], []);
  });

  it('"If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true": a negated, IfExists or Null "true" clause on such a key is no condition for the action', () => {
    const plain = doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` });
    for (const condition of [{ StringNotEquals: { 's3:x-amz-acl': 'public-read' } }, { StringEqualsIfExists: { 's3:x-amz-acl': 'private' } }, { Null: { 's3:x-amz-acl': 'true' } }, { 'ForAllValues:StringEquals': { 's3:x-amz-acl': 'private' } }]) {
      const d = diff(plain, doc({ ...plain.Statement[0], Condition: condition }));
      assert.deepStrictEqual(lines(d.added), [], JSON.stringify(condition));
      assert.deepStrictEqual(lines(d.removed), [`s3:PutObject on ${BUCKET}/*`], JSON.stringify(condition));
    }
    const kept = access(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { 's3:x-amz-acl': 'public-read' }, Bool: { 'aws:SecureTransport': 'true' } } })).actions.get('s3:getobject');
    assert.deepStrictEqual(kept?.allows.map((p) => [p.clauses.map((c) => c.key), p.conditions]), [[['aws:securetransport'], { Bool: { 'aws:SecureTransport': ['true'] } }]]);
  });

  it('a Null "false" or ForAnyValue clause on a key the action never carries is false, as the engine decides it', () => {
    for (const condition of [{ Null: { 's3:x-amz-acl': 'false' } }, { 'ForAnyValue:StringEquals': { 's3:x-amz-acl': 'private' } }, { 'ForAnyValue:StringNotEquals': { 's3:x-amz-acl': 'private' } }]) {
      const a = access(doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*`, Condition: condition }));
      assert.deepStrictEqual([...a.actions.values()].map((x) => x.action), ['s3:PutObject'], JSON.stringify(condition));
    }
  });

  it('ForAnyValue...IfExists on a key the action never carries is false too: ForAnyValue "For no matching context key or if the key does not exist, the condition returns false", IfExists or not', () => {
    for (const condition of [{ 'ForAnyValue:StringEqualsIfExists': { 's3:x-amz-acl': 'private' } }, { 'ForAnyValue:StringNotEqualsIfExists': { 's3:x-amz-acl': 'private' } }]) {
      const a = access(doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*`, Condition: condition }));
      assert.deepStrictEqual([...a.actions.values()].map((x) => x.action), ['s3:PutObject'], JSON.stringify(condition));
    }
    // ForAnyValue:StringEqualsIfExists reads as StringEquals: rewriting one as the other changes no access.
    const statement = (Condition: object) => doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*`, Condition });
    const d = diff(statement({ 'ForAnyValue:StringEqualsIfExists': { 's3:x-amz-acl': 'private' } }), statement({ StringEquals: { 's3:x-amz-acl': 'private' } }));
    assert.deepStrictEqual([lines(d.added), lines(d.removed)], [[], []]);
  });

  it('aws: keys, cross-service global keys and keys of services the data does not know still qualify every action', () => {
    for (const key of ['aws:SourceVpce', 'ec2:SourceInstanceArn', 'example:Thing']) {
      const a = access(doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*`, Condition: { StringEquals: { [key]: 'x' } } }));
      assert.deepStrictEqual([...a.actions.values()].map((x) => [x.action, x.allows[0].clauses.length]), [['s3:GetObject', 1], ['s3:PutObject', 1]], key);
    }
  });

  it('a resource type\'s keys and tag key templates count as carried: s3:ExistingObjectTag/<key> qualifies s3:GetObject', () => {
    const a = access(doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*`, Condition: { StringEquals: { 's3:ExistingObjectTag/team': 'blue' } } }));
    assert.deepStrictEqual([...a.actions.values()].map((x) => x.action), ['s3:GetObject']);
  });
});
