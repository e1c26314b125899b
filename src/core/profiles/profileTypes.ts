/** The shapes of the AWS shared config model (see model.ts), apart so chains.ts can use them. */

/** Sections as the SDK's shared ini loader returns them: section name → key → value. */
export type IniSections = Record<string, Record<string, string | undefined> | undefined>;

export type ProfileKind = 'static' | 'role' | 'sso' | 'process' | 'rolesAnywhere' | 'webIdentity' | 'login' | 'regionOnly';

export interface AwsProfile {
  readonly name: string;
  readonly kind: ProfileKind;
  /** Where the profile's sections were found. */
  readonly files: readonly ('config' | 'credentials')[];
  readonly region?: string;
  readonly roleArn?: string;
  readonly sourceProfile?: string;
  readonly credentialSource?: string;
  readonly mfaSerial?: string;
  readonly externalId?: string;
  readonly roleSessionName?: string;
  readonly durationSeconds?: number;
  readonly ssoSession?: string;
  readonly ssoStartUrl?: string;
  readonly ssoAccountId?: string;
  readonly ssoRoleName?: string;
  /** `sso_region` of the profile (legacy) or of its `sso-session`. */
  readonly ssoRegion?: string;
  readonly credentialProcess?: string;
  readonly webIdentityTokenFile?: string;
  /** `login_session` as `aws login` writes it: the console identity the cached sign-in belongs to. */
  readonly loginSession?: string;
  /** The profile's `endpoint_url`, for every service. */
  readonly endpointUrl?: string;
  /** `endpoint_url` under `sts =` in the profile's `[services …]` section. */
  readonly stsEndpointUrl?: string;
  /** `ignore_configured_endpoint_urls = true`: the SDKs ignore endpoint_url and the services section. */
  readonly ignoreConfiguredEndpointUrls?: boolean;
  readonly stsRegionalEndpoints?: 'regional' | 'legacy';
  readonly hasStaticKeys: boolean;
  /** Static keys carry a session token: they expire, and refresh needs a new token. */
  readonly hasSessionToken: boolean;
}

export interface SsoSession {
  readonly name: string;
  readonly startUrl?: string;
  readonly region?: string;
  /** `sso_registration_scopes` as written. */
  readonly registrationScopes?: string;
}

export interface ProfilesModel {
  readonly profiles: ReadonlyMap<string, AwsProfile>;
  readonly ssoSessions: ReadonlyMap<string, SsoSession>;
}
