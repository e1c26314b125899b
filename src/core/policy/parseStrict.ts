// The fast path of policy parsing: strict JSON, as jsonc-parser's tree, with offsets.
// Its nodes have no parent links: the checks never read them, and the one reader, the editor's
// position lookup, links them on demand (linkParents). A link is a field in each of the
// tens of thousands of nodes a large policy has.
import type { Node } from 'jsonc-parser';
import { MAX_POLICY_NESTING } from './limits';

type MutableNode = { -readonly [K in keyof Node]: Node[K] };

/** The literal words of JSON and their values. */
const WORDS = [['true', true], ['false', false], ['null', null]] as const;

/** JSON whitespace, and the characters a string holds without an escape (see parseStrictTree). */
const WHITESPACE = /[ \t\n\r]*/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings: this run stops at them.
const STRING_RUN = /[^"\\\u0000-\u001f]*/y;

/** Placeholder for children not yet parsed; never seen outside the parse. */
const UNSET: Node[] = [];

/**
 * Builds the same tree as jsonc-parser's parseTree for text that is strict JSON, several times
 * faster; undefined as soon as anything is not (a comment, a trailing comma, an error, unusual
 * whitespace), and the caller then parses with jsonc-parser, which reports it.
 */
export function parseStrictTree(text: string): Node | undefined {
  if (!warmedUp) warmUp();
  return parse(text);
}

function parse(text: string): Node | undefined {
  const n = text.length;
  let i = 0;
  // Runs of whitespace and of plain string characters are skipped by the regex engine: one
  // character class each, sticky, so linear; a pretty-printed policy is mostly such runs.
  const ws = () => {
    if (i >= n) return;
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
    WHITESPACE.lastIndex = i;
    WHITESPACE.test(text);
    i = WHITESPACE.lastIndex;
  };
  /** Index after the closing quote of the string starting at i, or -1; `escaped` says whether it needs decoding. */
  let escaped = false;
  const stringEnd = (): number => {
    escaped = false;
    let k = i + 1;
    for (;;) {
      if (k >= n) return -1;
      STRING_RUN.lastIndex = k;
      STRING_RUN.test(text);
      k = STRING_RUN.lastIndex;
      if (k >= n) return -1;
      const c = text.charCodeAt(k);
      if (c === 34) return k + 1;
      if (c !== 92) return -1;
      escaped = true;
      k += 2;
    }
  };
  const stringNode = (): MutableNode | undefined => {
    const end = stringEnd();
    if (end < 0) return undefined;
    let value: string;
    if (escaped) {
      try {
        value = JSON.parse(text.slice(i, end)) as string;
      } catch {
        return undefined;
      }
    } else value = text.slice(i + 1, end - 1);
    const node = { type: 'string', value, offset: i, length: end - i } as MutableNode;
    i = end;
    return node;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?/iy;
  // `top` is the stack's height: setting a shorter length would give its room back, to be taken
  // again at the next push. The stack dies with the parse, so slots above `top` are left as they are.
  const pending: Node[] = [];
  let top = 0;
  let depth = 0;
  const value = (): MutableNode | undefined => {
    const c = text.charCodeAt(i);
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
  };
  const container = (isObject: boolean): MutableNode | undefined => {
    const node = { type: isObject ? 'object' : 'array', offset: i, length: -1, children: UNSET } as MutableNode;
    const close = isObject ? 125 : 93;
    i++;
    ws();
    if (text.charCodeAt(i) === close) {
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
        if (text.charCodeAt(i) !== 34) return undefined;
        const property = { type: 'property', offset: i, length: -1, children: UNSET, colonOffset: -1 } as MutableNode;
        const key = stringNode();
        if (!key) return undefined;
        ws();
        if (text.charCodeAt(i) !== 58) return undefined;
        property.colonOffset = i;
        i++;
        ws();
        const v = value();
        if (!v) return undefined;
        property.children = [key, v];
        property.length = v.offset + v.length - property.offset;
        pending[top++] = property;
      } else {
        const v = value();
        if (!v) return undefined;
        pending[top++] = v;
      }
      ws();
      const d = text.charCodeAt(i);
      if (d === close) {
        i++;
        node.length = i - node.offset;
        node.children = pending.slice(start, top);
        top = start;
        return node;
      }
      if (d !== 44) return undefined;
      i++;
      ws();
    }
  };
  const scalar = (): MutableNode | undefined => {
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
  };
  ws();
  if (i >= n) return undefined;
  const root = value();
  if (!root) return undefined;
  ws();
  if (i !== n) return undefined;
  return root;
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
