// The fast path of policy parsing: strict JSON, as jsonc-parser's tree, with offsets.
// Its nodes have no parent links: the checks never read them, and the one reader, the editor's
// position lookup, links them on demand (linkParents). A link is a field in each of the
// tens of thousands of nodes a large policy has.
import type { Node } from 'jsonc-parser';
import { MAX_POLICY_NESTING } from './limits';
import { PropertyNode } from './propertyNode';

type MutableNode = { -readonly [K in keyof Node]: Node[K] };

/** The literal words of JSON and their values. */
const WORDS = [['true', true], ['false', false], ['null', null]] as const;

/**
 * JSON whitespace; a plain string's characters and its closing quote; the characters a string holds
 * without an escape (see parseStrictTree).
 */
const WHITESPACE = /[ \t\n\r]*/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings: this run stops at them.
const PLAIN_STRING_REST = /[^"\\\u0000-\u001f]*"/y;
// eslint-disable-next-line no-control-regex -- as above.
const STRING_RUN = /[^"\\\u0000-\u001f]*/y;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?/iy;

/** Placeholder for children not yet parsed; never seen outside the parse. */
const UNSET: Node[] = [];
/** What the children stack holds where no child is. */
const UNSET_NODE = { type: 'null', offset: 0, length: 0 } as Node;

/**
 * Builds the same tree as jsonc-parser's parseTree for text that is strict JSON, several times
 * faster; undefined as soon as anything is not (a comment, a trailing comma, an error, unusual
 * whitespace), and the caller then parses with jsonc-parser, which reports it.
 */
export function parseStrictTree(text: string): Node | undefined {
  if (!warmedUp) warmUp();
  return parse(text);
}

// A lint run parses each policy once, so most of its parsing runs before V8 optimizes the parser,
// as unoptimized code that calls a builtin for each method call and property access. The parser
// therefore leaves what it can to the regex engine, whose compiled code is as fast from the first
// file: a run of whitespace, a plain string with its closing quote. Where whitespace is usual in a
// pretty-printed policy (after a bracket, a colon, a comma) the regex runs without a look first.
//
// The parser is a set of functions of the module, sharing the document being parsed in the
// variables below: closures made anew for each document were optimized anew by V8 for each of them.

/** The document being parsed, its length, and the offset reached. */
let text = '';
let n = 0;
let i = 0;
// `top` is the stack's height: setting a shorter length would give its room back, to be taken
// again at the next push. `peak` is the highest it reached: slots up to there are cleared once the
// parse is over, so that no node of a document stays reachable from the module after it.
const pending: Node[] = [];
let top = 0;
let peak = 0;
let depth = 0;

function parse(document: string): Node | undefined {
  text = document;
  n = document.length;
  i = 0;
  top = 0;
  peak = 0;
  depth = 0;
  let root: Node | undefined;
  const first = n > 0 ? next() : -1;
  if (i < n) {
    root = value(first);
    // Only whitespace may follow, found without reading past the end (which would make V8 throw
    // away the optimized code of a function that did).
    if (root && i < n) {
      WHITESPACE.lastIndex = i;
      WHITESPACE.test(text);
      if (WHITESPACE.lastIndex !== n) root = undefined;
    }
  }
  pending.fill(UNSET_NODE, 0, Math.max(peak, top));
  text = '';
  return root;
}

/** Skips the whitespace at i, if any; the next character. */
function skipWs(): number {
  WHITESPACE.lastIndex = i;
  WHITESPACE.test(text);
  i = WHITESPACE.lastIndex;
  return text.charCodeAt(i);
}

/** The next character, after whitespace if there is some: a look is cheaper than the regex where there is usually none. */
function next(): number {
  const c = text.charCodeAt(i);
  return c === 32 || c === 10 || c === 13 || c === 9 ? skipWs() : c;
}

/** The string starting at i, or undefined when it is not valid JSON. */
function stringNode(): MutableNode | undefined {
  const start = i;
  const value = stringValue();
  if (value === undefined) return undefined;
  return { type: 'string', value, offset: start, length: i - start } as MutableNode;
}

/** The value of the string starting at i, which it steps over; undefined when it is not valid JSON. */
function stringValue(): string | undefined {
  let value: string;
  let end: number;
  PLAIN_STRING_REST.lastIndex = i + 1;
  if (PLAIN_STRING_REST.test(text)) {
    end = PLAIN_STRING_REST.lastIndex;
    value = text.slice(i + 1, end - 1);
  } else {
    // An escape, a control character or no closing quote.
    let k = i + 1;
    let c: number;
    for (;;) {
      STRING_RUN.lastIndex = k;
      STRING_RUN.test(text);
      k = STRING_RUN.lastIndex;
      c = text.charCodeAt(k);
      if (c !== 92) break;
      k += 2;
    }
    if (c !== 34) return undefined;
    end = k + 1;
    try {
      value = JSON.parse(text.slice(i, end)) as string;
    } catch {
      return undefined;
    }
  }
  i = end;
  return value;
}

/** The value starting at i, whose first character is c. */
function value(c: number): MutableNode | undefined {
  if (c === 34) return stringNode();
  if (c === 123 || c === 91) {
    // Recursion stays shallow: deeper documents are left to the caller's limits.
    if (depth >= MAX_POLICY_NESTING) return undefined;
    depth++;
    const v = container(c === 123);
    depth--;
    return v;
  }
  return scalar();
}

function container(isObject: boolean): MutableNode | undefined {
  const node = { type: isObject ? 'object' : 'array', offset: i, length: -1, children: UNSET } as MutableNode;
  const close = isObject ? 125 : 93;
  i++;
  let c = skipWs();
  if (c === close) {
    i++;
    node.length = i - node.offset;
    node.children = [];
    return node;
  }
  // Children gather on a shared stack and are copied out at the close, into an array of the
  // right size: most arrays hold one or two values, and a pushed-to array reserves many more.
  const start = top;
  for (;;) {
    if (isObject) {
      if (c !== 34) return undefined;
      const keyStart = i;
      const name = stringValue();
      if (name === undefined) return undefined;
      const keyLength = i - keyStart;
      if (next() !== 58) return undefined;
      const colonOffset = i;
      i++;
      // Pretty-printed JSON puts one space after a colon: stepping over it is cheaper than the regex.
      let after = text.charCodeAt(i);
      if (after === 32) after = text.charCodeAt(++i);
      if (after === 32 || after === 10 || after === 13 || after === 9) after = skipWs();
      const v = after === 34 ? stringNode() : value(after);
      if (!v) return undefined;
      pending[top++] = new PropertyNode(keyStart, v.offset + v.length - keyStart, colonOffset, name, keyLength, v);
    } else {
      // Most values are strings: their parse is called without the dispatch of value().
      const v = c === 34 ? stringNode() : value(c);
      if (!v) return undefined;
      pending[top++] = v;
    }
    c = next();
    if (c === close) {
      i++;
      node.length = i - node.offset;
      node.children = pending.slice(start, top);
      if (top > peak) peak = top;
      top = start;
      return node;
    }
    if (c !== 44) return undefined;
    i++;
    c = skipWs();
  }
}

function scalar(): MutableNode | undefined {
  for (let w = 0; w < WORDS.length; w++) {
    const word = WORDS[w][0];
    const v = WORDS[w][1];
    if (text.startsWith(word, i)) {
      const after = text.charCodeAt(i + word.length);
      // "trueish" is an error for jsonc-parser too: leave it to the lenient parse.
      if ((after >= 97 && after <= 122) || (after >= 65 && after <= 90) || (after >= 48 && after <= 57) || after === 95) return undefined;
      const node = { type: v === null ? 'null' : 'boolean', value: v, offset: i, length: word.length } as MutableNode;
      i += word.length;
      return node;
    }
  }
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const end = i + m[0].length;
  const after = text.charCodeAt(end);
  if ((after >= 97 && after <= 122) || (after >= 65 && after <= 90) || (after >= 48 && after <= 57) || after === 46 || after === 95) return undefined;
  const node = { type: 'number', value: Number(m[0]), offset: i, length: end - i } as MutableNode;
  i = end;
  return node;
}

/**
 * Links every node of a tree to its parent, as jsonc-parser's parseTree does, for jsonc-parser's
 * getNodePath and readers of `parent`; a tree already linked (every tree parseTree builds) is left
 * as it is.
 */
export function linkParents(root: Node): void {
  if (!root.children?.length || root.children[0].parent) return;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const children = node.children;
    if (!children) continue;
    for (let k = 0; k < children.length; k++) {
      (children[k] as MutableNode).parent = node;
      stack.push(children[k]);
    }
  }
}

/**
 * A document with a value of every kind, parsed a few times before the first real one (microseconds).
 * V8 keeps type feedback only once a function has run a few times; without this, the parser is
 * optimized having seen only strings, thrown away at the first number or boolean of a run, and
 * optimized again. Done on first use, not on load: loading the editor's features parses nothing.
 */
const WARM_UP = '{"s":"x","a":["y","z",1,2.5,-3e2,true,false,null,{"o":{}},[]]}';
let warmedUp = false;

function warmUp(): void {
  warmedUp = true;
  for (let round = 0; round < 12; round++) parse(WARM_UP);
}
