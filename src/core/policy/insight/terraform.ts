import { MAX_POLICY_NESTING } from '../limits';
import { JsonBuilder } from './sourceMap';

/**
 * Translates the HCL object or tuple expression that starts at `start` (as in `jsonencode({...})`)
 * into JSON, keeping a map back to the host file. Template expressions (references, function
 * calls, interpolated strings) become placeholder strings and are reported as opaque.
 * Returns undefined when the text is not an expression this translator understands.
 */
export function hclToJson(text: string, start: number, options: { out?: JsonBuilder; anyValue?: boolean; reach?: { end: number } } = {}): { json: JsonBuilder; end: number } | undefined {
  const out = options.out ?? new JsonBuilder();
  let i = start;
  let depth = 0;

  const skip = (newlines: boolean): void => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) i++;
      else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? text.length : e + 2;
      } else return;
    }
  };

  /** Skips a whole expression (balanced brackets, strings), returning its end. */
  const skipExpression = (): number => {
    let depth = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        readRawString();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if ((c === ',' || c === '\n') && depth === 0) break;
      i++;
    }
    let end = i;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    return end;
  };

  /** Reads a quoted string starting at i; returns its content range and whether it interpolates. */
  const readRawString = (): { start: number; end: number; interpolated: boolean } => {
    const s = ++i;
    let interpolated = false;
    let depth = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (depth === 0 && c === '"') break;
      if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) {
        interpolated = true;
        depth++;
        i += 2;
        continue;
      }
      if (depth > 0 && c === '}') depth--;
      else if (depth > 0 && c === '"') {
        // A quoted string inside an interpolation.
        i++;
        while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      }
      i++;
    }
    const e = i;
    i++;
    return { start: s, end: e, interpolated };
  };

  const string = (): void => {
    const quote = i;
    const r = readRawString();
    if (r.interpolated) {
      out.placeholder(quote, r.end + 1, 'template');
      return;
    }
    out.copy('"', quote);
    // `$${` is HCL's escape for a literal `${`: drop one `$` and keep the rest mapped.
    let from = r.start;
    for (let k = r.start; k < r.end; k++) {
      if (text[k] === '$' && text[k + 1] === '$' && text[k + 2] === '{') {
        out.copy(text.slice(from, k), from);
        from = k + 1;
        k++;
      }
    }
    out.copy(text.slice(from, r.end), from);
    out.copy('"', r.end);
  };

  const value = (): boolean => {
    skip(true);
    const c = text[i];
    if (c === '{' || c === '[') {
      // Nesting deeper than any policy is not one; stopping there keeps the recursion bounded.
      if (depth >= MAX_POLICY_NESTING) return false;
      depth++;
      const ok = c === '{' ? object() : tuple();
      depth--;
      return ok;
    }
    if (c === '"') {
      string();
      return true;
    }
    const s = i;
    const word = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![\w.([])/.exec(text.slice(i, i + 40));
    if (word) {
      out.copy(word[0], s);
      i += word[0].length;
      return true;
    }
    if (!c || c === '}' || c === ']' || c === ',') return false;
    const end = skipExpression();
    // Nothing read (a stray ")"): a tuple would otherwise ask for the same value forever.
    if (i === s) return false;
    out.placeholder(s, end, 'expression');
    return true;
  };

  const key = (): boolean => {
    skip(true);
    if (text[i] === '"') {
      string();
      return true;
    }
    const m = /^[A-Z_][\w-]*/i.exec(text.slice(i, i + 200));
    if (!m) return false;
    out.placeholderFree('"', i);
    out.copy(m[0], i);
    out.placeholderFree('"', i + m[0].length);
    i += m[0].length;
    return true;
  };

  const object = (): boolean => {
    out.copy('{', i++);
    let first = true;
    for (;;) {
      skip(true);
      if (text[i] === '}') {
        out.copy('}', i++);
        return true;
      }
      if (i >= text.length) return false;
      if (!first) out.emit(',');
      first = false;
      if (!key()) return false;
      skip(false);
      if (text[i] !== '=' && text[i] !== ':') return false;
      out.copy(':', i++);
      if (!value()) return false;
      skip(false);
      if (text[i] === ',') i++;
    }
  };

  const tuple = (): boolean => {
    out.copy('[', i++);
    let first = true;
    for (;;) {
      skip(true);
      if (text[i] === ']') {
        out.copy(']', i++);
        return true;
      }
      if (i >= text.length) return false;
      if (!first) out.emit(',');
      first = false;
      if (!value()) return false;
      skip(true);
      if (text[i] === ',') i++;
    }
  };

  skip(true);
  if (!options.anyValue && text[i] !== '{' && text[i] !== '[') return undefined;
  const ok = value();
  if (options.reach) options.reach.end = i;
  return ok ? { json: out, end: i } : undefined;
}

interface HclAttribute {
  readonly kind: 'attribute';
  readonly name: string;
  readonly nameStart: number;
  readonly valueStart: number;
}

interface HclBlock {
  readonly kind: 'block';
  readonly name: string;
  readonly nameStart: number;
  readonly items: HclItem[];
}

type HclItem = HclAttribute | HclBlock;

/** Deepest nesting of blocks read in an aws_iam_policy_document, four times what one uses. */
const MAX_BLOCK_NESTING = 8;

/** Reads the attributes and nested blocks of an HCL block body that starts after `{`; returns them and the offset after `}`. */
function readBody(text: string, start: number, depth = 0): { items: HclItem[]; end: number } | undefined {
  // A policy document's blocks nest two deep (statement, then principals or condition): a body
  // nested deeper is not one, and stopping early keeps many unclosed blocks from costing much each.
  if (depth > MAX_BLOCK_NESTING) return undefined;
  const items: HclItem[] = [];
  let i = start;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
    if (text[i] === '#' || (text[i] === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (text[i] === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? text.length : e + 2;
      continue;
    }
    if (text[i] === '}') return { items, end: i + 1 };
    // Blocks may carry labels (`dynamic "statement" {`); those are kept under a name that matches nothing.
    const m = /^([A-Z_][\w-]*)((?:[ \t]+"[^"\n]*")*)[ \t]*(=|\{)/i.exec(text.slice(i, i + 300));
    if (!m) return undefined;
    const nameStart = i;
    i += m[0].length;
    if (m[3] === '{') {
      const body = readBody(text, i, depth + 1);
      if (!body) return undefined;
      items.push({ kind: 'block', name: m[2] ? `${m[1]} ${m[2].trim()}` : m[1], nameStart, items: body.items });
      i = body.end;
    } else {
      const probe = hclToJson(text, i, { anyValue: true });
      if (!probe) return undefined;
      items.push({ kind: 'attribute', name: m[1], nameStart, valueStart: i });
      i = probe.end;
    }
  }
}

function attribute(block: HclBlock, name: string): HclAttribute | undefined {
  return block.items.find((x): x is HclAttribute => x.kind === 'attribute' && x.name === name);
}

const STATEMENT_ATTRIBUTES: Record<string, string> = { sid: 'Sid', effect: 'Effect', actions: 'Action', not_actions: 'NotAction', resources: 'Resource', not_resources: 'NotResource' };

function stringLiteral(text: string, attr: HclAttribute | undefined): string | undefined {
  if (!attr) return undefined;
  const r = hclToJson(text, attr.valueStart, { anyValue: true });
  if (!r) return undefined;
  try {
    const v: unknown = JSON.parse(r.json.text);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Translates a Terraform `data "aws_iam_policy_document"` block body (from after its `{`) into an
 * IAM policy in JSON, with element names mapped to the attribute and block names they come from.
 */
export function policyDocumentToJson(text: string, bodyStart: number): { json: JsonBuilder; end: number } | undefined {
  const body = readBody(text, bodyStart);
  if (!body) return undefined;
  const out = new JsonBuilder();
  const key = (name: string, host: number, hostLength: number): void => {
    out.mapped(JSON.stringify(name), host, hostLength);
    out.emit(':');
  };
  const value = (attr: HclAttribute): void => {
    hclToJson(text, attr.valueStart, { out, anyValue: true });
  };
  out.emit('{');
  const version = body.items.find((x): x is HclAttribute => x.kind === 'attribute' && x.name === 'version');
  if (version) {
    key('Version', version.nameStart, 7);
    value(version);
  } else out.emit('"Version":"2012-10-17"');
  const statements = body.items.filter((x): x is HclBlock => x.kind === 'block' && x.name === 'statement');
  out.emit(',');
  key('Statement', statements[0]?.nameStart ?? bodyStart, 9);
  out.emit('[');
  statements.forEach((st, n) => {
    if (n) out.emit(',');
    out.mapped('{', st.nameStart, 9);
    let first = true;
    const comma = (): void => {
      if (!first) out.emit(',');
      first = false;
    };
    for (const item of st.items) {
      if (item.kind === 'attribute' && STATEMENT_ATTRIBUTES[item.name]) {
        comma();
        key(STATEMENT_ATTRIBUTES[item.name], item.nameStart, item.name.length);
        value(item);
      }
    }
    if (!st.items.some((x) => x.kind === 'attribute' && x.name === 'effect')) {
      comma();
      out.emit('"Effect":"Allow"');
    }
    for (const element of ['principals', 'not_principals']) {
      const blocks = st.items.filter((x): x is HclBlock => x.kind === 'block' && x.name === element);
      if (!blocks.length) continue;
      comma();
      key(element === 'principals' ? 'Principal' : 'NotPrincipal', blocks[0].nameStart, element.length);
      out.emit('{');
      blocks.forEach((b, k) => {
        const type = b.items.find((x): x is HclAttribute => x.kind === 'attribute' && x.name === 'type');
        const ids = b.items.find((x): x is HclAttribute => x.kind === 'attribute' && x.name === 'identifiers');
        if (k) out.emit(',');
        key(stringLiteral(text, type) ?? 'AWS', type?.nameStart ?? b.nameStart, 4);
        if (ids) value(ids);
        else out.emit('[]');
      });
      out.emit('}');
    }
    const conditions = st.items.filter((x): x is HclBlock => x.kind === 'block' && x.name === 'condition');
    if (conditions.length) {
      comma();
      key('Condition', conditions[0].nameStart, 9);
      // Condition blocks with the same test share one operator object, as in the policy Terraform renders.
      const byTest = new Map<string, HclBlock[]>();
      for (const c of conditions) {
        const test = stringLiteral(text, attribute(c, 'test')) ?? 'StringEquals';
        byTest.set(test, [...(byTest.get(test) ?? []), c]);
      }
      out.emit('{');
      [...byTest].forEach(([test, blocks], k) => {
        if (k) out.emit(',');
        const testAttr = attribute(blocks[0], 'test');
        key(test, testAttr?.nameStart ?? blocks[0].nameStart, 4);
        out.emit('{');
        blocks.forEach((c, v) => {
          if (v) out.emit(',');
          const variable = attribute(c, 'variable');
          const values = attribute(c, 'values');
          key(stringLiteral(text, variable) ?? '', variable?.nameStart ?? c.nameStart, 8);
          if (values) value(values);
          else out.emit('[]');
        });
        out.emit('}');
      });
      out.emit('}');
    }
    out.emit('}');
  });
  out.emit(']}');
  return { json: out, end: body.end };
}
