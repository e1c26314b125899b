import { parseConditionOperator } from '../policy/checks/conditionOperators';
import type { LineIndex, ParsedConditionKey, ParsedConditionOperator } from '../policy/parse';
import type { RequestContext } from './context';
import { POSITIVE_OF, testValue } from './operators';
import type { ConditionTrace } from './types';
import { substitute, unescapePattern } from './variables';

function scalarText(v: string | number | boolean | null): string | undefined {
  return v === null ? undefined : String(v);
}

function show(values: readonly string[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

const locations = new WeakMap<ParsedConditionKey, ConditionTrace['location']>();

/** Where a condition key is, computed once per parsed document. */
function keyLocation(key: ParsedConditionKey, lines: LineIndex): ConditionTrace['location'] {
  let at = locations.get(key);
  if (!at) {
    at = { path: key.keyPath, span: lines.span(key.keyNode.offset, key.valueNode.offset + key.valueNode.length - key.keyNode.offset) };
    locations.set(key, at);
  }
  return at;
}

/** What a key's policy values are before any request: read once per key, as most keys hold no policy variable. */
interface KeyValues {
  readonly variables: boolean;
  readonly raw: string[];
  /** Set when no value of a string operator holds a policy variable (or variables are off): the patterns and their readable form. */
  readonly fixed?: { readonly patterns: string[]; readonly policyValues: string[] };
}

const keyValues = new WeakMap<ParsedConditionKey, KeyValues>();

function valuesOf(key: ParsedConditionKey, stringy: boolean, variables: boolean): KeyValues {
  let kv = keyValues.get(key);
  if (kv && kv.variables === variables) return kv;
  const raw = key.values.map((v) => scalarText(v.value)).filter((v): v is string => v !== undefined);
  // As substitute would: a value without `${` (or with variables off) is its own pattern.
  const fixed = !stringy || !variables || raw.every((v) => !v.includes('${')) ? { patterns: raw, policyValues: raw.map(unescapePattern) } : undefined;
  kv = { variables, raw, fixed };
  keyValues.set(key, kv);
  return kv;
}

/** Evaluates one key of one operator block; `explanation` says why in plain words, when `words` asks for it. */
function evaluateKey(operator: string, key: ParsedConditionKey, ctx: RequestContext, variables: boolean, lines: LineIndex, words: boolean): ConditionTrace {
  const info = parseConditionOperator(operator);
  const entry = ctx.get(key.key);
  const requestValues = entry && (entry.values.length > 0 || entry.multi) ? entry.values : undefined;
  const location = keyLocation(key, lines);
  const stringy = info !== undefined && (info.family === 'String' || info.family === 'Arn');
  const kv = valuesOf(key, stringy, variables);
  const raw = kv.raw;
  const trace = (matched: boolean, explain: () => string, policyValues: string[] = raw): ConditionTrace => ({ operator, key: key.key, policyValues, requestValues, matched, explanation: words ? explain() : '', location });
  if (!info) return trace(false, () => `${operator} is not a condition operator, so the condition cannot match.`);
  if (raw.length === 0) return trace(false, () => `${key.key} has no values under ${operator}, so the condition cannot match.`);
  const present = requestValues !== undefined && requestValues.length > 0;

  if (info.base === 'Null') {
    const absent = !present;
    const matched = raw.some((v) => (v.toLowerCase() === 'true') === absent && /^(?:true|false)$/i.test(v));
    return trace(matched, () => `${key.key} is ${absent ? 'absent from' : 'present in'} the request; Null ${show(raw)} ${matched ? 'matches' : 'does not match'}.`);
  }

  let patterns: string[];
  let policyValues: string[];
  let unresolved = '';
  if (kv.fixed) {
    patterns = kv.fixed.patterns;
    policyValues = kv.fixed.policyValues;
  } else {
    const subs = raw.map((v) => substitute(v, ctx, variables));
    patterns = subs.filter((s) => s.resolved).map((s) => s.pattern);
    policyValues = subs.map((s) => (s.resolved ? unescapePattern(s.pattern) : `${raw[subs.indexOf(s)]} (unresolved: ${s.missing.join(', ')})`));
    if (subs.some((s) => !s.resolved)) unresolved = ` (policy variables ${subs.flatMap((s) => s.missing).join(', ')} have no value in the request, so those values match nothing)`;
  }
  const negated = info.base in POSITIVE_OF;
  const positive = POSITIVE_OF[info.base] ?? info.base;
  const hit = (rv: string) => patterns.some((p) => testValue(positive, rv, p));
  const values = requestValues ?? [];

  if (info.qualifier === 'ForAllValues') {
    if (!present) return trace(true, () => `${key.key} is ${requestValues ? 'an empty set' : 'absent'}; ForAllValues is true for an empty set.`, policyValues);
    const bad = values.filter((rv) => hit(rv) === negated);
    return trace(bad.length === 0, () => bad.length === 0 ? `Every value of ${key.key} ${show(values)} ${negated ? 'avoids' : 'is among'} ${show(policyValues)}.` : `${key.key} value ${show(bad)} ${negated ? 'is among' : 'is not among'} ${show(policyValues)}${unresolved}.`, policyValues);
  }
  if (!present) {
    if (info.ifExists) return trace(true, () => `${key.key} is absent, and ${operator} is true when the key is absent.`, policyValues);
    if (info.qualifier === 'ForAnyValue') return trace(false, () => `${key.key} is ${requestValues ? 'an empty set' : 'absent'}; ForAnyValue is false without values.`, policyValues);
    if (negated) return trace(true, () => `${key.key} is absent from the request, so the negated operator ${operator} is true.`, policyValues);
    return trace(false, () => `${key.key} is absent from the request, so ${operator} cannot match.`, policyValues);
  }
  if (info.qualifier === 'ForAnyValue') {
    const good = values.filter((rv) => hit(rv) !== negated);
    return trace(good.length > 0, () => good.length > 0 ? `${key.key} value ${show(good)} ${negated ? 'is not among' : 'matches'} ${show(policyValues)}.` : `No value of ${key.key} ${show(values)} ${negated ? 'avoids' : 'matches'} ${show(policyValues)}${unresolved}.`, policyValues);
  }
  const any = values.some(hit);
  const matched = negated ? !any : any;
  const verb = info.family === 'IpAddress' ? (any ? 'is in' : 'is not in') : any ? 'matches' : 'does not match';
  return trace(matched, () => `${key.key} ${show(values)} ${verb} ${show(policyValues)} under ${positive}${negated ? `, so ${operator} is ${matched}` : ''}${unresolved}.`, policyValues);
}

/** Every key of every operator; the condition holds when all of them do. */
export function evaluateConditions(ops: readonly ParsedConditionOperator[], ctx: RequestContext, variables: boolean, lines: LineIndex, words = true): ConditionTrace[] {
  const out: ConditionTrace[] = [];
  for (const op of ops) {
    if (op.keys.length === 0 && !parseConditionOperator(op.operator)) {
      out.push({ operator: op.operator, key: '', policyValues: [], requestValues: undefined, matched: false, explanation: `${op.operator} is not a condition operator.`, location: { path: op.path, span: lines.span(op.keyNode.offset, op.keyNode.length) } });
    }
    for (const key of op.keys) out.push(evaluateKey(op.operator, key, ctx, variables, lines, words));
  }
  return out;
}
