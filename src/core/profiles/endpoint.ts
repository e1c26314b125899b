import * as l10n from '@vscode/l10n';
import type { AwsProfile } from './model';

export interface StsEndpointChoice {
  /** An explicit endpoint URL, or undefined for the SDK's own resolution. */
  readonly endpoint?: string;
  /** Where the choice came from, for the log and for people. */
  readonly source: 'environment' | 'profile-services' | 'profile' | 'setting' | 'legacy-global' | 'regional';
  /** True when `sts_regional_endpoints = legacy` asks for the global endpoint. */
  readonly useGlobalEndpoint: boolean;
  readonly region: string;
}

/** Regions where `sts_regional_endpoints = legacy` sends calls to sts.amazonaws.com. */
const LEGACY_GLOBAL_REGIONS = new Set([
  'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'aws-global', 'ca-central-1', 'eu-central-1',
  'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
]);

export const DEFAULT_REGION = 'us-east-1';

/**
 * Where STS calls for a profile go. The profile's own `[services]` STS endpoint wins, then its
 * `endpoint_url` (both unless it sets `ignore_configured_endpoint_urls`), then the `stsLens.sts.endpoint` setting; otherwise the regional endpoint, as AWS
 * advises, unless the profile opts into the legacy global endpoint.
 */
export function resolveStsEndpoint(profile: AwsProfile | undefined, settingEndpoint: string | undefined, fallbackRegion?: string): StsEndpointChoice {
  const region = profile?.region ?? fallbackRegion ?? DEFAULT_REGION;
  const configured = profile?.ignoreConfiguredEndpointUrls ? undefined : profile;
  if (configured?.stsEndpointUrl) return { endpoint: configured.stsEndpointUrl, source: 'profile-services', useGlobalEndpoint: false, region };
  if (configured?.endpointUrl) return { endpoint: configured.endpointUrl, source: 'profile', useGlobalEndpoint: false, region };
  if (settingEndpoint) return { endpoint: settingEndpoint, source: 'setting', useGlobalEndpoint: false, region };
  if (profile?.stsRegionalEndpoints === 'legacy' && LEGACY_GLOBAL_REGIONS.has(region)) return { source: 'legacy-global', useGlobalEndpoint: true, region };
  return { source: 'regional', useGlobalEndpoint: false, region };
}

/** The profile the SDK reads when a client names none: AWS_PROFILE, else `default`. */
export function implicitProfileName(env: Readonly<Record<string, string | undefined>>): string {
  return env.AWS_PROFILE?.trim() || 'default';
}

/** The STS endpoint the environment gives every SDK client: AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL. */
export function environmentStsEndpoint(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true') return undefined;
  return env.AWS_ENDPOINT_URL_STS?.trim() || env.AWS_ENDPOINT_URL?.trim() || undefined;
}

/**
 * Where STS calls go when no profile is named: the `stsLens.sts.endpoint` setting (passed to the
 * client), else what the SDK would read itself: the environment's endpoint, then the implicit profile
 * (AWS_PROFILE or `default`) with its `endpoint_url`. Resolved here and passed explicitly, so the call
 * and what people are shown agree (not "the AWS default" while [default] names another endpoint).
 */
export function resolveImplicitStsEndpoint(implicit: AwsProfile | undefined, settingEndpoint: string | undefined, env: Readonly<Record<string, string | undefined>>): StsEndpointChoice {
  const envRegion = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || undefined;
  const region = envRegion ?? implicit?.region ?? DEFAULT_REGION;
  // The setting is passed to the client, so it wins as any explicit endpoint does; then the environment, then the files.
  if (settingEndpoint) return { endpoint: settingEndpoint, source: 'setting', useGlobalEndpoint: false, region };
  const fromEnv = environmentStsEndpoint(env);
  if (fromEnv) return { endpoint: fromEnv, source: 'environment', useGlobalEndpoint: false, region };
  return { ...resolveStsEndpoint(implicit, undefined, region), region };
}

/** Checks an endpoint URL typed by a person or found in a file. Returns a message, or undefined when fine. */
export function endpointProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return l10n.t('"{0}" is not a URL; write it like {1}', url, 'https://sts.eu-west-1.amazonaws.com');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return l10n.t('"{0}" must start with https:// (or http:// for a local endpoint)', url);
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) return l10n.t('"{0}" sends credentials unencrypted; use https:// for anything but a loopback address', url);
  return undefined;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === '::1';
}
