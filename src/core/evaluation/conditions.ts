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

function conditionTrace(operator: string, key: ParsedConditionKey, policyValues: string[], requestValues: string[] | undefined, matched: boolean, explanation: string, location: ConditionTrace['location']): ConditionTrace {
  return { operator, key: key.key, policyValues, requestValues, matched, explanation, location };
}

/** Whether the request value matches one of the patterns under the positive operator. */
function hits(positive: string, value: string, patterns: readonly string[]): boolean {
  for (let i = 0; i < patterns.length; i++) if (testValue(positive, value, patterns[i])) return true;
  return false;
}

/** How a key is absent: "absent from the request", or left out because requests for the action never carry it. */
function absentFrom(ctx: RequestContext, key: string): string {
  return ctx.isLeftOut(key) ? 'left out of the request (requests for this action never carry it)' : 'absent from the request';
}

/**
 * Evaluates one key of one operator block; `explanation` says why in plain words, when `words` asks
 * for it (the words are built only then: escalation evaluates thousands of keys and reads none).
 */
function evaluateKey(operator: string, key: ParsedConditionKey, ctx: RequestContext, variables: boolean, lines: LineIndex, words: boolean): ConditionTrace {
  const info = parseConditionOperator(operator);
  const entry = ctx.get(key.key);
  const requestValues = entry && (entry.values.length > 0 || entry.multi) ? entry.values : undefined;
  const location = keyLocation(key, lines);
  const stringy = info !== undefined && (info.family === 'String' || info.family === 'Arn');
  const kv = valuesOf(key, stringy, variables);
  const raw = kv.raw;
  if (!info) return conditionTrace(operator, key, raw, requestValues, false, words ? `${operator} is not a condition operator, so the condition cannot match.` : '', location);
  if (raw.length === 0) return conditionTrace(operator, key, raw, requestValues, false, words ? `${key.key} has no values under ${operator}, so the condition cannot match.` : '', location);
  const present = requestValues !== undefined && requestValues.length > 0;

  if (info.base === 'Null') {
    const absent = !present;
    const matched = raw.some((v) => (v.toLowerCase() === 'true') === absent && /^(?:true|false)$/i.test(v));
    return conditionTrace(operator, key, raw, requestValues, matched, words ? `${key.key} is ${absent ? absentFrom(ctx, key.key) : 'present in the request'}; Null ${show(raw)} ${matched ? 'matches' : 'does not match'}.` : '', location);
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
  const values = requestValues ?? [];

  if (info.qualifier === 'ForAllValues') {
    if (!present) return conditionTrace(operator, key, policyValues, requestValues, true, words ? `${key.key} is ${requestValues ? 'an empty set' : absentFrom(ctx, key.key)}; ForAllValues is true for an empty set.` : '', location);
    const bad = values.filter((rv) => hits(positive, rv, patterns) === negated);
    const explanation = !words ? '' : bad.length === 0 ? `Every value of ${key.key} ${show(values)} ${negated ? 'avoids' : 'is among'} ${show(policyValues)}.` : `${key.key} value ${show(bad)} ${negated ? 'is among' : 'is not among'} ${show(policyValues)}${unresolved}.`;
    return conditionTrace(operator, key, policyValues, requestValues, bad.length === 0, explanation, location);
  }
  if (!present) {
    if (info.ifExists) return conditionTrace(operator, key, policyValues, requestValues, true, words ? `${key.key} is ${absentFrom(ctx, key.key)}, and ${operator} is true when the key is absent.` : '', location);
    if (info.qualifier === 'ForAnyValue') return conditionTrace(operator, key, policyValues, requestValues, false, words ? `${key.key} is ${requestValues ? 'an empty set' : absentFrom(ctx, key.key)}; ForAnyValue is false without values.` : '', location);
    if (negated) return conditionTrace(operator, key, policyValues, requestValues, true, words ? `${key.key} is ${absentFrom(ctx, key.key)}, so the negated operator ${operator} is true.` : '', location);
    return conditionTrace(operator, key, policyValues, requestValues, false, words ? `${key.key} is ${absentFrom(ctx, key.key)}, so ${operator} cannot match.` : '', location);
  }
  if (info.qualifier === 'ForAnyValue') {
    const good = values.filter((rv) => hits(positive, rv, patterns) !== negated);
    const explanation = !words ? '' : good.length > 0 ? `${key.key} value ${show(good)} ${negated ? 'is not among' : 'matches'} ${show(policyValues)}.` : `No value of ${key.key} ${show(values)} ${negated ? 'avoids' : 'matches'} ${show(policyValues)}${unresolved}.`;
    return conditionTrace(operator, key, policyValues, requestValues, good.length > 0, explanation, location);
  }
  let any = false;
  for (let i = 0; i < values.length && !any; i++) any = hits(positive, values[i], patterns);
  const matched = negated ? !any : any;
  if (!words) return conditionTrace(operator, key, policyValues, requestValues, matched, '', location);
  const verb = info.family === 'IpAddress' ? (any ? 'is in' : 'is not in') : any ? 'matches' : 'does not match';
  return conditionTrace(operator, key, policyValues, requestValues, matched, `${key.key} ${show(values)} ${verb} ${show(policyValues)} under ${positive}${negated ? `, so ${operator} is ${matched}` : ''}${unresolved}.`, location);
}

/** Every key of every operator; the condition holds when all of them do. */
export function evaluateConditions(ops: readonly ParsedConditionOperator[], ctx: RequestContext, variables: boolean, lines: LineIndex, words = true): ConditionTrace[] {
  const out: ConditionTrace[] = [];
  // Indexed loops: this runs for every statement an evaluation reaches.
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.keys.length === 0 && !parseConditionOperator(op.operator)) {
      out.push({ operator: op.operator, key: '', policyValues: [], requestValues: undefined, matched: false, explanation: `${op.operator} is not a condition operator.`, location: { path: op.path, span: lines.span(op.keyNode.offset, op.keyNode.length) } });
    }
    for (let k = 0; k < op.keys.length; k++) out.push(evaluateKey(op.operator, op.keys[k], ctx, variables, lines, words));
  }
  return out;
}
