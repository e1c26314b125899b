/**
 * A position-keeping reader for AWS shared config and credentials files. The SDK's loader returns
 * values without lines or columns, so the linter reads the text itself and records where every
 * header, key and value sits. It accepts what either the AWS CLI (Python `configparser`) or the
 * JavaScript SDK accepts, and records the places where the two disagree so they can be reported.
 *
 * Lines and columns are 0-based; an end column is exclusive. That maps one to one onto
 * `vscode.Range`.
 */

import * as l10n from '@vscode/l10n';
import { MAX_LISTED_PER_KIND } from '../notListed';

export interface TextRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type SectionType = 'default' | 'profile' | 'sso-session' | 'services' | 'other';

export interface IniEntry {
  /** The key as written (case and separators kept). */
  readonly key: string;
  /** The value with surrounding blanks and any inline comment removed. */
  readonly value: string;
  readonly line: number;
  readonly keyRange: TextRange;
  /** Where the value sits; an empty value gives an empty range right after the delimiter. */
  readonly valueRange: TextRange;
  /** The delimiter used; `configparser` also takes ':', the JavaScript SDK only '='. */
  readonly delimiter: '=' | ':';
  readonly delimiterColumn: number;
  /** Column of an inline ` #` or ` ;` comment after the value, when there is one. */
  readonly inlineCommentColumn?: number;
  /** The inline comment itself, from its `#` or `;`. */
  readonly inlineComment?: string;
  /** Column after the last non-blank character of the line. */
  readonly lineEndColumn: number;
  /** Indented `key = value` lines under a key whose own value is empty (`s3 =`). */
  readonly nested: IniEntry[];
}

export interface IniSection {
  /** The text between the brackets, as written. */
  readonly header: string;
  readonly type: SectionType;
  /** The profile, sso-session or services name; for `other` the whole header. */
  readonly name: string;
  readonly line: number;
  /** The whole `[...]` on its line. */
  readonly headerRange: TextRange;
  /** The name inside the brackets (for `[profile a]`, just `a`). */
  readonly nameRange: TextRange;
  /** The header's prefix word (`profile`, `sso-session`, `services`) when present. */
  readonly prefix?: string;
  /** Blanks between prefix and name as written, to spot `[profile  a]`. */
  readonly prefixGap?: string;
  /** The name was written in quotes (`[profile "a"]`), which both the AWS CLI and the JavaScript SDK remove. */
  readonly quoted?: boolean;
  readonly entries: IniEntry[];
  /** Last line that belongs to the section (before the next header). */
  endLine: number;
}

export type IniProblemKind =
  | 'outside-section'
  | 'malformed-line'
  | 'malformed-section-header'
  | 'continuation-line'
  | 'nested-without-parent';

export interface IniProblem {
  readonly kind: IniProblemKind;
  readonly range: TextRange;
  /**
   * The message, worded when the problem is shown: the first MAX_LISTED_PER_KIND of a kind are, and a
   * hostile file may repeat one mistake on a million lines.
   */
  readonly words: () => string;
}

export interface IniDocument {
  readonly sections: IniSection[];
  /** The first MAX_LISTED_PER_KIND + 1 problems of each kind, in line order. */
  readonly problems: IniProblem[];
  /** How many problems of each kind came after those and were only counted. */
  readonly unlisted: ReadonlyMap<IniProblemKind, number>;
  readonly lineCount: number;
}

const PREFIXES = ['profile', 'sso-session', 'services'] as const;

export function range(line: number, startColumn: number, endColumn: number): TextRange {
  return { startLine: line, startColumn, endLine: line, endColumn };
}

/** A line from its indentation to its last non-blank character. */
function lineRangeOf(line: number, indent: number, raw: string): TextRange {
  return range(line, indent, raw.trimEnd().length);
}

/** Splits into lines the way editors count them (\n, \r\n or a lone \r). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function indentOf(raw: string): number {
  return raw.length - raw.trimStart().length;
}

function isCommentLine(trimmed: string): boolean {
  return trimmed.startsWith('#') || trimmed.startsWith(';');
}

/** Column where an inline comment starts (a `#` or `;` after a blank), as the JavaScript SDK strips it. */
function inlineCommentAt(raw: string, from: number): number | undefined {
  // The next of each mark is searched again only once passed: linear however many marks the line has.
  let hash = -1;
  let semi = -1;
  for (let i = Math.max(from, 1); i < raw.length;) {
    if (hash < i) hash = raw.indexOf('#', i);
    if (semi < i) semi = raw.indexOf(';', i);
    const at = hash < 0 ? semi : semi < 0 ? hash : Math.min(hash, semi);
    if (at < 0) return undefined;
    if (/\s/.test(raw[at - 1])) return at;
    i = at + 1;
  }
  return undefined;
}

export function parseHeader(raw: string, line: number): { section?: IniSection; problem?: IniProblem } {
  const open = raw.indexOf('[');
  const close = raw.indexOf(']', open + 1);
  if (close < 0) {
    return { problem: { kind: 'malformed-section-header', range: range(line, open, raw.trimEnd().length), words: () => l10n.t('The section header has no closing "]".') } };
  }
  const after = raw.slice(close + 1);
  const afterTrimmed = after.trim();
  let trailing: IniProblem | undefined;
  if (afterTrimmed && !/^[#;]/.test(afterTrimmed)) {
    const at = close + 1 + indentOf(after);
    // The AWS CLI still takes the header; the JavaScript SDK reads the line as nothing.
    trailing = {
      kind: 'malformed-section-header',
      range: range(line, at, raw.trimEnd().length),
      words: () => l10n.t('Unexpected text "{0}" after the section header: the AWS CLI ignores it, but the AWS SDK for JavaScript does not read this line as a header, so it puts the settings below into the previous section.', afterTrimmed),
    };
  }
  const header = raw.slice(open + 1, close);
  const headerRange = range(line, open, close + 1);
  const inner = header.trim();
  const innerStart = open + 1 + indentOf(header);
  if (!inner) {
    return { problem: { kind: 'malformed-section-header', range: headerRange, words: () => l10n.t('The section header has no name.') } };
  }
  const m = /^(\S+)(\s+)(\S.*)$/.exec(inner);
  const prefix = m && (PREFIXES as readonly string[]).includes(m[1]) ? m[1] : undefined;
  let type: SectionType;
  let name: string;
  let nameRange: TextRange;
  let quoted = false;
  if (prefix && m) {
    type = prefix as SectionType;
    name = m[3];
    let nameStart = innerStart + m[1].length + m[2].length;
    const q = /^(["'])(.+)\1$/.exec(name);
    if (q) {
      quoted = true;
      name = q[2];
      nameStart += 1;
    }
    nameRange = range(line, nameStart, nameStart + name.length);
  } else {
    type = inner === 'default' ? 'default' : 'other';
    name = inner;
    nameRange = range(line, innerStart, innerStart + inner.length);
  }
  return {
    problem: trailing,
    section: {
      header,
      type,
      name,
      line,
      headerRange,
      nameRange,
      prefix,
      prefixGap: prefix && m ? m[2] : undefined,
      quoted: quoted || undefined,
      entries: [],
      endLine: line,
    },
  };
}

function parseEntry(raw: string, line: number): IniEntry | undefined {
  const start = indentOf(raw);
  const eq = raw.indexOf('=', start);
  const colon = raw.indexOf(':', start);
  // configparser splits at the first '=' or ':'; the JavaScript SDK only at '='.
  let at = eq;
  let delimiter: '=' | ':' = '=';
  if (colon >= 0 && (eq < 0 || colon < eq)) {
    const keyPart = raw.slice(start, colon);
    // A ':' inside what is clearly a value (an ARN after '=') is not the delimiter.
    if (eq < 0 || /^[\w.-]+\s*$/.test(keyPart)) {
      at = colon;
      delimiter = ':';
    }
  }
  if (at < 0) return undefined;
  const key = raw.slice(start, at).trimEnd();
  if (!key) return undefined;
  const commentAt = inlineCommentAt(raw, at + 1);
  const valueEndRaw = commentAt ?? raw.length;
  const valueText = raw.slice(at + 1, valueEndRaw);
  const valueStart = at + 1 + indentOf(valueText);
  const value = valueText.trim();
  return {
    key,
    value,
    line,
    keyRange: range(line, start, start + key.length),
    valueRange: range(line, valueStart, valueStart + value.length),
    delimiter,
    delimiterColumn: at,
    inlineCommentColumn: commentAt,
    inlineComment: commentAt === undefined ? undefined : raw.slice(commentAt).trimEnd(),
    lineEndColumn: raw.trimEnd().length,
    nested: [],
  };
}

/** Lines whose first non-blank character is "[": a section header, or one that cannot be read. */
export function isHeaderLine(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (c === 91) return true;
  // Only blanks may come before the "[", and trimStart knows every kind of blank.
  return (c <= 32 || c > 126) && raw.trimStart().startsWith('[');
}

/** Reports a problem unless its kind has been listed enough; `make` runs only for a listed one. */
type ProblemSink = (kind: IniProblemKind, make: () => IniProblem) => void;

/**
 * Reads the lines below a header into its section: settings, nested settings under an empty value,
 * and the problems of lines that are neither. One reader serves the whole file and a single section.
 */
export class SectionReader {
  private current: IniSection | undefined;
  // The last top-level entry of the section and its indentation, for nested blocks and continuations.
  private parent: IniEntry | undefined;
  private parentIndent = 0;
  // After a header that cannot be read, its settings are reported once (on the header), not per line.
  private orphaned = false;

  constructor(private readonly report: ProblemSink) {}

  /** A header line: the section it opens, or undefined when it cannot be read. */
  header(section: IniSection | undefined, line: number): void {
    this.parent = undefined;
    if (this.current) this.current.endLine = line - 1;
    this.current = section;
    this.orphaned = !section;
  }

  /** Any other line. */
  line(raw: string, line: number): void {
    const trimmed = raw.trim();
    if (!trimmed || isCommentLine(trimmed)) return;
    const indent = indentOf(raw);
    const current = this.current;
    if (!current) {
      if (!this.orphaned) {
        this.report('outside-section', () => ({
          kind: 'outside-section',
          range: lineRangeOf(line, indent, raw),
          words: () => l10n.t('This line is outside any [section]: the AWS CLI refuses to read the whole file, and the SDKs ignore the line.'),
        }));
      }
      return;
    }
    current.endLine = line;

    const parent = this.parent;
    if (indent > 0 && parent && indent > this.parentIndent) {
      const key = parent.key;
      if (parent.value === '') {
        const nested = parseEntry(raw, line);
        if (nested) parent.nested.push(nested);
        else this.report('malformed-line', () => ({ kind: 'malformed-line', range: lineRangeOf(line, indent, raw), words: () => l10n.t('This line under "{0} =" is not "key = value".', key) }));
      } else {
        this.report('continuation-line', () => ({
          kind: 'continuation-line',
          range: lineRangeOf(line, indent, raw),
          words: () => l10n.t('This indented line continues the value of "{0}" for the AWS CLI (its value becomes two lines), while the JavaScript SDK reads it as a separate setting. Remove the indentation, or put it under a key with an empty value.', key),
        }));
      }
      return;
    }

    const entry = parseEntry(raw, line);
    if (!entry) {
      this.report('malformed-line', () => ({
        kind: 'malformed-line',
        range: lineRangeOf(line, indent, raw),
        words: () => raw.trimStart().startsWith('=')
          ? l10n.t('This setting has no key before "=".')
          : l10n.t('This line is not "key = value", a [section] header or a comment: the AWS CLI refuses to read the whole file, and the SDKs ignore the line.'),
      }));
      return;
    }
    if (indent > 0 && !parent) {
      this.report('nested-without-parent', () => ({
        kind: 'nested-without-parent',
        range: lineRangeOf(line, indent, raw),
        words: () => l10n.t('This indented setting follows no "key =" line. The SDKs read it as a normal setting, but indentation marks a nested or continued value elsewhere: remove it.'),
      }));
    }
    current.entries.push(entry);
    this.parent = entry;
    this.parentIndent = indent;
  }
}

/** Reads the text into sections, entries and line-level problems. Never throws. */
export function parseIniWithPositions(text: string): IniDocument {
  const lines = splitLines(text);
  const sections: IniSection[] = [];
  const problems: IniProblem[] = [];
  const built = new Map<IniProblemKind, number>();
  const unlisted = new Map<IniProblemKind, number>();
  // A file of a million indented lines would make a million messages: past the number a finding
  // lists, problems are counted, not made. Nothing is made for a line before it is known to be listed.
  const listed = (kind: IniProblemKind): boolean => {
    const n = built.get(kind) ?? 0;
    if (n > MAX_LISTED_PER_KIND) {
      unlisted.set(kind, (unlisted.get(kind) ?? 0) + 1);
      return false;
    }
    built.set(kind, n + 1);
    return true;
  };
  const reader = new SectionReader((kind, make) => {
    if (listed(kind)) problems.push(make());
  });
  for (let line = 0; line < lines.length; line++) {
    const raw = lines[line];
    if (!isHeaderLine(raw)) {
      reader.line(raw, line);
      continue;
    }
    const { section, problem } = parseHeader(raw, line);
    if (problem && listed(problem.kind)) problems.push(problem);
    reader.header(section, line);
    if (section) sections.push(section);
  }
  return { sections, problems, unlisted, lineCount: lines.length };
}
