// Whether one wildcard pattern matches everything another matches, read from the two patterns'
// text: what the access diff needs to call a Resource or a condition value "no wider" than another.
// Matching one pattern's text against the other as if it were a name is not enough: `a?c` matches
// the text `a*c`, yet `a*c` matches `abbc` and `a?c` does not.
import { splitArnCached } from '../../policy/checks/arnFormats';

/**
 * A pattern as a list of tokens: `*` is STAR, `?` is ONE, `${*}`, `${?}` and `${$}` are the letters
 * they stand for, another `${…}` is one opaque token (a policy variable: it stands for its value,
 * whatever that is), and any other character is itself. Only letters are one character long.
 */
const STAR = '\u0000*';
const ONE = '\u0000?';

/** Tokens of a pattern; one pass, each `${` closed by the next `}` or taken as letters. */
function tokens(pattern: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out.push(STAR);
    else if (c === '?') out.push(ONE);
    else if (c === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end < 0) {
        out.push(c);
        continue;
      }
      const inside = pattern.slice(i + 2, end);
      out.push(inside === '*' || inside === '?' || inside === '$' ? inside : `\u0000$${inside}`);
      i = end;
    } else out.push(c);
  }
  return out;
}

/** Most token comparisons one cover spends; past it the answer is "not covered", the careful one. */
const STEP_LIMIT = 1 << 22;

/**
 * Whether every text `narrow` matches is matched by `broad` (case-sensitively): `broad`'s `*`
 * takes any run of `narrow`'s tokens, its `?` one letter or `?` of `narrow` (never a `*` or a
 * variable, which may stand for more than one letter), and anything else only itself. One greedy
 * pass that returns to the last `*` on a mismatch, as wildcard matching does: at most the product
 * of the lengths, and bounded by STEP_LIMIT.
 */
export function globCovers(broad: string, narrow: string): boolean {
  if (broad === narrow || broad === '*') return true;
  const b = tokens(broad);
  const n = tokens(narrow);
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  let steps = 0;
  while (j < n.length) {
    if (++steps > STEP_LIMIT) return false;
    if (i < b.length) {
      const bt = b[i];
      if (bt === STAR) {
        star = i++;
        mark = j;
        continue;
      }
      const nt = n[j];
      if (bt === nt || (bt === ONE && (nt.length === 1 || nt === ONE))) {
        i++;
        j++;
        continue;
      }
    }
    if (star < 0) return false;
    i = star + 1;
    j = ++mark;
  }
  while (i < b.length && b[i] === STAR) i++;
  return i === b.length;
}

/**
 * Whether Resource pattern `broad` matches every resource `narrow` does, as the engine matches
 * them: two ARNs field by field, a pattern that is no whole ARN against the whole text.
 */
export function resourcePatternCovers(broad: string, narrow: string): boolean {
  if (broad === '*' || broad === narrow) return true;
  if (narrow === '*') return false;
  const b = splitArnCached(broad);
  const n = splitArnCached(narrow);
  // A field-by-field pattern cannot be compared with one matched as a whole text.
  if (b && !n) return false;
  if (!b || !n) return globCovers(broad, narrow);
  return globCovers(b.partition, n.partition) && globCovers(b.service, n.service) && globCovers(b.region, n.region) && globCovers(b.account, n.account) && globCovers(b.resource, n.resource);
}

/**
 * Whether condition value `broad` matches every request value `narrow` does under the positive
 * operator `base`: patterns for StringLike, ARNs field by field for ArnLike and ArnEquals (a value
 * that is no ARN matches nothing there), the text itself for the others.
 */
export function conditionValueCovers(base: string, broad: string, narrow: string): boolean {
  if (broad === narrow) return true;
  if (base === 'StringLike') return globCovers(broad, narrow);
  if (base === 'ArnLike' || base === 'ArnEquals') {
    const n = splitArnCached(narrow);
    if (!n) return true;
    const b = splitArnCached(broad);
    return !!b && globCovers(b.partition, n.partition) && globCovers(b.service, n.service) && globCovers(b.region, n.region) && globCovers(b.account, n.account) && globCovers(b.resource, n.resource);
  }
  return false;
}
