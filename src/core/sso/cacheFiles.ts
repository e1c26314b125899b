/**
 * The AWS CLI's SSO cache (`~/.aws/sso/cache`): file names and contents exactly as `aws sso login`
 * writes them, so the CLI, the SDKs and STS Lens share one sign-in. A file that is not a token of
 * the same sign-in (corrupt, another tool's, another start URL) is never overwritten.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'crypto';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

/** Token file: sha1 of the `sso-session` name, or of the start URL for legacy `sso_start_url` profiles. */
export function tokenCacheFileName(key: SignInKey): string {
  return `${sha1(key.sessionName ?? key.startUrl)}.json`;
}

/** Who a sign-in is for: an `[sso-session NAME]` section, or a legacy profile's start URL. */
export interface SignInKey {
  readonly sessionName?: string;
  readonly startUrl: string;
  readonly region: string;
  /** `sso_registration_scopes`, parsed; undefined when the section has none. */
  readonly scopes?: readonly string[];
}

/** Python's `json.dumps(obj, sort_keys=True)`: ", " and ": " separators, non-ASCII as \uXXXX. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${pythonJson(k)}: ${pythonJson(o[k])}`).join(', ')}}`;
}

/**
 * The client registration's file, as the CLI's `_registration_cache_key`: sha1 of
 * `json.dumps({"tool": "botocore", "startUrl", "region", "scopes", "session_name"}, sort_keys=True)`.
 * Legacy profiles register without a session and reuse a registration the CLI keys the same way.
 */
export function registrationCacheFileName(key: SignInKey): string {
  const args = { tool: 'botocore', startUrl: key.startUrl, region: key.region, scopes: key.scopes ?? null, session_name: key.sessionName ?? null };
  return `${sha1(pythonJson(args))}.json`;
}

/** `sso_registration_scopes` as the CLI parses it: comma-split, trimmed, empties dropped. */
export function parseScopes(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The CLI's timestamp format in cache files: `2026-12-05T04:32:10Z`. */
export function cacheTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface SsoToken {
  readonly startUrl: string;
  readonly region: string;
  readonly accessToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: number;
  readonly refreshToken?: string;
}

export interface ClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly scopes?: readonly string[];
  readonly grantTypes?: readonly string[];
}

/** The token file's text, with the CLI's keys in the CLI's order. */
export function tokenFileText(t: SsoToken): string {
  const doc: Record<string, unknown> = { startUrl: t.startUrl, region: t.region, accessToken: t.accessToken, expiresAt: cacheTime(t.expiresAt) };
  if (t.clientId && t.clientSecret) {
    doc.clientId = t.clientId;
    doc.clientSecret = t.clientSecret;
    if (t.registrationExpiresAt !== undefined) doc.registrationExpiresAt = cacheTime(t.registrationExpiresAt);
  }
  if (t.refreshToken) doc.refreshToken = t.refreshToken;
  return JSON.stringify(doc);
}

export function registrationFileText(r: ClientRegistration): string {
  const doc: Record<string, unknown> = { clientId: r.clientId, clientSecret: r.clientSecret, expiresAt: cacheTime(r.expiresAt) };
  if (r.scopes) doc.scopes = r.scopes;
  if (r.grantTypes) doc.grantTypes = r.grantTypes;
  return JSON.stringify(doc);
}

function parseTime(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v.replace(/UTC$/, 'Z'));
  return Number.isFinite(t) ? t : undefined;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export type CacheFileRead<T> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly value: T }
  /** Not JSON, or JSON without the fields a token (registration) has: never overwritten silently. */
  | { readonly kind: 'corrupt'; readonly reason: string }
  /** A valid token, but for another start URL or region: never overwritten silently. */
  | { readonly kind: 'foreign'; readonly startUrl: string };

function parseObject(text: string): Record<string, unknown> | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return l10n.t('it is not JSON');
  }
  return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : l10n.t('it is not a JSON object');
}

/** Reads a token file for `key`; `text` undefined means the file does not exist. */
export function readTokenFile(text: string | undefined, key: SignInKey): CacheFileRead<SsoToken> {
  if (text === undefined) return { kind: 'missing' };
  const doc = parseObject(text);
  if (typeof doc === 'string') return { kind: 'corrupt', reason: doc };
  const startUrl = str(doc.startUrl);
  const accessToken = str(doc.accessToken);
  const expiresAt = parseTime(doc.expiresAt);
  if (!startUrl || !accessToken || expiresAt === undefined) return { kind: 'corrupt', reason: l10n.t('it has no startUrl, accessToken and expiresAt') };
  if (startUrl !== key.startUrl) return { kind: 'foreign', startUrl };
  return {
    kind: 'ok',
    value: {
      startUrl,
      region: str(doc.region) ?? key.region,
      accessToken,
      expiresAt,
      clientId: str(doc.clientId),
      clientSecret: str(doc.clientSecret),
      registrationExpiresAt: parseTime(doc.registrationExpiresAt),
      refreshToken: str(doc.refreshToken),
    },
  };
}

export function readRegistrationFile(text: string | undefined): CacheFileRead<ClientRegistration> {
  if (text === undefined) return { kind: 'missing' };
  const doc = parseObject(text);
  if (typeof doc === 'string') return { kind: 'corrupt', reason: doc };
  const clientId = str(doc.clientId);
  const clientSecret = str(doc.clientSecret);
  const expiresAt = parseTime(doc.expiresAt);
  if (!clientId || !clientSecret || expiresAt === undefined || 'accessToken' in doc) return { kind: 'corrupt', reason: l10n.t('it is not a client registration') };
  const list = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
  return { kind: 'ok', value: { clientId, clientSecret, expiresAt, scopes: list(doc.scopes), grantTypes: list(doc.grantTypes) } };
}

/** Why a cache file must not be replaced, in words for a message; undefined when it may be. */
export function overwriteRefusal(read: CacheFileRead<unknown>, file: string): string | undefined {
  if (read.kind === 'corrupt') return l10n.t('{0} is in the SSO cache but is not a sign-in STS Lens can read ({1}). STS Lens does not overwrite it: move it aside (or delete it if you know it is stale) and sign in again.', file, read.reason);
  if (read.kind === 'foreign') return l10n.t('{0} holds a sign-in for another start URL ({1}). STS Lens does not overwrite it: sign out of that one first, or move the file aside.', file, read.startUrl);
  return undefined;
}

/** A registration is reused until shortly before it expires, and only for the grant types it has. */
export function registrationUsable(r: ClientRegistration, now: number, grantType: 'authorization_code' | 'device_code'): boolean {
  if (r.expiresAt - now < 15 * 60_000) return false;
  if (grantType === 'authorization_code') return !!r.grantTypes?.includes('authorization_code');
  return !r.grantTypes || r.grantTypes.includes('urn:ietf:params:oauth:grant-type:device_code');
}
