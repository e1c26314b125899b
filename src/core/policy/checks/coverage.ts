import { globMatchWithin } from '../actions';
import type { ParsedValue } from '../parse';

type Text = ParsedValue & { value: string };

function isPattern(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** No ARN or action is longer (ARNs are at most 2,048 characters): longer wildcards are not compared. */
const MAX_COMPARED_LENGTH = 2048;
/**
 * Matching steps (characters compared) per list, all wildcards together. The largest policies AWS
 * accepts need a small fraction of it; a list that needs more is far beyond any quota, and only its
 * repeats are reported.
 */
export const MAX_COVER_STEPS = 10_000_000;
/** What one comparison costs besides its steps: bounds the pairs kept, however short the values. */
const COMPARISON_COST = 16;

/**
 * Groups values covered by another value of the same list (a duplicate, or a match of its
 * wildcards): `group` is the coverer and what it covers, in document order; `keep` is the
 * coverer, the value that makes the others redundant.
 *
 * Linear in the list: wildcards are compared once per distinct value (a list of 50,000 copies of
 * `s3:Get*` compares nothing), only with the values sharing their literal beginning, within a
 * budget of matching steps; each value joins at most one group. `knownRepeats`, when the caller
 * already knows whether some value is written twice, spares finding that out again.
 */
export function redundantGroups<T extends Text>(values: readonly T[], ignoreCase: boolean, lowered?: (v: T) => string, serviceOf?: (v: T) => string, knownRepeats?: boolean): { keep: T; group: T[] }[] {
  const n = values.length;
  if (n < 2) return [];
  // Most lists have neither repeats nor wildcards: find that out before building anything.
  let patterns = false;
  for (let i = 0; i < n && !patterns; i++) if (isPattern(values[i].value)) patterns = true;
  const repeats = knownRepeats ?? hasRepeats(values);
  if (!patterns && !repeats) return [];
  // Without repeats (most lists) each value is its own distinct value: the index is the same.
  let distinct = repeats ? distinctValues(values) : undefined;
  const first = distinct?.first;
  const count = first ? first.length : n;
  // Duplicates are exact repeats: Access Analyzer does not pair s3:GetObject with s3:getobject.
  const text = new Array<string>(count);
  const norm = ignoreCase ? new Array<string>(count) : text;
  const services = serviceOf ? new Array<string>(count) : undefined;
  for (let d = 0; d < count; d++) {
    const v = values[first ? first[d] : d];
    text[d] = v.value;
    if (ignoreCase) norm[d] = lowered ? lowered(v) : v.value.toLowerCase();
    if (services) services[d] = serviceOf!(v);
  }
  const pairs = patterns ? coverPairs(text, norm, ignoreCase, services) : undefined;
  if (!repeats && !pairs?.length) return [];
  distinct ??= distinctValues(values);
  const covers = pairs ? new Adjacency(count, pairs, 0) : undefined;
  const maximal = pairs ? maximalValues(count, pairs) : undefined;
  const occurrences = distinct.occurrences();
  const used = new Uint8Array(n);
  // A distinct value all of whose occurrences belong to a group already.
  const claimed = new Uint8Array(count);
  const groups: { keep: T; group: T[] }[] = [];
  // Plain loops over the lists, no callback per value: a closure made in the loop would cost an
  // allocation per value in code V8 has not optimised.
  let members: number[] = [];
  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    const d = distinct.of[i];
    // Only maximal coverers start a group: skip values strictly covered by a wildcard.
    if (maximal && !maximal[d]) continue;
    for (let o = occurrences.begin(d), end = occurrences.begin(d + 1); o < end; o++) {
      const k = occurrences.item(o);
      if (k !== i && !used[k]) members.push(k);
    }
    if (covers) {
      for (let c = covers.begin(d), end = covers.begin(d + 1); c < end; c++) {
        const e = covers.item(c);
        if (claimed[e]) continue;
        claimed[e] = 1;
        for (let o = occurrences.begin(e), last = occurrences.begin(e + 1); o < last; o++) {
          const k = occurrences.item(o);
          if (!used[k]) members.push(k);
        }
      }
    }
    if (!members.length) continue;
    claimed[d] = 1;
    used[i] = 1;
    for (let m = 0; m < members.length; m++) used[members[m]] = 1;
    members.push(i);
    groups.push({ keep: values[i], group: members.sort((a, b) => a - b).map((k) => values[k]) });
    members = [];
  }
  return groups;
}

/** Each value's index among the distinct values (in order of first appearance), and each one's first index. */
function distinctValues(values: readonly Text[]): { of: Int32Array; first: number[]; occurrences: () => Adjacency } {
  const ids = new Map<string, number>();
  const of = new Int32Array(values.length);
  const first: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let d = ids.get(values[i].value);
    if (d === undefined) {
      d = first.length;
      ids.set(values[i].value, d);
      first.push(i);
    }
    of[i] = d;
  }
  const occurrences = () => {
    const flat: number[] = new Array<number>(values.length * 2);
    for (let i = 0; i < values.length; i++) {
      flat[2 * i] = of[i];
      flat[2 * i + 1] = i;
    }
    return new Adjacency(first.length, flat, 0);
  };
  return { of, first, occurrences };
}

/**
 * Lists of numbers per node, from flat pairs `[from, to, from, to, …]`, in flat arrays (offsets and
 * targets): no array per node. `side` 0 lists `to` under `from`; 1 lists `from` under `to`.
 */
class Adjacency {
  declare private readonly start: Int32Array;
  declare private readonly items: Int32Array;

  constructor(nodes: number, pairs: readonly number[], side: 0 | 1) {
    const start = new Int32Array(nodes + 1);
    for (let k = side; k < pairs.length; k += 2) start[pairs[k] + 1]++;
    for (let d = 0; d < nodes; d++) start[d + 1] += start[d];
    const fill = start.slice(0, nodes);
    const items = new Int32Array(pairs.length / 2);
    for (let k = 0; k < pairs.length; k += 2) items[fill[pairs[k + side]]++] = pairs[k + 1 - side];
    this.start = start;
    this.items = items;
  }

  /** Where the list of `node` begins among the items; it ends where the next node's begins. */
  begin(node: number): number {
    return this.start[node];
  }

  item(k: number): number {
    return this.items[k];
  }
}

/** Whether each distinct value is covered by no wildcard it does not cover back. */
function maximalValues(count: number, pairs: readonly number[]): Uint8Array {
  const coveredBy = new Adjacency(count, pairs, 1);
  const pairSet = new Set<number>();
  for (let k = 0; k < pairs.length; k += 2) pairSet.add(pairs[k] * count + pairs[k + 1]);
  const maximal = new Uint8Array(count);
  for (let d = 0; d < count; d++) {
    maximal[d] = 1;
    for (let k = coveredBy.begin(d), end = coveredBy.begin(d + 1); k < end; k++) {
      if (!pairSet.has(d * count + coveredBy.item(k))) {
        maximal[d] = 0;
        break;
      }
    }
  }
  return maximal;
}

/**
 * Indices of `norm` in sorted order, for finding every value that starts with a given prefix by
 * binary search: comparing each wildcard with every value of a long list is quadratic.
 */
class PrefixIndex {
  declare private readonly order: number[];

  constructor(private readonly norm: readonly string[]) {
    this.order = norm.map((_, i) => i).sort((a, b) => (norm[a] < norm[b] ? -1 : norm[a] > norm[b] ? 1 : a - b));
  }

  /** The first position in sorted order whose value is not below `prefix`: the values that start with it come from there on. */
  lowerBound(prefix: string): number {
    const { order, norm } = this;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (norm[order[mid]] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index at a position in sorted order; undefined past the end. */
  at(k: number): number | undefined {
    return this.order[k];
  }
}

/** Lists up to this long are scanned whole for each wildcard's candidates: cheaper than sorting them. */
const SCANNED_LENGTH = 32;

/**
 * Every pair `[p, j]` of distinct values where wildcard `p` covers value `j`, flat; undefined when
 * the list needs more than the budget of matching steps.
 */
function coverPairs(text: readonly string[], norm: readonly string[], ignoreCase: boolean, services?: readonly string[]): number[] | undefined {
  let index: PrefixIndex | undefined;
  let byService: Map<string, number[]> | undefined;
  const budget = { left: MAX_COVER_STEPS };
  const pairs: number[] = [];
  let runs: LiteralRuns | undefined;
  const test = (p: number, pattern: string, j: number): boolean => {
    if (j === p) return true;
    budget.left -= COMPARISON_COST;
    const t = text[j];
    // A value without the pattern's literal runs cannot match: a native search sets most apart.
    if (runs && !((runs.suffix === '' || t.endsWith(runs.suffix)) && (runs.inner === '' || t.includes(runs.inner, runs.from)))) budget.left -= t.length;
    else if (globMatchWithin(pattern, t, ignoreCase, budget)) pairs.push(p, j);
    return budget.left >= 0;
  };
  for (let p = 0; p < text.length && budget.left >= 0; p++) {
    const pattern = text[p];
    if (!isPattern(pattern) || pattern.length > MAX_COMPARED_LENGTH) continue;
    const literal = norm[p].slice(0, firstWildcard(norm[p]));
    runs = ignoreCase ? undefined : literalRuns(pattern, literal.length);
    const service = services?.[p];
    if (service && literal.length > service.length) {
      // An action pattern whose service is written out covers only actions of that service (and
      // malformed strings, whose service is ''): those are its candidates.
      byService ??= bucketsOf(services!);
      for (let b = 0; b < 2; b++) {
        const bucket = byService.get(b === 0 ? service : '');
        if (bucket) for (let k = 0; k < bucket.length; k++) if (norm[bucket[k]].startsWith(literal) && !test(p, pattern, bucket[k])) break;
      }
      continue;
    }
    if (norm.length <= SCANNED_LENGTH) {
      for (let j = 0; j < norm.length; j++) if (norm[j].startsWith(literal) && !test(p, pattern, j)) break;
      continue;
    }
    index ??= new PrefixIndex(norm);
    for (let k = index.lowerBound(literal), j = index.at(k); j !== undefined && norm[j].startsWith(literal); j = index.at(++k)) if (!test(p, pattern, j)) break;
  }
  return budget.left >= 0 ? pairs : undefined;
}

/** Where the first wildcard of a pattern is; -1 when it holds none. */
function firstWildcard(s: string): number {
  const star = s.indexOf('*');
  const question = s.indexOf('?');
  return star < 0 ? question : question < 0 ? star : Math.min(star, question);
}

/** Literal text every match of a pattern holds past its literal beginning: a run between wildcards, and its end. */
interface LiteralRuns {
  /** The longest run between two wildcards ('' when none), found at or after `from`. */
  inner: string;
  from: number;
  /** The run after the last wildcard, which ends every match. */
  suffix: string;
}

/**
 * The literal runs of a case-sensitive pattern whose wildcards begin at `start`; undefined when it
 * holds the private-use characters globMatch reads as escaped wildcards.
 */
function literalRuns(pattern: string, start: number): LiteralRuns | undefined {
  if (pattern.includes('\ue000') || pattern.includes('\ue001')) return undefined;
  let inner = '';
  let at = start;
  // From wildcard to wildcard with the string builtins: a loop over characters costs far more in
  // code V8 has not optimised.
  let star = pattern.indexOf('*', start);
  let question = pattern.indexOf('?', start);
  while (star >= 0 || question >= 0) {
    const i = question < 0 || (star >= 0 && star < question) ? star : question;
    if (i - at > inner.length && at > start) inner = pattern.slice(at, i);
    at = i + 1;
    if (i === star) star = pattern.indexOf('*', at);
    else question = pattern.indexOf('?', at);
  }
  return { inner, from: start, suffix: pattern.slice(at) };
}

/** Indexes by service prefix, each list in ascending order. */
function bucketsOf(services: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < services.length; i++) {
    const list = out.get(services[i]);
    if (list) list.push(i);
    else out.set(services[i], [i]);
  }
  return out;
}

/** Whether some value is written twice; short lists are compared pairwise, without building a set. */
function hasRepeats(values: readonly Text[]): boolean {
  const n = values.length;
  if (n <= 16) {
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (values[i].value === values[j].value) return true;
    return false;
  }
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const v = values[i].value;
    if (seen.has(v)) return true;
    seen.add(v);
  }
  return false;
}
