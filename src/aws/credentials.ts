/**
 * Profile credentials through the SDK's own providers: `fromIni` resolves static keys, role chains
 * (with MFA through `mfaCodeProvider`), SSO and web identity exactly as the CLI and SDKs do. What the
 * SDK would do unsafely on this computer goes through the caller's LocalCredentialSteps, which every
 * resolution takes: a token file is checked first, and a credential_process is run there (with a
 * time limit and a stop on cancel), its chain's roles then assumed as fromIni assumes them.
 */
import { getDefaultRoleAssumer } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import type { TemporaryCredentials } from '../core/identity';
import { isCredentialSourceError, type LocalCredentialSteps } from '../core/profiles/localCredentials';
import { isSdkDefaultSessionName } from '../core/sessions/sessionNames';
import { StsCallError } from './errors';
import { clientOptions, type StsTarget } from './sts';

type RoleAssumer = NonNullable<NonNullable<Parameters<typeof fromIni>[0]>['roleAssumer']>;
type AssumeRoleParams = Parameters<RoleAssumer>[1];

/** What resolving a profile's credentials needs, whoever asks. */
export interface ChainResolution {
  readonly profile: string;
  readonly configFilepath?: string;
  readonly filepath?: string;
  /** Asked for a code whenever a role in the chain has `mfa_serial`; rejects when the person cancels. */
  readonly mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** The steps run on this computer before the SDK: required, so that no caller goes without them. */
  readonly local: LocalCredentialSteps;
  /** Stops a credential_process when the person cancels. */
  readonly signal?: AbortSignal;
}

export interface ProfileCredentialOptions extends ChainResolution {
  /** Where the SDK's inner STS/SSO clients send their calls. */
  readonly target: StsTarget;
  /** The profile's role, named in errors such as a trust-policy denial. */
  readonly roleArn?: string;
  /** Session name for roles whose profile has no `role_session_name` (instead of the SDK's `aws-sdk-js-<ms>`). */
  readonly sessionName?: string;
}

/**
 * A profile's credentials: the local steps first, then either the roles on top of the
 * credential_process they ran, assumed as fromIni assumes them, or fromIni itself. A local step's
 * error (a CredentialSourceError) comes back as it is, in its own words.
 */
export async function credentialsThroughChain(o: ChainResolution, clientConfig: Record<string, unknown>, roleAssumer?: RoleAssumer): Promise<TemporaryCredentials> {
  const start = await o.local.prepare(o.profile, o.signal);
  if (!start) {
    const c = await fromIni({ profile: o.profile, configFilepath: o.configFilepath, filepath: o.filepath, mfaCodeProvider: o.mfaCodeProvider, ignoreCache: true, clientConfig, ...(roleAssumer ? { roleAssumer } : {}) })();
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration };
  }
  const assume = roleAssumer ?? getDefaultRoleAssumer(clientConfig);
  let credentials = start.credentials;
  for (const role of start.roles) {
    // The parameters fromIni's resolveAssumeRoleCredentials sends for a role profile.
    const params: AssumeRoleParams = { RoleArn: role.roleArn, RoleSessionName: role.roleSessionName ?? `aws-sdk-js-${Date.now()}`, ExternalId: role.externalId, DurationSeconds: role.durationSeconds ?? 3600 };
    if (role.mfaSerial) {
      if (!o.mfaCodeProvider) throw new Error(`Profile ${role.profile} requires multi-factor authentication, but no MFA code callback was provided.`);
      params.SerialNumber = role.mfaSerial;
      params.TokenCode = await o.mfaCodeProvider(role.mfaSerial);
    }
    const c = await assume(credentials, params);
    credentials = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration };
  }
  return credentials;
}

export async function resolveProfileCredentials(o: ProfileCredentialOptions): Promise<TemporaryCredentials> {
  const clientConfig = { ...clientOptions(o.target), ...(o.target.useGlobalEndpoint ? { useGlobalEndpoint: true } : {}) };
  const assume = getDefaultRoleAssumer(clientConfig);
  const roleAssumer: RoleAssumer = (source, params) => assume(source, o.sessionName && isSdkDefaultSessionName(params.RoleSessionName) ? { ...params, RoleSessionName: o.sessionName } : params);
  try {
    return await credentialsThroughChain(o, clientConfig, roleAssumer);
  } catch (e) {
    if (isCredentialSourceError(e)) throw e;
    throw StsCallError.from(e, `Getting credentials for profile ${o.profile}`, { profile: o.profile, endpoint: o.target.endpoint, roleArn: o.roleArn });
  }
}
