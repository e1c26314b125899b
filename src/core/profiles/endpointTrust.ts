/**
 * Whether STS Lens may send credentials to an endpoint URL, given where the URL was configured.
 * Credentials travel only over https, except to this machine; an endpoint that a workspace
 * configured needs the person's consent first unless it is the endpoint of an AWS service STS Lens
 * calls (a host under an AWS domain may well be a customer's API Gateway, bucket or function URL).
 */
import * as l10n from '@vscode/l10n';
import { awsServiceOfHost } from './awsServiceHosts';
import { endpointProblem, isLoopbackHost } from './endpoint';

/** Where an endpoint URL came from. */
export type EndpointOrigin =
  /** `endpoint_url` (or a `services` section) in the user's AWS config, or AWS_ENDPOINT_URL*. */
  | 'awsConfig'
  /** `stsLens.sts.endpoint` in the user's own settings. */
  | 'userSettings'
  /** `stsLens.sts.endpoint` in the workspace's settings (.vscode/settings.json or the .code-workspace file). */
  | 'workspaceSettings'
  /** `stsLens.sts.endpoint` in a workspace folder's settings. */
  | 'folderSettings'
  /** The endpoint a session was created with (checked when it was created). */
  | 'session';

/** Where an endpoint was set, as the refusal and the consent question name it. */
export function endpointOriginText(origin: EndpointOrigin): string {
  switch (origin) {
    case 'awsConfig':
      return l10n.t('the AWS config (endpoint_url)');
    case 'userSettings':
      return l10n.t('your user settings (stsLens.sts.endpoint)');
    case 'workspaceSettings':
      return l10n.t("this workspace's settings (stsLens.sts.endpoint in .vscode/settings.json or the .code-workspace file)");
    case 'folderSettings':
      return l10n.t("a workspace folder's settings (stsLens.sts.endpoint in its .vscode/settings.json)");
    case 'session':
      return l10n.t('the session (the endpoint it was started with)');
  }
}

/**
 * DNS suffixes of every AWS partition, regular and dual-stack (FIPS endpoints are hosts under the
 * same suffixes), as in the SDK's partitions table.
 */
export const AWS_DNS_SUFFIXES: readonly string[] = [
  'amazonaws.com', 'amazonaws.com.cn', 'amazonaws.eu', 'c2s.ic.gov', 'sc2s.sgov.gov', 'cloud.adc-e.uk', 'csp.hci.ic.gov',
  'api.aws', 'api.amazonwebservices.com.cn', 'api.amazonwebservices.eu', 'api.aws.ic.gov', 'api.aws.scloud', 'api.cloud-aws.adc-e.uk', 'api.aws.hci.ic.gov',
];

/**
 * True for a host name inside one of AWS's own domains (not merely ending with the same letters).
 * Not a reason to trust it: customers serve their own code under these domains.
 */
export function isAwsHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return AWS_DNS_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));
}

export type EndpointVerdict =
  /** Send the request. */
  | { readonly kind: 'allow' }
  /** Never send: the message says why and what to change. */
  | { readonly kind: 'refuse'; readonly message: string }
  /** Ask the person first (once per workspace and endpoint); the message names the endpoint and where it was set. */
  | { readonly kind: 'confirm'; readonly message: string };

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url.trim());
  } catch {
    return undefined;
  }
}

/** The canonical text of an endpoint URL, used to remember consent; undefined when it is not a URL. */
export function endpointKey(url: string): string | undefined {
  const u = parseUrl(url);
  return u ? `${u.protocol}//${u.host}${u.pathname}` : undefined;
}

/**
 * Decides whether credentials may go to `url`. Refused: anything that is not an https URL (http
 * only to loopback) and URLs carrying a user name or password. Consent is needed for any host set
 * by workspace or folder settings (anyone who can commit to a repository can write those) except
 * the endpoints of the AWS services STS Lens calls, as the SDK's endpoint rules name them. The AWS config and user settings are the person's own, which the AWS CLI and
 * SDKs already follow without asking.
 */
export function endpointVerdict(url: string, origin: EndpointOrigin, service = 'STS'): EndpointVerdict {
  const where = endpointOriginText(origin);
  const parsed = parseUrl(url);
  if (parsed && (parsed.username || parsed.password)) {
    return { kind: 'refuse', message: l10n.t('The {0} endpoint from {1} was not used: it contains a user name or password; write it as {2}.', service, where, `${parsed.protocol}//${parsed.host}${parsed.pathname}`) };
  }
  const problem = endpointProblem(url.trim());
  if (problem || !parsed) return { kind: 'refuse', message: l10n.t('The {0} endpoint from {1} was not used: {2}.', service, where, problem ?? l10n.t('it is not a URL')) };
  const u = parsed;
  if (origin !== 'workspaceSettings' && origin !== 'folderSettings') return { kind: 'allow' };
  // A path on a service host names something a customer owns (an S3 bucket, path-style).
  const bare = (u.pathname === '' || u.pathname === '/') && !u.search && !u.hash && !u.port;
  if (bare && awsServiceOfHost(u.hostname)) return { kind: 'allow' };
  const what = isLoopbackHost(u.hostname)
    ? l10n.t('a server on this computer, not an AWS endpoint')
    : isAwsHost(u.hostname)
      ? l10n.t('under an AWS domain but not the endpoint of an AWS service STS Lens calls (AWS customers serve their own code there: API Gateway, S3 buckets, function URLs, load balancers)')
      : l10n.t('not an AWS endpoint');
  return {
    kind: 'confirm',
    message: l10n.t("Send AWS credentials to {0}? It is {1}, and it was set by {2}. Allow it only if you trust this workspace's author with your AWS session.", endpointKey(url) ?? url, what, where),
  };
}

/** The URL calls actually go to, for people: the explicit endpoint, or the default STS endpoint for the region. */
export function stsEndpointText(endpoint: string | undefined, region: string, useGlobalEndpoint = false): string {
  if (endpoint) return endpoint;
  if (useGlobalEndpoint) return 'https://sts.amazonaws.com';
  return `https://sts.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}
