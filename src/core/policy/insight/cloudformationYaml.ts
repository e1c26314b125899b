import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Scalar } from 'yaml';
import { flattenDeepNesting, MAX_POLICY_NESTING } from '../limits';
import { JsonBuilder } from './sourceMap';

export interface YamlPolicy {
  readonly key: string;
  readonly json: JsonBuilder;
  readonly start: number;
  readonly end: number;
}

const POLICY_KEYS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'KeyPolicy', 'ResourcePolicy']);

/**
 * The policy documents of a CloudFormation (or SAM) YAML template, each translated into JSON with
 * a map back to the template. Intrinsic functions (`!Sub`, `!Ref`, `Fn::Join`, ...) become
 * placeholder strings whose host ranges are reported as opaque.
 */
export function cloudFormationYamlPolicies(text: string): YamlPolicy[] {
  let doc;
  try {
    // The yaml parser's time grows with flow nesting ([[[…]]]) and it runs out of memory at 100,000
    // levels: what nests past the policy limit is blanked (offsets kept), and the rest is read.
    doc = parseDocument(flattenDeepNesting(text), { uniqueKeys: false, prettyErrors: false, strict: false });
  } catch {
    return [];
  }
  const found: YamlPolicy[] = [];
  // Templates nest a policy a few levels down (Resources, a resource, Properties, Policies, a list item).
  const visit = (node: unknown, depth: number): void => {
    if (depth > MAX_POLICY_NESTING) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key === 'string' && POLICY_KEYS.has(key) && isMap(pair.value) && pair.value.items.some((p) => isScalar(p.key) && p.key.value === 'Statement')) {
          const json = new JsonBuilder();
          translate(pair.value, json, text, 1);
          const range = (pair.value as YamlNode).range;
          if (range) found.push({ key, json, start: range[0], end: range[1] });
        } else visit(pair.value, depth + 1);
      }
    } else if (isSeq(node)) node.items.forEach((item) => visit(item, depth + 1));
    else if (isPair(node)) visit(node.value, depth + 1);
  };
  visit(doc.contents, 0);
  return found;
}

function isIntrinsic(node: unknown): boolean {
  if ((node as { tag?: string })?.tag?.startsWith('!')) return true;
  if (isMap(node) && node.items.length === 1 && isScalar(node.items[0].key)) {
    const k = String(node.items[0].key.value);
    return k === 'Ref' || k.startsWith('Fn::') || k === 'Condition';
  }
  return false;
}

function scalar(node: Scalar, out: JsonBuilder, text: string): void {
  const [start, end] = node.range ?? [0, 0];
  const v = node.value;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) {
    out.copy(JSON.stringify(v), start);
    return;
  }
  const s = String(v);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const contentStart = quoted ? start + 1 : start;
  const raw = text.slice(contentStart, quoted ? end - 1 : end);
  const escaped = JSON.stringify(s);
  // Quotes map to the YAML quotes, or (for plain scalars) to the scalar's edges, so spans that
  // include them cover exactly the scalar in the template.
  if (quoted) out.copy('"', start);
  else out.placeholderFree('"', start);
  if (raw === s && escaped.length === s.length + 2) out.copy(s, contentStart);
  else out.placeholderFree(escaped.slice(1, -1), contentStart);
  if (quoted) out.copy('"', end - 1);
  else out.placeholderFree('"', end);
}

function translate(node: unknown, out: JsonBuilder, text: string, depth: number): void {
  const range = (node as YamlNode)?.range;
  if (isIntrinsic(node) && range) {
    out.placeholder(range[0], range[1], 'intrinsic');
    return;
  }
  if (depth > MAX_POLICY_NESTING && (isMap(node) || isSeq(node))) {
    // One level past the limit is enough for the linter to report the depth here; the rest is not translated.
    out.mapped('[', range?.[0] ?? 0, 1);
    out.emit(']');
    return;
  }
  if (isMap(node)) {
    out.emit('{');
    node.items.forEach((pair, i) => {
      if (i) out.emit(',');
      if (isScalar(pair.key) && pair.key.value !== null) scalar(pair.key, out, text);
      else out.emit('""');
      out.emit(':');
      if (pair.value === null || pair.value === undefined) out.emit('null');
      else translate(pair.value, out, text, depth + 1);
    });
    out.emit('}');
  } else if (isSeq(node)) {
    out.emit('[');
    node.items.forEach((item, i) => {
      if (i) out.emit(',');
      translate(item, out, text, depth + 1);
    });
    out.emit(']');
  } else if (isScalar(node)) {
    scalar(node, out, text);
  } else {
    out.emit('null');
  }
}
