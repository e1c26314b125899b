/**
 * The IAM Identity Center sign-ins an AWS config defines: its `[sso-session …]` sections, and the
 * start URLs of legacy profiles that set `sso_start_url` themselves, each with the profiles using it.
 */
import type { AwsProfile, ProfilesModel } from '../profiles/model';
import { parseScopes, type SignInKey } from './cacheFiles';

export interface SignInEntry {
  /** `session:NAME` or `url:START_URL`. */
  readonly id: string;
  readonly label: string;
  readonly key: SignInKey;
  /** The OIDC and portal endpoint from the profiles that use this sign-in (`endpoint_url`), if any. */
  readonly endpoint?: string;
  /** Profiles that use it, for messages. */
  readonly profiles: readonly string[];
}

/** The sign-ins the config defines, sso-sessions first. */
export function signInEntries(model: ProfilesModel): SignInEntry[] {
  const out: SignInEntry[] = [];
  const endpointOf = (ps: { endpointUrl?: string; ignoreConfiguredEndpointUrls?: boolean }[]) => ps.find((p) => p.endpointUrl && !p.ignoreConfiguredEndpointUrls)?.endpointUrl;
  // The profiles of each session, in one pass: a config of 10,000 sessions would otherwise scan every profile once per session.
  const bySession = new Map<string, AwsProfile[]>();
  for (const p of model.profiles.values()) {
    if (p.kind !== 'sso' || !p.ssoSession) continue;
    const ps = bySession.get(p.ssoSession);
    if (ps) ps.push(p);
    else bySession.set(p.ssoSession, [p]);
  }
  for (const s of model.ssoSessions.values()) {
    if (!s.startUrl || !s.region) continue;
    const ps = bySession.get(s.name) ?? [];
    out.push({ id: `session:${s.name}`, label: s.name, key: { sessionName: s.name, startUrl: s.startUrl, region: s.region, scopes: parseScopes(s.registrationScopes) }, endpoint: endpointOf(ps), profiles: ps.map((p) => p.name) });
  }
  const legacy = new Map<string, { region: string; profiles: AwsProfile[] }>();
  for (const p of model.profiles.values()) {
    if (p.kind !== 'sso' || p.ssoSession || !p.ssoStartUrl || !p.ssoRegion) continue;
    const e = legacy.get(p.ssoStartUrl) ?? { region: p.ssoRegion, profiles: [] };
    e.profiles.push(p);
    legacy.set(p.ssoStartUrl, e);
  }
  for (const [startUrl, e] of legacy) {
    out.push({ id: `url:${startUrl}`, label: startUrl.replace(/^https:\/\//, ''), key: { startUrl, region: e.region }, endpoint: endpointOf(e.profiles), profiles: e.profiles.map((p) => p.name) });
  }
  return out;
}

/** Profile names a sign-in's tooltip lists: one sso-session may serve thousands of profiles. */
export const LISTED_PROFILES = 20;

/** The profiles a sign-in's tooltip names, and how many more it only counts. */
export function listedProfiles(entry: SignInEntry): { readonly names: readonly string[]; readonly more: number } {
  return { names: entry.profiles.slice(0, LISTED_PROFILES), more: Math.max(0, entry.profiles.length - LISTED_PROFILES) };
}
