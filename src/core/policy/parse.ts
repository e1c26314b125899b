import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { documentTooLargeMessage, excessiveNestingAt, MAX_POLICY_NESTING, MAX_POLICY_TEXT_LENGTH } from './limits';
import { parseStrictTree } from './parseStrict';
import type { PathElement, Position, Span } from './types';

export type { Node as JsonNode } from 'jsonc-parser';

/** Maps offsets in a text to 1-based lines and 0-based columns. */
export class LineIndex {
  /** Line starts, found on the first position asked for: most policies lint without a finding. */
  declare private lineStarts: number[] | undefined;

  constructor(readonly text: string) {
    this.lineStarts = undefined;
  }

  private get starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo], offset: o };
  }

  span(offset: number, length: number): Span {
    return { start: this.position(offset), end: this.position(offset + length) };
  }
}

/** A property of the policy or of a statement: `"Key": value`. */
export interface ParsedElement {
  /** Property name as written. */
  key: string;
  keyNode: Node;
  valueNode: Node;
  /** Path of the value (ends with { value: key }). */
  path: PathElement[];
}

/** A string (or other scalar) inside an element, with its own path. */
export interface ParsedValue {
  value: string | number | boolean | null;
  node: Node;
  path: PathElement[];
}

export interface ParsedConditionKey {
  key: string;
  keyNode: Node;
  valueNode: Node;
  /** Path of the value; the key itself is designated by `keyPath`. */
  path: PathElement[];
  keyPath: PathElement[];
  values: ParsedValue[];
}

export interface ParsedConditionOperator {
  operator: string;
  keyNode: Node;
  valueNode: Node;
  path: PathElement[];
  keys: ParsedConditionKey[];
}

export interface ParsedStatement {
  /** Index in the Statement array, or undefined when Statement is a single object. */
  index: number | undefined;
  node: Node;
  path: PathElement[];
  /** Every property of the statement, in order, including unknown ones. */
  elements: ParsedElement[];
  sid?: ParsedElement;
  effect?: ParsedElement;
  action?: ParsedElement;
  notAction?: ParsedElement;
  resource?: ParsedElement;
  notResource?: ParsedElement;
  principal?: ParsedElement;
  notPrincipal?: ParsedElement;
  condition?: ParsedElement;
  conditions: ParsedConditionOperator[];
}

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
  /** Genuine JSON errors, then comments and trailing commas (which AWS rejects). */
  syntax: SyntaxProblem[];
  /** Top-level properties when the root is an object. */
  elements: ParsedElement[];
  version?: ParsedElement;
  id?: ParsedElement;
  statement?: ParsedElement;
  statements: ParsedStatement[];
}

export const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'] as const;
export const TOP_ELEMENTS = ['Version', 'Id', 'Statement'] as const;

/** Something whose path is read only when needed. */
interface HasPath {
  readonly path: PathElement[];
}

/**
 * Paths are read only when a finding is reported, and most values never have one: they are built
 * on first read, from the owner's path. Classes, so that every instance has the same shape.
 */
class Element implements ParsedElement {
  // Fields are declared and assigned in the constructor, the cheapest way to build the many a lint makes.
  declare private built: PathElement[] | undefined;
  /** The element's string values, see `stringValues`. */
  declare strings: readonly (ParsedValue & { value: string })[] | undefined;

  constructor(
    readonly key: string,
    readonly keyNode: Node,
    readonly valueNode: Node,
    private readonly owner: HasPath,
  ) {
    this.built = undefined;
    this.strings = undefined;
  }

  get path(): PathElement[] {
    return (this.built ??= [...this.owner.path, { value: this.key }]);
  }
}

class Scalar implements ParsedValue {
  declare private built: PathElement[] | undefined;

  constructor(
    readonly value: string | number | boolean | null,
    readonly node: Node,
    private readonly owner: HasPath,
    /** Index in the owner's array, or -1 when the value is the owner's value itself. */
    private readonly index: number,
  ) {
    this.built = undefined;
  }

  get path(): PathElement[] {
    if (this.index < 0) return this.owner.path;
    return (this.built ??= [...this.owner.path, { index: this.index }]);
  }
}

class ConditionKey implements ParsedConditionKey {
  declare private builtKeyPath: PathElement[] | undefined;
  declare readonly values: ParsedValue[];

  constructor(
    private readonly element: Element,
    private readonly operator: HasPath,
  ) {
    this.builtKeyPath = undefined;
    this.values = scalarsOf(element.valueNode, element);
  }

  get key(): string {
    return this.element.key;
  }
  get keyNode(): Node {
    return this.element.keyNode;
  }
  get valueNode(): Node {
    return this.element.valueNode;
  }
  get path(): PathElement[] {
    return this.element.path;
  }
  get keyPath(): PathElement[] {
    return (this.builtKeyPath ??= [...this.operator.path, { key: this.element.key }]);
  }
}

class ConditionOperator implements ParsedConditionOperator {
  declare readonly keys: ParsedConditionKey[];

  constructor(private readonly element: Element) {
    this.keys = properties(element.valueNode, element).map((k) => new ConditionKey(k, element));
  }

  get operator(): string {
    return this.element.key;
  }
  get keyNode(): Node {
    return this.element.keyNode;
  }
  get valueNode(): Node {
    return this.element.valueNode;
  }
  get path(): PathElement[] {
    return this.element.path;
  }
}

function properties(node: Node | undefined, owner: HasPath): Element[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: Element[] = [];
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const pair = children[i].children;
    const k = pair?.[0];
    const v = pair?.[1];
    if (!k || !v || typeof k.value !== 'string') continue;
    out.push(new Element(k.value, k, v, owner));
  }
  return out;
}

function scalarsOf(node: Node, owner: HasPath): ParsedValue[] {
  if (node.type === 'array') {
    const out: ParsedValue[] = [];
    const children = node.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.type !== 'object' && c.type !== 'array') out.push(new Scalar(c.value, c, owner, i));
    }
    return out;
  }
  if (node.type === 'object') return [];
  return [new Scalar(node.value, node, owner, -1)];
}

/** Scalars of a value that is a scalar or an array of scalars. */
export function scalarValues(node: Node, path: PathElement[]): ParsedValue[] {
  return scalarsOf(node, { path });
}

const stringValuesCache = new WeakMap<ParsedElement, readonly (ParsedValue & { value: string })[]>();

/** The string scalars of a value, as scalarsOf would give them once filtered, without the scalars of other types. */
function stringScalarsOf(node: Node, owner: HasPath): (ParsedValue & { value: string })[] {
  if (node.type === 'array') {
    const out: (ParsedValue & { value: string })[] = [];
    const children = node.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.type === 'string' && typeof c.value === 'string') out.push(new Scalar(c.value, c, owner, i) as ParsedValue & { value: string });
    }
    return out;
  }
  return node.type === 'string' && typeof node.value === 'string' ? [new Scalar(node.value, node, owner, -1) as ParsedValue & { value: string }] : [];
}

/**
 * The string values of an element (a string or an array of strings); other types are skipped.
 * Several checks read the same element: the list is built once per element and must not be changed.
 */
export function stringValues(el: ParsedElement | undefined): readonly (ParsedValue & { value: string })[] {
  if (!el) return [];
  if (el instanceof Element) return (el.strings ??= stringScalarsOf(el.valueNode, el));
  let hit = stringValuesCache.get(el);
  if (!hit) {
    hit = stringScalarsOf(el.valueNode, el);
    stringValuesCache.set(el, hit);
  }
  return hit;
}

function parseStatement(node: Node, index: number | undefined, base: PathElement[]): ParsedStatement {
  const path = index === undefined ? base : [...base, { index }];
  // Every element's field is set, in one order, so that all statements share one shape: the checks
  // read these fields everywhere, and statements of many shapes make each read a slow lookup.
  const st: ParsedStatement = { index, node, path, elements: [], sid: undefined, effect: undefined, action: undefined, notAction: undefined, resource: undefined, notResource: undefined, principal: undefined, notPrincipal: undefined, condition: undefined, conditions: [] };
  const elements = properties(node, st);
  st.elements = elements;
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i];
    switch (el.key) {
      case 'Sid': st.sid ??= el; break;
      case 'Effect': st.effect ??= el; break;
      case 'Action': st.action ??= el; break;
      case 'NotAction': st.notAction ??= el; break;
      case 'Resource': st.resource ??= el; break;
      case 'NotResource': st.notResource ??= el; break;
      case 'Principal': st.principal ??= el; break;
      case 'NotPrincipal': st.notPrincipal ??= el; break;
      case 'Condition': st.condition ??= el; break;
    }
  }
  if (st.condition) {
    for (const op of properties(st.condition.valueNode, st.condition)) st.conditions.push(new ConditionOperator(op));
  }
  return st;
}

export { parseStrictTree } from './parseStrict';

const TOP: HasPath = { path: [] };

/** The document is too large to be checked (see limits.ts). */
function sizeProblem(text: string): PolicyLimitProblem | undefined {
  if (text.length <= MAX_POLICY_TEXT_LENGTH) return undefined;
  return {
    issueCode: 'POLICY_DOCUMENT_TOO_LARGE',
    message: documentTooLargeMessage(text.length),
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
    message: `Objects and arrays are nested more than ${MAX_POLICY_NESTING} levels deep here, so the document was not checked. A policy nests about six levels (Statement, a statement, Condition, an operator, a key and its values); remove the extra brackets.`,
    offset: deep,
    length: 1,
  };
}

function unparsed(text: string, limit: PolicyLimitProblem): ParsedPolicy {
  return { text, limit, lines: new LineIndex(text), root: undefined, syntax: [], elements: [], statements: [] };
}

/** Parses a policy document leniently, keeping offsets. Never throws. */
export function parsePolicy(text: string): ParsedPolicy {
  const size = sizeProblem(text);
  if (size) return unparsed(text, size);
  const errors: ParseError[] = [];
  // Strict JSON, the common case, takes the fast path; it refuses to nest deeper than the limit, so
  // a tree from it needs no nesting scan. Otherwise the nesting scan runs, then one lenient pass
  // reports comments and trailing commas as errors and builds the tree regardless.
  let root = parseStrictTree(text);
  if (!root) {
    const deep = nestingProblem(text);
    if (deep) return unparsed(text, deep);
    root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  }
  const syntax: SyntaxProblem[] = [];
  const trailing = new Set<number>();
  for (const e of errors) {
    const code = printParseErrorCode(e.error);
    if (code === 'InvalidCommentToken') {
      syntax.push({ kind: 'comment', message: 'Comments are not valid JSON; AWS rejects a policy that contains them.', offset: e.offset, length: e.length });
      continue;
    }
    const ch = text[e.offset];
    if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && (ch === '}' || ch === ']')) {
      let k = e.offset - 1;
      while (k >= 0 && /\s/.test(text[k])) k--;
      if (text[k] === ',') {
        if (!trailing.has(k)) syntax.push({ kind: 'trailingComma', message: 'Trailing commas are not valid JSON; AWS rejects a policy that contains them.', offset: k, length: 1 });
        trailing.add(k);
        continue;
      }
    }
    syntax.push({ kind: 'error', message: code, offset: e.offset, length: e.length });
  }
  const elements = properties(root, TOP);
  const policy: ParsedPolicy = { text, lines: new LineIndex(text), root, syntax, elements, statements: [] };
  for (const el of elements) {
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
