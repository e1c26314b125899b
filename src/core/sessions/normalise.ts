/**
 * Undoes the encodings a credential can hide behind in a log or a message, in one left-to-right
 * pass whose every step looks a bounded distance ahead (or consumes what it looks at), so the time
 * is linear in the text. The result is only searched, never shown: each character of it remembers
 * the range of the original text it came from, so that a credential found in the decoded text is
 * removed from the original.
 *
 * Undone: percent-encoding (any character, twice-encoded `%25XX`, UTF-8 sequences), `\uXXXX`,
 * `\\uXXXX`, `\xXX` and `\/` escapes, HTML character references (`&#65;`, `&#x41;`, common names),
 * ANSI escape sequences and zero-width characters that split a value, and long runs of hex or
 * base64/base64url whose decoded bytes are printable text (a credential encoded whole).
 */

export interface Normalised {
  readonly text: string;
  /** For each character of `text`, where its source starts and ends in the original. */
  readonly start: readonly number[];
  readonly end: readonly number[];
}

/** Zero-width and invisible formatting characters that can split a credential without showing. */
function isInvisible(c: number): boolean {
  return c === 0x00ad || c === 0x034f || c === 0x180e || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The number written by `count` hex digits at `i`, or -1. */
function hexAt(text: string, i: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const h = hexValue(text.charCodeAt(i + k));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

const NAMED_ENTITIES: Record<string, number> = { amp: 38, lt: 60, gt: 62, quot: 34, apos: 39, plus: 43, sol: 47, equals: 61, nbsp: 32, colon: 58, num: 35, percnt: 37 };
const MAX_ENTITY = 10;

/** A percent-encoded byte at `i` (`%XX` or `%25XX`) as [byte, raw length], or undefined. */
function percentByte(text: string, i: number): [number, number] | undefined {
  if (text.charCodeAt(i) !== 37) return undefined;
  const b = hexAt(text, i + 1, 2);
  if (b === 0x25) {
    const inner = hexAt(text, i + 3, 2);
    if (inner >= 0) return [inner, 5];
  }
  return b >= 0 ? [b, 3] : undefined;
}

/** One encoded character at `i` as [code point, raw length], or undefined when nothing is encoded there. */
function encodedAt(text: string, i: number): [number, number] | undefined {
  const c = text.charCodeAt(i);
  if (c === 37 /* % */) {
    const first = percentByte(text, i);
    if (!first) return undefined;
    const [b, len] = first;
    if (b < 0x80) return first;
    // A UTF-8 sequence of percent-encoded bytes: 2 to 4 bytes.
    const more = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    let cp = b & (more === 3 ? 0x07 : more === 2 ? 0x0f : 0x1f);
    let j = i + len;
    for (let k = 0; k < more; k++) {
      const next = percentByte(text, j);
      if (!next || (next[0] & 0xc0) !== 0x80) return first;
      cp = (cp << 6) | (next[0] & 0x3f);
      j += next[1];
    }
    return more && cp <= 0x10ffff ? [cp, j - i] : first;
  }
  if (c === 92 /* \ */) {
    let j = i + 1;
    if (text.charCodeAt(j) === 92) j++; // a doubly escaped \\uXXXX
    const kind = text.charCodeAt(j);
    if (kind === 117 /* u */) {
      const v = hexAt(text, j + 1, 4);
      if (v >= 0) return [v, j + 5 - i];
    } else if (kind === 120 /* x */) {
      const v = hexAt(text, j + 1, 2);
      if (v >= 0) return [v, j + 3 - i];
    } else if (kind === 47 /* / */) {
      return [47, j + 1 - i];
    }
    return undefined;
  }
  if (c === 38 /* & */) {
    // The ';' is looked for within an entity's length only: a text of many '&' and no ';' stays linear.
    let semi = -1;
    for (let j = i + 1; j < text.length && j - i <= MAX_ENTITY; j++) {
      if (text.charCodeAt(j) === 59) {
        semi = j;
        break;
      }
    }
    if (semi < 0) return undefined;
    const body = text.slice(i + 1, semi);
    let v = -1;
    if (body.startsWith('#x') || body.startsWith('#X')) v = /^[0-9a-f]{1,6}$/i.test(body.slice(2)) ? parseInt(body.slice(2), 16) : -1;
    else if (body.startsWith('#')) v = /^\d{1,7}$/.test(body.slice(1)) ? Number(body.slice(1)) : -1;
    else v = NAMED_ENTITIES[body.toLowerCase()] ?? -1;
    return v >= 0 && v <= 0x10ffff ? [v, semi + 1 - i] : undefined;
  }
  return undefined;
}

/** Length of an ANSI escape sequence (CSI, OSC, or ESC + one character) starting right after ESC at `i`, bounded. */
function ansiTail(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 91 /* [ */) {
    for (let j = i + 1; j < i + 40 && j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d >= 0x40 && d <= 0x7e) return j + 1 - i;
      if (d < 0x20 || d > 0x3f) return 0;
    }
    return 0;
  }
  if (c === 93 /* ] */) {
    for (let j = i + 1; j < i + 256 && j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 7) return j + 1 - i;
      if (d === 27 && text.charCodeAt(j + 1) === 92) return j + 2 - i;
    }
    return 0;
  }
  return c >= 0x40 && c <= 0x5f ? 1 : 0;
}

function isHex(c: number): boolean {
  return hexValue(c) >= 0;
}

function isBase64Url(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95;
}

function base64Value(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 43 || c === 45) return 62;
  if (c === 47 || c === 95) return 63;
  return -1;
}

/** Runs shorter than this are not decoded: a credential encoded whole is longer. */
const MIN_ENCODED_RUN = 32;

function printable(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return s.length > 0;
}

function decodeHexRun(run: string): string | undefined {
  if (run.length % 2) return undefined;
  let out = '';
  for (let k = 0; k < run.length; k += 2) out += String.fromCharCode(hexAt(run, k, 2));
  return printable(out) ? out : undefined;
}

function decodeBase64Run(run: string): string | undefined {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (let k = 0; k < run.length; k++) {
    acc = (acc << 6) | base64Value(run.charCodeAt(k));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
      acc &= (1 << bits) - 1;
    }
  }
  return printable(out) ? out : undefined;
}

/** The decoded form of `text`, or undefined when nothing in it is encoded (the common case, kept cheap). */
export function normalise(text: string): Normalised | undefined {
  let out = '';
  const start: number[] = [];
  const end: number[] = [];
  let changed = false;
  const emit = (s: string, from: number, to: number) => {
    out += s;
    for (let k = 0; k < s.length; k++) {
      start.push(from);
      end.push(to);
    }
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 27 || c === 0x9b) {
      const tail = c === 0x9b ? ansiTail(text, i) || 0 : ansiTail(text, i + 1);
      changed = true;
      i += c === 0x9b ? Math.max(1, tail) : 1 + tail;
      continue;
    }
    if (isInvisible(c)) {
      changed = true;
      i++;
      continue;
    }
    const enc = encodedAt(text, i);
    if (enc) {
      const [cp, len] = enc;
      changed = true;
      if (cp === 27) {
        // An escaped ESC starts an escaped ANSI sequence: skip the literal rest of it.
        i += len + ansiTail(text, i + len);
        continue;
      }
      if (!isInvisible(cp)) emit(String.fromCodePoint(cp), i, i + len);
      i += len;
      continue;
    }
    if (isBase64Url(c)) {
      // A run is consumed whole: decoded when it is long and decodes to text, copied otherwise.
      let j = i;
      let allHex = true;
      while (j < n && isBase64Url(text.charCodeAt(j))) {
        if (allHex && !isHex(text.charCodeAt(j))) allHex = false;
        j++;
      }
      let pad = j;
      while (pad < n && pad - j < 2 && text.charCodeAt(pad) === 61) pad++;
      const run = text.slice(i, j);
      const long = run.length >= MIN_ENCODED_RUN;
      const decoded = !long ? undefined : allHex ? decodeHexRun(run) : decodeBase64Run(run);
      // A credential written in the base64url alphabet (- and _ for + and /) is also read in the usual one.
      const urlAlphabet = long && /[-_]/.test(run) ? run.replace(/-/g, '+').replace(/_/g, '/') : undefined;
      emit(run, i, j); // the run as written, for what it may be itself
      if (decoded || urlAlphabet) {
        changed = true;
        if (urlAlphabet) emit(` ${urlAlphabet}`, i, j);
        if (decoded) emit(` ${decoded}`, i, pad); // and what it encodes
        i = decoded ? pad : j;
      } else {
        i = j;
      }
      continue;
    }
    emit(text[i], i, i + 1);
    i++;
  }
  return changed ? { text: out, start, end } : undefined;
}
