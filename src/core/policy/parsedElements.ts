// The parsed elements of a policy: statements, their properties and values, and conditions, each
// with its JSON node; paths are built on first read.
import type { Node } from 'jsonc-parser';
import type { HasPath, ParsedElement, ParsedValue } from './elementTypes';
import { PropertyNode } from './propertyNode';
import type { PathElement } from './types';

export type { HasPath, ParsedElement, ParsedValue } from './elementTypes';

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

export const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'] as const;

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

/** Reads through to the element an operator or a key is: its nodes and its path. */
abstract class ElementView {
  constructor(protected readonly element: ParsedElement) {}

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

class ConditionKey extends ElementView implements ParsedConditionKey {
  declare private builtKeyPath: PathElement[] | undefined;
  declare readonly values: ParsedValue[];

  constructor(
    element: ParsedElement,
    private readonly operator: HasPath,
  ) {
    super(element);
    this.builtKeyPath = undefined;
    this.values = scalarsOf(element.valueNode, element);
  }

  get key(): string {
    return this.element.key;
  }
  get keyPath(): PathElement[] {
    return (this.builtKeyPath ??= [...this.operator.path, { key: this.element.key }]);
  }
}

class ConditionOperator extends ElementView implements ParsedConditionOperator {
  declare readonly keys: ParsedConditionKey[];

  constructor(element: ParsedElement) {
    super(element);
    this.keys = properties(element.valueNode, element).map((k) => new ConditionKey(k, element));
  }

  get operator(): string {
    return this.element.key;
  }
}

// Lists are gathered on this shared stack and copied out into an array of the right size, as the
// strict parse does with children: a list pushed to from empty reserves room for 17 entries, and
// most lists hold one to five. The stack keeps its room (setting a shorter length gives it back, to
// be taken again at the next push) and its slots are cleared once copied, so that it holds no
// element of a policy after the policy. properties and the scalar lists never call each other.
const gathered: unknown[] = [];
let gatheredCount = 0;

function gather(x: unknown): void {
  gathered[gatheredCount++] = x;
}

function gatheredList<T>(): T[] {
  const list = gathered.slice(0, gatheredCount) as T[];
  gathered.fill(undefined, 0, gatheredCount);
  gatheredCount = 0;
  return list;
}

export function properties(node: Node | undefined, owner: HasPath): (Element | PropertyNode)[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const p = children[i];
    // A property of the strict tree is its own element; one of jsonc-parser's tree is wrapped.
    if (p instanceof PropertyNode) {
      p.owner = owner;
      gather(p);
      continue;
    }
    const pair = p.children;
    const k = pair?.[0];
    const v = pair?.[1];
    if (!k || !v || typeof k.value !== 'string') continue;
    gather(new Element(k.value, k, v, owner));
  }
  return gatheredList();
}

function scalarsOf(node: Node, owner: HasPath): ParsedValue[] {
  if (node.type === 'array') {
    const children = node.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.type !== 'object' && c.type !== 'array') gather(new Scalar(c.value, c, owner, i));
    }
    return gatheredList();
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
    const children = node.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.type === 'string' && typeof c.value === 'string') gather(new Scalar(c.value, c, owner, i));
    }
    return gatheredList();
  }
  return node.type === 'string' && typeof node.value === 'string' ? [new Scalar(node.value, node, owner, -1) as ParsedValue & { value: string }] : [];
}

/**
 * The string values of an element (a string or an array of strings); other types are skipped.
 * Several checks read the same element: the list is built once per element and must not be changed.
 */
export function stringValues(el: ParsedElement | undefined): readonly (ParsedValue & { value: string })[] {
  if (!el) return [];
  if (el instanceof Element || el instanceof PropertyNode) return (el.strings ??= stringScalarsOf(el.valueNode, el));
  let hit = stringValuesCache.get(el);
  if (!hit) {
    hit = stringScalarsOf(el.valueNode, el);
    stringValuesCache.set(el, hit);
  }
  return hit;
}

/**
 * A statement: every element's field is set, in one order, so that all statements share one shape
 * (the checks read these fields everywhere, and statements of many shapes make each read a slow
 * lookup). Its path, like its elements', is built on first read.
 */
class Statement implements ParsedStatement {
  declare private built: PathElement[] | undefined;
  declare readonly elements: ParsedElement[];
  declare sid: ParsedElement | undefined;
  declare effect: ParsedElement | undefined;
  declare action: ParsedElement | undefined;
  declare notAction: ParsedElement | undefined;
  declare resource: ParsedElement | undefined;
  declare notResource: ParsedElement | undefined;
  declare principal: ParsedElement | undefined;
  declare notPrincipal: ParsedElement | undefined;
  declare condition: ParsedElement | undefined;
  declare conditions: ParsedConditionOperator[];

  constructor(
    readonly index: number | undefined,
    readonly node: Node,
    private readonly base: PathElement[],
  ) {
    this.built = undefined;
    this.sid = undefined;
    this.effect = undefined;
    this.action = undefined;
    this.notAction = undefined;
    this.resource = undefined;
    this.notResource = undefined;
    this.principal = undefined;
    this.notPrincipal = undefined;
    this.condition = undefined;
    this.conditions = NO_CONDITIONS;
    const elements = properties(node, this);
    this.elements = elements;
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i];
      switch (el.key) {
        case 'Sid': this.sid ??= el; break;
        case 'Effect': this.effect ??= el; break;
        case 'Action': this.action ??= el; break;
        case 'NotAction': this.notAction ??= el; break;
        case 'Resource': this.resource ??= el; break;
        case 'NotResource': this.notResource ??= el; break;
        case 'Principal': this.principal ??= el; break;
        case 'NotPrincipal': this.notPrincipal ??= el; break;
        case 'Condition': this.condition ??= el; break;
      }
    }
    if (this.condition) {
      const operators = properties(this.condition.valueNode, this.condition);
      const conditions: ParsedConditionOperator[] = new Array<ParsedConditionOperator>(operators.length);
      for (let i = 0; i < operators.length; i++) conditions[i] = new ConditionOperator(operators[i]);
      this.conditions = conditions;
    }
  }

  get path(): PathElement[] {
    if (this.index === undefined) return this.base;
    return (this.built ??= [...this.base, { index: this.index }]);
  }
}

/**
 * The conditions of every statement without a Condition element: one empty list shared by all,
 * frozen so that a change to it fails instead of reaching every other statement.
 */
const NO_CONDITIONS = Object.freeze([]) as unknown as ParsedConditionOperator[];

export function parseStatement(node: Node, index: number | undefined, base: PathElement[]): ParsedStatement {
  return new Statement(index, node, base);
}
