/**
 * Reads the AWS CLI's credential cache (`~/.aws/cli/cache/*.json`) and the SSO token cache
 * (`~/.aws/sso/cache/*.json`) into read-only session records. Secrets in those files are never
 * copied into the records.
 */
import type { SessionRecord } from './session';

function parseTime(v: unknown): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const t = typeof v === 'number' ? v : Date.parse(v.replace(/UTC$/, 'Z'));
  return Number.isFinite(t) ? t : undefined;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A CLI cache entry (AssumeRole / web identity / SSO role credentials), or undefined when the file is something else. */
export function parseCliCacheEntry(text: string, fileName: string, defaultRegion: string): SessionRecord | undefined {
  let doc: Record<string, unknown> | undefined;
  try {
    doc = obj(JSON.parse(text));
  } catch {
    return undefined;
  }
  const creds = obj(doc?.Credentials);
  if (!doc || !creds) return undefined;
  const expiration = parseTime(creds.Expiration);
  if (expiration === undefined) return undefined;
  const user = obj(doc.AssumedRoleUser);
  const arn = typeof user?.Arn === 'string' ? user.Arn : undefined;
  const m = arn ? /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn) : undefined;
  return {
    id: `cli-cache:${fileName}`,
    operation: 'cliCache',
    arn,
    roleArn: m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined,
    sessionName: m?.[4],
    sourceIdentity: typeof doc.SourceIdentity === 'string' ? doc.SourceIdentity : undefined,
    accessKeyId: typeof creds.AccessKeyId === 'string' ? creds.AccessKeyId : undefined,
    region: defaultRegion,
    expiration,
    issuedAt: expiration - 60 * 60 * 1000,
    refreshable: false,
    readOnly: true,
  };
}

/** An SSO token cache entry: start URL, region and expiry; the access and refresh tokens are ignored. */
export function parseSsoCacheEntry(text: string, fileName: string): SessionRecord | undefined {
  let doc: Record<string, unknown> | undefined;
  try {
    doc = obj(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!doc || typeof doc.startUrl !== 'string') return undefined;
  const expiration = parseTime(doc.expiresAt);
  if (expiration === undefined) return undefined;
  return {
    id: `sso-cache:${fileName}`,
    operation: 'ssoToken',
    startUrl: doc.startUrl,
    region: typeof doc.region === 'string' ? doc.region : 'us-east-1',
    expiration,
    issuedAt: expiration - 8 * 60 * 60 * 1000,
    refreshable: false,
    readOnly: true,
  };
}
