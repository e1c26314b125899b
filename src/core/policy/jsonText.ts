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
