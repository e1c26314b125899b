/**
 * Finds the anchors that lead to an encoded authorization failure message: the phrase
 * "Encoded authorization failure message:" (hard-wrapped anywhere by a terminal) and the field
 * and flag names of JSON, XML and the CLI. A hand-written scanner rather than regular
 * expressions: the separators it skips (spaces, line breaks, gutters, quote marks) overlap, and
 * a backtracking regex over them takes exponential time or overflows its stack on long runs of
 * whitespace. Every function here moves forward only, so a scan is linear in its input.
 */

export interface Anchor {
  readonly kind: 'phrase' | 'field';
  /** Offset of the anchor's first character. */
  readonly start: number;
  /** Offset just past the anchor and what separates it from the message (":", spaces, a quote). */
  readonly end: number;
}

const PHRASE_WORDS = ['encoded', 'authorization', 'failure', 'message'];

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Space, tab or no-break space (browsers copy some spaces as the latter). */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

function isGutter(c: number): boolean {
  return c === 0x2502 || c === 0x2503 || c === 0x2551; // │ ┃ ║
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Offset just past a line break at `at` and what terminals and tools put before continued text:
 * indentation, Terraform's box-drawing gutter ("│ ") or the quote marks of Markdown and mail
 * ("> ", "> > "); -1 when there is no line break at `at`.
 */
export function breakEnd(text: string, at: number): number {
  let i = at;
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) !== 10) return -1;
  i++;
  while (isSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (isGutter(c)) {
    i++;
    while (isSpace(text.charCodeAt(i))) i++;
  } else {
    while (text.charCodeAt(i) === 62) {
      i++;
      while (isSpace(text.charCodeAt(i))) i++;
    }
  }
  return i;
}

/** `text` with every line break and its continuation blanked to spaces, so offsets stay valid. */
export function blankBreaks(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const from = i > 0 && text.charCodeAt(i - 1) === 13 && i - 1 >= copied ? i - 1 : i;
    const end = breakEnd(text, from);
    out += text.slice(copied, from) + ' '.repeat(end - from);
    copied = end;
    i = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Offset past ASCII `word` matched case-insensitively at `at`, or -1. */
function matchWord(text: string, at: number, word: string): number {
  if (at + word.length > text.length) return -1;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(at + k);
    const w = word.charCodeAt(k);
    if (c !== w && !(w >= 97 && w <= 122 && c === w - 32)) return -1;
  }
  return at + word.length;
}

/** Offset past one ASCII letter equal to `w` (lower case) in either case at `at`, or -1. */
function matchLetter(text: string, at: number, w: number): number {
  const c = text.charCodeAt(at);
  return c === w || (w >= 97 && w <= 122 && c === w - 32) ? at + 1 : -1;
}

/** Offset past a quote mark as it appears raw or JSON-escaped once or twice (up to three backslashes), or -1. */
function quoteEnd(text: string, at: number): number {
  let i = at;
  while (i - at < 3 && text.charCodeAt(i) === 92) i++;
  return isQuote(text.charCodeAt(i)) ? i + 1 : -1;
}

/** Offset past spaces, line breaks with their continuation, and backslash-escaped line breaks. */
function separatorEnd(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      i++;
      continue;
    }
    const escaped = c === 92 ? breakEnd(text, i + 1) : -1;
    const next = escaped >= 0 ? escaped : breakEnd(text, i);
    if (next < 0) return i;
    i = next;
  }
}

/** Offset past `[ \t]*[:=]` and the separator and optional quote after it, or -1. */
function assignmentEnd(text: string, at: number): number {
  let i = at;
  while (isSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c !== 58 && c !== 61) return -1;
  i = separatorEnd(text, i + 1);
  const q = quoteEnd(text, i);
  return q >= 0 ? q : i;
}

/** The phrase, its words split by blanks or line breaks and any letter pair split by a line break. */
function phraseEnd(text: string, at: number): number {
  let i = at;
  for (let w = 0; w < PHRASE_WORDS.length; w++) {
    const word = PHRASE_WORDS[w];
    if (w > 0) {
      const before = i;
      for (;;) {
        if (isBlank(text.charCodeAt(i))) i++;
        else {
          const b = breakEnd(text, i);
          if (b < 0) break;
          i = b;
        }
      }
      if (i === before) return -1;
    }
    for (let k = 0; k < word.length; k++) {
      if (k > 0) {
        const b = breakEnd(text, i);
        if (b >= 0) i = b;
      }
      i = matchLetter(text, i, word.charCodeAt(k));
      if (i < 0) return -1;
    }
  }
  return i;
}

/** "Encoded authorization failure message" then an optional quote, ":" or "=", and what separates the message. */
function phraseAnchorEnd(text: string, at: number): number {
  const p = phraseEnd(text, at);
  return p < 0 ? -1 : nameAssignmentEnd(text, p);
}

/** After a name: an optional closing quote, then ":" or "=" (see `assignmentEnd`). */
function nameAssignmentEnd(text: string, at: number): number {
  const q = quoteEnd(text, at);
  const quoted = q >= 0 ? assignmentEnd(text, q) : -1;
  return quoted >= 0 ? quoted : assignmentEnd(text, at);
}

/** `encoded_message`, `encoded-message` or `EncodedMessage` as a whole word, optionally quoted, then ":" or "=". */
function fieldNameEnd(text: string, at: number): number {
  let i = matchWord(text, at, 'encoded');
  if (i < 0) return -1;
  const c = text.charCodeAt(i);
  if (c === 95 || c === 45) i++;
  i = matchWord(text, i, 'message');
  return i < 0 ? -1 : nameAssignmentEnd(text, i);
}

function fieldAnchorEnd(text: string, at: number): number {
  if (at === 0 || !isWordChar(text.charCodeAt(at - 1))) {
    const q = quoteEnd(text, at);
    const quoted = q >= 0 ? fieldNameEnd(text, q) : -1;
    if (quoted >= 0) return quoted;
    const bare = fieldNameEnd(text, at);
    if (bare >= 0) return bare;
  }
  const tag = matchWord(text, at, '<encodedmessage>');
  if (tag >= 0) return tag;
  // The CLI flag: --encoded-message=VALUE or --encoded-message VALUE, the value perhaps quoted.
  const flag = matchWord(text, at, '--encoded-message');
  if (flag < 0) return -1;
  if (text.charCodeAt(flag) === 61) {
    const q = quoteEnd(text, flag + 1);
    return q >= 0 ? q : flag + 1;
  }
  const s = separatorEnd(text, flag);
  const q = quoteEnd(text, s);
  if (q >= 0) return q;
  // Without a separator the flag is glued to other text ("--encoded-messages"), not followed by a value.
  return s > flag ? s : -1;
}

/** Every anchor of one kind, left to right; a search resumes after each anchor found, as a global regex would. */
export function findAnchors(text: string, kind: Anchor['kind']): Anchor[] {
  const out: Anchor[] = [];
  const at = kind === 'phrase' ? phraseAnchorEnd : fieldAnchorEnd;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    // Only these characters can start an anchor: e/E, a quote or backslash, "<", "-".
    if (kind === 'phrase' ? c !== 101 : c !== 101 && c !== 0x7c && !isQuote(text.charCodeAt(i)) && c !== 0x3c && c !== 0x2d) continue;
    const end = at(text, i);
    if (end < 0) continue;
    out.push({ kind, start: i, end });
    i = end - 1;
  }
  return out;
}
