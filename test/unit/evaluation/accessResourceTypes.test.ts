import * as assert from 'assert';
import { access, diff, doc, lines } from './accessHelpers';

const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const BUCKET = 'arn:aws:s3:::example-bucket';

/** Each action's allowed resources, for readable assertions. */
function allowed(policy: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of access(policy).actions.values()) out[a.action] = a.allows.map((p) => p.resource);
  return out;
}

// IAM User Guide, IAM JSON policy elements: Resource: "The Resource element specifies the object or
// objects that the statement covers." Service Authorization Reference: each action's "Resource types"
// column names the resources its requests are for (s3:PutObject: object; s3:ListBucket: bucket).
describe('access: a Resource value applies only to the actions whose resource types it can name', () => {
  it('"The Resource element specifies the object or objects that the statement covers": a bucket ARN gives s3:GetObject and s3:PutObject nothing', () => {
    const a = allowed(doc(allow(['s3:GetObject', 's3:ListBucket', 's3:PutObject'], [BUCKET, `${BUCKET}/*`])));
    assert.deepStrictEqual(a['s3:GetObject'], [`${BUCKET}/*`]);
    assert.deepStrictEqual(a['s3:PutObject'], [`${BUCKET}/*`]);
    // "Bucket names can consist only of lowercase letters, numbers, periods (.), and hyphens (-)": no bucket is named by a value with "/".
    assert.deepStrictEqual(a['s3:ListBucket'], [BUCKET]);
  });

  it('adding s3:PutObject to a statement on a bucket and its objects adds it on the objects only', () => {
    const before = doc(allow(['s3:GetObject', 's3:ListBucket'], [BUCKET, `${BUCKET}/*`]));
    const after = doc(allow(['s3:GetObject', 's3:ListBucket', 's3:PutObject'], [BUCKET, `${BUCKET}/*`]));
    assert.deepStrictEqual(lines(diff(before, after).added), [`s3:PutObject on ${BUCKET}/*`]);
  });

  it('an action whose statement names none of its resources is not granted by it, and a change to such a value is no change', () => {
    assert.deepStrictEqual(allowed(doc(allow('s3:PutObject', BUCKET))), {});
    const before = doc(allow('iam:CreateUser', 'arn:aws:s3:::one'));
    const after = doc(allow('iam:CreateUser', 'arn:aws:s3:::two'));
    assert.deepStrictEqual(diff(before, after), { added: [], removed: [] });
  });

  it('what cannot be told apart still applies: *, NotResource, a service wildcard, an ARN with wildcard Region and account, a policy variable, an unknown action', () => {
    assert.deepStrictEqual(allowed(doc(allow('s3:PutObject', '*')))['s3:PutObject'], ['*']);
    const notResource = access(doc({ Effect: 'Allow', Action: 's3:PutObject', NotResource: `${BUCKET}/private/*` })).actions.get('s3:putobject');
    assert.deepStrictEqual(notResource?.allows.map((p) => p.notResources), [[`${BUCKET}/private/*`]]);
    assert.deepStrictEqual(allowed(doc(allow('s3:PutObject', 'arn:aws:*:*:*:*')))['s3:PutObject'], ['arn:aws:*:*:*:*']);
    assert.deepStrictEqual(allowed(doc(allow('s3:PutObject', 'arn:aws:s3:*:*:example-bucket/*')))['s3:PutObject'], ['arn:aws:s3:*:*:example-bucket/*']);
    assert.deepStrictEqual(allowed(doc(allow('s3:PutObject', `${BUCKET}/home/\${aws:username}/*`)))['s3:PutObject'], [`${BUCKET}/home/\${aws:username}/*`]);
    assert.deepStrictEqual(allowed(doc(allow('s3:PutObjectt', BUCKET)))['s3:PutObjectt'], [BUCKET]);
  });

  it('"If there is no value for this column, you must specify all resources ("*") to which the policy applies in the Resource element": an action with no resource types is granted by * alone', () => {
    const a = allowed(doc(allow(['s3:ListAllMyBuckets', 's3:GetObject'], [`${BUCKET}/*`, '*'])));
    assert.deepStrictEqual(a['s3:ListAllMyBuckets'], ['*']);
    assert.deepStrictEqual(a['s3:GetObject'], [`${BUCKET}/*`, '*']);
    assert.deepStrictEqual(allowed(doc(allow('s3:ListAllMyBuckets', BUCKET))), {});
    const notResource = access(doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', NotResource: BUCKET })).actions.get('s3:listallmybuckets');
    assert.strictEqual(notResource?.allows.length, 1);
  });

  it('an ARN that needs a Region or an account the resource type has not (an S3 bucket) names none of its resources', () => {
    assert.deepStrictEqual(allowed(doc(allow('s3:ListBucket', 'arn:aws:s3:us-east-1:111122223333:example-bucket'))), {});
    assert.deepStrictEqual(allowed(doc(allow('iam:GetRole', 'arn:aws:iam:::role/app')))['iam:GetRole'], undefined);
    assert.deepStrictEqual(allowed(doc(allow('iam:GetRole', 'arn:aws:iam::111122223333:role/app')))['iam:GetRole'], ['arn:aws:iam::111122223333:role/app']);
  });

  it('"If the Action element also included Amazon EC2 actions, the policy would deny access to any EC2 resources not specified in the NotResource element": a NotResource value that names none of the action\'s resources excludes none of them', () => {
    const objects = access(doc({ Effect: 'Allow', Action: 's3:PutObject', NotResource: BUCKET })).actions.get('s3:putobject');
    assert.deepStrictEqual(objects?.allows.map((p) => [p.resource, p.notResources]), [['*', undefined]]);
    const star = access(doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', NotResource: BUCKET })).actions.get('s3:listallmybuckets');
    assert.deepStrictEqual(star?.allows.map((p) => [p.resource, p.notResources]), [['*', undefined]]);
    const mixed = access(doc({ Effect: 'Deny', Action: ['s3:GetObject', 'ec2:TerminateInstances'], NotResource: [`${BUCKET}/*`, 'arn:aws:ec2:*:*:instance/i-keep'] }));
    assert.deepStrictEqual(mixed.actions.get('s3:getobject')?.denies.map((p) => p.notResources), [[`${BUCKET}/*`]]);
    assert.deepStrictEqual(mixed.actions.get('ec2:terminateinstances')?.denies.map((p) => p.notResources), [['arn:aws:ec2:*:*:instance/i-keep']]);
  });

  it('Resource * to a NotResource of another service\'s ARN changes nothing for an action with no resource types', () => {
    const d = diff(doc(allow(['sagemaker:ListProjects', 'sagemaker:DescribeProject'], '*')), doc({ Effect: 'Allow', Action: ['sagemaker:ListProjects', 'sagemaker:DescribeProject'], NotResource: 'arn:aws:sagemaker:*:*:project/x*' }));
    assert.deepStrictEqual(lines(d.removed), ['sagemaker:DescribeProject on *']);
    assert.deepStrictEqual(lines(d.added), []);
  });
});
