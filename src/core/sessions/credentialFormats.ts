/**
 * Credentials in the shapes other tools read: terminal environments, shell `export` lines, the
 * `credential_process` JSON, and the container-credentials HTTP response.
 */
import { setLine, unsetLine, type ShellKind } from './shellQuote';

export type { ShellKind } from './shellQuote';

export interface PlainCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Epoch ms. */
  readonly expiration?: number;
  readonly accountId?: string;
}

export interface EnvTarget {
  readonly region: string;
  /** An endpoint for every service (profile `endpoint_url`). */
  readonly endpointUrl?: string;
  /** An endpoint for STS only (profile `[services]` or the `stsLens.sts.endpoint` setting). */
  readonly stsEndpointUrl?: string;
}

/** `null` removes the variable from the inherited environment (VS Code terminal semantics). */
export type TerminalEnv = Record<string, string | null>;

/** Variables that would otherwise win over the ones we set, or point at another identity. */
const CLEARED = [
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS',
];

function base(target: EnvTarget): TerminalEnv {
  const env: TerminalEnv = {};
  for (const k of CLEARED) env[k] = null;
  env.AWS_REGION = target.region;
  env.AWS_DEFAULT_REGION = target.region;
  if (target.endpointUrl) env.AWS_ENDPOINT_URL = target.endpointUrl;
  if (target.stsEndpointUrl) env.AWS_ENDPOINT_URL_STS = target.stsEndpointUrl;
  return env;
}

/** Fixed keys: works with every tool, stops working at expiry. */
export function staticTerminalEnv(creds: PlainCredentials, target: EnvTarget): TerminalEnv {
  const env = base(target);
  env.AWS_ACCESS_KEY_ID = creds.accessKeyId;
  env.AWS_SECRET_ACCESS_KEY = creds.secretAccessKey;
  if (creds.sessionToken) {
    env.AWS_SESSION_TOKEN = creds.sessionToken;
    // Boto 2 and some older tools read only the legacy name.
    env.AWS_SECURITY_TOKEN = creds.sessionToken;
  }
  if (creds.expiration !== undefined) env.AWS_CREDENTIAL_EXPIRATION = new Date(creds.expiration).toISOString();
  return env;
}

/**
 * Renewing credentials: SDKs and the CLI fetch them from the loopback container-credentials endpoint.
 * Both the CLI and the SDKs consult the shared files before the container endpoint, so a [default]
 * profile with keys would win; the shared files are pointed at `emptyFile` (the null device) instead.
 */
export function refreshingTerminalEnv(fullUri: string, authorizationToken: string, target: EnvTarget, emptyFile: string): TerminalEnv {
  const env = base(target);
  env.AWS_CONFIG_FILE = emptyFile;
  env.AWS_SHARED_CREDENTIALS_FILE = emptyFile;
  env.AWS_CONTAINER_CREDENTIALS_FULL_URI = fullUri;
  env.AWS_CONTAINER_AUTHORIZATION_TOKEN = authorizationToken;
  return env;
}

/**
 * Lines that set the credentials in a shell; `unset` of AWS_PROFILE first so the keys win. Every
 * value is quoted for that shell (shellQuote.ts); one that cannot be quoted safely throws UnquotableValue.
 */
export function exportLines(creds: PlainCredentials, target: EnvTarget, shell: ShellKind = 'posix'): string {
  const env = staticTerminalEnv(creds, target);
  const lines: string[] = [];
  for (const [k, v] of Object.entries(env)) {
    if (v === null) {
      if (k === 'AWS_PROFILE' || k === 'AWS_DEFAULT_PROFILE') lines.push(unsetLine(k, shell));
      continue;
    }
    lines.push(setLine(k, v, shell));
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON a `credential_process` prints (Version 1). */
export function credentialProcessJson(creds: PlainCredentials): string {
  const out: Record<string, string | number> = { Version: 1, AccessKeyId: creds.accessKeyId, SecretAccessKey: creds.secretAccessKey };
  if (creds.sessionToken) out.SessionToken = creds.sessionToken;
  if (creds.expiration !== undefined) out.Expiration = new Date(creds.expiration).toISOString();
  return JSON.stringify(out, null, 2);
}

/**
 * The body the container-credentials endpoint returns (ECS task role format). botocore and the JS
 * SDK both require Token and Expiration, so keys that never expire are announced for an hour.
 */
export function containerCredentialsBody(creds: PlainCredentials, now: number): string {
  const expiration = creds.expiration ?? now + 60 * 60 * 1000;
  const out: Record<string, string> = { AccessKeyId: creds.accessKeyId, SecretAccessKey: creds.secretAccessKey, Token: creds.sessionToken ?? '', Expiration: new Date(expiration).toISOString() };
  if (creds.accountId) out.AccountId = creds.accountId;
  return JSON.stringify(out);
}
