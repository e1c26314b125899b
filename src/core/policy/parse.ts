// A policy document parsed with offsets: its JSON tree, syntax problems, and elements.
import * as l10n from '@vscode/l10n';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { excessiveNestingAt, MAX_POLICY_NESTING, MAX_POLICY_TEXT_LENGTH } from './limits';
import { documentTooLargeMessage } from './limitWords';
import { parseStrictTree } from './parseStrict';
import { LineIndex } from './lineIndex';
import { MAX_LISTED_PER_KIND } from '../notListed';
import { parseStatement, properties, type HasPath, type ParsedElement, type ParsedStatement } from './parsedElements';

export type { Node as JsonNode } from 'jsonc-parser';
export { LineIndex } from './lineIndex';
export { scalarValues, STATEMENT_ELEMENTS, stringValues } from './parsedElements';
export type { ParsedConditionKey, ParsedConditionOperator, ParsedElement, ParsedStatement, ParsedValue } from './parsedElements';

export interface SyntaxProblem {
  kind: 'error' | 'comment' | 'trailingComma';
  message: string;
  offset: number;
  length: number;
}

/** Why a document was not parsed: far larger or deeper than any policy. */
export interface PolicyLimitProblem {
  issueCode: 'POLICY_DOCUMENT_TOO_LARGE' | 'POLICY_NESTING_TOO_DEEP';
  message: string;
  offset: number;
  length: number;
}

export interface ParsedPolicy {
  text: string;
  /** Set when the document exceeds a limit; it is then not parsed (`root` is undefined). */
  limit?: PolicyLimitProblem;
  lines: LineIndex;
  root: Node | undefined;
  /**
   * Genuine JSON errors, comments and trailing commas (which AWS rejects), in the order found: the
   * first MAX_LISTED_PER_KIND + 1 of each kind.
   */
  syntax: SyntaxProblem[];
  /** How many more of each kind were found and only counted. */
  unlisted: Readonly<Record<SyntaxProblem['kind'], number>>;
  /** Top-level properties when the root is an object. */
  elements: ParsedElement[];
  version?: ParsedElement;
  id?: ParsedElement;
  statement?: ParsedElement;
  statements: ParsedStatement[];
}

export const TOP_ELEMENTS = ['Version', 'Id', 'Statement'] as const;

export { linkParents, parseStrictTree } from './parseStrict';

const TOP: HasPath = { path: [] };

/** The document is too large to be checked (see limits.ts). */
function sizeProblem(text: string, length = text.length): PolicyLimitProblem | undefined {
  if (length <= MAX_POLICY_TEXT_LENGTH) return undefined;
  return {
    issueCode: 'POLICY_DOCUMENT_TOO_LARGE',
    message: documentTooLargeMessage(length),
    offset: 0,
    length: 0,
  };
}

/** The document nests too deeply to be checked (see limits.ts). */
function nestingProblem(text: string): PolicyLimitProblem | undefined {
  const deep = excessiveNestingAt(text);
  if (deep < 0) return undefined;
  return {
    issueCode: 'POLICY_NESTING_TOO_DEEP',
    // STS Lens's own checks (not Access Analyzer's), so in the display language.
    message: l10n.t('Objects and arrays are nested more than {0} levels deep here, so the document was not checked. A policy nests about six levels (Statement, a statement, Condition, an operator, a key and its values); remove the extra brackets.', MAX_POLICY_NESTING),
    offset: deep,
    length: 1,
  };
}

function unparsed(text: string, limit: PolicyLimitProblem): ParsedPolicy {
  return { text, limit, lines: new LineIndex(text), root: undefined, syntax: [], unlisted: { ...NONE_UNLISTED }, elements: [], statements: [] };
}

const NONE_UNLISTED: Readonly<Record<SyntaxProblem['kind'], number>> = { error: 0, comment: 0, trailingComma: 0 };

/**
 * Takes jsonc-parser's errors as they come and keeps, of each kind, the first ones a finding can
 * list (the first error exactly as reported); the rest are counted. A megabyte of stray commas is a
 * million errors: built and kept, they took 1.4 s and 141 MB.
 */
class SyntaxSink {
  readonly problems: SyntaxProblem[] = [];
  readonly unlisted: Record<SyntaxProblem['kind'], number> = { ...NONE_UNLISTED };
  private readonly kept: Record<SyntaxProblem['kind'], number> = { ...NONE_UNLISTED };
  // The same trailing comma can be reported twice (a missing value, then a missing name), one after the other.
  private lastTrailingComma = -1;

  constructor(private readonly text: string) {}

  push(e: ParseError): number {
    const code = printParseErrorCode(e.error);
    if (code === 'InvalidCommentToken') {
      this.add('comment', e.offset, e.length, () => l10n.t('Comments are not valid JSON; AWS rejects a policy that contains them.'));
      return 0;
    }
    const { text } = this;
    const ch = text[e.offset];
    if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && (ch === '}' || ch === ']')) {
      let k = e.offset - 1;
      while (k >= 0 && /\s/.test(text[k])) k--;
      if (text[k] === ',') {
        if (k !== this.lastTrailingComma) this.add('trailingComma', k, 1, () => l10n.t('Trailing commas are not valid JSON; AWS rejects a policy that contains them.'));
        this.lastTrailingComma = k;
        return 0;
      }
    }
    this.add('error', e.offset, e.length, () => code);
    return 0;
  }

  private add(kind: SyntaxProblem['kind'], offset: number, length: number, message: () => string): void {
    if (this.kept[kind] > MAX_LISTED_PER_KIND) {
      this.unlisted[kind]++;
      return;
    }
    this.kept[kind]++;
    this.problems.push({ kind, message: message(), offset, length });
  }
}

/**
 * Parses a policy document leniently, keeping offsets. Never throws. `length`, when given, is the
 * length of a document too large to have been printed (see AccountPolicy.tooLarge), and `text` is empty.
 */
export function parsePolicy(text: string, length?: number): ParsedPolicy {
  const size = sizeProblem(text, length);
  if (size) return unparsed(text, size);
  const syntax = new SyntaxSink(text);
  // Strict JSON, the common case, takes the fast path; it refuses to nest deeper than the limit, so
  // a tree from it needs no nesting scan. Otherwise the nesting scan runs, then one lenient pass
  // reports comments and trailing commas as errors and builds the tree regardless.
  let root = parseStrictTree(text);
  if (!root) {
    const deep = nestingProblem(text);
    if (deep) return unparsed(text, deep);
    // jsonc-parser pushes each error into the array it is given: the sink keeps what is reported.
    root = parseTree(text, syntax as unknown as ParseError[], { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  }
  const elements = properties(root, TOP);
  const policy: ParsedPolicy = { text, lines: new LineIndex(text), root, syntax: syntax.problems, unlisted: syntax.unlisted, elements, statements: [] };
  // Indexed loops here and in parsedElements.ts: for...of makes an object per step in unoptimised code.
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i];
    if (el.key === 'Version') policy.version ??= el;
    else if (el.key === 'Id') policy.id ??= el;
    else if (el.key === 'Statement') policy.statement ??= el;
  }
  const s = policy.statement;
  if (s) {
    if (s.valueNode.type === 'array') {
      (s.valueNode.children ?? []).forEach((c, i) => {
        if (c.type === 'object') policy.statements.push(parseStatement(c, i, s.path));
      });
    } else if (s.valueNode.type === 'object') {
      policy.statements.push(parseStatement(s.valueNode, undefined, s.path));
    }
  }
  return policy;
}
