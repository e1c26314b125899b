/** "Did you mean" for misspelt setting keys, enumeration values and profile names. */

import { distanceWithin } from '../editDistance';

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

/** How far a name may be from a candidate to be suggested: one edit, or two in a name of 8 or more. */
function limitFor(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

function closest(word: string, candidates: readonly string[], compare: (c: string) => string): string | undefined {
  const limit = limitFor(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const other = compare(c);
    const distance = distanceWithin(word, other, limit);
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

/**
 * Candidates compared, in all, by one suggester. A file that names thousands of missing profiles among
 * thousands of defined ones would otherwise compare every pair: 10,000 by 10,000 took six minutes.
 * Past this, references get no "Did you mean"; the first hundred or so still get theirs.
 */
export const MAX_NAMES_COMPARED = 2_000_000;

/**
 * The defined name a reference probably meant (a typo in a profile or session name), for many
 * references to one set of names: the names are indexed once, by case and by length.
 */
export function nameSuggester(candidates: Iterable<string>, budget = MAX_NAMES_COMPARED): (name: string) => string | undefined {
  const byLower = new Map<string, string[]>();
  const byLength = new Map<number, { name: string; order: number }[]>();
  let order = 0;
  for (const c of candidates) {
    const lower = c.toLowerCase();
    const same = byLower.get(lower);
    // Two of one spelling are enough: one of them differs from any name looked up.
    if (!same) byLower.set(lower, [c]);
    else if (same.length < 2 && same[0] !== c) same.push(c);
    const group = byLength.get(c.length);
    if (group) group.push({ name: c, order });
    else byLength.set(c.length, [{ name: c, order }]);
    order++;
  }
  let left = budget;
  return (name) => {
    const otherCase = byLower.get(name.toLowerCase())?.find((c) => c !== name);
    if (otherCase) return otherCase;
    const limit = limitFor(name);
    let best: { name: string; order: number } | undefined;
    let bestDistance = limit + 1;
    // The distance is at least the difference in length: only names of about the same length are measured.
    for (let length = name.length - limit; length <= name.length + limit; length++) {
      for (const c of byLength.get(length) ?? []) {
        if (left <= 0) return undefined;
        left--;
        if (c.name === name) continue;
        const distance = distanceWithin(name, c.name, limit);
        if (distance < bestDistance || (distance === bestDistance && best && c.order < best.order)) {
          best = c;
          bestDistance = distance;
        }
      }
    }
    return best?.name;
  };
}
