// Messages quote text from files a person did not write themselves (a config, a policy, a decoded
// message, a scenario file): a profile name, a key, a value. Two things go wrong when such text is
// repeated as it is. A megabyte-long name makes a megabyte message in the Problems panel, a hover or
// a terminal. And a control character or a bidirectional override or isolate (U+202E, U+2067) makes
// the rest of the line display in another order, so a message can read as something else. Every
// message that quotes such text goes through `safeMessage` (or `quoted` for one value).
import * as l10n from '@vscode/l10n';

/**
 * C0 controls but tab and line feed, DEL, C1 controls (U+009B is a one-character escape sequence on
 * many terminals), the Arabic letter mark, the left-to-right and right-to-left marks, the line and
 * paragraph separators, and the bidirectional embeddings, overrides and isolates.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every character that would act on the display (see UNSAFE) written as a `\uXXXX` escape. */
export function visibleText(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escapeChar) : text;
}

/** How a message shortens the text it quotes: past `max` characters, text is cut to its first `kept`, "…" and its length. */
export interface Shortening {
  readonly max: number;
  readonly kept: number;
}

/**
 * For config and credentials files: a value over 120 characters is replaced by "…" and its length,
 * keeping none of it, since it may be a secret the redaction would not recognise in part.
 */
export const CONFIG_TEXT: Shortening = { max: 120, kept: 0 };

/**
 * For messages that quote ARNs or file paths (policies, decoded messages, scenario and project
 * files): longer than any AWS accepts in practice, far shorter than the megabyte a document may hold;
 * the start of a long value is kept, to recognise it by.
 */
export const DOCUMENT_TEXT: Shortening = { max: 512, kept: 40 };

/** The first `kept` characters of `text`, not cutting a surrogate pair in two. */
function head(text: string, kept: number): string {
  const end = kept > 0 && text.charCodeAt(kept - 1) >= 0xd800 && text.charCodeAt(kept - 1) <= 0xdbff ? kept - 1 : kept;
  return text.slice(0, end);
}

/** Text too long to repeat: its start, "…" and its length, e.g. `aws:xxxx… (1,048,576 characters)`. */
function clipped(text: string, kept: number): string {
  return l10n.t('{0}… ({1} characters)', head(text, kept), text.length.toLocaleString('en-US'));
}

/** The same for text a message quotes in "" or in []: `"aws:xxxx…" (1,048,576 characters)`. */
function clippedIn(open: string, text: string, kept: number): string {
  const n = text.length.toLocaleString('en-US');
  return open === '"' ? l10n.t('"{0}…" ({1} characters)', head(text, kept), n) : l10n.t('[{0}…] ({1} characters)', head(text, kept), n);
}

/** One value for a message: itself when short, else shortened (see Shortening); with its display controls escaped. */
export function quoted(text: string, how: Shortening = CONFIG_TEXT): string {
  return visibleText(text.length > how.max ? clipped(text, how.kept) : text);
}

/**
 * A message built from a template and text from a file, made safe to show: every run of quoted text
 * ("…" or […]) longer than `max` characters, and every run of more than `max` characters without a
 * space (no template holds one), is shortened to its start (see Shortening), "…" and its length;
 * a message still longer than 8 × `max` (long text with spaces, not quoted) keeps its start and its
 * end; then the characters that act on the display are escaped. Linear in the message.
 */
export function safeMessage(message: string, how: Shortening = CONFIG_TEXT): string {
  return visibleText(clipLongRuns(message, how));
}

/** safeMessage without the escapes, for findings whose text must stay as the file has it (a policy's, written as JSON). */
export function clipLongRuns(message: string, how: Shortening = CONFIG_TEXT): string {
  if (message.length <= how.max) return message;
  const clipped = clipRuns(message, how);
  return clipped.length > 8 * how.max ? cutMiddle(clipped, how.max) : clipped;
}

/** The start and the end of a message, and how much was left out between them. */
function cutMiddle(message: string, max: number): string {
  const start = message.slice(0, 4 * max);
  const end = message.slice(message.length - 2 * max);
  return `${start}${l10n.t(' … {0} characters not shown … ', (message.length - start.length - end.length).toLocaleString('en-US'))}${end}`;
}

/** The `\S{max+1,}` pattern per `max`: a message is matched against one of a few, not compiled each time. */
const longRuns = new Map<number, RegExp>();

function clipRuns(message: string, { max, kept }: Shortening): string {
  let out = '';
  let from = 0;
  // Where the next closing mark is, found once per mark and kept: a run of "[[[[" without "]" is not searched again for each "[".
  const next: Record<string, number> = { '"': -2, ']': -2 };
  // Where the next opening mark of each kind is: the text between marks is skipped by indexOf, not read a character at a time.
  let quote = -2;
  let bracket = -2;
  for (let i = 0; i < message.length; i++) {
    if (quote !== -1 && quote < i) quote = message.indexOf('"', i);
    if (bracket !== -1 && bracket < i) bracket = message.indexOf('[', i);
    i = quote < 0 ? bracket : bracket < 0 ? quote : Math.min(quote, bracket);
    if (i < 0) break;
    const c = message[i];
    const close = c === '"' ? '"' : ']';
    if (next[close] !== -1 && next[close] <= i) next[close] = message.indexOf(close, i + 1);
    const end = next[close];
    if (end < 0) continue;
    if (end - i - 1 > max) {
      out += `${message.slice(from, i)}${clippedIn(c, message.slice(i + 1, end), kept)}`;
      from = end + 1;
    }
    i = end;
  }
  const quotesClipped = from === 0 ? message : out + message.slice(from);
  let longRun = longRuns.get(max);
  if (!longRun) {
    longRun = new RegExp(`\\S{${max + 1},}`, 'g');
    longRuns.set(max, longRun);
  }
  return quotesClipped.replace(longRun, (run) => clipped(run, kept));
}
