/**
 * The resource-based policy of the resource a request names, through that service's own API: S3
 * bucket policies, KMS key policies, SQS queue and SNS topic policies, Lambda function policies,
 * Secrets Manager resource policies and IAM role trust policies. A resource without a policy is
 * not an error: it simply contributes none.
 */
import * as l10n from '@vscode/l10n';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { GetResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { policyText, type UnreadPart } from '../core/debugging/accountPolicySet';
import type { ResourcePolicyTarget } from '../core/debugging/targets';
import type { PolicySource } from '../core/evaluation/types';
import { errorName, failedRead, readClientOptions, type ReadTarget } from './policyReads';

export interface ResourcePolicyRead {
  readonly policy?: PolicySource;
  readonly unread: UnreadPart[];
}

/** Error names that mean "this resource has no policy", not "could not read it". */
const NO_POLICY = new Set(['NoSuchBucketPolicy', 'ResourceNotFoundException']);

interface Reader {
  readonly action: string;
  /** The policy's name in the results, e.g. "bucket policy of my-bucket". */
  readonly name: string;
  /** What is not evaluated when it cannot be read, e.g. "the bucket policy of my-bucket". */
  readonly part: string;
  read(t: ReadTarget): Promise<string | undefined>;
}

function reader(target: ResourcePolicyTarget): Reader {
  switch (target.service) {
    case 's3':
      return { action: 's3:GetBucketPolicy', name: l10n.t('bucket policy of {0}', target.bucket), part: l10n.t('the bucket policy of {0}', target.bucket), read: (t) => using(new S3Client({ ...readClientOptions(t), forcePathStyle: true }), async (c) => (await c.send(new GetBucketPolicyCommand({ Bucket: target.bucket }))).Policy) };
    case 'kms':
      return { action: 'kms:GetKeyPolicy', name: l10n.t('key policy of {0}', target.keyId), part: l10n.t('the key policy of {0}', target.keyId), read: (t) => using(new KMSClient(readClientOptions(t, target.region)), async (c) => (await c.send(new GetKeyPolicyCommand({ KeyId: target.keyId, PolicyName: 'default' }))).Policy) };
    case 'sqs':
      return { action: 'sqs:GetQueueAttributes', name: l10n.t('queue policy of {0}', target.queueName), part: l10n.t('the queue policy of {0}', target.queueName), read: (t) => using(new SQSClient(readClientOptions(t, target.region)), async (c) => {
        const url = (await c.send(new GetQueueUrlCommand({ QueueName: target.queueName, QueueOwnerAWSAccountId: target.account || undefined }))).QueueUrl;
        return (await c.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] }))).Attributes?.Policy;
      }) };
    case 'sns':
      return { action: 'sns:GetTopicAttributes', name: l10n.t('topic policy of {0}', target.topicArn), part: l10n.t('the topic policy of {0}', target.topicArn), read: (t) => using(new SNSClient(readClientOptions(t, target.region)), async (c) => (await c.send(new GetTopicAttributesCommand({ TopicArn: target.topicArn }))).Attributes?.Policy) };
    case 'lambda':
      return { action: 'lambda:GetPolicy', name: l10n.t('function policy of {0}', target.functionName), part: l10n.t('the function policy of {0}', target.functionName), read: (t) => using(new LambdaClient(readClientOptions(t, target.region)), async (c) => (await c.send(new GetPolicyCommand({ FunctionName: target.functionName, Qualifier: target.qualifier }))).Policy) };
    case 'secretsmanager':
      return { action: 'secretsmanager:GetResourcePolicy', name: l10n.t('resource policy of {0}', target.secretId), part: l10n.t('the resource policy of {0}', target.secretId), read: (t) => using(new SecretsManagerClient(readClientOptions(t, target.region)), async (c) => (await c.send(new GetResourcePolicyCommand({ SecretId: target.secretId }))).ResourcePolicy) };
    case 'iam':
      return { action: 'iam:GetRole', name: l10n.t('trust policy of {0}', `role/${target.roleName}`), part: l10n.t('the trust policy of {0}', `role/${target.roleName}`), read: (t) => using(new IAMClient(readClientOptions(t, t.target.endpoint ? t.target.region : 'us-east-1')), async (c) => (await c.send(new GetRoleCommand({ RoleName: target.roleName }))).Role?.AssumeRolePolicyDocument) };
  }
}

async function using<C extends { destroy(): void }, T>(client: C, fn: (c: C) => Promise<T>): Promise<T> {
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

export async function readResourcePolicy(t: ReadTarget, target: ResourcePolicyTarget): Promise<ResourcePolicyRead> {
  const r = reader(target);
  try {
    const raw = await r.read(t);
    return { policy: raw ? { name: r.name, text: policyText(raw) } : undefined, unread: [] };
  } catch (e) {
    if (NO_POLICY.has(errorName(e))) return { unread: [] };
    return { unread: [failedRead(e, r.action, r.part)] };
  }
}
