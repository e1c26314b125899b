/**
 * Finds AWS "encoded authorization failure messages" in arbitrary text: CLI and SDK errors,
 * Terraform's boxed diagnostics, CloudFormation status reasons, Packer and AWS Backup logs,
 * XML and JSON error bodies (also escaped inside other JSON), and lines wrapped by a terminal.
 *
 * Detection is anchored on the phrases and field names AWS and the tools use, so random
 * tokens in a log are never taken for messages.
 */

/** STS rejects longer messages (DecodeAuthorizationMessage's EncodedMessage length limit). */
export const MAX_ENCODED_MESSAGE_LENGTH = 10240;
/** Real messages are several hundred characters; anything this short was cut off. */
export const MIN_PLAUSIBLE_MESSAGE_LENGTH = 100;
/** Larger selections are refused instead of scanned. */
export const MAX_SCAN_LENGTH = 8 * 1024 * 1024;
/**
 * Truncated or too-long messages reported per text: each takes little more than its anchor, so a
 * text of them glued together would otherwise be a finding, and a CodeLens, every few characters.
 * Whole messages are all reported (each is a hundred characters or more).
 */
export const MAX_PROBLEM_MATCHES = 100;

import * as l10n from '@vscode/l10n';
import { breakEnd, findAnchors } from './anchors';
import { statedDenialBefore, type StatedDenial } from './statedDenial';

export type MessageProblem = 'truncated' | 'too-long';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface EncodedMessageMatch {
  /** Offset of the first character of the message. */
  readonly start: number;
  /** Offset just past its last character. */
  readonly end: number;
  /** The message with wrap breaks, gutters and indentation removed: what STS needs. */
  readonly message: string;
  /** One range per line the message occupies, each covering only message characters. */
  readonly segments: readonly TextRange[];
  /** What led to it: the "Encoded authorization failure message" phrase or a field/flag name. */
  readonly anchor: 'phrase' | 'field';
  /** Offset where the anchor starts (for a CodeLens or hover over the whole error). */
  readonly anchorStart: number;
  readonly problem?: MessageProblem;
  /** The plain-text denial just before the anchor ("User: … is not authorized to perform: …"), when the error has one. */
  readonly statedDenial?: StatedDenial;
}

const TOKEN = /[\w\-+/]/;
const PADDING = /={1,2}/y;

// Terminal colour and control sequences, raw (CI logs, `script` captures) or escaped inside JSON logs.
// eslint-disable-next-line no-control-regex, regexp/no-obscure-range -- ECMA-48 control sequences are defined by these character ranges.
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])|\\(?:u001[bB]|x1[bB]|033|e)\[[0-9;]*[A-Za-z]/g;

/** `text` with escape sequences blanked to spaces of the same length, so offsets stay valid. */
function blankEscapes(text: string): string {
  return text.includes('\u001b') || /\\(?:u001[bB]|x1[bB]|033|e)\[/.test(text) ? text.replace(ANSI, (s) => ' '.repeat(s.length)) : text;
}

/** All encoded messages in `text`, in order of appearance. */
export function findEncodedMessages(text: string): EncodedMessageMatch[] {
  if (text.length > MAX_SCAN_LENGTH) text = text.slice(0, MAX_SCAN_LENGTH);
  text = blankEscapes(text);
  const found: EncodedMessageMatch[] = [];
  const runs = new TokenRuns(text);
  for (const kind of ['phrase', 'field'] as const) {
    // Anchors of one kind come in order of position: past MAX_PROBLEM_MATCHES problems of a kind,
    // the next cannot be among the first MAX_PROBLEM_MATCHES of the text, and is not built.
    let problems = 0;
    for (const anchor of findAnchors(text, kind)) {
      const body = readMessage(text, anchor.end, runs);
      // A field name alone is weak evidence: its value must look like a whole message.
      const weak = kind === 'field' && body !== undefined && (body.message.length < 16 || !endsMessage(text, body.end) || lookalike(body.message) !== undefined);
      if (body && !weak) {
        // Each needs only its anchor: a text of 100,000 glued anchors would be 100,000 CodeLenses.
        if (body.problem && problems++ >= MAX_PROBLEM_MATCHES) continue;
        const statedDenial = kind === 'phrase' ? statedDenialBefore(text, anchor.start) : undefined;
        found.push({ ...body, anchor: kind, anchorStart: anchor.start, ...(statedDenial ? { statedDenial } : {}) });
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
  // A phrase inside a field's value ("EncodedMessage": "... failure message: X") finds X twice.
  // Of the problems, the first MAX_PROBLEM_MATCHES in the text are kept, whichever kind found them.
  let problems = 0;
  return found.filter((m, i) => (i === 0 || m.start >= found[i - 1].end) && (!m.problem || problems++ < MAX_PROBLEM_MATCHES));
}

/** Texts longer than this are searched only around the places that mention "encoded" (see `findEncodedMessagesAround`). */
export const FULL_SCAN_LENGTH = 512 * 1024;

/**
 * `findEncodedMessages` for an editor that asks on every change of a large log: above
 * FULL_SCAN_LENGTH, only windows around each "encoded" (every anchor has the word, unless a
 * terminal wrapped it mid-word) are scanned, from the stated denial before it to well past the
 * longest wrapped message after it. Offsets are those of the whole text.
 */
export function findEncodedMessagesAround(text: string): EncodedMessageMatch[] {
  if (text.length <= FULL_SCAN_LENGTH) return findEncodedMessages(text);
  const before = 4096 + 64;
  const after = MAX_ENCODED_MESSAGE_LENGTH * 4;
  const windows: [number, number][] = [];
  const word = /encoded/gi;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    const start = Math.max(0, m.index - before);
    const end = Math.min(text.length, m.index + after);
    const last = windows[windows.length - 1];
    if (last && start <= last[1]) last[1] = end;
    else windows.push([start, end]);
  }
  let problems = 0;
  return windows.flatMap(([start, end]) => findEncodedMessages(text.slice(start, end)).filter((m) => !m.problem || problems++ < MAX_PROBLEM_MATCHES).map((m) => shifted(m, start)));
}

function shifted(m: EncodedMessageMatch, by: number): EncodedMessageMatch {
  return {
    ...m,
    start: m.start + by,
    end: m.end + by,
    anchorStart: m.anchorStart + by,
    segments: m.segments.map((s) => ({ start: s.start + by, end: s.end + by })),
    ...(m.statedDenial ? { statedDenial: { ...m.statedDenial, start: m.statedDenial.start + by, end: m.statedDenial.end + by } } : {}),
  };
}

/**
 * What a base64-looking value is instead of an encoded message, if it is recognisably something
 * else. Encoded messages are base64url without padding, so standard base64 ("+", "/", "=") is a
 * key, token or certificate; a session token in particular must never be sent to STS as a message.
 */
export function lookalike(value: string): string | undefined {
  if (/^(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz|AQoDYXdz|AQoJb3JpZ2lu)/.test(value)) return l10n.t('an AWS session token');
  if (/^AAAA(?:B3NzaC1|C3NzaC1|E2VjZHNh)/.test(value)) return l10n.t('an SSH public key');
  if (/^eyJ/.test(value)) return l10n.t('part of a JSON Web Token');
  // Hashes, ETags and UUIDs keep one letter case; a short mixed-case run is more likely a cut-off message.
  if (value.length >= 32 && /^(?:[0-9a-f-]+|[0-9A-F-]+)$/.test(value)) return l10n.t('a hexadecimal hash or ID');
  if (/[+/]|=$/.test(value)) return l10n.t('standard base64 (a key, token or certificate)');
  if (value.length >= MIN_PLAUSIBLE_MESSAGE_LENGTH && !(/[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value))) return l10n.t('text without the mix of upper case, lower case and digits of an encoded message');
  return undefined;
}

/** The encoded message whose text contains `offset`, if any. */
export function messageAt(text: string, offset: number): EncodedMessageMatch | undefined {
  return findEncodedMessages(text).find((m) => offset >= m.anchorStart && offset <= m.end);
}

/**
 * Ends of runs of message characters. A run is measured once however many anchors read into it,
 * so a text of anchors glued to one long run stays linear.
 */
class TokenRuns {
  private start = -1;
  private end = -1;

  constructor(private readonly text: string) {}

  /** End of the run starting at `from`, at most `limit` + 1 characters on. */
  endOf(from: number, limit: number): number {
    if (from < this.start || from >= this.end) {
      let i = from;
      while (i < this.text.length && TOKEN.test(this.text[i])) i++;
      if (i === from) return from;
      this.start = from;
      this.end = i;
    }
    return Math.min(this.end, from + limit + 1);
  }
}

/** Where a continued line's text begins: after the break, its indentation and any gutter. */
function continuationStart(text: string, at: number): number | undefined {
  const end = breakEnd(text, at);
  return end < 0 ? undefined : end;
}

/** A run that is plausibly a slice of base64 rather than an ordinary word. */
function looksEncoded(run: string): boolean {
  // Separator lines ("-----") are not message text, however long.
  if (/^[-_]+$/.test(run)) return false;
  if (run.length >= 24) return true;
  // A short run needs two kinds of character: "FAILED", "254", "Done" and "ok" are output, "x9Kq" is not.
  return [/[a-z]/, /.[A-Z]/, /\d/, /[-_]/].filter((re) => re.test(run)).length >= 2;
}

/** Whether the character at `at` can follow the last character of a message. */
function endsMessage(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const c = text[at];
  // Box-drawing gutters (│ ┃ ║) and … are written as \u escapes in this file's regexes: one non-ASCII
  // character in dist/features.js makes Node decode the whole bundle as UTF-16, slower to read and compile.
  if (/[\s"'`\\)\]}<>,;|\u2502]/.test(c)) return true;
  return c === '.' && (at + 1 >= text.length || /[\s"'`\\)]/.test(text[at + 1]));
}

function lineStartOf(text: string, at: number): number {
  const nl = text.lastIndexOf('\n', at - 1);
  return nl + 1;
}

function readMessage(text: string, from: number, runs: TokenRuns): Omit<EncodedMessageMatch, 'anchor' | 'anchorStart'> | undefined {
  const segments: TextRange[] = [];
  let pos = from;
  let total = 0;
  let previousLineLength = -1;
  let continuationIndent: string | undefined;
  let pathCharacters = false;
  for (;;) {
    const end = runs.endOf(pos, MAX_ENCODED_MESSAGE_LENGTH + 1);
    if (end === pos) break;
    segments.push({ start: pos, end });
    if (!pathCharacters && /[+/]/.test(text.slice(pos, end))) pathCharacters = true;
    total += end - pos;
    if (total > MAX_ENCODED_MESSAGE_LENGTH) break;
    if (text[end] !== '\n' && text[end] !== '\r') break;
    // The run reached the end of its line: a terminal may have wrapped the message there.
    const next = continuationStart(text, end);
    if (next === undefined) break;
    const nextEnd = runs.endOf(next, MAX_ENCODED_MESSAGE_LENGTH + 1);
    if (nextEnd === next) break;
    const run = text.slice(next, nextEnd);
    // Continued lines share one indentation; a log line starting at another column is new text.
    const indent = text.slice(end, next).replace(/^\r?\n/, '');
    if (continuationIndent !== undefined && indent !== continuationIndent) break;
    if (/^\d{4}[-/]\d{2}[-/]\d{2}|^\d{1,2}:\d{2}/.test(run)) break;
    const lineLength = end - lineStartOf(text, end);
    const runEndsLine = nextEnd >= text.length || text[nextEnd] === '\n' || text[nextEnd] === '\r';
    // A timestamp or "key:" starting the next line is not the rest of the message.
    if (!endsMessage(text, nextEnd)) break;
    // Prose after a message ("status code: 403") stays out; a short tail like "LQ" joins
    // when the lines before it all had the terminal's width.
    if (!looksEncoded(run) && !(previousLineLength === lineLength && runEndsLine && !/^[-_]+$/.test(run))) break;
    // Messages are base64url: "/" or "+" on the next line is a path or other text, unless the message had them too.
    if (!pathCharacters && /[+/]/.test(run)) break;
    // A short word followed by more text ("PS C:\>", "OK done") starts a new line of output.
    if (!runEndsLine && run.length < 8) break;
    previousLineLength = lineLength;
    continuationIndent = indent;
    pos = next;
  }
  if (segments.length === 0) return undefined;
  // Standard base64 padding can only close the message.
  const tail = segments[segments.length - 1];
  PADDING.lastIndex = tail.end;
  const pad = PADDING.exec(text);
  if (pad && endsMessage(text, tail.end + pad[0].length)) segments[segments.length - 1] = { start: tail.start, end: tail.end + pad[0].length };
  const message = segments.map((s) => text.slice(s.start, s.end)).join('');
  const last = segments[segments.length - 1];
  let problem: MessageProblem | undefined;
  if (message.length > MAX_ENCODED_MESSAGE_LENGTH) problem = 'too-long';
  else if (message.length < MIN_PLAUSIBLE_MESSAGE_LENGTH || /^(?:\.\.\.|\u2026|\[?truncated)/i.test(text.slice(last.end, last.end + 10))) problem = 'truncated';
  return { start: segments[0].start, end: last.end, message, segments, ...(problem ? { problem } : {}) };
}

export type SelectionResult =
  | { readonly ok: true; readonly messages: readonly EncodedMessageMatch[]; readonly bare: boolean }
  | { readonly ok: false; readonly reason: SelectionProblem; readonly detail: string };

export type SelectionProblem = 'empty' | 'too-large' | 'not-a-message' | 'truncated' | 'too-long';

function describeSize(chars: number): string {
  if (chars >= 1024 * 1024) return l10n.t('{0} MB', (chars / 1024 / 1024).toFixed(1));
  if (chars >= 10 * 1024) return l10n.t('{0} KB', Math.round(chars / 1024));
  return l10n.t('{0} characters', chars.toLocaleString('en-US'));
}

/**
 * Interprets text the user chose (a selection, the clipboard, an input box): either text that
 * contains anchored messages, or the bare message itself, possibly quoted or wrapped over lines.
 */
export function messagesInSelection(text: string): SelectionResult {
  if (text.trim() === '') return { ok: false, reason: 'empty', detail: l10n.t('The text is empty. Select an encoded authorization failure message, or an error line that contains one.') };
  if (text.length > MAX_SCAN_LENGTH) {
    return { ok: false, reason: 'too-large', detail: l10n.t('The text is {0}, too much to search. Select the error line that contains the encoded message (messages are at most {1} characters).', describeSize(text.length), MAX_ENCODED_MESSAGE_LENGTH.toLocaleString('en-US')) };
  }
  const anchored = findEncodedMessages(text);
  if (anchored.length > 0) return { ok: true, messages: anchored, bare: false };
  return bareMessage(text);
}

function bareMessage(text: string): SelectionResult {
  if (text.length > MAX_ENCODED_MESSAGE_LENGTH * 4) {
    return { ok: false, reason: 'too-large', detail: l10n.t('No "Encoded authorization failure message" was found in the {0} of text, and it is too long to be a message itself (at most {1} characters).', describeSize(text.length), MAX_ENCODED_MESSAGE_LENGTH.toLocaleString('en-US')) };
  }
  // Undo colours, wrapping and the quotes or escapes around a copied value.
  let body = text.replace(ANSI, '').trim();
  body = withoutClosingQuotes(body.replace(/^(?:\\{0,3}["'`])+/, ''));
  const lines = body.split(/\r?\n/).map((l) => withoutClosingGutter(l.replace(/^[ \t]*(?:[\u2502\u2503\u2551][ \t]*|(?:>[ \t]*)+)?/, '')).replace(/\\$/, '').trim());
  const joined = lines.join('');
  const truncatedMarker = /(?:\.\.\.|\u2026|\[?truncated\]?)$/i.exec(joined);
  const candidate = truncatedMarker ? joined.slice(0, truncatedMarker.index) : joined;
  const bad = [...candidate.replace(/={1,2}$/, '')].findIndex((c) => !TOKEN.test(c));
  if (bad >= 0) {
    const c = candidate[bad];
    const detail = /\s/.test(c)
      ? l10n.t('This is not an encoded authorization failure message: it contains a space at position {0}, and encoded messages contain only letters, digits, "-" and "_". Select only the message, or the whole error line that says "Encoded authorization failure message:".', bad + 1)
      : l10n.t('This is not an encoded authorization failure message: it contains "{0}" at position {1}, and encoded messages contain only letters, digits, "-" and "_". Select only the message, or the whole error line that says "Encoded authorization failure message:".', c, bad + 1);
    return { ok: false, reason: 'not-a-message', detail };
  }
  const other = lookalike(candidate);
  if (other) {
    return { ok: false, reason: 'not-a-message', detail: l10n.t('This looks like {0}, not an encoded authorization failure message, so it was not sent to AWS. Encoded messages are long runs of letters, digits, "-" and "_". Select only the message, or the whole error line that says "Encoded authorization failure message:".', other) };
  }
  if (candidate.length > MAX_ENCODED_MESSAGE_LENGTH) {
    return { ok: false, reason: 'too-long', detail: l10n.t('The text is {0} characters; STS accepts encoded messages of at most {1}. Select only the message.', candidate.length.toLocaleString('en-US'), MAX_ENCODED_MESSAGE_LENGTH.toLocaleString('en-US')) };
  }
  if (truncatedMarker || candidate.length < MIN_PLAUSIBLE_MESSAGE_LENGTH) {
    return { ok: false, reason: 'truncated', detail: truncatedMarker
        ? l10n.t('The message looks truncated: it has {0} characters and ends with "{1}", while complete messages have several hundred. Copy the whole message from the original output.', candidate.length, truncatedMarker[0])
        : l10n.t('The message looks truncated: it has {0} characters, while complete messages have several hundred. Copy the whole message from the original output.', candidate.length) };
  }
  const match: EncodedMessageMatch = { start: 0, end: text.length, message: candidate, segments: [{ start: 0, end: text.length }], anchor: 'field', anchorStart: 0 };
  return { ok: true, messages: [match], bare: true };
}

/** `s` without the quote marks (raw or escaped with up to three backslashes) that close it. */
function withoutClosingQuotes(s: string): string {
  let end = s.length;
  while (end > 0 && /["'`]/.test(s[end - 1])) {
    end--;
    for (let k = 0; k < 3 && end > 0 && s[end - 1] === '\\'; k++) end--;
  }
  return s.slice(0, end);
}

/** `line` without trailing blanks and a closing box-drawing gutter ("text  │"). */
function withoutClosingGutter(line: string): string {
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  let end = line.length;
  while (end > 0 && blank(line[end - 1])) end--;
  if (end > 0 && /[\u2502\u2503\u2551]/.test(line[end - 1])) {
    end--;
    while (end > 0 && blank(line[end - 1])) end--;
  }
  return line.slice(0, end);
}

/**
 * One match per message. Copies of a message that start the same but end early or run into
 * other text (a terminal echoing typed input over its prompt) give way to the longest copy:
 * two real messages never share their first 40 characters.
 */
export function distinctMessages(matches: readonly EncodedMessageMatch[]): EncodedMessageMatch[] {
  const byPrefix = new Map<string, EncodedMessageMatch>();
  for (const m of matches) {
    const key = m.message.slice(0, 40);
    const seen = byPrefix.get(key);
    const better = !seen || (seen.problem && !m.problem) || (!m.problem === !seen.problem && m.message.length > seen.message.length);
    if (better) byPrefix.set(key, m);
  }
  return [...byPrefix.values()].sort((a, b) => a.start - b.start);
}
