/**
 * Removes credentials from text before it is shown or logged, by what they look like: session
 * tokens (raw, URL-encoded, JSON-escaped, wrapped across lines), 40-character secret keys, access
 * key IDs, JWTs, presigned-URL parameters, and values named like secrets. The text is searched as
 * written and once more as decoded by normalise.ts (percent-encoding, escapes, HTML entities, hex,
 * base64url, ANSI codes and zero-width characters), and what is found in either is cut from the
 * original. One pass over the text finds runs of base64 characters; the remaining patterns are
 * regexes without nested quantifiers, so the time is linear in the text whatever it holds.
 */
import { normalise } from './normalise';

export const REDACTED = '[redacted]';

/** How session tokens STS has issued begin (base64 of their fixed header). */
const TOKEN_PREFIXES = ['IQoJb3JpZ2lu', 'FwoGZXIvYXdz', 'FQoGZXIvYXdz', 'AQoDYXdz', 'AQoEXAMPLE'];

/** A wrapped token's lines are at least this long; shorter pieces are words, not a wrap. */
const MIN_WRAPPED_LINE = 16;
/** Secret access keys are 40 characters; anything random-looking that long is treated as one. */
const SECRET_LENGTH = 40;
/** Runs this long that mix letter cases and digits are tokens or keys of some kind. */
const LONG_RUN = 60;
/** Case or digit changes in 40 characters: random base64 has about 24, CamelCase words under 8. */
const MIN_CHANGES_IN_SECRET = 10;

const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
const SYMBOL = 4;

function classOf(c: number): number {
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 48 && c <= 57) return DIGIT;
  if (c === 43 || c === 47) return SYMBOL;
  return 0;
}

/**
 * The base64 character encoded at `i` (raw, `%2B`/`%2F`, `%252B`/`%252F`, `\/`, `\u002B`/`\u002F`)
 * as [decoded char code, raw length], or undefined.
 */
function base64At(text: string, i: number): [number, number] | undefined {
  const c = text.charCodeAt(i);
  if (classOf(c) !== 0) return [c, 1];
  if (c === 37 /* % */) {
    const hex = text.slice(i + 1, i + 3).toUpperCase();
    if (hex === '2B') return [43, 3];
    if (hex === '2F') return [47, 3];
    if (hex === '25') {
      const inner = text.slice(i + 3, i + 5).toUpperCase();
      if (inner === '2B') return [43, 5];
      if (inner === '2F') return [47, 5];
    }
    return undefined;
  }
  if (c === 92 /* \ */) {
    if (text.charCodeAt(i + 1) === 47) return [47, 2];
    const u = text.slice(i + 1, i + 6).toLowerCase();
    if (u === 'u002b') return [43, 6];
    if (u === 'u002f') return [47, 6];
  }
  return undefined;
}

/** Length of a line break (with trailing and leading blanks) between two pieces of a wrapped run at `i`, or 0. */
function wrapAt(text: string, i: number): number {
  let j = i;
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  if (text.charCodeAt(j) === 92 && text.charCodeAt(j + 1) !== 110 && text.charCodeAt(j + 1) !== 114) j++; // shell continuation
  let breaks = 0;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === 13 || c === 10) {
      j += c === 13 && text.charCodeAt(j + 1) === 10 ? 2 : 1;
      breaks++;
    } else if (c === 92 && (text.charCodeAt(j + 1) === 110 || text.charCodeAt(j + 1) === 114)) {
      j += 2; // a JSON-escaped \n or \r
      breaks++;
    } else break;
    if (breaks > 2) return 0;
  }
  if (!breaks) return 0;
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  return j - i;
}

interface Run {
  /** Raw [start, end) ranges, one per line of a wrapped run. */
  readonly pieces: [number, number][];
  decoded: string;
}

function looksLikeCredential(decoded: string): boolean {
  const n = decoded.length;
  if (n >= 20 && TOKEN_PREFIXES.some((p) => decoded.includes(p))) return true;
  if (n < SECRET_LENGTH) return false;
  if (n === SECRET_LENGTH) return true;
  let upper = false;
  let lower = false;
  let other = false;
  for (let k = 0; k < n; k++) {
    const cls = classOf(decoded.charCodeAt(k));
    if (cls === UPPER) upper = true;
    else if (cls === LOWER) lower = true;
    else other = true;
  }
  if (!(upper && lower && other)) return false;
  if (n >= LONG_RUN) return true;
  // 41–59 characters: a secret key somewhere inside, if some 40-character window changes case often.
  const change = new Uint8Array(n);
  for (let k = 1; k < n; k++) {
    const a = classOf(decoded.charCodeAt(k - 1));
    const b = classOf(decoded.charCodeAt(k));
    change[k] = a !== b && a !== SYMBOL && b !== SYMBOL ? 1 : 0;
  }
  let inWindow = 0;
  for (let k = 1; k < n; k++) {
    inWindow += change[k];
    if (k >= SECRET_LENGTH) inWindow -= change[k - SECRET_LENGTH + 1];
    if (inWindow >= MIN_CHANGES_IN_SECRET) return true;
  }
  return false;
}

/** A range of the text to replace. */
interface Cut {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** Finds runs of base64 characters, joining lines of a wrapped run, and cuts those that look like credentials. */
function runCuts(text: string, cuts: Cut[]): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Runs are consumed whole, so a base64 character here starts one.
    if (!base64At(text, i)) {
      i++;
      continue;
    }
    const run: Run = { pieces: [], decoded: '' };
    let start = i;
    let pieceLength = 0;
    for (;;) {
      const ch = base64At(text, i);
      if (ch) {
        run.decoded += String.fromCharCode(ch[0]);
        pieceLength++;
        i += ch[1];
        continue;
      }
      const wrap = pieceLength >= MIN_WRAPPED_LINE ? wrapAt(text, i) : 0;
      if (wrap && base64At(text, i + wrap)) {
        run.pieces.push([start, i]);
        i += wrap;
        start = i;
        pieceLength = 0;
        continue;
      }
      run.pieces.push([start, i]);
      break;
    }
    if (looksLikeCredential(run.decoded)) for (const [s, e] of run.pieces) cuts.push({ from: s, to: e, text: REDACTED });
  }
}

const KEY_ID = /(?<![A-Za-z0-9])(AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|APKA|ABIA|ACCA|AIPA|ASCA)[A-Z0-9]{12}([A-Z0-9]{4})(?![A-Za-z0-9])/g;
const JWT = /(?<![\w-])eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
const NAMED_SECRET = /(aws_secret_access_key|aws_session_token|aws_security_token|secretaccesskey|secret_access_key|sessiontoken|session_token|securitytoken|security-token|x-amz-credential|x-amz-signature|token|secret|password)(\\?["']?[ \t]*(?:[:=]|%3D)[ \t]*\\?["']?)(?:(?!%26)[^\s"',;&\\<])+/gi;
const MFA_CODE = /(TokenCode=|tokencode["']?[ \t]*:[ \t]*["']?|mfa[_-]?code["']?[ \t]*[:=][ \t]*["']?)\d{6}(?!\d)/gi;

/** Everything in `text` that looks like a credential, as ranges to replace. */
function cutsIn(text: string): Cut[] {
  const cuts: Cut[] = [];
  for (const m of text.matchAll(JWT)) cuts.push({ from: m.index, to: m.index + m[0].length, text: REDACTED });
  runCuts(text, cuts);
  // An access key ID keeps its kind and last four characters.
  for (const m of text.matchAll(KEY_ID)) cuts.push({ from: m.index + 4, to: m.index + 16, text: '…' });
  for (const m of text.matchAll(NAMED_SECRET)) {
    const from = m.index + m[1].length + m[2].length;
    cuts.push({ from, to: m.index + m[0].length, text: REDACTED });
  }
  for (const m of text.matchAll(MFA_CODE)) cuts.push({ from: m.index + m[1].length, to: m.index + m[0].length, text: REDACTED });
  return cuts;
}

/** Replaces the cuts; overlapping or nested cuts become one [redacted]. */
function applyCuts(text: string, cuts: Cut[]): string {
  if (!cuts.length) return text;
  cuts.sort((a, b) => a.from - b.from || b.to - a.to);
  const out: string[] = [];
  let copied = 0;
  let k = 0;
  while (k < cuts.length) {
    let { from, to, text: replacement } = cuts[k++];
    while (k < cuts.length && cuts[k].from < to) {
      to = Math.max(to, cuts[k].to);
      replacement = REDACTED;
      k++;
    }
    if (from < copied) from = copied;
    out.push(text.slice(copied, from), replacement);
    copied = Math.max(copied, to);
  }
  out.push(text.slice(copied));
  return out.join('');
}

/** Removes anything that looks like a credential from text before it is shown or logged. */
export function redactSecrets(text: string): string {
  const cuts = cutsIn(text);
  const decoded = normalise(text);
  if (decoded) {
    // What only the decoded text shows is cut from the whole encoded stretch it came from.
    for (const c of cutsIn(decoded.text)) {
      const from = decoded.start[c.from];
      const to = decoded.end[c.to - 1];
      // Text that was not encoded keeps its usual replacement (an access key ID keeps its kind and last four).
      const same = text.slice(from, to) === decoded.text.slice(c.from, c.to);
      cuts.push({ from, to, text: same ? c.text : REDACTED });
    }
  }
  return applyCuts(text, cuts.filter((c) => c.to > c.from));
}

/**
 * True for a short piece of text that could be part of a credential: a line of a wrapped session
 * token, or a secret where a name was expected. Setting names and words change case or between
 * letters and digits rarely; base64 does it at almost every character.
 */
export function looksLikeSecretFragment(text: string): boolean {
  if (redactSecrets(text) !== text) return true;
  if (text.length < 12 || !/^[A-Z0-9+/=]+$/i.test(text)) return false;
  if (/[+/]/.test(text) || /=$/.test(text)) return true;
  let changes = 0;
  for (let k = 1; k < text.length; k++) {
    const a = classOf(text.charCodeAt(k - 1));
    const b = classOf(text.charCodeAt(k));
    if (a !== b) changes++;
  }
  return changes >= Math.max(4, 0.45 * (text.length - 1));
}

/** `redactSecrets`, and quoted pieces ("…") of a message that look like part of a credential. */
export function redactMessage(text: string): string {
  return redactSecrets(text).replace(/"([^"\n]{12,})"/g, (m, inner: string) => (looksLikeSecretFragment(inner) ? `"${REDACTED}"` : m));
}
