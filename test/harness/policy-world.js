// The part of the seeded world that policy debugging evaluates against: a role with an attached
// managed policy, an inline policy and a permissions boundary; an organization with an SCP that
// denies something; an S3 bucket with a bucket policy; and two users that read policies, one of
// them without permission to list the organization's policies. Everything goes through the real APIs.
'use strict';
const { IAMClient, CreatePolicyCommand, CreateRoleCommand, AttachRolePolicyCommand, PutRolePolicyCommand, PutRolePermissionsBoundaryCommand,
  CreateUserCommand, PutUserPolicyCommand, CreateAccessKeyCommand } = require('@aws-sdk/client-iam');
const { OrganizationsClient, CreateOrganizationCommand, ListRootsCommand, CreatePolicyCommand: CreateOrgPolicyCommand, AttachPolicyCommand } = require('@aws-sdk/client-organizations');
const { S3Client, CreateBucketCommand, PutBucketPolicyCommand } = require('@aws-sdk/client-s3');

const doc = (...statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const BUCKET = 'sts-lens-app-bucket';

const APP_POLICIES = {
  managed: doc({ Sid: 'ReadWriteAppBucket', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] }),
  inline: doc({ Sid: 'DenyDeletes', Effect: 'Deny', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${BUCKET}/*` }, { Sid: 'ReadQueues', Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: '*' }),
  boundary: doc({ Sid: 'S3AndSqsOnly', Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' }),
  scp: doc({ Sid: 'DenyLeavingTheOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }, { Sid: 'DenyBucketDeletion', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }),
  bucket: doc({ Sid: 'LockedPrefix', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/locked/*` }),
};

const READ_POLICIES = ['iam:Get*', 'iam:List*', 's3:GetBucketPolicy', 'kms:GetKeyPolicy', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sns:GetTopicAttributes', 'lambda:GetPolicy', 'secretsmanager:GetResourcePolicy', 'sts:GetCallerIdentity', 'sts:AssumeRole', 'sts:DecodeAuthorizationMessage'];
const READERS = {
  'policy-reader': doc({ Effect: 'Allow', Action: [...READ_POLICIES, 'organizations:Describe*', 'organizations:List*'], Resource: '*' }),
  // Reads IAM and the organization's shape, but may not list its policies: SCPs and RCPs stay unread.
  'iam-only-reader': doc({ Effect: 'Allow', Action: [...READ_POLICIES, 'organizations:DescribeOrganization', 'organizations:ListParents'], Resource: '*' }),
};

/** Seeds the policy world with enforcement off; returns what the world JSON describes and the readers' keys. */
async function seedPolicyWorld({ motoEndpoint, accountId, region, trustedUserArn }) {
  const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'seed-only' };
  const common = { endpoint: motoEndpoint, region, maxAttempts: 1, credentials };
  const iam = new IAMClient(common);
  const org = new OrganizationsClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  try {
    const policyArn = async (name, text) => (await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: text }))).Policy.Arn;
    const managedArn = await policyArn('app-managed', APP_POLICIES.managed);
    const boundaryArn = await policyArn('app-boundary', APP_POLICIES.boundary);
    const trust = doc({ Effect: 'Allow', Principal: { AWS: trustedUserArn }, Action: 'sts:AssumeRole' });
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'app_role', AssumeRolePolicyDocument: trust }))).Role;
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app_role', PolicyArn: managedArn }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'app_role', PolicyName: 'app-guard', PolicyDocument: APP_POLICIES.inline }));
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'app_role', PermissionsBoundary: boundaryArn }));

    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const rootId = (await org.send(new ListRootsCommand({}))).Roots[0].Id;
    const scpId = (await org.send(new CreateOrgPolicyCommand({ Name: 'guardrails', Description: 'Organization guardrails', Type: 'SERVICE_CONTROL_POLICY', Content: APP_POLICIES.scp }))).Policy.PolicySummary.Id;
    await org.send(new AttachPolicyCommand({ PolicyId: scpId, TargetId: rootId }));

    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: APP_POLICIES.bucket }));

    const users = {};
    const secrets = {};
    for (const [name, policy] of Object.entries(READERS)) {
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'read-policies', PolicyDocument: policy }));
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey;
      users[name] = { arn: `arn:aws:iam::${accountId}:user/${name}`, accessKeyId: key.AccessKeyId };
      secrets[name] = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
    }
    return { policyWorld: { roleArn: role.Arn, bucket: BUCKET, managedPolicyArn: managedArn, boundaryArn, scpId, rootId }, users, secrets };
  } finally {
    iam.destroy();
    org.destroy();
    s3.destroy();
  }
}

module.exports = { seedPolicyWorld };
