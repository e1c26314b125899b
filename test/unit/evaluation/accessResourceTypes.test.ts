import * as assert from 'assert';
import { notGrantedViolations } from '../../../src/core/evaluation/access';
import { testCatalog } from '../policy/catalog';
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
    assert.deepStrictEqual(diff(before, after), { added: [], removed: [], denied: [], noLongerDenied: [] });
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

// Service Authorization Reference, "Resource types" column: "Required resources are indicated in the
// table with an asterisk (*). If you specify a resource-level permission ARN in a statement using this
// action, then it must be of this type." A pattern that matches every ARN of every type such an action
// lists names all its resources, as `*` does.
describe('access: a Resource pattern that names every resource of an action is * for that action', () => {
  const SERVICE_PRINCIPAL = { StringEquals: { 'organizations:ServicePrincipal': ['backup.amazonaws.com'] } };
  const ORG_ACTIONS = ['organizations:RegisterDelegatedAdministrator', 'organizations:EnableAWSServiceAccess'];

  it('"Required resources are indicated in the table with an asterisk (*)": widening account/* to * adds nothing to RegisterDelegatedAdministrator (AWSBackupOrganizationAdminAccess), but adds EnableAWSServiceAccess, which has no resource types', () => {
    const before = doc(allow(ORG_ACTIONS, 'arn:aws:organizations::*:account/*', { Condition: SERVICE_PRINCIPAL }));
    const after = doc(allow(ORG_ACTIONS, '*', { Condition: SERVICE_PRINCIPAL }));
    assert.deepStrictEqual(lines(diff(before, after).added), [`organizations:EnableAWSServiceAccess on * if ${JSON.stringify(SERVICE_PRINCIPAL)}`]);
    assert.deepStrictEqual(lines(diff(after, before).removed), [`organizations:EnableAWSServiceAccess on * if ${JSON.stringify(SERVICE_PRINCIPAL)}`]);
    // sqs:SendMessage's one type, the queue (required): any Region, any account, any name.
    assert.deepStrictEqual(diff(doc(allow('sqs:SendMessage', 'arn:aws:sqs:*:*:*')), doc(allow('sqs:SendMessage', '*'))), { added: [], removed: [], denied: [], noLongerDenied: [] });
  });

  it('"If you specify a resource-level permission ARN in a statement using this action, then it must be of this type": a pattern that leaves some ARNs of the type out is narrower than *', () => {
    const added = (resource: string, action = 'organizations:RegisterDelegatedAdministrator') => lines(diff(doc(allow(action, resource)), doc(allow(action, '*'))).added);
    assert.deepStrictEqual(added('arn:aws:organizations::111122223333:account/*'), ['organizations:RegisterDelegatedAdministrator on *']);
    assert.deepStrictEqual(added('arn:aws:organizations::*:account/o-exampleorgid/*'), ['organizations:RegisterDelegatedAdministrator on *']);
    // A policy variable names one user per request; `?` one character where a name may have more.
    assert.deepStrictEqual(added('arn:aws:iam::*:user/${aws:username}', 'iam:GetUser'), ['iam:GetUser on *']);
    assert.deepStrictEqual(added('arn:aws:iam::*:user/?', 'iam:GetUser'), ['iam:GetUser on *']);
    assert.deepStrictEqual(added('arn:aws:iam::*:user/*', 'iam:GetUser'), []);
  });

  it('"If the resource type is optional (not indicated as required), then you can choose to use one of the optional resource types": an action whose types are all optional may be asked for *, which only * names', () => {
    // organizations:ListChildren lists organizationalunit and root, neither required.
    const d = diff(doc(allow(['organizations:ListChildren', 'organizations:DescribeAccount'], 'arn:aws:organizations::*:*')), doc(allow(['organizations:ListChildren', 'organizations:DescribeAccount'], '*')));
    assert.deepStrictEqual(lines(d.added), ['organizations:ListChildren on *']);
    // s3:GetObject lists object and accesspointobject, neither required: even a pattern matching both is narrower than *.
    assert.deepStrictEqual(lines(diff(doc(allow('s3:GetObject', 'arn:aws:s3:*:*:*')), doc(allow('s3:GetObject', '*'))).added), ['s3:GetObject on *']);
  });

  it('"Each AWS account is scoped to one partition": arn:aws:… names every resource when the policy names no other partition and leaves none open, and arn:*:… in any case', () => {
    const widen = (resource: string, other: object[] = []) => lines(diff(doc(allow('iam:GetRole', resource), ...other), doc(allow('iam:GetRole', '*'), ...other)).added);
    assert.deepStrictEqual(widen('arn:aws:iam::*:role/*'), []);
    const china = [allow('s3:GetObject', 'arn:aws-cn:s3:::example-bucket/*')];
    assert.deepStrictEqual(widen('arn:aws:iam::*:role/*', china), ['iam:GetRole on *']);
    assert.deepStrictEqual(widen('arn:*:iam::*:role/*', china), []);
    assert.deepStrictEqual(widen('arn:aws-cn:iam::*:role/*'), []);
    // A policy that leaves the partition open elsewhere is written for any partition.
    assert.deepStrictEqual(widen('arn:aws:iam::*:role/*', [allow('s3:GetObject', 'arn:*:s3:::example-bucket/*')]), ['iam:GetRole on *']);
    const anyPartition = diff(doc(allow('iam:GetRole', 'arn:aws:iam::*:role/*')), doc(allow('iam:GetRole', 'arn:*:iam::*:role/*')));
    assert.deepStrictEqual(lines(anyPartition.added), ['iam:GetRole on arn:*:iam::*:role/*']);
  });

  it('a NotResource pattern that names every resource of an action leaves its statement nothing for that action', () => {
    const allowAll = allow('iam:GetRole', '*');
    const denyRoles = { Effect: 'Deny', Action: 'iam:GetRole', Resource: 'arn:aws:iam::*:role/*' };
    // Every role denied: the Allow on * gives nothing, so removing it removes nothing.
    assert.deepStrictEqual(diff(doc(allowAll, denyRoles), doc(denyRoles)), { added: [], removed: [], denied: [], noLongerDenied: [] });
    assert.deepStrictEqual(allowed(doc({ Effect: 'Allow', Action: ['iam:GetRole', 'iam:ListRoles'], NotResource: 'arn:aws:iam::*:role/*' })), { 'iam:ListRoles': ['*'] });
  });

  it('a pattern on every role still names no bucket: sts-lens check lists a grant on every role only under a role ARN', () => {
    const roles = access(doc(allow('iam:GetRole', 'arn:aws:iam::*:role/*')));
    const check = (resources: string[]) => notGrantedViolations(roles, { resources }, testCatalog().catalog).map((v) => `${v.action} on ${v.resource}`);
    assert.deepStrictEqual(check([BUCKET]), []);
    assert.deepStrictEqual(check(['arn:aws:iam::111122223333:role/admin']), ['iam:GetRole on arn:aws:iam::111122223333:role/admin']);
  });
});

// Service Authorization Reference, "Resource types" column: "If you limit resource access with the
// Resource element in an IAM policy, you must include an ARN or pattern for each required resource
// type." A statement whose Resource values between them match every ARN of every type an action
// lists names all its resources, as `*` does, though no one value does.
describe('access: several Resource values that together name every resource of an action are * for it', () => {
  const widen = (action: string, resources: string[]) => lines(diff(doc(allow(action, resources)), doc(allow(action, '*'))).added);
  const INSTANCES = 'arn:aws:ec2:*:*:instance/*';
  const VOLUMES = 'arn:aws:ec2:*:*:volume/*';

  it('"you must include an ARN or pattern for each required resource type": instance/* with volume/* is * for ec2:AttachVolume, either one alone is not', () => {
    assert.deepStrictEqual(widen('ec2:AttachVolume', [INSTANCES, VOLUMES]), []);
    assert.deepStrictEqual(diff(doc(allow('ec2:AttachVolume', '*')), doc(allow('ec2:AttachVolume', [VOLUMES, INSTANCES]))), { added: [], removed: [], denied: [], noLongerDenied: [] });
    assert.deepStrictEqual(widen('ec2:AttachVolume', [INSTANCES]), ['ec2:AttachVolume on *']);
    assert.deepStrictEqual(widen('ec2:AttachVolume', [VOLUMES, 'arn:aws:ec2:*:*:instance/i-1*']), ['ec2:AttachVolume on *']);
  });

  it('"Some actions support multiple resource types": ec2:RunInstances is * only when its optional types of other services are named too', () => {
    const ec2 = ['arn:aws:ec2:*:*:*', 'arn:aws:elastic-inference:*:*:elastic-inference-accelerator/*', 'arn:aws:resource-groups:*:*:group/*'];
    assert.deepStrictEqual(widen('ec2:RunInstances', [...ec2, 'arn:aws:license-manager:*:*:license-configuration:*']), []);
    // A request that names a license configuration is authorized against its ARN too, which no value matches.
    assert.deepStrictEqual(widen('ec2:RunInstances', ec2), ['ec2:RunInstances on *']);
  });

  it('narrowing one of the values that together name every resource removes access on that value only', () => {
    const d = diff(doc(allow('ec2:AttachVolume', [INSTANCES, VOLUMES])), doc(allow('ec2:AttachVolume', [INSTANCES, 'arn:aws:ec2:*:*:volume/vol-1*'])));
    assert.deepStrictEqual(lines(d.removed), [`ec2:AttachVolume on ${VOLUMES}`]);
    assert.deepStrictEqual(lines(d.added), []);
  });

  it('values in two statements with the same principal and conditions are read together: moving an action from one statement to two is no change', () => {
    const split = doc(allow('ec2:AttachVolume', INSTANCES), allow('ec2:AttachVolume', VOLUMES));
    assert.deepStrictEqual(diff(split, doc(allow('ec2:AttachVolume', '*'))), { added: [], removed: [], denied: [], noLongerDenied: [] });
    assert.deepStrictEqual(diff(doc(allow('ec2:AttachVolume', '*')), split), { added: [], removed: [], denied: [], noLongerDenied: [] });
    assert.deepStrictEqual(diff(doc(allow(['ec2:AttachVolume', 'ec2:DetachVolume'], [INSTANCES, VOLUMES])), doc(allow(['ec2:AttachVolume', 'ec2:DetachVolume'], INSTANCES), allow(['ec2:AttachVolume', 'ec2:DetachVolume'], VOLUMES))), { added: [], removed: [], denied: [], noLongerDenied: [] });
    const denySplit = [{ Effect: 'Deny', Action: 'ec2:AttachVolume', Resource: INSTANCES }, { Effect: 'Deny', Action: 'ec2:AttachVolume', Resource: VOLUMES }];
    assert.deepStrictEqual(diff(doc(allow('ec2:AttachVolume', '*'), ...denySplit), doc(...denySplit)), { added: [], removed: [], denied: [], noLongerDenied: [] }, 'a Deny split over two statements still takes away the Allow on *');
    // Under different conditions the two statements each still name only some resources.
    const tagged = (team: string) => ({ Condition: { StringEquals: { 'aws:PrincipalTag/team': team } } });
    const apart = doc(allow('ec2:AttachVolume', INSTANCES, tagged('a')), allow('ec2:AttachVolume', VOLUMES, tagged('b')));
    assert.deepStrictEqual(lines(diff(apart, doc(allow('ec2:AttachVolume', '*', tagged('a')), allow('ec2:AttachVolume', VOLUMES, tagged('b')))).added), ['ec2:AttachVolume on * if {"StringEquals":{"aws:PrincipalTag/team":["a"]}}']);
  });

  it('a Deny whose values together name every resource takes away an Allow on *, and NotResource values that together name every resource leave their statement nothing', () => {
    const denyAll = { Effect: 'Deny', Action: 'ec2:AttachVolume', Resource: [INSTANCES, VOLUMES] };
    assert.deepStrictEqual(diff(doc(allow('ec2:AttachVolume', '*'), denyAll), doc(denyAll)), { added: [], removed: [], denied: [], noLongerDenied: [] });
    assert.deepStrictEqual(allowed(doc({ Effect: 'Allow', Action: ['ec2:AttachVolume', 'ec2:DescribeVolumes'], NotResource: [INSTANCES, VOLUMES] })), { 'ec2:DescribeVolumes': ['*'] });
    assert.deepStrictEqual(allowed(doc({ Effect: 'Allow', Action: 'ec2:AttachVolume', NotResource: [INSTANCES] })), { 'ec2:AttachVolume': ['*'] });
  });

  it('values that together name every ARN of an action whose types are all optional are still narrower than *', () => {
    // ec2:AssociateAddress lists elastic-ip, instance and network-interface, none required.
    assert.deepStrictEqual(widen('ec2:AssociateAddress', ['arn:aws:ec2:*:*:elastic-ip/*', INSTANCES, 'arn:aws:ec2:*:*:network-interface/*']), ['ec2:AssociateAddress on *']);
  });
});
