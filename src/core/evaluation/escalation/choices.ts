import { parseConditionOperator } from '../../policy/checks/conditionOperators';
import { numericValue, plainNumberText } from '../../policy/numericValues';
import type { ConditionTrace, ContextValue } from '../types';

/**
 * Condition keys whose value the caller chooses in its request: tags it adds, the Region it calls,
 * and a service's request parameters (`iam:PolicyARN`, `cloudformation:RoleArn`, `ec2:InstanceType`).
 * Global keys describe the caller, the network and the session, and resource tags describe what
 * exists: the caller does not choose those.
 */
export function callerChooses(key: string): boolean {
  const k = key.toLowerCase();
  if (k.startsWith('aws:requesttag/') || k === 'aws:tagkeys' || k === 'aws:requestedregion') return true;
  if (k.startsWith('aws:') || k.includes(':resourcetag/') || k.includes(':existing')) return false;
  return k.includes(':');
}

const OTHER = 'sts-lens-other-value';

/** A value the pattern matches: each wildcard taken as one letter. */
function instance(pattern: string): string {
  return pattern.replace(/[*?]/g, 'x');
}

/** The policy's values as written, unless a policy variable left one unresolved (then the engine matched nothing). */
function usable(t: ConditionTrace): string[] | undefined {
  if (t.policyValues.some((v) => v.includes('(unresolved:'))) return undefined;
  return t.policyValues;
}

function shift(base: string, value: string, towards: 'up' | 'down'): string | undefined {
  if (base.startsWith('Numeric')) {
    const n = numericValue(value);
    return Number.isNaN(n) ? undefined : plainNumberText(towards === 'up' ? n + 1 : n - 1);
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t + (towards === 'up' ? 1000 : -1000)).toISOString();
}

/** One value that satisfies a positive base operator against the policy's first value. */
function satisfying(base: string, values: string[]): string | undefined {
  const v = values[0];
  if (v === undefined) return undefined;
  switch (base) {
    case 'IpAddress':
      return v.replace(/\/\d+$/, '');
    case 'NumericLessThan':
    case 'DateLessThan':
      return shift(base, v, 'down');
    case 'NumericGreaterThan':
    case 'DateGreaterThan':
      return shift(base, v, 'up');
    default:
      return instance(v);
  }
}

/** The policy values a Numeric operator reads as numbers (the others match nothing). */
function numbersOf(values: readonly string[]): number[] {
  return values.map(numericValue).filter((n) => !Number.isNaN(n));
}

/** One value that fails a positive base operator against every policy value. */
function failing(base: string, values: string[]): string | undefined {
  switch (base) {
    case 'Bool':
      return values.some((v) => v.toLowerCase() === 'true') ? (values.some((v) => v.toLowerCase() === 'false') ? undefined : 'false') : 'true';
    case 'IpAddress':
      return values.some((v) => v.startsWith('192.0.2.')) ? '198.51.100.1' : '192.0.2.1';
    case 'ArnEquals':
    case 'ArnLike':
      return 'arn:aws:iam::000000000000:role/sts-lens-other';
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericEquals':
      return plainNumberText(Math.max(...numbersOf(values), 0) + 1);
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals':
      return plainNumberText(Math.min(...numbersOf(values), 0) - 1);
    case 'DateLessThan':
    case 'DateLessThanEquals':
      return '2999-01-01T00:00:00Z';
    case 'DateGreaterThan':
    case 'DateGreaterThanEquals':
    case 'DateEquals':
      return '1971-01-01T00:00:00Z';
    default:
      return OTHER;
  }
}

const POSITIVE: Record<string, string> = { StringNotEquals: 'StringEquals', StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase', StringNotLike: 'StringLike', NumericNotEquals: 'NumericEquals', DateNotEquals: 'DateEquals', NotIpAddress: 'IpAddress', ArnNotEquals: 'ArnEquals', ArnNotLike: 'ArnLike' };

/**
 * A request value for the key that makes the condition `want` (true: met, false: not met), or
 * undefined when no single value does. Set-operator keys get a one-element set.
 */
export function valueFor(t: ConditionTrace, want: boolean): ContextValue | undefined {
  const info = parseConditionOperator(t.operator);
  const values = usable(t);
  if (!info || !values) return undefined;
  if (info.base === 'Null') {
    const absentWanted = values.some((v) => v.toLowerCase() === 'true') === want;
    // Absence cannot be set; a key already absent is why the condition came out as it did.
    return absentWanted ? undefined : OTHER;
  }
  const positive = POSITIVE[info.base] ?? info.base;
  const matchPositive = info.base in POSITIVE ? !want : want;
  const one = matchPositive ? satisfying(positive, values) : failing(positive, values);
  if (one === undefined) return undefined;
  return info.qualifier ? [one] : one;
}

/** The condition in words, for "only if …". */
export function conditionWords(t: ConditionTrace, met: boolean): string {
  const values = t.policyValues.length === 1 ? JSON.stringify(t.policyValues[0]) : `[${t.policyValues.map((v) => JSON.stringify(v)).join(', ')}]`;
  return `${t.key} ${met ? 'meets' : 'does not meet'} ${t.operator} ${values}`;
}
