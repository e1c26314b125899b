import { CONDITION_OPERATORS } from '../insight/operators';
import type { PolicyTokenType } from './tokenTypes';

/**
 * Classifiers of one JSON string's raw content (between its quotes, escapes as written), by the
 * role the string has in a policy. Each walks the content once, character by character (a `${`
 * looks ahead only to the next `$`, `{`, `}` or `"`, and resumes there), so a string costs time
 * linear in its length whatever it holds.
 */
export type Emit = (offset: number, length: number, type: PolicyTokenType) => void;

const OPERATORS = new Set(CONDITION_OPERATORS.map((o) => o.name));
const SET_PREFIXES = ['ForAllValues:', 'ForAnyValue:'];
const IF_EXISTS = 'IfExists';
const SERVICE_PRINCIPAL_SUFFIXES = ['.amazonaws.com', '.amazonaws.com.cn'];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isLetter = (c: number): boolean => isLower(c) || (c >= 65 && c <= 90);
const DASH = 45;
const DOT = 46;
const COLON = 58;
const STAR = 42;
const QUESTION = 63;
const DOLLAR = 36;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * End (exclusive) of the policy variable `${...}` that starts at `at`, or -1. As IAM reads them, the
 * body stops at the next `$`, `{`, `}` or quote; `${*}`, `${?}` and `${$}` are the escapes for those characters.
 */
function variableEnd(s: string, at: number, end: number): number {
  if (s.charCodeAt(at) !== DOLLAR || s.charCodeAt(at + 1) !== OPEN_BRACE) return -1;
  const first = s.charCodeAt(at + 2);
  if ((first === STAR || first === QUESTION || first === DOLLAR) && s.charCodeAt(at + 3) === CLOSE_BRACE && at + 3 < end) return at + 4;
  for (let i = at + 2; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === CLOSE_BRACE) return i + 1;
    if (c === DOLLAR || c === OPEN_BRACE) return -1;
  }
  return -1;
}

/**
 * `s[start, end)` as `type`, with its policy variables as variables and (when `wildcards`) its `*`
 * and `?` as wildcards: one token per run between them.
 */
function emitPart(s: string, start: number, end: number, type: PolicyTokenType | undefined, emit: Emit, wildcards: boolean): void {
  let run = start;
  const flush = (to: number): void => {
    if (type && to > run) emit(run, to - run, type);
  };
  let i = start;
  // A failed `${` is not tried again until after the stop that ended it, so a run of `${` stays linear.
  let noVariableBefore = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === DOLLAR && i >= noVariableBefore) {
      const v = variableEnd(s, i, end);
      if (v > 0) {
        flush(i);
        emit(i, v - i, 'iamVariable');
        i = run = v;
        continue;
      }
      noVariableBefore = nextStop(s, i + 2, end);
    }
    if (wildcards && (c === STAR || c === QUESTION)) {
      flush(i);
      emit(i, 1, 'iamWildcard');
      run = i + 1;
    }
    i++;
  }
  flush(end);
}

/** The first `$`, `{` or `}` at or after `from` (or `end`). */
function nextStop(s: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === DOLLAR || c === OPEN_BRACE || c === CLOSE_BRACE) return i;
  }
  return end;
}

/** Index of the next `:` in s[from, end), or -1. */
function colonAt(s: string, from: number, end: number): number {
  const i = s.indexOf(':', from);
  return i >= 0 && i < end ? i : -1;
}

/** Index of the `:` that ends the ARN part starting at `from` (a colon inside a policy variable does not), or -1. */
function arnPartEnd(s: string, from: number, end: number): number {
  let noVariableBefore = from;
  for (let i = from; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === COLON) return i;
    if (c === DOLLAR && i >= noVariableBefore) {
      const v = variableEnd(s, i, end);
      if (v > 0) i = v - 1;
      else noVariableBefore = nextStop(s, i + 2, end);
    }
  }
  return -1;
}

/** `arn:partition:service:region:account:resource`, each part coloured, with variables and wildcards inside. */
function arn(s: string, start: number, end: number, emit: Emit): void {
  emit(start, 3, 'iamArn');
  const parts: PolicyTokenType[] = ['iamPartition', 'iamService', 'iamRegion', 'iamAccount'];
  let at = start + 4;
  for (const type of parts) {
    const colon = arnPartEnd(s, at, end);
    if (colon < 0) {
      emitPart(s, at, end, type, emit, true);
      return;
    }
    emitPart(s, at, colon, type, emit, true);
    at = colon + 1;
  }
  emitPart(s, at, end, 'iamResource', emit, true);
}

function isAccountId(s: string, start: number, end: number): boolean {
  if (end - start !== 12) return false;
  for (let i = start; i < end; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** `ec2.amazonaws.com`, `states.us-east-1.amazonaws.com`, `ec2.amazonaws.com.cn`. */
function isServicePrincipal(s: string, start: number, end: number): boolean {
  const suffix = SERVICE_PRINCIPAL_SUFFIXES.find((x) => end - start > x.length && s.startsWith(x, end - x.length));
  if (!suffix) return false;
  if (!isLower(s.charCodeAt(start)) && !isDigit(s.charCodeAt(start))) return false;
  for (let i = start; i < end - suffix.length; i++) {
    const c = s.charCodeAt(i);
    if (!isLower(c) && !isDigit(c) && c !== DASH && c !== DOT) return false;
  }
  return true;
}

/** A value in a Resource, Principal, Condition or any other member of a statement. */
export function valueTokens(s: string, start: number, end: number, emit: Emit): void {
  if (end - start === 1 && s.charCodeAt(start) === STAR) emit(start, 1, 'iamWildcard');
  else if (s.startsWith('arn:', start) && end - start >= 4) arn(s, start, end, emit);
  else if (isAccountId(s, start, end)) emit(start, 12, 'iamAccount');
  else if (isServicePrincipal(s, start, end)) emit(start, end - start, 'iamServicePrincipal');
  else emitPart(s, start, end, undefined, emit, false);
}

/** `service:ActionName` with wildcards (`s3:Get*`), or `*`; anything else as a plain value. */
export function actionTokens(s: string, start: number, end: number, emit: Emit): void {
  const colon = colonAt(s, start, end);
  if (colon > start && colon < end - 1 && isServicePrefix(s, start, colon) && isActionName(s, colon + 1, end)) {
    emit(start, colon - start, 'iamService');
    emitPart(s, colon + 1, end, 'iamAction', emit, true);
  } else valueTokens(s, start, end, emit);
}

function isServicePrefix(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c) && c !== DASH) return false;
  }
  return true;
}

function isActionName(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c) && c !== STAR && c !== QUESTION) return false;
  }
  return true;
}

/** `ForAnyValue:StringLikeIfExists`: the set prefix and IfExists as modifiers, the operator itself. */
export function operatorTokens(s: string, start: number, end: number, emit: Emit): void {
  const set = SET_PREFIXES.find((p) => s.startsWith(p, start) && start + p.length <= end);
  const base = set ? start + set.length : start;
  const name = s.slice(base, Math.min(end, base + 64));
  const ifExists = name.endsWith(IF_EXISTS) && OPERATORS.has(name.slice(0, -IF_EXISTS.length));
  if (end - base > 64 || (!ifExists && !OPERATORS.has(name))) return;
  if (set) emit(start, set.length - 1, 'iamOperatorModifier');
  const opEnd = ifExists ? end - IF_EXISTS.length : end;
  emit(base, opEnd - base, 'iamConditionOperator');
  if (ifExists) emit(opEnd, IF_EXISTS.length, 'iamOperatorModifier');
}

/** `aws:PrincipalTag/${aws:username}`: the prefix (a service or an identity provider's host) and the key. */
export function conditionKeyTokens(s: string, start: number, end: number, emit: Emit): void {
  const colon = colonAt(s, start, end);
  if (colon <= start || colon === end - 1) return;
  for (let i = start; i < colon; i++) {
    const c = s.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c) && c !== DASH && c !== DOT) return;
  }
  emit(start, colon - start, 'iamService');
  if (s.charCodeAt(colon + 1) === COLON) return;
  emitPart(s, colon + 1, end, 'iamConditionKey', emit, false);
}
