/**
 * sts:DecodeAuthorizationMessage, and the small profile lookup the decode command needs when no
 * identity is active. The SDK reads `endpoint_url` only for the default (or AWS_PROFILE) profile,
 * not for a profile passed to the client, so the profile's own endpoint is read here and passed on.
 */
import { DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import type { ActiveIdentity, TemporaryCredentials } from '../core/identity';
import type { EndpointOrigin } from '../core/profiles/endpointTrust';
import type { IniSections } from '../core/profiles/profileTypes';
import type { DecodeFailureKind } from '../core/authz/decodeErrors';
import type { LocalCredentialSteps } from '../core/profiles/localCredentials';
import { credentialsThroughChain } from './credentials';

export class DecodeError extends Error {
  constructor(
    readonly kind: DecodeFailureKind,
    message: string,
    readonly code?: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

export interface DecodeOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

const CREDENTIAL_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'MissingAuthenticationToken', 'IncompleteSignature', 'RequestExpired']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

/** Sorts an SDK failure into what the person can act on. Keeps only name, code, status and message. */
export function classifyDecodeFailure(e: unknown, timedOut: boolean): DecodeError {
  const err = (e ?? {}) as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };
  const name = err.name ?? '';
  const code = err.Code ?? (typeof err.code === 'string' ? err.code : undefined) ?? err.cause?.code ?? name;
  const status = err.$metadata?.httpStatusCode;
  const message = typeof err.message === 'string' ? err.message : String(e);
  if (timedOut || name === 'AbortError' || name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'RequestTimeout') return new DecodeError('timeout', message, code, status);
  if (code === 'InvalidAuthorizationMessageException' || name === 'InvalidAuthorizationMessageException') return new DecodeError('invalid-message', message, 'InvalidAuthorizationMessageException', status);
  if (code === 'AccessDenied' || code === 'AccessDeniedException' || name === 'AccessDenied') return new DecodeError('access-denied', message, code, status);
  if (CREDENTIAL_CODES.has(code) || name === 'CredentialsProviderError' || name === 'ProviderError') return new DecodeError('credentials', message, code, status);
  if (code === 'Throttling' || code === 'ThrottlingException' || code === 'RequestLimitExceeded') return new DecodeError('throttled', message, code, status);
  if (NETWORK_CODES.has(code) || /ECONNREFUSED|ENOTFOUND|getaddrinfo|socket hang up/.test(message)) return new DecodeError('unreachable', message, code, status);
  return new DecodeError('other', message, code, status);
}

/** Decodes one message as `identity`. Resolves to the DecodedMessage JSON text; rejects with DecodeError. */
export async function decodeAuthorizationMessage(identity: ActiveIdentity, encodedMessage: string, options: DecodeOptions): Promise<string> {
  let credentials;
  try {
    credentials = await identity.getCredentials();
  } catch (e) {
    if (e instanceof DecodeError && e.kind === 'cancelled') throw e;
    const d = classifyDecodeFailure(e, false);
    if (/MFA code entry was cancelled/.test(d.message)) throw new DecodeError('cancelled', d.message);
    // An AccessDenied here is about assuming the profile's role, not about decoding.
    const kind = d.kind === 'timeout' || d.kind === 'unreachable' ? d.kind : 'credentials';
    throw new DecodeError(kind, d.message, d.code, d.httpStatus);
  }
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, options.timeoutMs);
  const onCancel = () => abort.abort();
  options.signal?.addEventListener('abort', onCancel);
  const client = new STSClient({
    region: identity.region,
    ...(identity.endpoint ? { endpoint: identity.endpoint } : {}),
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: options.timeoutMs, requestTimeout: options.timeoutMs },
  });
  try {
    const out = await client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encodedMessage }), { abortSignal: abort.signal });
    if (out.DecodedMessage === undefined) throw new DecodeError('other', 'STS answered without a DecodedMessage.');
    return out.DecodedMessage;
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    if (options.signal?.aborted && !timedOut) throw new DecodeError('cancelled', 'Cancelled.');
    throw classifyDecodeFailure(e, timedOut);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
    client.destroy();
  }
}

export interface ConfiguredProfile {
  readonly name: string;
  readonly region?: string;
  /** The STS endpoint the profile names: `endpoint_url` in its `services` section for sts, or its own. */
  readonly endpoint?: string;
  readonly kind: 'role' | 'sso' | 'keys' | 'process' | 'web-identity' | 'other';
}

/**
 * Profiles in the shared config and credentials files, as the SDK's loader parses them: the
 * sections of node/awsFiles.ts's loadAwsFiles, which reads each file within a bound first (a link
 * to /dev/zero, or a file of a gigabyte, is not handed to the loader, which reads files whole).
 */
export function listConfiguredProfiles(sections: { readonly configSections: IniSections; readonly credentialsSections: IniSections }): ConfiguredProfile[] {
  const files = { configFile: sections.configSections, credentialsFile: sections.credentialsSections };
  const names = new Set([...Object.keys(files.configFile ?? {}), ...Object.keys(files.credentialsFile ?? {})]);
  const out: ConfiguredProfile[] = [];
  for (const name of [...names].sort()) {
    // The loader keys sso-session and services sections with a prefix: they are not profiles.
    if (name.includes('.')) continue;
    const config = files.configFile?.[name] ?? {};
    const creds = files.credentialsFile?.[name] ?? {};
    let endpoint = config.endpoint_url;
    const services = config.services ? files.configFile?.[`services.${config.services}`] : undefined;
    if (services?.['sts.endpoint_url']) endpoint = services['sts.endpoint_url'];
    const kind: ConfiguredProfile['kind'] = config.role_arn
      ? config.web_identity_token_file ? 'web-identity' : 'role'
      : config.sso_session || config.sso_start_url ? 'sso'
        : config.credential_process || creds.credential_process ? 'process'
          : creds.aws_access_key_id || config.aws_access_key_id ? 'keys' : 'other';
    out.push({ name, region: config.region, endpoint, kind });
  }
  return out;
}

export interface ProfileIdentityOptions {
  /** The `stsLens.sts.endpoint` setting; a profile's own endpoint wins. */
  readonly settingEndpoint?: string;
  readonly settingEndpointOrigin?: EndpointOrigin;
  readonly mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** The checks run on this computer before the SDK (see credentialsThroughChain). */
  readonly local: LocalCredentialSteps;
}

/** An identity acting as a configured profile, resolved through the SDK's own provider chain. */
export function identityFromProfile(profile: ConfiguredProfile, options: ProfileIdentityOptions): ActiveIdentity {
  const region = profile.region ?? 'us-east-1';
  const endpoint = profile.endpoint ?? options.settingEndpoint;
  const clientConfig = { region, ...(endpoint ? { endpoint } : {}) };
  // Kept in memory until shortly before expiry, so an MFA-protected role asks for a code once.
  let cached: TemporaryCredentials | undefined;
  return {
    label: profile.name,
    profile: profile.name,
    region,
    endpoint,
    endpointOrigin: profile.endpoint ? 'awsConfig' : endpoint ? options.settingEndpointOrigin : undefined,
    async getCredentials(signal) {
      if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 60_000)) return cached;
      cached = await credentialsThroughChain({ profile: profile.name, mfaCodeProvider: options.mfaCodeProvider, local: options.local, signal }, clientConfig);
      return cached;
    },
  };
}
