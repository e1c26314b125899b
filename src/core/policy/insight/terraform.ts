import { JsonBuilder } from './sourceMap';

/**
 * Translates the HCL object or tuple expression that starts at `start` (as in `jsonencode({...})`)
 * into JSON, keeping a map back to the host file. Template expressions (references, function
 * calls, interpolated strings) become placeholder strings and are reported as opaque.
 * Returns undefined when the text is not an expression this translator understands.
 */
export function hclToJson(text: string, start: number): { json: JsonBuilder; end: number } | undefined {
  const out = new JsonBuilder();
  let i = start;

  const skip = (newlines: boolean): void => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) i++;
      else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? text.length : e + 2;
      } else return;
    }
  };

  /** Skips a whole expression (balanced brackets, strings), returning its end. */
  const skipExpression = (): number => {
    let depth = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        readRawString();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if ((c === ',' || c === '\n') && depth === 0) break;
      i++;
    }
    let end = i;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    return end;
  };

  /** Reads a quoted string starting at i; returns its content range and whether it interpolates. */
  const readRawString = (): { start: number; end: number; interpolated: boolean } => {
    const s = ++i;
    let interpolated = false;
    let depth = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (depth === 0 && c === '"') break;
      if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) {
        interpolated = true;
        depth++;
        i += 2;
        continue;
      }
      if (depth > 0 && c === '}') depth--;
      else if (depth > 0 && c === '"') {
        // A quoted string inside an interpolation.
        i++;
        while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      }
      i++;
    }
    const e = i;
    i++;
    return { start: s, end: e, interpolated };
  };

  const string = (): void => {
    const quote = i;
    const r = readRawString();
    if (r.interpolated) {
      out.placeholder(quote, r.end + 1, 'template');
      return;
    }
    out.copy('"', quote);
    // `$${` is HCL's escape for a literal `${`: drop one `$` and keep the rest mapped.
    let from = r.start;
    for (let k = r.start; k < r.end; k++) {
      if (text[k] === '$' && text[k + 1] === '$' && text[k + 2] === '{') {
        out.copy(text.slice(from, k), from);
        from = k + 1;
        k++;
      }
    }
    out.copy(text.slice(from, r.end), from);
    out.copy('"', r.end);
  };

  const value = (): boolean => {
    skip(true);
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return tuple();
    if (c === '"') {
      string();
      return true;
    }
    const s = i;
    const word = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![\w.(\[])/.exec(text.slice(i, i + 40));
    if (word) {
      out.copy(word[0], s);
      i += word[0].length;
      return true;
    }
    if (!c || c === '}' || c === ']' || c === ',') return false;
    const end = skipExpression();
    out.placeholder(s, end, 'expression');
    return true;
  };

  const key = (): boolean => {
    skip(true);
    if (text[i] === '"') {
      string();
      return true;
    }
    const m = /^[A-Za-z_][\w-]*/.exec(text.slice(i, i + 200));
    if (!m) return false;
    out.placeholderFree('"', i);
    out.copy(m[0], i);
    out.placeholderFree('"', i + m[0].length);
    i += m[0].length;
    return true;
  };

  const object = (): boolean => {
    out.copy('{', i++);
    let first = true;
    for (;;) {
      skip(true);
      if (text[i] === '}') {
        out.copy('}', i++);
        return true;
      }
      if (i >= text.length) return false;
      if (!first) out.emit(',');
      first = false;
      if (!key()) return false;
      skip(false);
      if (text[i] !== '=' && text[i] !== ':') return false;
      out.copy(':', i++);
      if (!value()) return false;
      skip(false);
      if (text[i] === ',') i++;
    }
  };

  const tuple = (): boolean => {
    out.copy('[', i++);
    let first = true;
    for (;;) {
      skip(true);
      if (text[i] === ']') {
        out.copy(']', i++);
        return true;
      }
      if (i >= text.length) return false;
      if (!first) out.emit(',');
      first = false;
      if (!value()) return false;
      skip(true);
      if (text[i] === ',') i++;
    }
  };

  skip(true);
  if (text[i] !== '{' && text[i] !== '[') return undefined;
  return value() ? { json: out, end: i } : undefined;
}
