/** "Did you mean" for misspelt setting keys, enumeration values and profile names. */

/** A setting's name as the shared config files spell it (`mfa_serial`): a name, not words. */
type SettingName = string;

/** Names people write for a setting that has another name in the shared config files. */
const ALIASES: Readonly<Record<string, SettingName>> = {
  aws_region: 'region',
  default_region: 'region',
  aws_default_region: 'region',
  mfa_arn: 'mfa_serial',
  mfa_device: 'mfa_serial',
  mfa_serial_number: 'mfa_serial',
  serial_number: 'mfa_serial',
  session_name: 'role_session_name',
  duration: 'duration_seconds',
  session_duration: 'duration_seconds',
  role: 'role_arn',
  source: 'source_profile',
  access_key_id: 'aws_access_key_id',
  aws_access_key: 'aws_access_key_id',
  access_key: 'aws_access_key_id',
  secret_access_key: 'aws_secret_access_key',
  aws_secret_key: 'aws_secret_access_key',
  secret_key: 'aws_secret_access_key',
  session_token: 'aws_session_token',
  endpoint: 'endpoint_url',
  sso_account: 'sso_account_id',
  sso_role: 'sso_role_name',
  sso_url: 'sso_start_url',
  web_identity_token: 'web_identity_token_file',
};

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function closest(word: string, candidates: readonly string[], compare: (c: string) => string): string | undefined {
  const limit = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const other = compare(c);
    // The distance is at least the difference in length: a long key is not measured against short names at all.
    if (Math.abs(other.length - word.length) > limit) continue;
    const distance = editDistance(word, other);
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * The candidate a key was probably meant to be: same letters with `-`, `.` or blanks for `_` or
 * other case, a known alias, or within a small edit distance. `exactCase` is for values where
 * case matters (credential_source), so `environment` suggests `Environment`.
 */
export function suggestKey(key: string, candidates: readonly string[], exactCase = false): string | undefined {
  const normal = key.trim().toLowerCase().replace(/[-.\s]+/g, '_');
  const byNormal = candidates.find((c) => c.toLowerCase() === normal);
  if (byNormal && (byNormal !== key || exactCase)) return byNormal !== key ? byNormal : undefined;
  const alias = ALIASES[normal];
  if (alias && candidates.includes(alias)) return alias;
  return closest(normal, candidates, (c) => c.toLowerCase());
}

/** The defined name a reference probably meant (a typo in a profile or session name). */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  const exactOtherCase = candidates.find((c) => c !== name && c.toLowerCase() === name.toLowerCase());
  if (exactOtherCase) return exactOtherCase;
  return closest(name, candidates.filter((c) => c !== name), (c) => c);
}
