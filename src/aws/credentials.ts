/**
 * Profile credentials through the SDK's own providers: `fromIni` resolves static keys, role chains
 * (with MFA through `mfaCodeProvider`), SSO, credential_process and web identity exactly as the
 * CLI and SDKs do.
 */
import { getDefaultRoleAssumer } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import type { TemporaryCredentials } from '../core/identity';
import { isSdkDefaultSessionName } from '../core/sessions/sessionNames';
import { StsCallError } from './errors';
import { clientOptions, type StsTarget } from './sts';

export interface ProfileCredentialOptions {
  readonly profile: string;
  readonly configFilepath?: string;
  readonly filepath?: string;
  /** Asked for a code whenever a role in the chain has `mfa_serial`; rejects when the person cancels. */
  readonly mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** Where the SDK's inner STS/SSO clients send their calls. */
  readonly target: StsTarget;
  /** The profile's role, named in errors such as a trust-policy denial. */
  readonly roleArn?: string;
  /** Session name for roles whose profile has no `role_session_name` (instead of the SDK's `aws-sdk-js-<ms>`). */
  readonly sessionName?: string;
}

export async function resolveProfileCredentials(o: ProfileCredentialOptions): Promise<TemporaryCredentials> {
  const clientConfig = { ...clientOptions(o.target), ...(o.target.useGlobalEndpoint ? { useGlobalEndpoint: true } : {}) };
  const assume = getDefaultRoleAssumer(clientConfig);
  const provider = fromIni({
    profile: o.profile,
    configFilepath: o.configFilepath,
    filepath: o.filepath,
    mfaCodeProvider: o.mfaCodeProvider,
    ignoreCache: true,
    clientConfig,
    roleAssumer: (source, params) => assume(source, o.sessionName && isSdkDefaultSessionName(params.RoleSessionName) ? { ...params, RoleSessionName: o.sessionName } : params),
  });
  try {
    const c = await provider();
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration };
  } catch (e) {
    throw StsCallError.from(e, `Getting credentials for profile ${o.profile}`, { profile: o.profile, endpoint: o.target.endpoint, roleArn: o.roleArn });
  }
}
