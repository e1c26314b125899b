// An element's strings (those stringValues gives, in the same order) read straight from its nodes,
// for hot paths that need only the text: stringValues wraps each string with its path, which a
// list of thousands of actions pays for in allocations.
import type { ParsedElement } from './parse';

/** Whether one of the element's strings passes the test. */
export function someString(el: ParsedElement, test: (v: string) => boolean): boolean {
  const node = el.valueNode;
  if (node.type === 'string') return typeof node.value === 'string' && test(node.value);
  if (node.type !== 'array') return false;
  const children = node.children ?? [];
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.type === 'string' && typeof c.value === 'string' && test(c.value)) return true;
  }
  return false;
}

/** The element's strings. */
export function plainStrings(el: ParsedElement): string[] {
  const node = el.valueNode;
  if (node.type === 'string') return typeof node.value === 'string' ? [node.value] : [];
  const out: string[] = [];
  if (node.type !== 'array') return out;
  const children = node.children ?? [];
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.type === 'string' && typeof c.value === 'string') out.push(c.value);
  }
  return out;
}

/** The element's value as the document writes it: the text of its span. */
export function elementText(text: string, el: ParsedElement): string {
  return text.slice(el.valueNode.offset, el.valueNode.offset + el.valueNode.length);
}

/**
 * Whether some string of an element whose text this is may hold a wildcard: the text holds a * or
 * a ?, or an escape, which could spell one. Native searches of the text: a test of each string costs
 * a call per string in code V8 has not optimised, and most elements hold none.
 */
export function textMayHoldWildcard(t: string): boolean {
  return t.includes('*') || t.includes('?') || t.includes('\\');
}
