import { globMatch } from '../actions';
import type { LintContext } from '../context';
import { stringValues, type JsonNode, type ParsedValue } from '../parse';
import type { PolicyType } from '../types';

const NONE: number[] = [];

function isPattern(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/**
 * Groups values covered by another value of the same list (a duplicate, or a match of its
 * wildcards): `group` is the coverer and what it covers, in document order; `keep` is the
 * coverer, the value that makes the others redundant. A wildcard is only tested against the
 * values sharing its literal beginning, found by binary search.
 */
function redundantGroups<T extends ParsedValue & { value: string }>(values: readonly T[], ignoreCase: boolean, lowered?: (v: T) => string, services?: readonly string[]): { keep: T; group: T[] }[] {
  const n = values.length;
  if (n < 2) return [];
  // Most lists have neither repeats nor wildcards: find that out before building anything.
  let patterns = false;
  for (let i = 0; i < n && !patterns; i++) if (isPattern(values[i].value)) patterns = true;
  const repeats = hasRepeats(values);
  if (!patterns && !repeats) return [];
  const norm = values.map((v) => (ignoreCase ? (lowered ? lowered(v) : v.value.toLowerCase()) : v.value));
  // Without repeats, only a wildcard covering another value makes a group, and most cover nothing:
  // the same test as below, on every value rather than on a bucket of them (the literal beginning
  // holds the bucket), and without building the indexes.
  if (!repeats && !anyCovered(values, norm, ignoreCase, services)) return [];
  const byValue = new Map<string, number[]>();
  let duplicates = false;
  const patternIdx: number[] = [];
  // Duplicates are exact repeats: Access Analyzer does not pair s3:GetObject with s3:getobject.
  values.forEach(({ value: v }, i) => {
    const list = byValue.get(v);
    if (list) {
      list.push(i);
      duplicates = true;
    } else byValue.set(v, [i]);
    if (isPattern(v)) patternIdx.push(i);
  });
  const exact = values.map((v) => v.value);
  if (!duplicates && patternIdx.length === 0) return [];
  const covers: [number, number][] = [];
  const complete = forEachCover(values, norm, ignoreCase, (p, j) => covers.push([p, j]) > 0, services);
  // Built only when a wildcard covers something: most wildcards in a list cover nothing else in it.
  let coversList: number[][] | undefined;
  let coveredBy: number[][] | undefined;
  if (complete && covers.length) {
    coversList = Array.from({ length: n }, () => []);
    coveredBy = Array.from({ length: n }, () => []);
    for (const [p, j] of covers) {
      coversList[p].push(j);
      coveredBy[j].push(p);
    }
  }
  if (!coversList || !coveredBy) {
    if (!duplicates) return [];
    coversList = coveredBy = Array.from({ length: n }, () => NONE);
  }
  const groups: { keep: T; group: T[] }[] = [];
  const used = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (used.has(i)) continue;
    // Only maximal coverers start a group: skip values strictly covered by a wildcard.
    if (coveredBy[i].some((p) => !coversList[i].includes(p))) continue;
    const members = new Set<number>();
    for (const j of byValue.get(exact[i]) ?? []) if (j !== i && !used.has(j)) members.add(j);
    for (const j of coversList[i]) if (!used.has(j)) members.add(j);
    if (!members.size) continue;
    used.add(i);
    for (const j of members) used.add(j);
    groups.push({ keep: values[i], group: [i, ...members].sort((a, b) => a - b).map((j) => values[j]) });
  }
  return groups;
}

/**
 * Indices of `norm` in sorted order, for finding every value that starts with a given prefix by
 * binary search: comparing each wildcard with every value of a long list is quadratic.
 */
class PrefixIndex {
  private readonly order: number[];

  constructor(private readonly norm: readonly string[]) {
    this.order = norm.map((_, i) => i).sort((a, b) => (norm[a] < norm[b] ? -1 : norm[a] > norm[b] ? 1 : a - b));
  }

  /** Calls `visit` with every index whose value starts with `prefix` until it returns false. */
  forEachWithPrefix(prefix: string, visit: (j: number) => boolean): void {
    const { order, norm } = this;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (norm[order[mid]] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < order.length && norm[order[k]].startsWith(prefix); k++) if (!visit(order[k])) return;
  }
}

/** No ARN or action is longer (ARNs are at most 2,048 characters): longer wildcards are not compared. */
const MAX_COMPARED_LENGTH = 2048;
/** Wildcard comparisons per list; a list that needs more is far beyond any policy quota, and only its repeats are reported. */
const MAX_COMPARISONS = 4_000_000;

/**
 * Calls `visit(p, j)` for every wildcard `p` and value `j` it covers (another value, not a
 * repeat); stops when `visit` returns false. False when the list needed more than the budget.
 */
function forEachCover(values: readonly (ParsedValue & { value: string })[], norm: readonly string[], ignoreCase: boolean, visit: (p: number, j: number) => boolean, services?: readonly string[]): boolean {
  let index: PrefixIndex | undefined;
  let byService: Map<string, number[]> | undefined;
  let budget = MAX_COMPARISONS;
  let stopped = false;
  const test = (p: number, pattern: string, j: number): boolean => {
    if (--budget < 0) return !(stopped = true);
    if (j === p || values[j].value === pattern || !globMatch(pattern, values[j].value, ignoreCase)) return true;
    return visit(p, j) || !(stopped = true);
  };
  for (let p = 0; p < values.length && !stopped; p++) {
    const pattern = values[p].value;
    if (!isPattern(pattern) || pattern.length > MAX_COMPARED_LENGTH) continue;
    const literal = norm[p].slice(0, norm[p].search(/[*?]/));
    const service = services?.[p];
    if (service && literal.length > service.length) {
      // An action pattern whose service is written out covers only actions of that service (and
      // malformed strings, whose service is ''): those are its candidates, in list order.
      byService ??= bucketsOf(services!);
      const same = byService.get(service) ?? NONE;
      const odd = byService.get('') ?? NONE;
      for (let a = 0, b = 0; (a < same.length || b < odd.length) && !stopped; ) {
        const j = b >= odd.length || (a < same.length && same[a] < odd[b]) ? same[a++] : odd[b++];
        if (norm[j].startsWith(literal)) test(p, pattern, j);
      }
      continue;
    }
    (index ??= new PrefixIndex(norm)).forEachWithPrefix(literal, (j) => test(p, pattern, j));
  }
  return budget >= 0;
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
function hasRepeats(values: readonly (ParsedValue & { value: string })[]): boolean {
  const n = values.length;
  if (n <= 16) {
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (values[i].value === values[j].value) return true;
    return false;
  }
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (seen.has(values[i].value)) return true;
    seen.add(values[i].value);
  }
  return false;
}

function anyCovered(values: readonly (ParsedValue & { value: string })[], norm: readonly string[], ignoreCase: boolean, services?: readonly string[]): boolean {
  let found = false;
  forEachCover(values, norm, ignoreCase, () => !(found = true), services);
  return found;
}

function canonical(node: JsonNode | undefined): string {
  if (!node) return '';
  switch (node.type) {
    case 'object':
      return `{${(node.children ?? [])
        .map((p) => `${JSON.stringify(p.children?.[0]?.value)}:${canonical(p.children?.[1])}`)
        .sort()
        .join(',')}}`;
    case 'array':
      return `[${(node.children ?? []).map(canonical).sort().join(',')}]`;
    default:
      return JSON.stringify(node.value);
  }
}

/** Redundant actions, resources and statements. */
export function checkRedundancy(ctx: LintContext): void {
  const { r } = ctx;
  for (const sc of ctx.statements) {
    for (const { keep, group } of redundantGroups(sc.actions, true, (a) => a.lower, sc.actions.length > 16 ? sc.actions.map((a) => a.service) : undefined)) {
      // Locations stay in document order, as Access Analyzer lists them; the fix removes a value
      // the kept one covers (a repeat, or what its wildcard matches), never the broadest wildcard.
      const redundant = group.find((v) => v !== keep)!;
      r.add('REDUNDANT_ACTION', `The ${group.length} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: ${redundant.value}.`, group.map((v) => ({ path: v.path, node: v.node })), { title: `Remove ${redundant.value}`, remove: true, location: group.indexOf(redundant) });
    }
    for (const { group } of redundantGroups(stringValues(sc.st.resource), false)) {
      const longest = [...group].sort((a, b) => b.value.length - a.value.length)[0];
      r.add('REDUNDANT_RESOURCE', `The ${group.length} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*), or remove the resource ${longest.value} to remove the redundancy.`, group.map((v) => ({ path: v.path, node: v.node })));
    }
  }
  // Canonical forms are costly for big statements: only compare statements of the same shape.
  const statements = ctx.policy.statements;
  if (statements.length < 2) return;
  // Element count and value sizes, in any order: equal statements have equal shapes, and no strings are built.
  const shape = (st: (typeof statements)[number]) => {
    let h = st.elements.length * 1_000_003;
    for (let i = 0; i < st.elements.length; i++) {
      const e = st.elements[i];
      h += ((e.valueNode.children?.length ?? 0) + 1) * (e.key.length * 7919 + e.key.charCodeAt(0));
    }
    return h;
  };
  // And what canonical() sees, in any order: the Sid-less properties and their string values.
  const content = (st: (typeof statements)[number]) => {
    let h = 0;
    for (const e of st.elements) {
      if (e.key === 'Sid') continue;
      let v = 0;
      const node = e.valueNode;
      if (node.type === 'string') v = stringHash(node.value as string);
      else if (node.type === 'array') for (const c of node.children ?? []) if (c.type === 'string') v = (v + stringHash(c.value as string)) | 0;
      h = (h + Math.imul(stringHash(e.key), 0x9e3779b1) + v) | 0;
    }
    return h;
  };
  // Two stages: the shape alone sets most statements apart; only those that share one are hashed whole.
  const shapes = statements.map(shape);
  const shapeCounts = new Map<number, number>();
  for (const sh of shapes) shapeCounts.set(sh, (shapeCounts.get(sh) ?? 0) + 1);
  const contents: (string | undefined)[] = statements.map((st, i) => ((shapeCounts.get(shapes[i]) ?? 0) < 2 ? undefined : `${shapes[i]}/${content(st)}`));
  const counts = new Map<string, number>();
  for (const c of contents) if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  const seen = new Map<string, number>();
  statements.forEach((st, i) => {
    const c = contents[i];
    if (c === undefined || (counts.get(c) ?? 0) < 2) return;
    const key = canonical({ ...st.node, children: st.node.children?.filter((p) => p.children?.[0]?.value !== 'Sid') } as JsonNode);
    const prev = seen.get(key);
    if (prev !== undefined) {
      const first = statements[prev];
      r.add('REDUNDANT_STATEMENT', 'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.', [
        { path: first.path, offset: first.node.offset, length: 1 },
        { path: st.path, offset: st.node.offset, length: 1 },
      ], { remove: true, location: 1, title: 'Remove the duplicate statement' });
    } else seen.set(key, i);
  });
}

/** FNV-1a over UTF-16 code units. */
function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

const QUOTAS: Record<PolicyType, { code: string; quota: number; details: (n: number, q: number) => string }> = {
  IDENTITY_POLICY: { code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', quota: 10240, details: (n, q) => `The ${n} characters in the identity policy, excluding whitespace, exceed the ${q} character maximum for inline and managed policies. We recommend that you use multiple granular policies.` },
  RESOURCE_POLICY: { code: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA', quota: 20480, details: (n, q) => `The ${n} characters in the resource policy exceed the ${q} character maximum for resource policies. We recommend that you use multiple granular policies.` },
  TRUST_POLICY: { code: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA', quota: 2048, details: (n, q) => `The ${n} characters in the role trust policy, excluding whitespace, exceed the ${q} character maximum. We recommend that you request a role trust policy length quota increase using Service Quotas and AWS Support Center. If the quotas have already been increased, then you can ignore this warning.` },
  SERVICE_CONTROL_POLICY: { code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA', quota: 5120, details: (n, q) => `The ${n} characters in the service control policy (SCP) exceed the ${q} character maximum for SCPs. We recommend that you use multiple granular policies.` },
  RESOURCE_CONTROL_POLICY: { code: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA', quota: 5120, details: (n, q) => `The ${n} characters in the resource control policy (RCP) exceed the ${q} character maximum for RCPs. AWS Organizations rejects it; split it into several policies.` },
};

/** Characters excluding whitespace, as the quotas count them. */
export function policySize(text: string): number {
  // Runs of each kind are skipped by the regex engine: one character class each, sticky, linear.
  let n = 0;
  for (let i = 0; i < text.length; ) {
    COUNTED.lastIndex = i;
    COUNTED.test(text);
    n += COUNTED.lastIndex - i;
    i = COUNTED.lastIndex;
    if (i >= text.length) break;
    SPACES.lastIndex = i;
    SPACES.test(text);
    i = SPACES.lastIndex;
  }
  return n;
}

/** The whitespace the quotas do not count, and everything else. */
const SPACES = /[ \n\r\t\v\f\u00a0\ufeff]*/y;
const COUNTED = /[^ \n\r\t\v\f\u00a0\ufeff]*/y;

export function checkSize(ctx: LintContext): void {
  const q = QUOTAS[ctx.type];
  if (ctx.policy.text.length <= q.quota) return;
  const n = policySize(ctx.policy.text);
  if (n > q.quota) ctx.r.add(q.code, q.details(n, q.quota), [{ path: [], offset: 0, length: ctx.policy.text.length }]);
}
