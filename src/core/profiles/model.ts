import * as l10n from '@vscode/l10n';

/**
 * The AWS shared config model: profiles, their kinds and their source chains, built from the
 * sections the SDK's shared ini loader returns (`{ configFile, credentialsFile }`).
 */

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

/**
 * Builds the profiles model. Credentials-file values win over config-file values for the same
 * profile, as the SDK merges them.
 */
export function buildProfilesModel(configFile: IniSections, credentialsFile: IniSections): ProfilesModel {
  const ssoSessions = new Map<string, SsoSession>();
  const services = new Map<string, Record<string, string | undefined>>();
  const merged = new Map<string, { values: Record<string, string | undefined>; files: ('config' | 'credentials')[] }>();

  for (const [section, values] of Object.entries(configFile)) {
    if (!values) continue;
    if (section.startsWith(SSO_SESSION_PREFIX)) {
      const name = section.slice(SSO_SESSION_PREFIX.length);
      ssoSessions.set(name, { name, startUrl: str(values.sso_start_url), region: str(values.sso_region), registrationScopes: str(values.sso_registration_scopes) });
    } else if (section.startsWith(SERVICES_PREFIX)) {
      services.set(section.slice(SERVICES_PREFIX.length), values);
    } else {
      // The loader has already turned `[profile acme.prod]` into `acme.prod`.
      merged.set(section, { values: { ...values }, files: ['config'] });
    }
  }
  for (const [section, values] of Object.entries(credentialsFile)) {
    if (!values || CREDENTIALS_NON_PROFILE.test(section)) continue;
    const existing = merged.get(section);
    if (existing) {
      Object.assign(existing.values, values);
      existing.files.push('credentials');
    } else {
      merged.set(section, { values: { ...values }, files: ['credentials'] });
    }
  }

  const profiles = new Map<string, AwsProfile>();
  for (const [name, { values: v, files }] of merged) {
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

/** One link of a profile's credential chain, from where the keys come from to the profile itself. */
export interface ChainStep {
  readonly profile: string;
  readonly kind: ProfileKind;
  /** The role this step assumes, when it assumes one. */
  readonly roleArn?: string;
  readonly mfaSerial?: string;
  /** `Environment`, `Ec2InstanceMetadata` or `EcsContainer` when the chain starts at a credential source. */
  readonly credentialSource?: string;
}

export interface ProfileChain {
  /** Ordered from the base credentials to the profile itself. */
  readonly steps: readonly ChainStep[];
  /** Profile names forming a `source_profile` cycle, first repeated name last. */
  readonly cycle?: readonly string[];
  /** A `source_profile` that names no profile. */
  readonly missingProfile?: string;
  /** Number of AssumeRole calls in the chain; more than one is role chaining (1-hour cap). */
  readonly roleHops: number;
}

/**
 * Follows `source_profile` links from `name` back to the base credentials. A profile naming itself
 * as source with static keys is the SDK's documented "role from own keys" form, not a cycle.
 */
export function profileChain(model: ProfilesModel, name: string): ProfileChain {
  // The tree asks for every profile's chain several times per refresh; a model never changes.
  let cache = chains.get(model);
  if (!cache) chains.set(model, (cache = new Map()));
  // A role whose source has no static keys has its source's chain plus its own step: the chains of
  // a long line of roles are built from each other instead of each walking the whole line.
  const pending: AwsProfile[] = [];
  const pendingNames = new Set<string>();
  let current = name;
  let base = cache.get(current);
  while (!base) {
    const p = model.profiles.get(current);
    const source = p?.kind === 'role' && p.sourceProfile !== undefined && p.sourceProfile !== p.name ? model.profiles.get(p.sourceProfile) : undefined;
    if (!p || !source || source.hasStaticKeys || pendingNames.has(p.name)) {
      base = walkChain(model, current);
      cache.set(current, base);
      break;
    }
    pending.push(p);
    pendingNames.add(p.name);
    current = source.name;
    base = cache.get(current);
  }
  for (let k = pending.length - 1; k >= 0; k--) {
    const p = pending[k];
    // A cycle looks different from each profile on it: those chains are walked.
    base = base.cycle ? walkChain(model, p.name) : withStep(base, p);
    cache.set(p.name, base);
  }
  return base;
}

const chains = new WeakMap<ProfilesModel, Map<string, ProfileChain>>();

/** `chain` (of the profile's source) followed by the profile's own step. */
function withStep(chain: ProfileChain, p: AwsProfile): ProfileChain {
  const assumes = !!p.roleArn && (p.kind === 'role' || p.kind === 'webIdentity');
  const steps = [...chain.steps, { profile: p.name, kind: p.kind, roleArn: assumes ? p.roleArn : undefined, mfaSerial: p.mfaSerial }];
  return { steps, roleHops: chain.roleHops + (assumes ? 1 : 0), ...(chain.missingProfile !== undefined ? { missingProfile: chain.missingProfile } : {}) };
}

function walkChain(model: ProfilesModel, name: string): ProfileChain {
  const reversed: ChainStep[] = [];
  const seen: string[] = [];
  // A set beside the list: a search of the list at every step is quadratic in the chain's length.
  const seenSet = new Set<string>();
  let current: string | undefined = name;
  let roleHops = 0;
  while (current !== undefined) {
    const p = model.profiles.get(current);
    if (!p) return { steps: reversed.reverse(), missingProfile: current, roleHops };
    // As the JavaScript SDK does, a source profile's static keys win over its own role_arn,
    // even when the chain comes back to the profile it started from.
    if (seen.length > 0 && p.hasStaticKeys) {
      reversed.push({ profile: p.name, kind: 'static' });
      break;
    }
    if (seenSet.has(current)) return { steps: reversed.reverse(), cycle: [...seen.slice(seen.indexOf(current)), current], roleHops };
    seen.push(current);
    seenSet.add(current);
    const assumes = !!p.roleArn && (p.kind === 'role' || p.kind === 'webIdentity');
    if (assumes) roleHops++;
    reversed.push({ profile: p.name, kind: p.kind, roleArn: assumes ? p.roleArn : undefined, mfaSerial: p.mfaSerial });
    if (p.kind === 'role' && !p.sourceProfile && p.credentialSource) {
      reversed.push({ profile: p.credentialSource, kind: 'static', credentialSource: p.credentialSource });
      break;
    }
    if (p.kind !== 'role' || !p.sourceProfile) break;
    if (p.sourceProfile === p.name) {
      if (p.hasStaticKeys) {
        reversed.push({ profile: p.name, kind: 'static' });
        break;
      }
      return { steps: reversed.reverse(), cycle: [p.name, p.name], roleHops };
    }
    current = p.sourceProfile;
  }
  return { steps: reversed.reverse(), roleHops };
}

/** Whether resolving the profile prompts for an MFA code: any role step in its chain with `mfa_serial`. */
export function needsMfa(model: ProfilesModel, name: string): boolean {
  return profileChain(model, name).steps.some((s) => !!s.roleArn && !!s.mfaSerial);
}

/** The few words a chain's text needs (`chainWords`). */
export interface ChainWords {
  /** The steps left out of the middle of a long chain: `… 1,990 more …`. */
  more(count: number): string;
  /** `cycle: a → b → a`. */
  cycle(path: string): string;
  /** `missing profile "x"`. */
  missingProfile(name: string): string;
}

/**
 * A chain's words in the display language (English unconfigured, as in the command line), a count
 * written as `locale` writes numbers (the editor passes its display language).
 */
export function chainWords(locale = 'en-US'): ChainWords {
  return {
    more: (count) => l10n.t('… {0} more …', count.toLocaleString(locale)),
    cycle: (path) => l10n.t('cycle: {0}', path),
    missingProfile: (name) => l10n.t('missing profile "{0}"', name),
  };
}

/** The chain as one line for people: `base → role/Admin → role/Deploy`. */
export function chainText(chain: ProfileChain, words: ChainWords): string {
  const word = (s: ChainStep) => (s.roleArn ? `${s.profile} (${shortRoleArn(s.roleArn)})` : s.credentialSource ? `${s.credentialSource}` : s.profile);
  const steps = chain.steps;
  // A long chain shows its ends: the base credentials and the last roles assumed.
  const parts = steps.length <= 12 ? steps.map(word) : [...steps.slice(0, 5).map(word), words.more(steps.length - 10), ...steps.slice(-5).map(word)];
  if (chain.cycle) parts.push(words.cycle(chain.cycle.join(' → ')));
  if (chain.missingProfile) parts.unshift(words.missingProfile(chain.missingProfile));
  return parts.join(' → ');
}

/**
 * The chain as it fits a tree row: the base profile, then each role's name
 * (`sts-user → sts_role → chained_role`); broken chains keep their full text.
 */
export function shortChainText(chain: ProfileChain, words: ChainWords): string {
  if (chain.cycle || chain.missingProfile) return chainText(chain, words);
  return chain.steps.map((s, i) => (s.roleArn && i > 0 ? roleNameOf(s.roleArn) : s.roleArn ? `${s.profile}` : s.credentialSource ?? s.profile)).join(' → ');
}

/** `arn:aws:iam::123456789012:role/path/Name` → `Name`. */
export function roleNameOf(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.lastIndexOf('/');
  return slash >= 0 ? resource.slice(slash + 1) : arn;
}

/** `arn:aws:iam::123456789012:role/path/Name` → `Name @ 123456789012`. */
export function shortRoleArn(arn: string): string {
  const m = /^arn:[\w-]+:(?:iam|sts)::(\d{12}):(?:role|assumed-role|user|federated-user)\/(?:.*\/)?([^/]+)(?:\/([^/]+))?$/.exec(arn);
  if (!m) return arn;
  const assumed = /:assumed-role\//.test(arn);
  if (assumed) {
    const parts = arn.split(':').slice(5).join(':').split('/');
    return `${parts[1]} @ ${m[1]}`;
  }
  return `${m[2]}${m[3] ? `/${m[3]}` : ''} @ ${m[1]}`;
}
