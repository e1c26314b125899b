import type { ParsedStatement } from '../../policy/parse';
import { POSITIVE_OF } from '../operators';

/** A statement's condition as IAM writes it: operator -> key -> values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** One operator and key of a condition with its values, read for comparison. */
export interface ConditionClause {
  /** As written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `ArnNotLikeIfExists`. */
  operator: string;
  /** Lowercased: condition keys are case-insensitive. */
  key: string;
  /** As written in the policy, for messages. */
  keyAsWritten: string;
  /** Distinct values, sorted. */
  values: readonly string[];
  /** A negated operator (StringNotEquals, NotIpAddress, …): more values narrow it. */
  negated: boolean;
  /** Bool, Null and the like: only the same values mean the same thing. */
  exact: boolean;
}

const EXACT = new Set(['Bool', 'Null', 'BinaryEquals']);

function baseOperator(operator: string): string {
  const bare = operator.replace(/^(ForAnyValue|ForAllValues):/, '');
  return bare.endsWith('IfExists') ? bare.slice(0, -'IfExists'.length) : bare;
}

/** Reads a statement's Condition into clauses (sorted, for comparison) and a block (for display). */
export function readConditions(st: ParsedStatement): { clauses: ConditionClause[]; block?: ConditionBlock } {
  const clauses: ConditionClause[] = [];
  const block: ConditionBlock = {};
  for (const op of st.conditions) {
    const base = baseOperator(op.operator);
    for (const k of op.keys) {
      const values = [...new Set(k.values.map((v) => String(v.value)))].sort();
      clauses.push({ operator: op.operator, key: k.key.toLowerCase(), keyAsWritten: k.key, values, negated: base in POSITIVE_OF, exact: EXACT.has(base) });
      (block[op.operator] ??= {})[k.key] = values;
    }
  }
  clauses.sort((a, b) => (a.operator + a.key < b.operator + b.key ? -1 : a.operator + a.key > b.operator + b.key ? 1 : 0));
  return clauses.length ? { clauses, block } : { clauses };
}

function subset(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.every((v) => set.has(v));
}

/**
 * Whether clause `broad` holds whenever clause `narrow` holds, read from the text alone: the same
 * operator and key, and for a positive operator no value of `narrow` beyond `broad`'s (a negated
 * operator the other way round).
 */
function clauseImplies(narrow: ConditionClause, broad: ConditionClause): boolean {
  if (narrow.operator !== broad.operator || narrow.key !== broad.key) return false;
  if (narrow.exact) return narrow.values.length === broad.values.length && subset(narrow.values, broad.values);
  return narrow.negated ? subset(broad.values, narrow.values) : subset(narrow.values, broad.values);
}

/**
 * Whether a statement with the `broad` clauses applies whenever one with the `narrow` clauses
 * does: each of `broad`'s clauses follows from one of `narrow`'s. Fewer conditions are broader.
 */
export function conditionsCover(broad: readonly ConditionClause[], narrow: readonly ConditionClause[]): boolean {
  return broad.every((b) => narrow.some((n) => clauseImplies(n, b)));
}

/** The condition in one line, as a policy writes it: `StringEquals aws:SourceVpce = vpce-1 and …`. */
export function conditionText(block: ConditionBlock | undefined): string {
  if (!block) return '';
  const parts: string[] = [];
  for (const [op, keys] of Object.entries(block)) for (const [k, v] of Object.entries(keys)) parts.push(`${op} ${k} ${v.length === 1 ? v[0] : `[${v.join(', ')}]`}`);
  return parts.join(' and ');
}
