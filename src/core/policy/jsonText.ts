import { MAX_POLICY_NESTING } from './limits';

/** How deep objects and arrays nest in a parsed JSON value, counted without recursion up to `stopAt`. */
export function jsonDepth(value: unknown, stopAt: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth > max) max = depth;
    if (max > stopAt) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * `JSON.stringify(value, null, 2)` for a value from JSON.parse. V8's stringify recurses, so a
 * document nested thousands deep throws, and indenting it would be quadratic in its depth: a
 * document nested past the policy limit is printed compactly (as `JSON.stringify(value)`) by an
 * explicit stack instead, so the linter reports its nesting as a finding of that document.
 */
export function prettyJson(value: unknown): string {
  if (jsonDepth(value, MAX_POLICY_NESTING) <= MAX_POLICY_NESTING) return JSON.stringify(value, null, 2);
  return compactJson(value);
}

/** `JSON.stringify(value)` for a value from JSON.parse, without recursion. */
export function compactJson(value: unknown): string {
  const out: string[] = [];
  type Frame = { entries: [string | undefined, unknown][]; next: number; close: string };
  const open = (v: unknown): Frame | undefined => {
    if (v === null || typeof v !== 'object') {
      out.push(v === undefined ? 'null' : JSON.stringify(v));
      return undefined;
    }
    const isArray = Array.isArray(v);
    const entries: [string | undefined, unknown][] = isArray ? (v as unknown[]).map((x) => [undefined, x]) : Object.entries(v as Record<string, unknown>);
    if (!entries.length) {
      out.push(isArray ? '[]' : '{}');
      return undefined;
    }
    out.push(isArray ? '[' : '{');
    return { entries, next: 0, close: isArray ? ']' : '}' };
  };
  const stack: Frame[] = [];
  const first = open(value);
  if (first) stack.push(first);
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.next >= f.entries.length) {
      out.push(f.close);
      stack.pop();
      continue;
    }
    const [key, v] = f.entries[f.next];
    out.push(`${f.next ? ',' : ''}${key === undefined ? '' : `${JSON.stringify(key)}:`}`);
    f.next++;
    const child = open(v);
    if (child) stack.push(child);
  }
  return out.join('');
}

// A string JSON.stringify writes as it is, between its quotes: no quote, backslash, control character or surrogate.
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const PLAIN_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** The length of JSON.stringify(s): escapes counted as it writes them, lone surrogates as \uXXXX. */
function quotedLength(s: string): number {
  if (PLAIN_STRING.test(s)) return s.length + 2;
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09) n += 2;
    else if (c < 0x20) n += 6;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      n += 2;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) n += 6;
    else n += 1;
  }
  return n;
}

/**
 * The length of prettyJson(value) for a value from JSON.parse, counted without printing it or
 * recursing: a document far over the policy limit is refused by its length before a copy of it
 * (a 100 MB document is 139 MB printed) is made. The stack holds one frame per level, not the
 * entries waiting, so a list of millions costs no memory of its own.
 */
export function prettyJsonLength(value: unknown): number {
  const indent = jsonDepth(value, MAX_POLICY_NESTING) <= MAX_POLICY_NESTING ? 2 : 0;
  type Frame = { readonly v: unknown[] | Record<string, unknown>; readonly keys?: string[]; next: number };
  const stack: Frame[] = [];
  let total = 0;
  /** Counts a scalar whole, and a container's marks and layout; returns a frame for a container with entries. */
  const open = (v: unknown): Frame | undefined => {
    if (v === null || v === undefined) total += 4;
    else if (typeof v === 'string') total += quotedLength(v);
    else if (typeof v === 'number') total += Number.isFinite(v) ? String(v).length : 4;
    else if (typeof v === 'boolean') total += v ? 4 : 5;
    else if (typeof v === 'object') {
      const keys = Array.isArray(v) ? undefined : Object.keys(v);
      const count = keys ? keys.length : (v as unknown[]).length;
      total += 2;
      if (!count) return undefined;
      const depth = stack.length;
      // A comma between entries; with indentation each entry on a line of its own, and the closing mark too.
      total += count - 1 + (indent ? count + 1 + count * indent * (depth + 1) + indent * depth : 0);
      return { v: v as unknown[] | Record<string, unknown>, keys, next: 0 };
    }
    return undefined;
  };
  const first = open(value);
  if (first) stack.push(first);
  while (stack.length) {
    const f = stack[stack.length - 1];
    const count = f.keys ? f.keys.length : (f.v as unknown[]).length;
    if (f.next >= count) {
      stack.pop();
      continue;
    }
    let child: unknown;
    if (f.keys) {
      const k = f.keys[f.next];
      total += quotedLength(k) + (indent ? 2 : 1);
      child = (f.v as Record<string, unknown>)[k];
    } else child = (f.v as unknown[])[f.next];
    f.next++;
    const frame = open(child);
    if (frame) stack.push(frame);
  }
  return total;
}
