import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { syntaxErrorText } from '../jsonSyntax';
import { editDistance } from '../policy/actions';
import { describeLength, excessiveNestingAt, MAX_POLICY_NESTING, MAX_POLICY_TEXT_LENGTH } from '../policy/limits';
import { LineIndex } from '../policy/parse';
import { DECISIONS, type ContextValue, type Decision, type EvaluationInput, type EvaluationRequest, type PolicySource } from './types';

export interface ParsedScenario {
  input?: EvaluationInput;
  expect?: Decision;
  /** The scenario's optional `name`, for test lists and reports. */
  name?: string;
  /** What is wrong with the scenario, each a sentence; `input` is undefined when there is any. */
  problems: string[];
}

/**
 * Reads a policy file a scenario names: `abs` resolved from the scenario's folder, `written` as the
 * scenario has it. Returns the text, undefined when it cannot be read, or an error sentence that
 * names the path as written (never its content).
 */
export type ScenarioPolicyReader = (abs: string, written: string) => string | { readonly error: string } | undefined;

/**
 * Deepest nesting of a scenario file: a file array, a scenario, an SCP slot and its level, then an
 * inline policy's own limit.
 */
export const MAX_SCENARIO_NESTING = MAX_POLICY_NESTING + 4;

/** A scenario file's tree, or why it has none; parses once, after a linear depth check. */
export function parseScenarioTree(text: string): { root: Node; body: string; shift: number } | { problem: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = text.length - body.length;
  const deep = excessiveNestingAt(body, MAX_SCENARIO_NESTING);
  if (deep >= 0) {
    const at = new LineIndex(body).position(deep);
    return { problem: `objects and arrays nest more than ${MAX_SCENARIO_NESTING} levels deep at line ${at.line}, column ${at.column + 1}; a scenario and its inline policies nest far less.` };
  }
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
  const e = errors[0];
  if (e) {
    const at = new LineIndex(body).position(e.offset);
    return { problem: `not valid JSON: ${syntaxErrorText(e.error)} at line ${at.line}, column ${at.column + 1}.` };
  }
  if (!root) return { problem: 'the file is empty: write one scenario object, or an array of them.' };
  return { root, body, shift };
}

/** The policy paths a scenario names (strings in its policy slots), as written. */
export function scenarioPolicyPaths(root: Node): string[] {
  return scenarioPolicyRefs(root).map((r) => r.path);
}

/** A policy path a scenario names, as written, with the slot that names it (aliases resolved). */
export interface ScenarioPolicyRef {
  readonly path: string;
  readonly slot: (typeof FLAT_SLOTS)[number] | (typeof LEVEL_SLOTS)[number];
}

/** The policy paths a scenario names, each with its slot. */
export function scenarioPolicyRefs(root: Node): ScenarioPolicyRef[] {
  const out: ScenarioPolicyRef[] = [];
  const add = (n: Node, slot: ScenarioPolicyRef['slot']) => {
    if (n.type === 'string') out.push({ path: String(n.value), slot });
    else if (n.type === 'array') for (const c of n.children ?? []) if (c.type === 'string') out.push({ path: String(c.value), slot });
  };
  if (root.type !== 'object') return out;
  for (const c of root.children ?? []) {
    const key = String(c.children?.[0]?.value);
    const value = c.children?.[1];
    if (!value) continue;
    if ((FLAT_SLOTS as readonly string[]).includes(key)) add(value, key as (typeof FLAT_SLOTS)[number]);
    else if (Object.hasOwn(SINGULAR, key)) add(value, SINGULAR[key]);
    else if (((LEVEL_SLOTS as readonly string[]).includes(key) || Object.hasOwn(LEVEL_ALIASES, key)) && value.type === 'array') {
      const slot = Object.hasOwn(LEVEL_ALIASES, key) ? LEVEL_ALIASES[key] : (key as (typeof LEVEL_SLOTS)[number]);
      for (const l of value.children ?? []) add(l, slot);
    }
  }
  return out;
}

/** Slots holding a list of policy documents. */
const FLAT_SLOTS = ['identityPolicies', 'permissionsBoundaries', 'sessionPolicies', 'resourcePolicies', 'vpcEndpointPolicies'] as const;
/** Slots holding organization levels (root, each OU, the account), each a list of documents. */
const LEVEL_SLOTS = ['serviceControlPolicies', 'resourceControlPolicies'] as const;
/** Singular spellings people write for one document. */
const SINGULAR: Record<string, (typeof FLAT_SLOTS)[number]> = { identityPolicy: 'identityPolicies', permissionBoundaries: 'permissionsBoundaries', permissionBoundary: 'permissionsBoundaries', permissionsBoundary: 'permissionsBoundaries', sessionPolicy: 'sessionPolicies', resourcePolicy: 'resourcePolicies', trustPolicy: 'resourcePolicies', vpcEndpointPolicy: 'vpcEndpointPolicies' };
const LEVEL_ALIASES: Record<string, (typeof LEVEL_SLOTS)[number]> = { scps: 'serviceControlPolicies', rcps: 'resourceControlPolicies' };
const OTHER_KEYS = new Set(['expected', 'request', 'expect', 'managementAccount', 'now', 'description', 'name', 'id', 'title', 'comment', 'notes', 'tags', 'source', '$schema']);

const KNOWN = [...FLAT_SLOTS, ...LEVEL_SLOTS, ...Object.keys(SINGULAR), ...Object.keys(LEVEL_ALIASES), 'request', 'expect', 'managementAccount'];

/** A field that is probably a policy slot or a known field misspelt. */
function looksLikeSlot(key: string): boolean {
  if (/polic|boundar|expect|request/i.test(key)) return true;
  return KNOWN.some((k) => editDistance(k, key, 3) <= 3);
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Z]:[\\/]/i.test(p);
}

/** Joins a path relative to the scenario's folder; pure, with `/` or `\` separators kept as given. */
export function resolveRelative(scenarioFile: string, relative: string): string {
  if (isAbsolute(relative)) return relative;
  const sep = scenarioFile.includes('\\') && !scenarioFile.includes('/') ? '\\' : '/';
  const cut = Math.max(scenarioFile.lastIndexOf('/'), scenarioFile.lastIndexOf('\\'));
  const dir = cut >= 0 ? scenarioFile.slice(0, cut) : '.';
  const parts = dir.split(/[\\/]/);
  for (const p of relative.split(/[\\/]/)) {
    if (p === '.' || p === '') continue;
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '.' && !(parts.length === 1 && parts[0] === '')) parts.pop();
    else parts.push(p);
  }
  return parts.join(sep);
}

function prop(node: Node | undefined, key: string): Node | undefined {
  return node?.type === 'object' ? node.children?.find((c) => c.children?.[0]?.value === key)?.children?.[1] : undefined;
}

function plain(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).filter((c) => c.children?.length === 2).map((c) => [String(c.children![0].value), plain(c.children![1])]));
    case 'array':
      return (node.children ?? []).map(plain);
    default:
      return node.value;
  }
}

/**
 * Reads a scenario (JSON or JSONC). Policy slots take inline documents, whose text is the
 * scenario's own so traces point into it, or paths relative to the scenario, read through
 * `readFile`. Pure: never throws.
 */
export function parseScenario(text: string, file: string, readFile: ScenarioPolicyReader): ParsedScenario {
  const tree = parseScenarioTree(text);
  if ('problem' in tree) return { problems: [tree.problem] };
  return parseScenarioNode(tree.body, tree.root, tree.shift, file, readFile);
}

/**
 * Reads one scenario from its node in a file's parsed tree: `body` is the file's text (shared by
 * every case, never copied), `shift` what was cut from its start (a byte-order mark).
 */
export function parseScenarioNode(body: string, root: Node, shift: number, file: string, readFile: ScenarioPolicyReader): ParsedScenario {
  const problems: string[] = [];
  if (root.type !== 'object') return { problems: [`a scenario must be a JSON object with a "request".`] };
  const nameNode = prop(root, 'name');
  const name = nameNode?.type === 'string' && String(nameNode.value).trim() ? String(nameNode.value).trim() : undefined;
  if (nameNode && nameNode.type !== 'string') problems.push('"name" must be a string: the name shown for this scenario in test lists and reports.');

  const requestNode = prop(root, 'request');
  const request = requestNode ? readRequest(requestNode, problems) : undefined;
  if (!requestNode) problems.push('"request" is missing: give the principal, action and resource to evaluate.');

  const input: Record<string, unknown> = { request };
  const source = (node: Node, name: string): PolicySource | undefined => {
    if (node.type === 'object') {
      if (node.length > MAX_POLICY_TEXT_LENGTH) {
        problems.push(`${name}: the inline policy is ${describeLength(node.length)}, over the ${describeLength(MAX_POLICY_TEXT_LENGTH)} limit of a policy document; IAM's own limits are a few KB.`);
        return undefined;
      }
      return { name, text: body.slice(node.offset, node.offset + node.length), file, offset: node.offset + shift };
    }
    if (node.type === 'string') {
      const rel = String(node.value);
      const abs = resolveRelative(file, rel);
      let content: ReturnType<ScenarioPolicyReader>;
      try {
        content = readFile(abs, rel);
      } catch {
        content = undefined;
      }
      if (content === undefined) {
        problems.push(`${name}: cannot read the policy file ${rel} (looked for ${abs}).`);
        return undefined;
      }
      if (typeof content !== 'string') {
        problems.push(`${name}: ${content.error}`);
        return undefined;
      }
      return { name: rel, text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content, file: abs };
    }
    problems.push(`${name}: a policy must be a JSON object or a path to a policy file; got ${node.type}.`);
    return undefined;
  };
  const list = (node: Node, slot: string): PolicySource[] => {
    const items = node.type === 'array' ? node.children ?? [] : [node];
    const out: PolicySource[] = [];
    items.forEach((n, i) => {
      const s = source(n, `${slot}[${i}]`);
      if (s) out.push(s);
    });
    return out;
  };

  for (const c of root.children ?? []) {
    const key = String(c.children?.[0]?.value);
    const value = c.children?.[1];
    if (!value) continue;
    const flat = (FLAT_SLOTS as readonly string[]).includes(key) ? key : Object.hasOwn(SINGULAR, key) ? SINGULAR[key] : undefined;
    if (flat) {
      if (value.type === 'null') continue;
      input[flat] = [...((input[flat] as PolicySource[] | undefined) ?? []), ...list(value, key)];
    } else if ((LEVEL_SLOTS as readonly string[]).includes(key) || Object.hasOwn(LEVEL_ALIASES, key)) {
      const slot = Object.hasOwn(LEVEL_ALIASES, key) ? LEVEL_ALIASES[key] : key;
      if (value.type === 'null') continue;
      if (value.type !== 'array') {
        problems.push(`"${key}" must be an array of levels (root, each OU, the account), each an array of policies.`);
        continue;
      }
      const levels = value.children ?? [];
      // A flat list of documents (no level arrays at all) is one level holding them all.
      input[slot] = levels.length > 0 && levels.every((l) => l.type !== 'array') ? [list(value, key)] : levels.map((lvl, i) => list(lvl, `${key}[${i}]`));
    } else if (key === 'expect' || key === 'expected') {
      const v = value.value;
      const d = typeof v === 'string' ? DECISIONS.find((x) => x.toLowerCase() === v.trim().toLowerCase()) : undefined;
      if (!d) problems.push(`"expect" must be one of ${DECISIONS.join(', ')}; got ${JSON.stringify(plain(value))}.`);
    } else if (key === 'managementAccount' || key === 'now') {
      if (typeof value.value !== 'string') problems.push(`"${key}" must be a string.`);
      else input[key] = value.value;
    } else if (!OTHER_KEYS.has(key) && looksLikeSlot(key)) {
      // Other fields (notes, links, labels) are the author's own; a misspelt slot is not.
      problems.push(`Unknown scenario field "${key}". Known fields: request, ${[...FLAT_SLOTS, ...LEVEL_SLOTS].join(', ')}, expect.`);
    }
  }
  const expectNode = prop(root, 'expect') ?? prop(root, 'expected');
  const expect = expectNode && typeof expectNode.value === 'string' ? DECISIONS.find((x) => x.toLowerCase() === String(expectNode.value).trim().toLowerCase()) : undefined;
  const principal = request?.principal.trim() ?? '';
  if (/^\d{12}$/.test(principal) || /^arn:[^:]+:iam::\d{12}:root$/.test(principal)) {
    for (const slot of ['identityPolicies', 'permissionsBoundaries'] as const) {
      if ((input[slot] as PolicySource[] | undefined)?.length) problems.push(`${slot}: the request's principal is the root user, and ${slot === 'identityPolicies' ? 'identity-based policies' : 'permissions boundaries'} cannot be attached to the root user. Remove them, or make the principal an IAM user or role.`);
    }
  }
  if (problems.length) return { expect, name, problems };
  return { input: input as unknown as EvaluationInput, expect, name, problems };
}

function readRequest(node: Node, problems: string[]): EvaluationRequest | undefined {
  if (node.type !== 'object') {
    problems.push('"request" must be an object with principal, action and resource.');
    return undefined;
  }
  const r = plain(node) as Record<string, unknown>;
  const str = (k: string, required: boolean): string | undefined => {
    const v = r[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || (required && v.trim() === '')) {
      problems.push(`request.${k} must be a non-empty string${k === 'principal' ? ' (an ARN, a service principal such as lambda.amazonaws.com, or "anonymous")' : ''}.`);
      return undefined;
    }
    return v;
  };
  const principal = str('principal', true);
  const action = str('action', true);
  const resource = r.resource === undefined ? '*' : str('resource', true);
  const resourceAccount = str('resourceAccount', false);
  let context: Record<string, ContextValue> | undefined;
  if (r.context !== undefined) {
    if (typeof r.context !== 'object' || r.context === null || Array.isArray(r.context)) problems.push('request.context must be an object of condition keys.');
    else {
      context = {};
      for (const [k, v] of Object.entries(r.context as Record<string, unknown>)) {
        const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
        if (scalar(v) || (Array.isArray(v) && v.every(scalar))) context[k] = v as ContextValue;
        else problems.push(`request.context["${k}"] must be a string, number, boolean or an array of them.`);
      }
    }
  }
  if (action !== undefined && !action.includes(':')) problems.push(`request.action "${action}" must be service:Action, e.g. s3:GetObject.`);
  if (principal === undefined || action === undefined || resource === undefined) return undefined;
  return { principal, action, resource, ...(resourceAccount !== undefined ? { resourceAccount } : {}), ...(context ? { context } : {}) };
}
