/** source_profile loops, followed as the SDKs follow them, each loop reported once with its path. */

import * as l10n from '@vscode/l10n';
import { chainWords, ENDS, LISTED_WHOLE, namesText, type NameSeq as PathView } from './chains';
import { Add, ProfileView, has, val } from './configLintModel';
import type { IniEntry } from './iniPositions';

function arrayPath(names: readonly string[]): PathView {
  return { length: names.length, at: (k) => names[k] };
}

/** `prefix`, then round the loop `ring` from position `at` back to where it entered. */
function ringPath(prefix: readonly string[], ring: readonly string[], at: number): PathView {
  return { length: prefix.length + ring.length + 1, at: (k) => (k < prefix.length ? prefix[k] : ring[(at + k - prefix.length) % ring.length]) };
}

/**
 * The path from `from` on, kept as the names its message can show: a profile leading into a loop
 * has the path of the one it leads to, one longer, so each is kept in constant space and time.
 */
function summarize(path: PathView, from: number): PathView {
  const length = path.length - from;
  // All the names of a short path, the ends of a long one: what namesText shows.
  const head = Array.from({ length: Math.min(LISTED_WHOLE, length) }, (_, k) => path.at(from + k));
  const tail = Array.from({ length: Math.min(ENDS, length) }, (_, k) => path.at(path.length - Math.min(ENDS, length) + k));
  return { length, at: (k) => (k < head.length ? head[k] : tail[k - (length - tail.length)]) };
}

/** `prefix`, then the path `rest`. */
function prefixedPath(prefix: readonly string[], rest: PathView): PathView {
  return { length: prefix.length + rest.length, at: (k) => (k < prefix.length ? prefix[k] : rest.at(k - prefix.length)) };
}

/** A path of profiles for a message; a long one shows its ends and how many are between. */
function pathText(path: PathView): string {
  return namesText(path, chainWords());
}

/**
 * Follows source_profile links as the SDKs do: a source profile with static keys ends the chain
 * (its keys win over its own role_arn), and a profile may name itself when it holds static keys.
 */
export function lintCycles(
  profiles: ReadonlyMap<string, ProfileView>,
  exists: (n: string) => boolean,
  hasStaticKeys: (n: string) => boolean,
  add: Add,
): void {
  // Profiles whose chain is known to end well, with the static-key profile that ends it (if any):
  // from that profile itself the same chain is a loop for the AWS CLI, so it does not count there.
  const settled = new Map<string, string | undefined>();
  // Loops every SDK rejects (no profile on them has static keys), by the profiles on them: a walk
  // that reaches one goes round the same loop, so it stops there instead of walking it again.
  const rings = new Map<string, { ring: string[]; at: number }>();
  // Profiles that lead into such a loop, with their path: a later walk that reaches one stops there,
  // so a line of 10,000 profiles into a loop is walked once, not once from each.
  const leads = new Map<string, PathView>();
  for (const start of profiles.values()) {
    const first = val(start, 'source_profile');
    if (!has(start, 'role_arn') || first === undefined) continue;
    const path = [start.name];
    const onPath = new Set(path);
    let current = start.name;
    // 'all': every SDK fails; 'cli': only botocore (AWS CLI, boto3) fails, because it refuses to
    // revisit a profile even when that profile's static keys would end the chain.
    let cycle: 'all' | 'cli' | undefined;
    let endedAt: string | undefined;
    let view: PathView | undefined;
    const own = rings.get(start.name);
    const led = leads.get(start.name);
    if (own) {
      cycle = 'all';
      view = ringPath([], own.ring, own.at);
    } else if (led) {
      cycle = 'all';
      view = led;
    }
    while (!cycle) {
      const p = profiles.get(current);
      const next = p && has(p, 'role_arn') ? val(p, 'source_profile') : undefined;
      if (next === undefined || !exists(next)) break;
      if (next === current) {
        if (!hasStaticKeys(current)) {
          path.push(next);
          cycle = 'all';
        }
        break;
      }
      if (onPath.has(next)) {
        path.push(next);
        cycle = hasStaticKeys(next) ? 'cli' : 'all';
        break;
      }
      const known = rings.get(next);
      if (known) {
        cycle = 'all';
        view = ringPath(path, known.ring, known.at);
        break;
      }
      const leading = leads.get(next);
      if (leading) {
        cycle = 'all';
        view = prefixedPath(path, leading);
        break;
      }
      if (hasStaticKeys(next)) {
        endedAt = next;
        break;
      }
      if (settled.has(next) && settled.get(next) !== start.name) {
        endedAt = settled.get(next);
        break;
      }
      path.push(next);
      onPath.add(next);
      current = next;
    }
    if (!cycle) {
      for (const n of path) settled.set(n, endedAt);
      continue;
    }
    // The profiles on the path before the loop (all of it when the walk met a known loop or lead).
    let before = own || led ? 0 : path.length;
    if (cycle === 'all' && !view) {
      before = path.indexOf(path[path.length - 1]);
      const ring = path.slice(before, -1);
      if (ring.length === 0) ring.push(path[path.length - 1]);
      ring.forEach((n, k) => rings.set(n, { ring, at: k }));
    }
    const shown = view ?? arrayPath(path);
    if (cycle === 'all') for (let k = 0; k < before; k++) if (!leads.has(shown.at(k))) leads.set(shown.at(k), summarize(shown, k));
    const e = start.keys.get('source_profile') as IniEntry;
    const self = shown.length === 2 && shown.at(0) === shown.at(1);
    const loopStart = shown.at(shown.length - 1);
    add({
      code: 'source-profile-cycle',
      severity: cycle === 'all' ? 'error' : 'warning',
      words: () => ({
        message: self
          ? l10n.t('Profile "{0}" is its own source_profile but has no aws_access_key_id and aws_secret_access_key to start from; the SDKs stop with a cycle error.', start.name)
          : cycle === 'all'
            ? l10n.t('source_profile cycle: {0}. No profile in the loop has static keys to start from, so the SDKs stop with a cycle error.', pathText(shown))
            : l10n.t('source_profile loop: {0}. The JavaScript SDK starts from the static keys of "{1}", but the AWS CLI and boto3 stop with an infinite-loop error. Point source_profile at a profile outside the loop.', pathText(shown), loopStart),
      }),
      range: e.valueRange,
      profile: start.name,
    });
  }
}

