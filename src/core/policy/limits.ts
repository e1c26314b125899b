/**
 * Limits on what is parsed as a policy. IAM's own quotas are a few KB (6,144 characters for a
 * managed policy, 10,240 for a role's inline policies, 20,480 for the largest resource policies),
 * and a real policy nests about six levels deep (Statement, statement, Condition, operator, key,
 * values). Documents far beyond either are not policies, and parsing them as trees costs time and
 * stack: they get one finding that says so, found by a linear scan that neither recurses nor
 * allocates per character.
 */

/** Deepest nesting of objects and arrays parsed; ten times what a real policy uses. */
export const MAX_POLICY_NESTING = 64;
/** Largest document checked, in characters: fifty times IAM's largest policy quota. */
export const MAX_POLICY_TEXT_LENGTH = 1024 * 1024;
/**
 * Largest policy file read, in bytes: a character (a UTF-16 code unit) takes at most three bytes of
 * UTF-8, so a larger file holds more than MAX_POLICY_TEXT_LENGTH characters and is not read whole.
 */
export const MAX_POLICY_FILE_BYTES = 3 * MAX_POLICY_TEXT_LENGTH;

/** Calls `visit` for every `{` and `[` outside strings and comments, with the depth it opens, until `visit` returns false. */
function scanBrackets(text: string, visit: (offset: number, depth: number, close: boolean) => boolean): void {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === 123 || c === 91) {
      depth++;
      if (!visit(i, depth, false)) return;
    } else if (c === 125 || c === 93) {
      if (depth > 0 && !visit(i, depth, true)) return;
      if (depth > 0) depth--;
    }
  }
}

/** Offset of the first `{` or `[` that opens a level deeper than `max`, or -1. */
export function excessiveNestingAt(text: string, max = MAX_POLICY_NESTING): number {
  let at = -1;
  scanBrackets(text, (offset, depth, close) => {
    if (close || depth <= max) return true;
    at = offset;
    return false;
  });
  return at;
}

/**
 * `text` with every object or array deeper than `max` replaced by `0` and spaces (line breaks
 * kept), so a tree parser sees at most `max` levels and every offset outside stays the same.
 */
export function flattenDeepNesting(text: string, max = MAX_POLICY_NESTING): string {
  if (excessiveNestingAt(text, max) < 0) return text;
  let out = '';
  let copied = 0;
  let open = -1;
  scanBrackets(text, (offset, depth, close) => {
    if (!close && depth === max + 1 && open < 0) open = offset;
    else if (close && depth === max + 1 && open >= 0) {
      out += text.slice(copied, open) + blank(text, open, offset + 1);
      copied = offset + 1;
      open = -1;
    }
    return true;
  });
  if (open >= 0) {
    out += text.slice(copied, open) + blank(text, open, text.length);
    copied = text.length;
  }
  return out + text.slice(copied);
}

/** `0` then spaces for text[start, end), keeping its line breaks. */
function blank(text: string, start: number, end: number): string {
  return '0' + text.slice(start + 1, end).replace(/[^\r\n]/g, ' ');
}
