import type { ActionInfo, IamCatalog } from './catalogTypes';
import { ownCopy } from './ownCopy';
import { distanceWithin, editDistance } from '../editDistance';

export { editDistance };

/**
 * Stand-ins for a `*` or `?` that must match only itself: what `${*}` and `${?}` and substituted
 * variable values become in a pattern. Private-use code points, never in an ARN or a key.
 */
export const LITERAL_STAR = '\uE000';
export const LITERAL_QUESTION = '\uE001';

/**
 * IAM wildcard match (`*` any run, `?` one character) without building a RegExp: linting meets
 * thousands of distinct patterns once each, and compiling a regex per pattern costs more than
 * matching. Greedy backtracking on the last `*` only (no nested backtracking): at worst
 * pattern length times text length. LITERAL_STAR and LITERAL_QUESTION match the character itself.
 */
export function globMatch(pattern: string, text: string, ignoreCase = true): boolean {
  return globSteps(pattern, text, ignoreCase, Infinity) === 1;
}

/**
 * globMatch, spending at most `budget.left` steps (characters compared) and taking them off it:
 * false once it runs out, when `budget.left` is below zero. For callers that compare many pairs.
 */
export function globMatchWithin(pattern: string, text: string, ignoreCase: boolean, budget: { left: number }): boolean {
  const result = globSteps(pattern, text, ignoreCase, budget.left);
  budget.left -= stepsTaken;
  return result === 1;
}

/** Steps the last globSteps call took. */
let stepsTaken = 0;

/** 1 on a match, 0 on none, -1 when more than `limit` steps would be needed. */
function globSteps(pattern: string, text: string, ignoreCase: boolean, limit: number): number {
  const pl = pattern.length;
  const tl = text.length;
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  let steps = 0;
  while (j < tl) {
    if (++steps > limit) {
      stepsTaken = steps;
      return -1;
    }
    if (i < pl) {
      let pc = pattern.charCodeAt(i);
      if (pc === 42) {
        star = i++;
        mark = j;
        continue;
      }
      let tc = text.charCodeAt(j);
      if (ignoreCase) {
        if (pc >= 65 && pc <= 90) pc += 32;
        if (tc >= 65 && tc <= 90) tc += 32;
      }
      if (pc === 63 || pc === tc || (pc === 0xe000 && tc === 42) || (pc === 0xe001 && tc === 63)) {
        i++;
        j++;
        continue;
      }
    }
    if (star < 0) {
      stepsTaken = steps;
      return 0;
    }
    i = star + 1;
    j = ++mark;
  }
  stepsTaken = steps;
  while (i < pl && pattern.charCodeAt(i) === 42) i++;
  return i === pl ? 1 : 0;
}

const regexCache = new Map<string, RegExp>();

export function wildcardRegex(pattern: string): RegExp {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  if (regexCache.size > 20000) regexCache.clear();
  const re = compileWildcard(pattern);
  regexCache.set(ownCopy(pattern), re);
  return re;
}

function compileWildcard(pattern: string): RegExp {
  let src = '';
  for (const ch of pattern) src += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  return new RegExp(`^${src}$`, 'is');
}

/** A character code as globMatch compares it: A-Z as a-z. */
function folded(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * The first character of every name a wildcard can match, as a code that A-Z are folded to a-z
 * in (see globMatch); -1 when the wildcard begins with *, ? (or their escaped forms) or is empty.
 */
export function wildcardFirst(pattern: string): number {
  const c = pattern.length > 0 ? folded(pattern.charCodeAt(0)) : -1;
  // Not *, ?, or their escaped forms (LITERAL_STAR matches a '*' of the name).
  return c === -1 || c === 42 || c === 63 || c === 0xe000 || c === 0xe001 ? -1 : c;
}

/**
 * Whether a wildcard (case-insensitive, as globMatch reads it) matches some name. A wildcard that
 * begins with a literal character matches only names that begin with it: the others, most of a
 * service's hundreds, are set apart by that one character, without a call each.
 */
export function someNameMatches(names: readonly string[], pattern: string): boolean {
  const first = wildcardFirst(pattern);
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (first !== -1 && folded(n.charCodeAt(0)) !== first) continue;
    if (globMatch(pattern, n)) return true;
  }
  return false;
}

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

export interface SplitAction {
  service: string;
  name: string;
}

/** Splits `service:Name`; undefined when there is no single colon separating two parts. */
export function splitAction(action: string): SplitAction | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1 || action.indexOf(':', colon + 1) >= 0) return undefined;
  return { service: action.slice(0, colon), name: action.slice(colon + 1) };
}

/**
 * Expands an action pattern (`s3:Get*`, `*`, `s3:*`, `s*:List*`) into the actions it matches among
 * the services loaded in the catalog.
 */
const matchCache = new WeakMap<IamCatalog, Map<string, ActionInfo[]>>();

export function matchActions(pattern: string, catalog: IamCatalog): ActionInfo[] {
  let cache = matchCache.get(catalog);
  if (!cache) {
    cache = new Map();
    matchCache.set(catalog, cache);
  }
  const key = pattern.trim().toLowerCase();
  const hit = cache.get(key);
  // Only patterns of one named service are cached: their result cannot change once it is loaded.
  if (hit && hit.length > 0) return hit;
  const result = expandActions(pattern, catalog);
  const split = splitAction(key);
  if (result.length > 0 && split && !hasWildcard(split.service)) {
    if (cache.size > 50000) cache.clear();
    cache.set(ownCopy(key), result);
  }
  return result;
}

function expandActions(pattern: string, catalog: IamCatalog): ActionInfo[] {
  const p = pattern.trim();
  if (p === '*') return catalog.allServicePrefixes().flatMap((s) => [...catalog.actions(s)]);
  const split = splitAction(p);
  if (!split) return [];
  const services = hasWildcard(split.service)
    ? catalog.allServicePrefixes().filter((s) => globMatch(split.service, s))
    : [split.service.toLowerCase()];
  if (!hasWildcard(split.name)) {
    return services.flatMap((s) => {
      const a = catalog.action(s, split.name);
      return a ? [a] : [];
    });
  }
  const test = (name: string) => globMatch(split.name, name);
  return services.flatMap((s) => (catalog.actionsWhere ? catalog.actionsWhere(s, test) : catalog.actions(s).filter((a) => test(a.name))));
}

/**
 * A candidate list as closest() reads it, kept per list: the same service's names are searched
 * again and again. Each name's characters are kept counted (see distanceBound).
 */
interface PreparedNames {
  readonly lower: readonly string[];
  /** Per name, its distinct character slots (see slotOf), then how many times each stands in it. */
  readonly counts: readonly Int32Array[];
}

const preparedLists = new WeakMap<readonly string[], PreparedNames>();

function prepared(candidates: readonly string[]): PreparedNames {
  let hit = preparedLists.get(candidates);
  if (!hit) {
    const lower = candidates.map((c) => c.toLowerCase());
    hit = { lower, counts: lower.map(countsOf) };
    preparedLists.set(candidates, hit);
  }
  return hit;
}

/** Characters by code, all above 127 sharing one slot. */
const slotOf = (code: number): number => (code < 128 ? code : 127);

/** A name's distinct character slots and their counts: [slot, ..., count, ...]. */
function countsOf(name: string): Int32Array {
  const seen = new Int32Array(128);
  const order: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const slot = slotOf(name.charCodeAt(i));
    if (seen[slot]++ === 0) order.push(slot);
  }
  const out = new Int32Array(order.length * 2);
  for (let k = 0; k < order.length; k++) {
    out[k] = order[k];
    out[order.length + k] = seen[order[k]];
  }
  return out;
}

/** The leading word of a CamelCase action name, lowercased: "get" for GetObject. */
function verbOf(name: string): string {
  let k = 1;
  while (k < name.length) {
    const c = name.charCodeAt(k);
    if (c >= 65 && c <= 90) break;
    k++;
  }
  return name.slice(0, k).toLowerCase();
}

/** Leading words per candidate list, kept like the lowercased lists. */
const verbLists = new WeakMap<readonly string[], readonly string[]>();

function verbsOf(candidates: readonly string[]): readonly string[] {
  let hit = verbLists.get(candidates);
  if (!hit) {
    hit = candidates.map(verbOf);
    verbLists.set(candidates, hit);
  }
  return hit;
}

/** The target's characters by slot (see slotOf), counted while closest() runs. */
const letters = new Int32Array(128);

/**
 * A lower bound of the distance between the target (counted in `letters`) and a name of
 * `length` characters counted in `counts` (see countsOf): an edit changes the two strings'
 * character counts by at most 2 (a transposition by none), so the distance is at least half the
 * characters they do not share.
 */
function distanceBound(targetLength: number, length: number, counts: Int32Array): number {
  let shared = 0;
  const distinct = counts.length >> 1;
  for (let k = 0; k < distinct; k++) {
    const inTarget = letters[counts[k]];
    const inName = counts[distinct + k];
    shared += inTarget < inName ? inTarget : inName;
  }
  return Math.max(Math.abs(targetLength - length), Math.ceil((targetLength + length - 2 * shared) / 2));
}

/**
 * Closest names, best first. With `verbs`, a name whose leading word the target keeps (Get for
 * GetObjects) comes before one that changes it (PutObject): a misspelt action rarely has the wrong verb.
 */
function closest(target: string, candidates: readonly string[], limit: number, verbs = false): string[] {
  const max = Math.max(2, Math.floor(target.length / 3));
  const scored: { c: string; d: number; v: number }[] = [];
  const lower = target.toLowerCase();
  const { lower: lowerCandidates, counts } = prepared(candidates);
  const candidateVerbs = verbs ? verbsOf(candidates) : undefined;
  for (let i = 0; i < lower.length; i++) {
    letters[slotOf(lower.charCodeAt(i))]++;
  }
  // The best `limit` distances so far: a candidate further than all of them can never make the list.
  const best: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    // Cheap bound first: the distance is at least the difference in length.
    const cl = lowerCandidates[i];
    const extends_ = Math.min(cl.length, lower.length) >= 4 && (cl.startsWith(lower) || lower.startsWith(cl));
    if (!extends_ && Math.abs(cl.length - lower.length) > max) continue;
    const keepsVerb = candidateVerbs !== undefined && lower.startsWith(candidateVerbs[i]);
    // The pruning bound holds among names of one rank only: a verb-keeping name is never pruned by others.
    const cap = extends_ || keepsVerb || best.length < limit ? max : Math.min(max, best[limit - 1]);
    // Then the bound from the characters the two names share, before the quadratic distance.
    let d = distanceBound(lower.length, cl.length, counts[i]) > cap ? cap + 1 : distanceWithin(lower, cl, cap);
    // A name that extends or is extended by the target (GetObj -> GetObject) is a good guess too.
    if (d > max && extends_) d = max;
    if (d > cap) continue;
    scored.push({ c, d, v: keepsVerb ? 0 : 1 });
    best.push(d);
    best.sort((x, y) => x - y);
    if (best.length > limit) best.length = limit;
  }
  letters.fill(0);
  // Ties in code-unit order: the same list in every locale, and no collator to load on first use.
  scored.sort((x, y) => x.v - y.v || x.d - y.d || x.c.length - y.c.length || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.c);
}

const serviceSuggestions = new WeakMap<IamCatalog, Map<string, string[]>>();

/** Closest known service prefixes to a mistyped one. The prefixes never change, so answers are kept. */
export function suggestService(service: string, catalog: IamCatalog, limit = 3): string[] {
  let cache = serviceSuggestions.get(catalog);
  if (!cache) {
    cache = new Map();
    serviceSuggestions.set(catalog, cache);
  }
  const key = `${limit}:${service}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = closest(service, catalog.allServicePrefixes(), limit);
    if (cache.size > 5000) cache.clear();
    // Kept past this lint: the key is copied (see ownCopy).
    cache.set(ownCopy(key), hit);
  }
  return hit.slice();
}

const actionSuggestions = new WeakMap<IamCatalog, Map<string, string[]>>();

/**
 * Did-you-mean candidates (`service:Action`, best first) for an action that does not exist. The
 * services involved must be loaded for action-name suggestions.
 */
export function suggestAction(action: string, catalog: IamCatalog, limit = 3): string[] {
  const split = splitAction(action);
  if (!split) {
    // "s3GetObject" or "s3.GetObject": try to find a service prefix at the start.
    if (!/^[a-z0-9-]/i.test(action)) return [];
    for (const s of catalog.allServicePrefixes()) {
      if (action.toLowerCase().startsWith(s) && action.length > s.length) {
        const rest = action.slice(s.length).replace(/^[^A-Z0-9]/i, '');
        const a = catalog.action(s, rest);
        if (a) return [`${s}:${a.name}`];
      }
    }
    return [];
  }
  const service = split.service.toLowerCase();
  if (!catalog.hasService(service)) {
    return suggestService(service, catalog, limit).flatMap((s) => {
      const a = catalog.action(s, split.name);
      return a ? [`${s}:${a.name}`] : catalog.isLoaded(s) ? [] : [`${s}:${split.name}`];
    }).slice(0, limit);
  }
  let cache = actionSuggestions.get(catalog);
  if (!cache) {
    cache = new Map();
    actionSuggestions.set(catalog, cache);
  }
  // The service is known: once its data is loaded, the answer cannot change.
  const key = `${limit}:${service}:${split.name}`;
  let hit = cache.get(key);
  if (!hit) {
    const names = catalog.actionNames ? catalog.actionNames(service) : catalog.actions(service).map((a) => a.name);
    hit = closest(split.name, names, limit, true).map((n) => `${service}:${n}`);
    if (catalog.isLoaded(service)) {
      if (cache.size > 5000) cache.clear();
      // Kept past this lint: the key and the answers, joined to the document's service, are copied (see ownCopy).
      hit = hit.map(ownCopy);
      cache.set(ownCopy(key), hit);
    }
  }
  return hit.slice();
}
