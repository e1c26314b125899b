import type { LineIndex, ParsedStatement } from '../../policy/parse';
import { parseConditionOperator } from '../../policy/checks/conditionOperators';
import { holdsWhenAbsent } from '../conditions';
import { POSITIVE_OF } from '../operators';
import { conditionValueCovers } from './patternCover';
import { canonicalValue, commonAddressesWithin, valueOrder, valuesWithin, type ValueOrder } from './valueOrder';

/** A statement's condition as IAM writes it: operator -> key -> values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** One operator and key of a condition with its values, read for comparison. */
export interface ConditionClause {
  /**
   * Normalized as evaluation reads it: `StringEquals`, `ForAllValues:StringLike`,
   * `ArnNotLikeIfExists` whatever the case written, and without a `ForAnyValue:` before a positive
   * operator, which matches the same requests (see canonicalOperator).
   */
  operator: string;
  /** As written, to show a condition narrowed to some of its values. */
  operatorAsWritten: string;
  /** Lowercased: condition keys are case-insensitive. */
  key: string;
  /** As written in the policy, for messages. */
  keyAsWritten: string;
  /** Distinct values, sorted; lowercased under an IgnoreCase operator, read as numbers or instants under Numeric and Date operators (see canonicalValue). */
  values: readonly string[];
  /** Values compared by what they mean (see ValueOrder): address ranges, or the greatest or least bound. */
  order?: ValueOrder;
  /** A negated operator (StringNotEquals, NotIpAddress, …): more values narrow it. */
  negated: boolean;
  /** Bool, Null and the like: only the same values mean the same thing. */
  exact: boolean;
  /** Whether the clause holds when the request lacks the key, as the engine decides (IfExists, Null, ForAllValues, negated operators). */
  holdsWhenAbsent: boolean;
}

const EXACT = new Set(['Bool', 'Null', 'BinaryEquals']);

/**
 * The operator as evaluation reads it. Case does not matter, and `ForAnyValue:` before a positive
 * operator changes nothing: both hold when some request value matches some policy value and
 * neither holds when the key is absent. Before a negated operator it does change the absent case,
 * so it stays. Under `ForAnyValue:` an `IfExists` changes nothing (an absent key is false either
 * way), so it goes. Unknown operators stay as written (they match nothing, whatever they are compared to).
 */
function canonicalOperator(written: string): { operator: string; base: string } {
  const info = parseConditionOperator(written);
  if (!info) return { operator: written, base: written };
  const qualifier = info.qualifier === 'ForAllValues' || (info.qualifier === 'ForAnyValue' && info.negated) ? `${info.qualifier}:` : '';
  const ifExists = info.ifExists && info.qualifier !== 'ForAnyValue';
  return { operator: `${qualifier}${info.base}${ifExists ? 'IfExists' : ''}`, base: info.base };
}

/**
 * A Bool clause's values as the engine compares them: "true" and "false" in any case, other text
 * matching nothing (AWS: Boolean conditions compare "a key to "true" or "false""), so it is left out
 * unless nothing else is left.
 */
function boolValues(shown: readonly string[]): string[] {
  const lower = [...new Set(shown.map((v) => v.toLowerCase()))].sort();
  const valid = lower.filter((v) => v === 'true' || v === 'false');
  return valid.length ? valid : lower;
}

/** Reads a statement's Condition into clauses (sorted, for comparison) and a block (for display). */
export function readConditions(st: ParsedStatement, lines: LineIndex): { clauses: ConditionClause[]; block?: ConditionBlock } {
  const clauses: ConditionClause[] = [];
  const block: ConditionBlock = {};
  for (const op of st.conditions) {
    const { operator, base } = canonicalOperator(op.operator);
    const ignoreCase = base.endsWith('IgnoreCase') || base === 'Bool';
    for (const k of op.keys) {
      const shown = [...new Set(k.values.map((v) => String(v.value)))].sort();
      const values = base === 'Bool' ? boolValues(shown) : ignoreCase ? [...new Set(shown.map((v) => v.toLowerCase()))].sort() : readByValue(base) ? [...new Set(shown.map((v) => canonicalValue(base, v)))].sort() : shown;
      const order = valueOrder(base);
      clauses.push({ operator, operatorAsWritten: op.operator, key: k.key.toLowerCase(), keyAsWritten: k.key, values, ...(order ? { order } : {}), negated: base in POSITIVE_OF, exact: EXACT.has(base), holdsWhenAbsent: holdsWhenAbsent(op.operator, k, lines) });
      (block[op.operator] ??= {})[k.key] = shown;
    }
  }
  clauses.sort((a, b) => (a.operator + a.key < b.operator + b.key ? -1 : a.operator + a.key > b.operator + b.key ? 1 : 0));
  return clauses.length ? { clauses, block } : { clauses };
}

function subset(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.every((v) => set.has(v));
}

/** The values every one of `sets` holds, as text: one pass over each set. */
function commonValues(sets: readonly (readonly string[])[]): string[] {
  let common = new Set(sets[0]);
  for (const s of sets.slice(1)) {
    const here = new Set(s);
    common = new Set([...common].filter((v) => here.has(v)));
  }
  return [...common];
}

/** Numeric and Date operators read their values as numbers and instants. */
function readByValue(base: string): boolean {
  return base.startsWith('Numeric') || base.startsWith('Date');
}

/** Whether the `inner` values of a clause hold only where its `outer` values do (see valuesWithin); as text unless the clause has an order. */
function within(c: ConditionClause, inner: readonly string[], outer: readonly string[]): boolean {
  return c.order ? valuesWithin(c.order, inner, outer) : subset(inner, outer);
}

/**
 * Whether clause `broad` holds whenever clause `narrow` holds, read from the text alone: the same
 * operator and key, and for a positive operator no value of `narrow` beyond `broad`'s (a negated
 * operator the other way round).
 */
function clauseImplies(narrow: ConditionClause, broad: ConditionClause): boolean {
  if (narrow.operator !== broad.operator || narrow.key !== broad.key) return false;
  if (narrow.exact) return narrow.values.length === broad.values.length && subset(narrow.values, broad.values);
  return narrow.negated ? within(narrow, broad.values, narrow.values) : within(narrow, narrow.values, broad.values);
}

/**
 * Whether a statement with the `broad` clauses applies whenever one with the `narrow` clauses
 * does: each of `broad`'s clauses follows from one of `narrow`'s. Fewer conditions are broader.
 */
export function conditionsCover(broad: readonly ConditionClause[], narrow: readonly ConditionClause[]): boolean {
  return broad.every((b) => narrow.some((n) => clauseImplies(n, b)));
}

/** A clause whose values may be spread over statements: a value operator, not ForAllValues, not Bool or Null. */
function splittable(c: ConditionClause): boolean {
  return !c.exact && !c.operator.startsWith('ForAllValues:') && parseConditionOperator(c.operator) !== undefined;
}

/** What a condition spread over statements leaves: covered, or the values of one clause that none of them takes. */
export type SplitCover = { covered: true } | { covered: false; clause?: ConditionClause; rest?: string[] };

/**
 * Whether a statement with the `target` clauses is covered by the union of statements with the
 * `others` clauses (each already known to cover its resources and principals): IAM reads the
 * values of one operator and key with a logical OR, so `StringEquals k [a, b]` is the same access
 * as two statements with `[a]` and `[b]`. Each of `others` may differ from what `target` implies
 * in one clause on the same operator and key. When not covered, says which values of that clause
 * no other statement takes (for a positive operator), so a grown value set is reported for the
 * new values alone.
 */
export function conditionsCoverSplit(target: readonly ConditionClause[], others: readonly (readonly ConditionClause[])[]): SplitCover {
  const spread = new Map<ConditionClause, (readonly string[])[]>();
  for (const o of others) {
    const open = o.filter((b) => !target.some((n) => clauseImplies(n, b)));
    if (open.length === 0) return { covered: true };
    if (open.length !== 1 || !splittable(open[0])) continue;
    const t = target.find((n) => n.operator === open[0].operator && n.key === open[0].key);
    if (!t) continue;
    const list = spread.get(t) ?? [];
    list.push(open[0].values);
    spread.set(t, list);
  }
  let best: SplitCover = { covered: false };
  for (const [t, sets] of spread) {
    if (t.negated) {
      // NOT in A or NOT in B is NOT in (A and B).
      if (t.order === 'ip' ? commonAddressesWithin(sets, t.values) : commonMatchesWithin(t, sets)) return { covered: true };
      continue;
    }
    const taken = [...new Set(sets.flat())];
    if (t.order && within(t, t.values, taken)) return { covered: true };
    const rest = t.values.filter((v) => !within(t, [v], taken));
    if (rest.length === 0) return { covered: true };
    if (rest.length < t.values.length && (!best.rest || rest.length < best.rest.length)) best = { covered: false, clause: t, rest };
  }
  return valueByValue(target, others, { left: SPLIT_BUDGET }) ? { covered: true } : best;
}

/** The positive operator a negated clause is the NOT of: `StringNotLikeIfExists` -> `StringLike`. */
function positiveBase(c: ConditionClause): string {
  const base = parseConditionOperator(c.operator)?.base ?? c.operator;
  return POSITIVE_OF[base] ?? base;
}

/**
 * Whether what every one of `sets` matches is matched by `t`'s values, `t` being negated: then
 * statements allowing NOT in each set allow nothing `t`'s statement does not. Values with no
 * wildcard meet as text; once a pattern is among them (StringNotLike, ArnNotLike, ArnNotEquals),
 * what several patterns have in common is not read from their text, so it asks that one set's
 * patterns all lie within `t`'s: what all sets match lies within any one of them.
 */
function commonMatchesWithin(t: ConditionClause, sets: readonly (readonly string[])[]): boolean {
  const base = positiveBase(t);
  const within = (v: string) => t.values.some((w) => conditionValueCovers(base, w, v));
  const patterns = base === 'StringLike' || base === 'ArnLike' || base === 'ArnEquals';
  if (!patterns || !sets.some((s) => s.some((v) => v.includes('*') || v.includes('?')))) return commonValues(sets).every(within);
  return sets.some((s) => s.every(within));
}

/** Most single-value conditions valueByValue tries for one statement: the product of its clauses' value counts. */
const SPLIT_BUDGET = 256;

/**
 * Whether the union of `others` covers `target` when its values are spread over several keys at
 * once (`team [x, y]` and `env [p, q]` as four statements): a positive clause's values are ORed, so
 * `target` is covered when each of its conditions with one value of that clause in place of all is.
 */
function valueByValue(target: readonly ConditionClause[], others: readonly (readonly ConditionClause[])[], budget: { left: number }): boolean {
  if (others.some((o) => conditionsCover(o, target))) return true;
  const c = target.find((n) => n.values.length > 1 && !n.negated && splittable(n));
  if (!c) return false;
  return c.values.every((v) => --budget.left >= 0 && valueByValue(target.map((n) => (n === c ? { ...c, values: [v] } : n)), others, budget));
}

/** A condition block with one clause's values replaced: the part of a condition no other statement takes. */
export function narrowBlock(block: ConditionBlock, clause: ConditionClause, values: readonly string[]): ConditionBlock {
  const out: ConditionBlock = {};
  for (const [op, keys] of Object.entries(block)) {
    out[op] = {};
    const base = parseConditionOperator(op)?.base ?? op;
    for (const [k, v] of Object.entries(keys)) out[op][k] = op === clause.operatorAsWritten && k === clause.keyAsWritten ? v.filter((x) => values.includes(x) || values.includes(x.toLowerCase()) || values.includes(canonicalValue(base, x))) : v;
  }
  return out;
}

/** A condition block without some of its clauses; undefined when none is left. */
export function blockWithout(block: ConditionBlock, dropped: readonly ConditionClause[]): ConditionBlock | undefined {
  const out: ConditionBlock = {};
  for (const [op, keys] of Object.entries(block)) {
    for (const [k, v] of Object.entries(keys)) {
      if (!dropped.some((c) => c.operatorAsWritten === op && c.keyAsWritten === k)) (out[op] ??= {})[k] = v;
    }
  }
  return Object.keys(out).length ? out : undefined;
}
