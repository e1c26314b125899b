/**
 * Signing in to the AWS Management Console with temporary credentials, as AWS documents in
 * "Enable custom identity broker access to the AWS console": getSigninToken at the partition's
 * federation endpoint, then a login URL with the token and the destination (signinUrls.ts builds
 * those two URLs, which carry credentials or a sign-in token). Apart from them, so that dist/aws.js,
 * which sends the first, holds no words of src/core: NoConsoleError's are in the display language.
 */
import * as l10n from '@vscode/l10n';

export interface ConsolePartition {
  readonly id: string;
  /** `https://signin.aws.amazon.com/federation`, or undefined for partitions without a public console. */
  readonly federation?: string;
  readonly console?: string;
}

const PARTITIONS: readonly ConsolePartition[] = [
  { id: 'aws', federation: 'https://signin.aws.amazon.com/federation', console: 'console.aws.amazon.com' },
  { id: 'aws-us-gov', federation: 'https://signin.amazonaws-us-gov.com/federation', console: 'console.amazonaws-us-gov.com' },
  { id: 'aws-cn', federation: 'https://signin.amazonaws.cn/federation', console: 'console.amazonaws.cn' },
];

/** The partition of a region, as the SDK's partition table groups them. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/** `arn:PARTITION:…` → PARTITION. */
export function partitionOfArn(arn: string | undefined): string | undefined {
  return arn ? /^arn:([a-z-]+):/.exec(arn)?.[1] : undefined;
}

export class NoConsoleError extends Error {
  constructor(partition: string) {
    super(l10n.t("the {0} partition has no AWS Management Console that STS Lens can sign in to through the public federation endpoint. Use your organization's console access for that partition.", partition));
    this.name = 'NoConsoleError';
  }
}

export function consolePartition(partition: string): ConsolePartition & { federation: string; console: string } {
  const p = PARTITIONS.find((x) => x.id === partition);
  if (!p?.federation || !p.console) throw new NoConsoleError(partition);
  return p as ConsolePartition & { federation: string; console: string };
}

export type ConsoleDestination =
  | { readonly kind: 'home' }
  | { readonly kind: 'region'; readonly region: string }
  | { readonly kind: 'arn'; readonly arn: string };

/** The console page of a resource ARN, or its service's page in the resource's region. */
export function arnConsoleUrl(arn: string, consoleHost: string, defaultRegion: string): string {
  const m = /^arn:[a-z-]+:([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws)?:(.+)$/.exec(arn);
  if (!m) throw new Error(l10n.t('"{0}" is not an ARN', arn.slice(0, 120)));
  const [, service, arnRegion, , resource] = m;
  const region = arnRegion || defaultRegion;
  const regional = (path: string) => `https://${region}.${consoleHost}/${path}`;
  const enc = encodeURIComponent;
  const slash = resource.indexOf('/');
  const type = slash >= 0 ? resource.slice(0, slash) : resource.split(':')[0];
  const id = slash >= 0 ? resource.slice(slash + 1) : resource.split(':').slice(1).join(':');
  switch (service) {
    case 'iam': {
      const name = id.split('/').pop() ?? id;
      if (type === 'role') return `https://${consoleHost}/iam/home#/roles/details/${enc(name)}`;
      if (type === 'user') return `https://${consoleHost}/iam/home#/users/details/${enc(name)}`;
      if (type === 'policy') return `https://${consoleHost}/iam/home#/policies/details/${enc(arn)}`;
      if (type === 'group') return `https://${consoleHost}/iam/home#/groups/details/${enc(name)}`;
      return `https://${consoleHost}/iam/home`;
    }
    case 's3': {
      const [bucket, ...key] = resource.split('/');
      if (!bucket || bucket === '*') return `https://${consoleHost}/s3/home`;
      return key.length && key.join('/') !== '*' ? `https://${consoleHost}/s3/object/${enc(bucket)}?prefix=${enc(key.join('/'))}` : `https://${consoleHost}/s3/buckets/${enc(bucket)}`;
    }
    case 'ec2':
      if (type === 'instance' && id && id !== '*') return regional(`ec2/home?region=${region}#InstanceDetails:instanceId=${enc(id)}`);
      return regional(`ec2/home?region=${region}`);
    case 'lambda':
      if (type === 'function' && id) return regional(`lambda/home?region=${region}#/functions/${enc(id.split(':')[0])}`);
      return regional(`lambda/home?region=${region}`);
    case 'cloudformation':
      if (type === 'stack') return regional(`cloudformation/home?region=${region}#/stacks/stackinfo?stackId=${enc(arn)}`);
      return regional(`cloudformation/home?region=${region}`);
    case 'sqs':
      return regional(`sqs/v3/home?region=${region}#/queues/${enc(`https://sqs.${region}.amazonaws.com/${m[3]}/${resource}`)}`);
    case 'kms':
      if (type === 'key') return regional(`kms/home?region=${region}#/kms/keys/${enc(id)}`);
      return regional(`kms/home?region=${region}`);
    default:
      return regional(`${service}/home?region=${region}`);
  }
}

/** The console URL to land on after sign-in. */
export function destinationUrl(d: ConsoleDestination, partition: string, defaultRegion: string): string {
  const p = consolePartition(partition);
  if (d.kind === 'home') return `https://${p.console}/console/home`;
  if (d.kind === 'region') return `https://${d.region}.${p.console}/console/home?region=${encodeURIComponent(d.region)}`;
  return arnConsoleUrl(d.arn, p.console, defaultRegion);
}

/**
 * "SessionDuration … 900 seconds (15 minutes) to 43200 seconds (12 hours)"; it may be given only
 * for credentials from AssumeRole* (not for GetFederationToken's, whose own duration applies), so
 * it follows the time the session has left. Undefined means "leave it out".
 */
export function consoleSessionSeconds(expiration: number | undefined, now: number, fromAssumeRole: boolean): number | undefined {
  if (!fromAssumeRole || expiration === undefined) return undefined;
  const left = Math.floor((expiration - now) / 1000);
  return Math.min(43_200, Math.max(900, left));
}

/**
 * The federation endpoint for a session: the partition's, or, when the session's endpoint is a
 * custom one (a local emulator or test double named by `endpoint_url`), that endpoint's
 * `/federation` path, so a sandbox never sends credentials to AWS.
 */
export function federationEndpoint(partition: string, customEndpoint: string | undefined, isAwsHost: (host: string) => boolean): string {
  if (customEndpoint) {
    try {
      const u = new URL(customEndpoint);
      if (!isAwsHost(u.hostname)) return `${u.protocol}//${u.host}/federation`;
    } catch {
      // Not a URL: the partition's endpoint applies.
    }
  }
  return consolePartition(partition).federation;
}
