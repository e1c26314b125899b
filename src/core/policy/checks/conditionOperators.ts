import { ownCopy } from '../ownCopy';
// The condition operators IAM knows, and how an operator as written reads: qualifier, base, IfExists.

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export interface ConditionOperatorInfo {
  /** Operator as written. */
  readonly text: string;
  /** Canonical base operator, e.g. StringLike. */
  readonly base: string;
  readonly family: OperatorFamily;
  readonly qualifier?: 'ForAllValues' | 'ForAnyValue';
  readonly ifExists: boolean;
  readonly negated: boolean;
  readonly like: boolean;
}

/** Base operators with their family. */
export const CONDITION_OPERATORS: Record<string, OperatorFamily> = {
  StringEquals: 'String',
  StringNotEquals: 'String',
  StringEqualsIgnoreCase: 'String',
  StringNotEqualsIgnoreCase: 'String',
  StringLike: 'String',
  StringNotLike: 'String',
  NumericEquals: 'Numeric',
  NumericNotEquals: 'Numeric',
  NumericLessThan: 'Numeric',
  NumericLessThanEquals: 'Numeric',
  NumericGreaterThan: 'Numeric',
  NumericGreaterThanEquals: 'Numeric',
  DateEquals: 'Date',
  DateNotEquals: 'Date',
  DateLessThan: 'Date',
  DateLessThanEquals: 'Date',
  DateGreaterThan: 'Date',
  DateGreaterThanEquals: 'Date',
  Bool: 'Bool',
  BinaryEquals: 'Binary',
  IpAddress: 'IpAddress',
  NotIpAddress: 'IpAddress',
  ArnEquals: 'Arn',
  ArnLike: 'Arn',
  ArnNotEquals: 'Arn',
  ArnNotLike: 'Arn',
  Null: 'Null',
};

const BY_LOWER = new Map(Object.keys(CONDITION_OPERATORS).map((k) => [k.toLowerCase(), k]));

/** Operators read so far: a run of the linter meets the same few thousands of times. */
const parsedOperators = new Map<string, ConditionOperatorInfo | null>();

/** Parses `ForAnyValue:StringLikeIfExists` and friends; undefined for unknown operators. */
export function parseConditionOperator(text: string): ConditionOperatorInfo | undefined {
  const known = parsedOperators.get(text);
  if (known !== undefined) return known ?? undefined;
  // Kept past this lint: read from a copy, so that neither the key nor the answer holds the document.
  const own = ownCopy(text);
  const info = readOperator(own);
  if (parsedOperators.size >= 1000) parsedOperators.clear();
  parsedOperators.set(own, info ?? null);
  return info;
}

/**
 * Whether the operator holds for a key the request does not carry; undefined for `Null`, whose
 * values decide. AWS: `ForAllValues` "also returns true if there are no context keys in the
 * request"; `ForAnyValue` "For no matching context key or if the key does not exist, the condition
 * returns false", and it keeps that answer with `IfExists` (see docs/simulate.md); `...IfExists`
 * "If the key is not present, evaluate the condition element as true"; a negated operator is true.
 */
export function matchesAbsentKey(info: ConditionOperatorInfo): boolean | undefined {
  if (info.base === 'Null') return undefined;
  if (info.qualifier) return info.qualifier === 'ForAllValues';
  return info.ifExists || info.negated;
}

function readOperator(text: string): ConditionOperatorInfo | undefined {
  let rest = text;
  let qualifier: ConditionOperatorInfo['qualifier'];
  const m = /^(ForAllValues|ForAnyValue):/i.exec(rest);
  if (m) {
    qualifier = m[1].toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
    rest = rest.slice(m[0].length);
  }
  let ifExists = false;
  if (/IfExists$/i.test(rest)) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BY_LOWER.get(rest.toLowerCase());
  if (!base) return undefined;
  return { text, base, family: CONDITION_OPERATORS[base], qualifier, ifExists, negated: /Not/.test(base), like: /Like$/.test(base) };
}
