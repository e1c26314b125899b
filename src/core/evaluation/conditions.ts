import * as l10n from '@vscode/l10n';
import { fill, templates } from '../fill';
import { parseConditionOperator } from '../policy/checks/conditionOperators';
import { plainNumberText } from '../policy/numericValues';
import type { LineIndex, ParsedConditionKey, ParsedConditionOperator } from '../policy/parse';
import { RequestContext } from './context';
import { POSITIVE_OF, testValue } from './operators';
import type { ConditionTrace } from './types';
import { substitute, unescapePattern } from './variables';

function scalarText(v: string | number | boolean | null): string | undefined {
  return v === null ? undefined : typeof v === 'number' ? plainNumberText(v) : String(v);
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
  return ctx.isLeftOut(key) ? l10n.t('left out of the request (requests for this action never carry it)') : l10n.t('absent from the request');
}

/** How a key without values stands in the request: absent, left out, or given as an empty set. */
function emptyOrAbsent(ctx: RequestContext, key: string, requestValues: readonly string[] | undefined): string {
  return requestValues ? l10n.t('an empty set') : absentFrom(ctx, key);
}

/** The templates of the commonest explanations, read once per display language. */
const comparisonWords = templates(() => ({
  matches: l10n.t('{0} {1} matches {2} under {3}'),
  doesNotMatch: l10n.t('{0} {1} does not match {2} under {3}'),
  isIn: l10n.t('{0} {1} is in {2} under {3}'),
  isNotIn: l10n.t('{0} {1} is not in {2} under {3}'),
  sentence: l10n.t('{0}.'),
  negated: l10n.t('{0}, so {1} is {2}.'),
}));

/**
 * A comparison's sentence from its clause: with what the negated operator makes of it, and the
 * policy variables that had no value (their values match nothing).
 */
function sentence(clause: string, negation: { operator: string; matched: boolean } | undefined, missing: readonly string[] | undefined): string {
  if (missing) {
    return negation
      ? fill(l10n.t('{0}, so {1} is {2} (policy variables {3} have no value in the request, so those values match nothing).'), clause, negation.operator, negation.matched, missing.join(', '))
      : fill(l10n.t('{0} (policy variables {1} have no value in the request, so those values match nothing).'), clause, missing.join(', '));
  }
  const w = comparisonWords();
  return negation ? fill(w.negated, clause, negation.operator, negation.matched) : fill(w.sentence, clause);
}

/** The clause of a comparison between the request's values and the policy's (without its full stop). */
function comparison(ip: boolean, hit: boolean, key: string, values: string, policy: string, positive: string): string {
  const w = comparisonWords();
  return fill(ip ? (hit ? w.isIn : w.isNotIn) : hit ? w.matches : w.doesNotMatch, key, values, policy, positive);
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
  if (!info) return conditionTrace(operator, key, raw, requestValues, false, words ? fill(l10n.t('{0} is not a condition operator, so the condition cannot match.'), operator) : '', location);
  if (raw.length === 0) return conditionTrace(operator, key, raw, requestValues, false, words ? fill(l10n.t('{0} has no values under {1}, so the condition cannot match.'), key.key, operator) : '', location);
  const present = requestValues !== undefined && requestValues.length > 0;

  if (info.base === 'Null') {
    const absent = !present;
    const matched = raw.some((v) => (v.toLowerCase() === 'true') === absent && /^(?:true|false)$/i.test(v));
    if (!words) return conditionTrace(operator, key, raw, requestValues, matched, '', location);
    const state = absent ? absentFrom(ctx, key.key) : l10n.t('present in the request');
    return conditionTrace(operator, key, raw, requestValues, matched, matched ? fill(l10n.t('{0} is {1}; Null {2} matches.'), key.key, state, show(raw)) : fill(l10n.t('{0} is {1}; Null {2} does not match.'), key.key, state, show(raw)), location);
  }

  let patterns: string[];
  let policyValues: string[];
  // Policy variables with no value in the request: the values that hold them match nothing.
  let missing: string[] | undefined;
  if (kv.fixed) {
    patterns = kv.fixed.patterns;
    policyValues = kv.fixed.policyValues;
  } else {
    const subs = raw.map((v) => substitute(v, ctx, variables));
    patterns = subs.filter((s) => s.resolved).map((s) => s.pattern);
    policyValues = subs.map((s) => (s.resolved ? unescapePattern(s.pattern) : fill(l10n.t('{0} (unresolved: {1})'), raw[subs.indexOf(s)], s.missing.join(', '))));
    if (subs.some((s) => !s.resolved)) missing = subs.flatMap((s) => s.missing);
  }
  const negated = info.base in POSITIVE_OF;
  const positive = POSITIVE_OF[info.base] ?? info.base;
  const values = requestValues ?? [];

  if (info.qualifier === 'ForAllValues') {
    if (!present) return conditionTrace(operator, key, policyValues, requestValues, true, words ? fill(l10n.t('{0} is {1}; ForAllValues is true for an empty set.'), key.key, emptyOrAbsent(ctx, key.key, requestValues)) : '', location);
    const bad = values.filter((rv) => hits(positive, rv, patterns) === negated);
    const explanation = !words ? ''
      : bad.length === 0 ? (negated ? fill(l10n.t('Every value of {0} {1} avoids {2}.'), key.key, show(values), show(policyValues)) : fill(l10n.t('Every value of {0} {1} is among {2}.'), key.key, show(values), show(policyValues)))
      : sentence(negated ? fill(l10n.t('{0} value {1} is among {2}'), key.key, show(bad), show(policyValues)) : fill(l10n.t('{0} value {1} is not among {2}'), key.key, show(bad), show(policyValues)), undefined, missing);
    return conditionTrace(operator, key, policyValues, requestValues, bad.length === 0, explanation, location);
  }
  if (!present) {
    // ForAnyValue before IfExists: AWS documents ForAnyValue as false "if the key does not exist",
    // the narrower sentence of the two, and AWS was seen refusing such a request (docs/simulate.md).
    if (info.qualifier === 'ForAnyValue') return conditionTrace(operator, key, policyValues, requestValues, false, !words ? '' : info.ifExists ? fill(l10n.t('{0} is {1}; ForAnyValue is false without values, with IfExists too.'), key.key, emptyOrAbsent(ctx, key.key, requestValues)) : fill(l10n.t('{0} is {1}; ForAnyValue is false without values.'), key.key, emptyOrAbsent(ctx, key.key, requestValues)), location);
    if (info.ifExists) return conditionTrace(operator, key, policyValues, requestValues, true, words ? fill(l10n.t('{0} is {1}, and {2} is true when the key is absent.'), key.key, absentFrom(ctx, key.key), operator) : '', location);
    if (negated) return conditionTrace(operator, key, policyValues, requestValues, true, words ? fill(l10n.t('{0} is {1}, so the negated operator {2} is true.'), key.key, absentFrom(ctx, key.key), operator) : '', location);
    return conditionTrace(operator, key, policyValues, requestValues, false, words ? fill(l10n.t('{0} is {1}, so {2} cannot match.'), key.key, absentFrom(ctx, key.key), operator) : '', location);
  }
  if (info.qualifier === 'ForAnyValue') {
    const good = values.filter((rv) => hits(positive, rv, patterns) !== negated);
    const explanation = !words ? ''
      : good.length > 0 ? (negated ? fill(l10n.t('{0} value {1} is not among {2}.'), key.key, show(good), show(policyValues)) : fill(l10n.t('{0} value {1} matches {2}.'), key.key, show(good), show(policyValues)))
      : sentence(negated ? fill(l10n.t('No value of {0} {1} avoids {2}'), key.key, show(values), show(policyValues)) : fill(l10n.t('No value of {0} {1} matches {2}'), key.key, show(values), show(policyValues)), undefined, missing);
    return conditionTrace(operator, key, policyValues, requestValues, good.length > 0, explanation, location);
  }
  let any = false;
  for (let i = 0; i < values.length && !any; i++) any = hits(positive, values[i], patterns);
  const matched = negated ? !any : any;
  if (!words) return conditionTrace(operator, key, policyValues, requestValues, matched, '', location);
  const clause = comparison(info.family === 'IpAddress', any, key.key, show(values), show(policyValues), positive);
  return conditionTrace(operator, key, policyValues, requestValues, matched, sentence(clause, negated ? { operator, matched } : undefined, missing), location);
}

/** A request with no keys at all. */
const NO_KEYS = new RequestContext();

/** Whether one key of an operator block holds in a request without that key (IfExists, Null "true", ForAllValues, negated operators). */
export function holdsWhenAbsent(operator: string, key: ParsedConditionKey, lines: LineIndex): boolean {
  return evaluateKey(operator, key, NO_KEYS, false, lines, false).matched;
}

/** Every key of every operator; the condition holds when all of them do. */
export function evaluateConditions(ops: readonly ParsedConditionOperator[], ctx: RequestContext, variables: boolean, lines: LineIndex, words = true): ConditionTrace[] {
  const out: ConditionTrace[] = [];
  // Indexed loops: this runs for every statement an evaluation reaches.
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.keys.length === 0 && !parseConditionOperator(op.operator)) {
      out.push({ operator: op.operator, key: '', policyValues: [], requestValues: undefined, matched: false, explanation: fill(l10n.t('{0} is not a condition operator.'), op.operator), location: { path: op.path, span: lines.span(op.keyNode.offset, op.keyNode.length) } });
    }
    for (let k = 0; k < op.keys.length; k++) out.push(evaluateKey(op.operator, op.keys[k], ctx, variables, lines, words));
  }
  return out;
}
