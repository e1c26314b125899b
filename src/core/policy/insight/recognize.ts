import { parseTree, type Node } from 'jsonc-parser';
import { flattenDeepNesting, MAX_POLICY_TEXT_LENGTH } from '../limits';
import type { YamlPolicy } from './cloudformationYaml';
import { fromHost, toHost, toHostEnd, type JsonBuilder } from './sourceMap';
import { hclToJson, policyDocumentToJson } from './terraform';

/** A policy document found in a file: the whole file, or a value embedded in a template. */
export interface PolicyRegion {
  /** Offset of the policy text in the host file. */
  readonly start: number;
  /** Offset just after the policy in the host file. */
  readonly end: number;
  /** The policy as JSON; positions inside it map to the host by `toHostOffset`. */
  readonly text: string;
  readonly origin: 'document' | 'embedded-json' | 'cloudformation-yaml' | 'terraform-heredoc' | 'terraform-jsonencode' | 'terraform-policy-document';
  /** True when `text` is the host's own text (so JSON edits apply to the host); false for translated YAML or HCL. */
  readonly editable: boolean;
  /** Policy type implied by where the policy sits, e.g. an `AssumeRolePolicyDocument` is a trust policy. */
  readonly typeHint?: 'TRUST_POLICY';
  /** Maps an offset in `text` to an offset in the host file. */
  toHostOffset(offset: number): number;
  /** Maps the end of a span in `text` to the host (on a boundary between mapped pieces, the end of the earlier one). */
  toHostEnd(offset: number): number;
  /** Maps a host offset into `text`; undefined when it falls outside the policy's mapped text. */
  fromHostOffset(offset: number): number | undefined;
  /** Host ranges of template expressions (CloudFormation intrinsics, Terraform references); findings inside them are not meaningful. */
  readonly opaqueRanges: ReadonlyArray<readonly [number, number]>;
}

/** True when a JSON/JSONC text is an IAM policy: a top-level `Statement`, with `Version` or a statement that has `Effect`. */
export function looksLikePolicy(text: string): boolean {
  if (!text.includes('"Statement"')) return false;
  // Too large to parse: the linter reports its size, so a JSON object that names a policy's elements is taken for one.
  if (text.length > MAX_POLICY_TEXT_LENGTH) return /^\s*\{/.test(text.slice(0, 1024)) && (text.includes('"Version"') || text.includes('"Effect"'));
  const root = parseTree(flattenDeepNesting(text), [], { allowTrailingComma: true, disallowComments: false });
  return !!root && isPolicyObject(root);
}

function isPolicyObject(node: Node): boolean {
  if (node.type !== 'object') return false;
  const statement = property(node, 'Statement');
  if (!statement) return false;
  if (property(node, 'Version')) return true;
  const statements = statement.type === 'array' ? statement.children ?? [] : [statement];
  return statements.some((s) => s.type === 'object' && !!property(s, 'Effect'));
}

function property(obj: Node, name: string): Node | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1];
}

/** A region whose text is a slice of the host file. */
function slice(host: string, start: number, end: number, origin: PolicyRegion['origin'], extra: { typeHint?: 'TRUST_POLICY'; opaqueRanges?: ReadonlyArray<readonly [number, number]> } = {}): PolicyRegion {
  return {
    start,
    end,
    text: host.slice(start, end),
    origin,
    editable: true,
    typeHint: extra.typeHint,
    opaqueRanges: extra.opaqueRanges ?? [],
    toHostOffset: (offset) => start + offset,
    toHostEnd: (offset) => start + offset,
    fromHostOffset: (offset) => (offset >= start && offset <= end ? offset - start : undefined),
  };
}

/** A region whose text was generated from YAML or HCL, mapped back through segments. */
export function translated(json: JsonBuilder, origin: PolicyRegion['origin'], start: number, end: number, typeHint?: 'TRUST_POLICY'): PolicyRegion {
  const segments = json.segments;
  return {
    start,
    end,
    text: json.text,
    origin,
    editable: false,
    typeHint,
    opaqueRanges: json.opaque,
    toHostOffset: (offset) => toHost(segments, offset),
    toHostEnd: (offset) => toHostEnd(segments, offset),
    fromHostOffset: (offset) => fromHost(segments, offset),
  };
}

/**
 * Reads the policy documents of a CloudFormation YAML template: `cloudFormationYamlPolicies` of
 * ./cloudformationYaml. Passed in, so that the YAML parser loads only once a template is read.
 */
export type CloudFormationYamlReader = (text: string) => YamlPolicy[];

export interface FindPolicyRegionsOptions {
  /** Take the whole text for a policy, whatever its language. */
  readonly forcePolicy?: boolean;
  /** Without it, YAML templates hold no policy. */
  readonly readYaml?: CloudFormationYamlReader;
}

/** The policies a file holds: the whole file when it is one, else the policies embedded in a template. */
export function findPolicyRegions(text: string, languageId: string, options: FindPolicyRegionsOptions = {}): PolicyRegion[] {
  const json = languageId === 'json' || languageId === 'jsonc';
  if (options.forcePolicy || (json && looksLikePolicy(text))) {
    return [slice(text, 0, text.length, 'document')];
  }
  // CloudFormation's own template quota is 1 MB: larger templates are not searched for policies.
  if (text.length > MAX_POLICY_TEXT_LENGTH) return [];
  if (json && text.includes('"Statement"')) return embeddedJsonRegions(text);
  if (languageId === 'terraform' || languageId === 'hcl' || languageId === 'tf') return terraformRegions(text);
  if (options.readYaml && (languageId === 'yaml' || languageId === 'cloudformation') && /\b(?:AssumeRolePolicyDocument|PolicyDocument|KeyPolicy)\s*:/.test(text)) {
    return options.readYaml(text).map((p) => translated(p.json, 'cloudformation-yaml', p.start, p.end, p.key === 'AssumeRolePolicyDocument' ? 'TRUST_POLICY' : undefined));
  }
  return [];
}

/**
 * Policies nested in other JSON: CloudFormation templates (`AssumeRolePolicyDocument`,
 * `PolicyDocument`, ...), AWS CLI output (`Role.AssumeRolePolicyDocument`, `PolicyVersion.Document`),
 * and any other object value that is itself a policy.
 */
function embeddedJsonRegions(text: string): PolicyRegion[] {
  if (text.length > MAX_POLICY_TEXT_LENGTH) return [];
  // Deeper levels become placeholders, so neither the parse nor the walks below recurse without bound.
  const root = parseTree(flattenDeepNesting(text), [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return [];
  const regions: PolicyRegion[] = [];
  const visit = (node: Node, key: string | undefined): void => {
    if (node.type === 'object' && node !== root && isPolicyObject(node)) {
      regions.push(slice(text, node.offset, node.offset + node.length, 'embedded-json', { typeHint: key === 'AssumeRolePolicyDocument' ? 'TRUST_POLICY' : undefined, opaqueRanges: intrinsicRanges(node) }));
      return;
    }
    for (const child of node.children ?? []) {
      if (child.type === 'property') {
        const value = child.children?.[1];
        if (value) visit(value, typeof child.children?.[0]?.value === 'string' ? child.children[0].value : undefined);
      } else visit(child, undefined);
    }
  };
  visit(root, undefined);
  return regions;
}

/** Objects such as `{"Fn::Sub": ...}` or `{"Ref": ...}` stand for strings CloudFormation computes at deploy time. */
function intrinsicRanges(node: Node): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const visit = (n: Node): void => {
    if (n.type === 'object' && n.children?.length === 1) {
      const key = n.children[0].children?.[0]?.value;
      if (typeof key === 'string' && (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition')) {
        out.push([n.offset, n.offset + n.length]);
        return;
      }
    }
    n.children?.forEach(visit);
  };
  visit(node);
  return out;
}

const HEREDOC = /<<(-?)([A-Z_]\w*)[ \t]*\r?\n/gi;

/** Offsets of the lines that hold only an identifier (heredoc end markers), by identifier, in order. */
function markerLines(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of text.matchAll(/^[ \t]*([A-Z_]\w*)[ \t]*\r?$/gim)) {
    const list = out.get(m[1]);
    if (list) list.push(m.index ?? 0);
    else out.set(m[1], [m.index ?? 0]);
  }
  return out;
}

/** The first of the sorted `offsets` at or after `from`, or undefined. */
function firstFrom(offsets: readonly number[] | undefined, from: number): number | undefined {
  if (!offsets) return undefined;
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return offsets[lo];
}

function terraformRegions(text: string): PolicyRegion[] {
  const regions: PolicyRegion[] = [];
  // End markers are indexed once, so many heredocs cost no more than one pass each.
  let markers: Map<string, number[]> | undefined;
  for (const m of text.matchAll(HEREDOC)) {
    const bodyStart = (m.index ?? 0) + m[0].length;
    const endAt = firstFrom((markers ??= markerLines(text)).get(m[2]), bodyStart);
    if (endAt === undefined) continue;
    const body = text.slice(bodyStart, endAt);
    if (!looksLikePolicy(body)) continue;
    const trust = /assume_role_policy\s*=\s*$/.test(text.slice(Math.max(0, (m.index ?? 0) - 40), m.index));
    regions.push(slice(text, bodyStart, bodyStart + body.length, 'terraform-heredoc', { typeHint: trust ? 'TRUST_POLICY' : undefined, opaqueRanges: terraformInterpolations(body).map(([s, e]) => [bodyStart + s, bodyStart + e] as [number, number]) }));
  }
  // A jsonencode inside text already read by an earlier one (nested, or swallowed by an unclosed bracket) is not read again.
  const reach = { end: 0 };
  for (const m of text.matchAll(/\bjsonencode\(/g)) {
    if ((m.index ?? 0) < reach.end) continue;
    const open = (m.index ?? 0) + m[0].length;
    const r = hclToJson(text, open, { reach });
    if (!r || !looksLikePolicy(r.json.text)) continue;
    const first = r.json.segments[0]?.host ?? open;
    regions.push(translated(r.json, 'terraform-jsonencode', first, r.end, /assume_role_policy\s*=\s*$/.test(text.slice(Math.max(0, (m.index ?? 0) - 40), m.index)) ? 'TRUST_POLICY' : undefined));
  }
  for (const m of text.matchAll(/\bdata[ \t]+"aws_iam_policy_document"[ \t]+"[^"\n]*"[ \t]*\{/g)) {
    const r = policyDocumentToJson(text, (m.index ?? 0) + m[0].length);
    if (r && looksLikePolicy(r.json.text)) regions.push(translated(r.json, 'terraform-policy-document', m.index ?? 0, r.end));
  }
  regions.sort((a, b) => a.start - b.start);
  return regions;
}

/**
 * Terraform `${expr}` interpolations. AWS policy variables in a heredoc are written `$${aws:username}`,
 * and Terraform expressions never contain a colon, so `${...}` with a colon is left to the policy checks.
 */
export function terraformInterpolations(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // Where the next "}" or ":" is, found once for every "${" before it: a scan per "${" would be quadratic.
  let stop = -1;
  let resume = 0;
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 1)) {
    if (i < resume || (i > 0 && text[i - 1] === '$')) continue;
    if (stop < i + 2) {
      stop = i + 2;
      while (stop < text.length && text[stop] !== '}' && text[stop] !== ':') stop++;
    }
    if (text[stop] !== '}') continue;
    const inner = text.slice(i + 2, stop);
    resume = stop + 1;
    if (inner !== '*' && inner !== '?' && inner !== '$') out.push([i, stop + 1]);
  }
  return out;
}

/** Whether a host range lies in a template expression of the region. */
export function isOpaque(region: PolicyRegion, hostStart: number, hostEnd: number): boolean {
  return region.opaqueRanges.some(([s, e]) => hostStart < e && hostEnd > s);
}
