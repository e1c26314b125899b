/**
 * The AWS shared config model: profiles, their kinds and their source chains, built from the
 * sections the SDK's shared ini loader returns (`{ configFile, credentialsFile }`).
 */

import type { AwsProfile, IniSections, ProfileKind, ProfilesModel, SsoSession } from './profileTypes';

export * from './chains';
export * from './profileTypes';

const SSO_SESSION_PREFIX = 'sso-session.';
const SERVICES_PREFIX = 'services.';
/**
 * In the credentials file the loader keeps `[profile a]` as `profile.a` (a section the SDK never
 * reads as profile "a"); other dotted names such as `[acme.prod]` are real profiles.
 */
const CREDENTIALS_NON_PROFILE = /^(?:profile|sso-session|services)\./;

function str(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/** The kind that decides how the SDK resolves a profile's credentials, in the SDK's own order. */
export function profileKind(p: Record<string, string | undefined>): ProfileKind {
  // STS Lens resolves profiles with the JavaScript SDK's fromIni, which tries an assume-role profile,
  // then static keys, web identity, credential_process and SSO, in that order. (The AWS CLI tries SSO
  // before static keys; the linter reports profiles that mix the two.)
  if (str(p.role_arn) && (str(p.source_profile) || str(p.credential_source))) return 'role';
  if (str(p.aws_access_key_id) && str(p.aws_secret_access_key)) return 'static';
  if (str(p.role_arn) && str(p.web_identity_token_file)) return 'webIdentity';
  const proc = str(p.credential_process);
  if (proc) return /(?:^|[\s/\\"'])aws_signing_helper(?:\.exe)?["']?\s/.test(`${proc} `) ? 'rolesAnywhere' : 'process';
  if (str(p.sso_session) || str(p.sso_start_url) || str(p.sso_account_id)) return 'sso';
  // `aws login` (console credentials): the SDKs try it after every other provider.
  if (str(p.login_session)) return 'login';
  if (str(p.role_arn)) return 'role';
  return 'regionOnly';
}

function durationOf(v: string | undefined): number | undefined {
  const t = str(v);
  if (!t || !/^\d+$/.test(t)) return undefined;
  return Number(t);
}

/** The settings of a profile that the model reads. */
const PROFILE_SETTINGS = [
  'role_arn', 'source_profile', 'credential_source', 'mfa_serial', 'external_id', 'role_session_name', 'duration_seconds',
  'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'web_identity_token_file', 'credential_process',
  'sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name', 'sso_region', 'login_session',
  'region', 'services', 'endpoint_url', 'ignore_configured_endpoint_urls', 'sts_regional_endpoints',
] as const;

/**
 * The settings of a section that the model reads, and only those: a hostile section of a million
 * settings is not copied to merge it.
 */
function settingsOf(values: Record<string, string | undefined>): Record<string, string | undefined> {
  const picked: Record<string, string | undefined> = {};
  for (const key of PROFILE_SETTINGS) if (Object.hasOwn(values, key)) picked[key] = values[key];
  return picked;
}

/**
 * Builds the profiles model. Credentials-file values win over config-file values for the same
 * profile, as the SDK merges them.
 */
export function buildProfilesModel(configFile: IniSections, credentialsFile: IniSections): ProfilesModel {
  const steps = modelSteps(configFile, credentialsFile);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Sections or profiles read between two pauses of buildProfilesModelInSteps: a few milliseconds' work. */
const SECTIONS_PER_STEP = 5_000;

/**
 * The model buildProfilesModel builds, with a call of `between` after each SECTIONS_PER_STEP
 * sections or profiles: the extension host serves what waits while a file of 100,000s of profiles
 * is read.
 */
export async function buildProfilesModelInSteps(configFile: IniSections, credentialsFile: IniSections, between: () => Promise<void>): Promise<ProfilesModel> {
  const steps = modelSteps(configFile, credentialsFile);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await between();
  }
}

function* modelSteps(configFile: IniSections, credentialsFile: IniSections): Generator<void, ProfilesModel> {
  let read = 0;
  const ssoSessions = new Map<string, SsoSession>();
  const services = new Map<string, Record<string, string | undefined>>();
  const merged = new Map<string, { values: Record<string, string | undefined>; files: ('config' | 'credentials')[] }>();

  // The sections' names only, each section read at its turn: Object.entries of 300,000 sections
  // makes every [name, values] pair at once, through V8's slow path for an object of that many
  // properties, for seconds without a pause.
  for (const section of Object.keys(configFile)) {
    if (++read % SECTIONS_PER_STEP === 0) yield;
    const values = configFile[section];
    if (!values) continue;
    if (section.startsWith(SSO_SESSION_PREFIX)) {
      const name = section.slice(SSO_SESSION_PREFIX.length);
      ssoSessions.set(name, { name, startUrl: str(values.sso_start_url), region: str(values.sso_region), registrationScopes: str(values.sso_registration_scopes) });
    } else if (section.startsWith(SERVICES_PREFIX)) {
      services.set(section.slice(SERVICES_PREFIX.length), values);
    } else {
      // The loader has already turned `[profile acme.prod]` into `acme.prod`.
      // Read as they are: a section is copied only to merge it with the credentials file's.
      merged.set(section, { values, files: ['config'] });
    }
  }
  for (const section of Object.keys(credentialsFile)) {
    if (++read % SECTIONS_PER_STEP === 0) yield;
    const values = credentialsFile[section];
    if (!values || CREDENTIALS_NON_PROFILE.test(section)) continue;
    const existing = merged.get(section);
    if (existing) {
      existing.values = { ...settingsOf(existing.values), ...settingsOf(values) };
      existing.files.push('credentials');
    } else {
      merged.set(section, { values, files: ['credentials'] });
    }
  }

  const profiles = new Map<string, AwsProfile>();
  for (const [name, { values: v, files }] of merged) {
    if (++read % SECTIONS_PER_STEP === 0) yield;
    const servicesSection = str(v.services) ? services.get(str(v.services)!) : undefined;
    const ssoSession = str(v.sso_session);
    const regional = str(v.sts_regional_endpoints)?.toLowerCase();
    profiles.set(name, {
      name,
      kind: profileKind(v),
      files,
      region: str(v.region),
      roleArn: str(v.role_arn),
      sourceProfile: str(v.source_profile),
      credentialSource: str(v.credential_source),
      mfaSerial: str(v.mfa_serial),
      externalId: str(v.external_id),
      roleSessionName: str(v.role_session_name),
      durationSeconds: durationOf(v.duration_seconds),
      ssoSession,
      ssoStartUrl: str(v.sso_start_url) ?? (ssoSession ? ssoSessions.get(ssoSession)?.startUrl : undefined),
      ssoAccountId: str(v.sso_account_id),
      ssoRoleName: str(v.sso_role_name),
      ssoRegion: str(v.sso_region) ?? (ssoSession ? ssoSessions.get(ssoSession)?.region : undefined),
      credentialProcess: str(v.credential_process),
      webIdentityTokenFile: str(v.web_identity_token_file),
      loginSession: str(v.login_session),
      endpointUrl: str(v.endpoint_url),
      stsEndpointUrl: str(servicesSection?.['sts.endpoint_url']),
      ignoreConfiguredEndpointUrls: str(v.ignore_configured_endpoint_urls)?.toLowerCase() === 'true' || undefined,
      stsRegionalEndpoints: regional === 'legacy' || regional === 'regional' ? regional : undefined,
      hasStaticKeys: !!(str(v.aws_access_key_id) && str(v.aws_secret_access_key)),
      hasSessionToken: !!str(v.aws_session_token),
    });
  }
  return { profiles, ssoSessions };
}
