import * as l10n from '@vscode/l10n';
import { createScanner, parseTree, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import { syntaxErrorText } from '../jsonSyntax';
import { editDistance } from '../policy/actions';
import { excessiveNestingAt, MAX_POLICY_NESTING, MAX_POLICY_TEXT_LENGTH } from '../policy/limits';
import { lengthWords } from '../policy/limitWords';
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

/**
 * Scenarios read from one file. The tree of a file costs about 7.5 KB per scenario, so a file of
 * 100,000 took 750 MB before a case ran; past this the file is refused with its count, untouched.
 */
export const MAX_SCENARIOS_PER_FILE = 20_000;

/** The values in a top-level array, counted with the scanner (no tree); 0 when the file holds no array. */
export function topLevelValues(body: string): number {
  const scanner = createScanner(body, true);
  let token = scanner.scan();
  if (token !== SyntaxKind.OpenBracketToken) return 0;
  let depth = 1;
  let count = 0;
  while ((token = scanner.scan()) !== SyntaxKind.EOF) {
    switch (token) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        if (depth === 1) count++;
        depth++;
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        depth--;
        if (depth === 0) return count;
        break;
      case SyntaxKind.StringLiteral:
      case SyntaxKind.NumericLiteral:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword:
        if (depth === 1) count++;
        break;
    }
  }
  return count;
}

/** A scenario file's tree, or why it has none; parses once, after a linear depth check. */
export function parseScenarioTree(text: string): { root: Node; body: string; shift: number } | { problem: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = text.length - body.length;
  const deep = excessiveNestingAt(body, MAX_SCENARIO_NESTING);
  if (deep >= 0) {
    const at = new LineIndex(body).position(deep);
    return { problem: l10n.t('objects and arrays nest more than {0} levels deep at line {1}, column {2}; a scenario and its inline policies nest far less.', MAX_SCENARIO_NESTING, at.line, at.column + 1) };
  }
  const scenarios = topLevelValues(body);
  if (scenarios > MAX_SCENARIOS_PER_FILE) return { problem: l10n.t('the file holds {0} scenarios, more than the {1} read from one file: split it into files of at most {1} scenarios.', scenarios.toLocaleString('en-US'), MAX_SCENARIOS_PER_FILE.toLocaleString('en-US')) };
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
  const e = errors[0];
  if (e) {
    const at = new LineIndex(body).position(e.offset);
    return { problem: l10n.t('not valid JSON: {0} at line {1}, column {2}.', syntaxErrorText(e.error), at.line, at.column + 1) };
  }
  if (!root) return { problem: l10n.t('the file is empty: write one scenario object, or an array of them.') };
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
  if (root.type !== 'object') return { problems: [l10n.t('a scenario must be a JSON object with a "request".')] };
  const nameNode = prop(root, 'name');
  const name = nameNode?.type === 'string' && String(nameNode.value).trim() ? String(nameNode.value).trim() : undefined;
  if (nameNode && nameNode.type !== 'string') problems.push(l10n.t('"name" must be a string: the name shown for this scenario in test lists and reports.'));

  const requestNode = prop(root, 'request');
  const request = requestNode ? readRequest(requestNode, problems) : undefined;
  if (!requestNode) problems.push(l10n.t('"request" is missing: give the principal, action and resource to evaluate.'));

  const input: Record<string, unknown> = { request };
  const source = (node: Node, name: string): PolicySource | undefined => {
    if (node.type === 'object') {
      if (node.length > MAX_POLICY_TEXT_LENGTH) {
        problems.push(l10n.t("{0}: the inline policy is {1}, over the {2} limit of a policy document; IAM's own limits are a few KB.", name, lengthWords(node.length), lengthWords(MAX_POLICY_TEXT_LENGTH)));
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
        problems.push(l10n.t('{0}: cannot read the policy file {1} (looked for {2}).', name, rel, abs));
        return undefined;
      }
      if (typeof content !== 'string') {
        problems.push(`${name}: ${content.error}`);
        return undefined;
      }
      return { name: rel, text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content, file: abs };
    }
    problems.push(l10n.t('{0}: a policy must be a JSON object or a path to a policy file; got {1}.', name, node.type));
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
        problems.push(l10n.t('"{0}" must be an array of levels (root, each OU, the account), each an array of policies.', key));
        continue;
      }
      const levels = value.children ?? [];
      // A flat list of documents (no level arrays at all) is one level holding them all.
      input[slot] = levels.length > 0 && levels.every((l) => l.type !== 'array') ? [list(value, key)] : levels.map((lvl, i) => list(lvl, `${key}[${i}]`));
    } else if (key === 'expect' || key === 'expected') {
      const v = value.value;
      const d = typeof v === 'string' ? DECISIONS.find((x) => x.toLowerCase() === v.trim().toLowerCase()) : undefined;
      if (!d) problems.push(l10n.t('"expect" must be one of {0}; got {1}.', DECISIONS.join(', '), String(JSON.stringify(plain(value)))));
    } else if (key === 'managementAccount' || key === 'now') {
      const v = value.value;
      if (typeof v !== 'string') problems.push(l10n.t('"{0}" must be a string.', key));
      else if (key === 'now' && Number.isNaN(Date.parse(v))) problems.push(l10n.t('"now" must be an ISO 8601 time, such as 2026-06-01T12:00:00Z; got {0}.', JSON.stringify(v)));
      else if (key === 'managementAccount' && !/^\d{12}$/.test(v)) problems.push(l10n.t('"managementAccount" must be a 12-digit account ID; got {0}.', JSON.stringify(v)));
      else input[key] = v;
    } else if (!OTHER_KEYS.has(key) && looksLikeSlot(key)) {
      // Other fields (notes, links, labels) are the author's own; a misspelt slot is not.
      problems.push(l10n.t('Unknown scenario field "{0}". Known fields: request, {1}, expect.', key, [...FLAT_SLOTS, ...LEVEL_SLOTS].join(', ')));
    }
  }
  const expectNode = prop(root, 'expect') ?? prop(root, 'expected');
  const expect = expectNode && typeof expectNode.value === 'string' ? DECISIONS.find((x) => x.toLowerCase() === String(expectNode.value).trim().toLowerCase()) : undefined;
  const principal = request?.principal.trim() ?? '';
  if (/^\d{12}$/.test(principal) || /^arn:[^:]+:iam::\d{12}:root$/.test(principal)) {
    for (const slot of ['identityPolicies', 'permissionsBoundaries'] as const) {
      if (!(input[slot] as PolicySource[] | undefined)?.length) continue;
      problems.push(slot === 'identityPolicies'
        ? l10n.t("{0}: the request's principal is the root user, and identity-based policies cannot be attached to the root user. Remove them, or make the principal an IAM user or role.", slot)
        : l10n.t("{0}: the request's principal is the root user, and permissions boundaries cannot be attached to the root user. Remove them, or make the principal an IAM user or role.", slot));
    }
  }
  if (problems.length) return { expect, name, problems };
  return { input: input as unknown as EvaluationInput, expect, name, problems };
}

function readRequest(node: Node, problems: string[]): EvaluationRequest | undefined {
  if (node.type !== 'object') {
    problems.push(l10n.t('"request" must be an object with principal, action and resource.'));
    return undefined;
  }
  const r = plain(node) as Record<string, unknown>;
  const str = (k: string, required: boolean): string | undefined => {
    const v = r[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || (required && v.trim() === '')) {
      problems.push(k === 'principal' ? l10n.t('request.{0} must be a non-empty string (an ARN, a service principal such as lambda.amazonaws.com, or "anonymous").', k) : l10n.t('request.{0} must be a non-empty string.', k));
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
    if (typeof r.context !== 'object' || r.context === null || Array.isArray(r.context)) problems.push(l10n.t('request.context must be an object of condition keys.'));
    else {
      context = {};
      for (const [k, v] of Object.entries(r.context as Record<string, unknown>)) {
        const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
        if (scalar(v) || (Array.isArray(v) && v.every(scalar))) context[k] = v as ContextValue;
        else problems.push(l10n.t('request.context["{0}"] must be a string, number, boolean or an array of them.', k));
      }
    }
  }
  const credentials = readCredentials(r.credentials, principal, problems);
  if (action !== undefined && !action.includes(':')) problems.push(l10n.t('request.action "{0}" must be service:Action, e.g. s3:GetObject.', action));
  if (principal === undefined || action === undefined || resource === undefined) return undefined;
  return { principal, action, resource, ...(resourceAccount !== undefined ? { resourceAccount } : {}), ...(context ? { context } : {}), ...(credentials ? { credentials } : {}) };
}

/** `request.credentials`: only GetSessionToken, for an IAM user or root user (other sessions' ARNs say how they were made). */
function readCredentials(value: unknown, principal: string | undefined, problems: string[]): 'GetSessionToken' | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim().toLowerCase() !== 'getsessiontoken') {
    problems.push(l10n.t('request.credentials must be "GetSessionToken" (temporary credentials of an IAM user or the root user); got {0}. Role and federated user sessions need none: their principal ARN says how they were made.', String(JSON.stringify(value))));
    return undefined;
  }
  const p = principal?.trim() ?? '';
  if (principal !== undefined && !/^\d{12}$/.test(p) && !/^arn:[^:]+:iam::\d{12}:(?:root|user\/.+)$/.test(p)) {
    problems.push(l10n.t('request.credentials "GetSessionToken" needs an IAM user or the root user as the principal (GetSessionToken returns their credentials); got {0}.', p));
    return undefined;
  }
  return 'GetSessionToken';
}
