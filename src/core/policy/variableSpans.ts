/**
 * `${…}` spans of a string, found in one pass. They are what `/\$\{[^}]*\}/g` matches: from a `${`
 * to the first `}` after it. The regular expression is quadratic on a run of `${` with no `}`
 * (it rescans to the end of the string at every `${`); this scan reads each character at most
 * twice, because when no `}` follows one `${`, none follows any later one either.
 */
export interface VariableSpan {
  /** Offset of the `$`. */
  start: number;
  /** Offset just past the `}`. */
  end: number;
  /** The text between `${` and `}`. */
  inner: string;
}

/** Every closed `${…}` span of `s`, left to right, not overlapping. */
export function variableSpans(s: string, limit = Infinity): VariableSpan[] {
  const out: VariableSpan[] = [];
  let from = 0;
  while (out.length < limit) {
    const start = s.indexOf('${', from);
    if (start < 0) break;
    const close = s.indexOf('}', start + 2);
    if (close < 0) break;
    out.push({ start, end: close + 1, inner: s.slice(start + 2, close) });
    from = close + 1;
  }
  return out;
}

/** `s` with each closed `${…}` span replaced by `replace(inner)`; as `s.replace(/\$\{([^}]*)\}/g, …)`. */
export function replaceVariables(s: string, replace: (inner: string) => string): string {
  if (!s.includes('${')) return s;
  let out = '';
  let at = 0;
  for (const v of variableSpans(s)) {
    out += s.slice(at, v.start) + replace(v.inner);
    at = v.end;
  }
  return out + s.slice(at);
}

/** The text between the closed `${…}` spans of `s`; as `s.split(/\$\{[^}]*\}/)`. */
export function splitAtVariables(s: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const v of variableSpans(s)) {
    out.push(s.slice(at, v.start));
    at = v.end;
  }
  out.push(s.slice(at));
  return out;
}

/** Whether `s` holds a closed `${…}` span. */
export function hasVariableSpan(s: string): boolean {
  return variableSpans(s, 1).length > 0;
}

/**
 * `s` without its first placeholder, a closed `${…}` span or `<key>` in any case: the start of a
 * key name the service data writes as a template (aws:RequestTag/${TagKey}). As
 * `s.replace(/\$\{[^}]*\}|<key>/i, '')`, without the regex's rescanning of a long run of `${`.
 */
export function withoutFirstPlaceholder(s: string): string {
  const span = variableSpans(s, 1)[0];
  const word = s.toLowerCase().indexOf('<key>');
  if (!span && word < 0) return s;
  const [start, end] = span && (word < 0 || span.start < word) ? [span.start, span.end] : [word, word + 5];
  return s.slice(0, start) + s.slice(end);
}
