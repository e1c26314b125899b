// The shapes of a parsed policy's elements and values, shared by the strict tree's property nodes
// and the parsed elements.
import type { Node } from 'jsonc-parser';
import type { PathElement } from './types';

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

/** Something whose path is read only when needed. */
export interface HasPath {
  readonly path: PathElement[];
}
