import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import { linkParents, type ParsedPolicy, type ParsedStatement } from '../parse';

/** Where an offset sits in a policy: the string under it and what that string is. */
export interface PolicyPosition {
  readonly node: Node;
  readonly path: ReadonlyArray<string | number>;
  /** True when the node is a property name. */
  readonly isKey: boolean;
  readonly statement?: ParsedStatement;
  /** The statement element the node belongs to: `Action`, `Condition`, `Principal`, ... */
  readonly element?: string;
}

/** Locates the scalar or property name at `offset` (inclusive of the closing quote). */
export function positionAt(policy: ParsedPolicy, offset: number): PolicyPosition | undefined {
  if (!policy.root) return undefined;
  // The fast parse leaves the links out (see parseStrict.ts); the path below needs them.
  linkParents(policy.root);
  const node = findNodeAtOffset(policy.root, offset, true) ?? (offset > 0 ? findNodeAtOffset(policy.root, offset - 1, true) : undefined);
  if (!node || (node.type !== 'string' && node.type !== 'number' && node.type !== 'boolean')) return undefined;
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  // A key's path is its object's path plus the key, even while the property has no value yet.
  const path = isKey && node.parent?.parent ? [...getNodePath(node.parent.parent), String(node.value)] : getNodePath(node);
  const statement = statementOf(policy, node);
  const base = statement ? statement.path.length : 0;
  const element = statement && typeof path[base] === 'string' ? (path[base] as string) : undefined;
  return { node, path, isKey, statement, element };
}

export function statementOf(policy: ParsedPolicy, node: Node): ParsedStatement | undefined {
  return policy.statements.find((s) => node.offset >= s.node.offset && node.offset < s.node.offset + s.node.length);
}

/** Offsets of a string node's content, without its quotes (an unterminated string, while typing, has no closing one). */
export function contentRange(node: Node, text: string): { start: number; end: number } {
  if (node.type !== 'string') return { start: node.offset, end: node.offset + node.length };
  const closed = node.length >= 2 && text[node.offset + node.length - 1] === '"';
  return { start: node.offset + 1, end: node.offset + node.length - (closed ? 1 : 0) };
}
