// A property of the strict tree: its name and value in one object, which is also the parsed
// element the property becomes (see parsedElements.ts).
import type { Node } from 'jsonc-parser';
import type { HasPath, ParsedElement, ParsedValue } from './elementTypes';
import type { PathElement } from './types';

/**
 * jsonc-parser's property holds a key node and a value node in a children array, and a parsed
 * element wraps the three: four objects more than a name, its offsets and the value need (over the
 * AWS managed policies, 22,000 properties). Readers that ask for `children` or `keyNode` get
 * jsonc-parser's pair, built once; readers of names and values never build it. Every field is set
 * in the constructor, in one order, so that all properties share one shape.
 */
export class PropertyNode implements Node, ParsedElement {
  declare readonly type: 'property';
  /** Property name as written. */
  declare readonly key: string;
  declare readonly valueNode: Node;
  declare private pair: Node[] | undefined;
  /** Set when the property becomes an element: what its path extends. */
  declare owner: HasPath | undefined;
  declare private built: PathElement[] | undefined;
  /** The element's string values, see `stringValues`. */
  declare strings: readonly (ParsedValue & { value: string })[] | undefined;

  constructor(
    readonly offset: number,
    readonly length: number,
    readonly colonOffset: number,
    key: string,
    /** Length of the key, quotes included. */
    private readonly keyLength: number,
    valueNode: Node,
  ) {
    this.type = 'property';
    this.key = key;
    this.valueNode = valueNode;
    this.pair = undefined;
    this.owner = undefined;
    this.built = undefined;
    this.strings = undefined;
  }

  get keyNode(): Node {
    return this.children[0];
  }

  get children(): Node[] {
    return (this.pair ??= [{ type: 'string', value: this.key, offset: this.offset, length: this.keyLength }, this.valueNode]);
  }

  /** Path of the value (ends with { value: key }). */
  get path(): PathElement[] {
    return (this.built ??= [...this.owner!.path, { value: this.key }]);
  }
}
