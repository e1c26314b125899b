import type { LintContext } from '../context';
import { elementText } from '../elementStrings';
import type { ParsedElement, ParsedValue } from '../parse';
import type { Target } from '../report';
import type { PathElement } from '../types';

export interface PolicyVariable {
  /** Text between `${` and `}` (or to the end when the brace is missing). */
  inner: string;
  name: string;
  defaultValue?: string;
  /** Offset of `$` within the string value. */
  start: number;
  /** Length in the string value, `${` through `}`. */
  length: number;
  closed: boolean;
}

/** Finds `${...}` variables in a string. */
export function findVariables(s: string): PolicyVariable[] {
  const out: PolicyVariable[] = [];
  let i = s.indexOf('${');
  // The next "}" is found once for all the variables before it: a search per variable is quadratic on "${${${…".
  let close = -2;
  while (i >= 0) {
    if (close !== -1 && close < i + 2) close = s.indexOf('}', i + 2);
    const nextOpen = s.indexOf('${', i + 2);
    const closed = close >= 0 && (nextOpen < 0 || close < nextOpen);
    const end = closed ? close : nextOpen >= 0 ? nextOpen : s.length;
    const inner = s.slice(i + 2, end);
    const comma = inner.indexOf(',');
    out.push({
      inner,
      name: comma >= 0 ? inner.slice(0, comma) : inner,
      defaultValue: comma >= 0 ? inner.slice(comma + 1) : undefined,
      start: i,
      length: (closed ? close + 1 : end) - i,
      closed,
    });
    i = nextOpen;
  }
  return out;
}

/** Whether a string node's text is its value (no escapes), so offsets in the value are offsets in the text; kept per node. */
const literalNodes = new WeakMap<ParsedValue['node'], boolean>();

/** A target for part of a string value; the whole string when escapes make offsets unreliable. */
export function substringTarget(ctx: LintContext, v: ParsedValue, start: number, length: number): Target {
  let literal = literalNodes.get(v.node);
  if (literal === undefined) {
    literal = typeof v.value === 'string' && ctx.policy.text.slice(v.node.offset + 1, v.node.offset + v.node.length - 1) === v.value;
    literalNodes.set(v.node, literal);
  }
  if (literal) return { path: v.path, offset: v.node.offset + 1 + start, length };
  return { path: v.path, node: v.node };
}

/**
 * Whether some string of an element whose text this is may hold `${`: the text holds it, or an
 * escape, which could spell either character.
 */
export function textMayHoldVariable(t: string): boolean {
  return t.includes('${') || t.includes('\\');
}

const SPECIAL = new Set(['*', '?', '$']);
/** Findings about the variables of one string: more say nothing new, and thousands ("${${${…") would flood the report. */
const MAX_FINDINGS_PER_STRING = 100;

/** Policy variables: syntax, where they may appear, and the version they need. */
export function checkVariables(ctx: LintContext): void {
  const { policy, r, catalog } = ctx;
  if (!policy.text.includes('${')) return;
  let first: { v: ParsedValue; variable: PolicyVariable } | undefined;

  const check = (v: ParsedValue, allowed: boolean, _element: string) => {
    if (typeof v.value !== 'string' || !v.value.includes('${')) return;
    const before = r.findings.length;
    for (const variable of findVariables(v.value)) {
      first ??= { v, variable };
      if (r.findings.length - before >= MAX_FINDINGS_PER_STRING) break;
      const target = substringTarget(ctx, v, variable.start, variable.length);
      const text = v.value.slice(variable.start, variable.start + variable.length);
      if (!allowed) {
        r.add('VARIABLE_UNSUPPORTED_IN_ELEMENT', `Policy variables are supported in the Resource and Condition elements. Remove the policy variable ${text} from this element.`, [target]);
        continue;
      }
      if (!variable.closed) {
        r.add('MISSING_BRACE_IN_VARIABLE', 'The policy variable is missing a closing curly brace. Add } after the variable text.', [target]);
        continue;
      }
      if (variable.inner.trim() === '') {
        r.add('EMPTY_VARIABLE', 'Empty policy variable. Remove the ${ } variable structure or provide a variable within the structure.', [target]);
        continue;
      }
      if (/\s/.test(variable.name)) {
        r.add('UNSUPPORTED_SPACE_IN_VARIABLE', 'A space is not supported within the policy variable text. Remove the space.', [target]);
        continue;
      }
      if (variable.defaultValue !== undefined) {
        const d = variable.defaultValue.trim();
        if (!(d.length >= 2 && d.startsWith("'") && d.endsWith("'") && !d.slice(1, -1).includes("'"))) {
          r.add('MISSING_QUOTE_IN_VARIABLE', 'The policy variable default value must begin and end with a single quote. Add the missing quote.', [target]);
          continue;
        }
      }
      const name = variable.name;
      if (SPECIAL.has(name)) continue;
      if (!/^[\w:/.@+=-]+$/.test(name)) {
        r.add('UNSUPPORTED_SYMBOL_IN_VARIABLE', `The policy variable ${text} contains a character that is not supported. Use letters, digits and : / _ . - only.`, [target]);
        continue;
      }
      const colon = name.indexOf(':');
      const prefix = colon > 0 ? name.slice(0, colon).toLowerCase() : '';
      const knowable = prefix === 'aws' || (prefix !== '' && catalog.isLoaded(prefix));
      if (colon <= 0 || (knowable && !catalog.conditionKey(name))) {
        r.add('UNKNOWN_POLICY_VARIABLE', `The policy variable ${text} is not a known condition key, so it never resolves and the value containing it never matches. Use a key such as \${aws:username} or \${aws:PrincipalTag/tag-key}.`, [target]);
      }
    }
  };

  // Paths are built only for the strings that hold a variable: the element's path and a stack of
  // steps below it, copied on demand.
  const stack: PathElement[] = [];
  let owner: ParsedElement | undefined;
  const walk = (node: ParsedValue['node'], allowed: boolean, element: string) => {
    if (node.type === 'string') {
      if (typeof node.value === 'string' && node.value.includes('${')) check({ value: node.value, node, path: [...owner!.path, ...stack] }, allowed, element);
    } else if (node.type === 'array') {
      const children = node.children ?? [];
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        // Most values are strings without a variable (lists of hundreds of actions): no step for them.
        if (c.type === 'string' && !(typeof c.value === 'string' && c.value.includes('${'))) continue;
        stack.push({ index: i });
        walk(c, allowed, element);
        stack.pop();
      }
    } else if (node.type === 'object') {
      const children = node.children ?? [];
      for (let i = 0; i < children.length; i++) {
        const pair = children[i].children;
        const k = pair?.[0];
        const val = pair?.[1];
        if (!k || !val) continue;
        stack.push({ value: String(k.value) });
        walk(val, allowed, element);
        stack.pop();
      }
    }
  };

  const statements = policy.statements;
  for (let s = 0; s < statements.length; s++) {
    const elements = statements[s].elements;
    for (let e = 0; e < elements.length; e++) {
      const el = elements[e];
      // Most elements hold no variable: a native search of the element's text sets them apart
      // before a walk that tests each of its strings (see textMayHoldVariable).
      if (!textMayHoldVariable(elementText(policy.text, el))) continue;
      const allowed = el.key === 'Resource' || el.key === 'NotResource' || el.key === 'Condition';
      stack.length = 0;
      owner = el;
      walk(el.valueNode, allowed, el.key);
    }
  }

  const version = policy.version?.valueNode.value;
  if (first && version !== '2012-10-17' && (version === undefined || version === '2008-10-17')) {
    const target: Target = policy.version ? { path: policy.version.path, node: policy.version.valueNode } : substringTarget(ctx, first.v, first.variable.start, first.variable.length);
    r.add('VARIABLE_UNSUPPORTED_IN_VERSION', 'To include variables in your policy, use the policy version 2012-10-17 or later. Under version 2008-10-17 (the default when Version is missing) variables are matched as literal text.', [target], policy.version ? { replacement: '"2012-10-17"', title: { kind: 'useVersion2012' } } : undefined);
  }
}
