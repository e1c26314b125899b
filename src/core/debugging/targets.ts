/**
 * Which IAM principal and which resource policy a request names, read from their ARNs: what the
 * account gateway has to fetch to evaluate the request.
 */
import * as l10n from '@vscode/l10n';

/** The IAM entity whose identity policies decide a request. */
export type PrincipalTarget =
  | { readonly kind: 'role'; readonly name: string; readonly account: string; readonly arn: string; readonly serviceLinked: boolean }
  | { readonly kind: 'user'; readonly name: string; readonly account: string; readonly arn: string };

/** Why a principal's identity policies cannot be fetched, in words. */
export type PrincipalProblem = { readonly problem: string };

function arnParts(arn: string): { service: string; region: string; account: string; resource: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1]) return undefined;
  return { service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

/**
 * A user, role or assumed-role session ARN to the IAM user or role whose policies apply. Role paths
 * are dropped (IAM's Get*Role* calls take the bare name); an assumed-role session maps to its role.
 */
export function principalTarget(arn: string): PrincipalTarget | PrincipalProblem {
  const p = arnParts(arn.trim());
  if (!p) return { problem: l10n.t('"{0}" is not an ARN; identity policies are fetched for IAM users, roles and assumed-role sessions.', arn) };
  const segments = p.resource.split('/');
  const head = segments[0];
  if (p.service === 'sts' && head === 'assumed-role' && segments.length >= 3) {
    return { kind: 'role', name: segments[1], account: p.account, arn: `arn:${arn.split(':')[1]}:iam::${p.account}:role/${segments[1]}`, serviceLinked: segments[1].startsWith('AWSServiceRoleFor') };
  }
  if (p.service === 'iam' && head === 'role' && segments.length >= 2) {
    return { kind: 'role', name: segments[segments.length - 1], account: p.account, arn, serviceLinked: segments[1] === 'aws-service-role' };
  }
  if (p.service === 'iam' && head === 'user' && segments.length >= 2) return { kind: 'user', name: segments[segments.length - 1], account: p.account, arn };
  if (p.service === 'sts' && head === 'federated-user') return { problem: l10n.t("{0} is a federated user: its permissions are the session policy passed to GetFederationToken intersected with the calling user's, which STS Lens cannot read back.", arn) };
  if (p.service === 'iam' && head === 'root') return { problem: l10n.t('{0} is the account root user: identity policies do not apply to it.', arn) };
  return { problem: l10n.t('{0} is not an IAM user, role or assumed-role session.', arn) };
}

/** A resource whose resource-based policy takes part in the decision. */
export type ResourcePolicyTarget =
  | { readonly service: 's3'; readonly bucket: string }
  | { readonly service: 'kms'; readonly keyId: string; readonly region: string }
  | { readonly service: 'sqs'; readonly queueName: string; readonly account: string; readonly region: string }
  | { readonly service: 'sns'; readonly topicArn: string; readonly region: string }
  | { readonly service: 'lambda'; readonly functionName: string; readonly qualifier?: string; readonly region: string }
  | { readonly service: 'secretsmanager'; readonly secretId: string; readonly region: string }
  | { readonly service: 'iam'; readonly roleName: string };

/** The resource policy to fetch for `resourceArn`, or undefined when its service has none STS Lens reads. */
export function resourcePolicyTarget(resourceArn: string): ResourcePolicyTarget | undefined {
  const p = arnParts(resourceArn.trim());
  if (!p || p.resource.includes('*')) return undefined;
  switch (p.service) {
    case 's3': {
      const bucket = p.resource.split('/')[0];
      // Access points and Object Lambda have their own ARNs with a region and account.
      return bucket && !p.account ? { service: 's3', bucket } : undefined;
    }
    case 'kms':
      return p.resource.startsWith('key/') ? { service: 'kms', keyId: resourceArn.trim(), region: p.region } : undefined;
    case 'sqs':
      return p.resource ? { service: 'sqs', queueName: p.resource, account: p.account, region: p.region } : undefined;
    case 'sns':
      return p.resource ? { service: 'sns', topicArn: resourceArn.trim(), region: p.region } : undefined;
    case 'lambda': {
      const [kind, name, qualifier] = p.resource.split(':');
      return kind === 'function' && name ? { service: 'lambda', functionName: name, qualifier: qualifier || undefined, region: p.region } : undefined;
    }
    case 'secretsmanager':
      return p.resource.startsWith('secret:') ? { service: 'secretsmanager', secretId: resourceArn.trim(), region: p.region } : undefined;
    case 'iam': {
      const segments = p.resource.split('/');
      return segments[0] === 'role' && segments.length >= 2 ? { service: 'iam', roleName: segments[segments.length - 1] } : undefined;
    }
    default:
      return undefined;
  }
}

/** The account in an ARN, when it has one. */
export function accountOf(arn: string): string | undefined {
  const account = arnParts(arn)?.account;
  return account && /^\d{12}$/.test(account) ? account : undefined;
}
