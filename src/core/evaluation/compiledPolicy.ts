// A policy document read once for evaluation: its statements with their actions split for speed,
// resources and principals, kept per distinct text (src/core/evaluation/policies.ts evaluates them).
import * as l10n from '@vscode/l10n';
import { fill } from '../fill';
import { describeSyntaxCode } from '../jsonSyntax';
import { parsePolicy, stringValues, type LineIndex, type ParsedElement, type ParsedPolicy, type ParsedStatement } from '../policy/parse';
import type { PrincipalValues } from './principal';
import type { StatementTrace } from './types';

/**
 * Action patterns split for speed: exact names in a set, wildcard patterns kept for globbing. Each
 * part exists only when some pattern needs it: most statements hold a few names of one kind, and
 * every document the engine meets (the linter's escalation check compiles each) builds these.
 */
export interface ActionSet {
  exact?: Set<string>;
  /** Wildcard patterns of one named service (`s3:Get*`), by lowercased service. */
  byService?: Map<string, string[]>;
  /** Patterns with a wildcard in the service part, or no colon. */
  other?: string[];
}

export interface CompiledStatement {
  st: ParsedStatement;
  effect: 'Allow' | 'Deny' | undefined;
  /** Where the statement is, computed on first use (see locationOf): many statements are never traced. */
  location: StatementTrace['location'] | undefined;
  lines: LineIndex;
  sid?: string;
  actions?: ActionSet;
  notActions?: ActionSet;
  resources?: string[];
  notResources?: string[];
  principal?: PrincipalValues;
  notPrincipal?: PrincipalValues;
}

export interface CompiledPolicy {
  parsed: ParsedPolicy;
  error?: string;
  /** Policy variables are substituted only in version 2012-10-17. */
  variables: boolean;
  statements: CompiledStatement[];
  /** Per action name as the request spells it: which statements it can reach (see actionPlan). */
  plans: Map<string, ActionPlan>;
  /** The same for decision-only evaluations, without the traces: whether each statement can apply. */
  reach: Map<string, readonly boolean[]>;
}

/**
 * For one action, each statement's trace when the statement cannot apply whatever the rest of the
 * request holds (no valid Effect, or the action is not listed), else undefined: only those
 * statements are evaluated per request. The traces are built once and shared between results.
 */
export type ActionPlan = readonly (StatementTrace | undefined)[];

function strings(el: ParsedElement | undefined): string[] | undefined {
  return el ? stringValues(el).map((v) => v.value) : undefined;
}

function actionSet(el: ParsedElement | undefined): ActionSet | undefined {
  if (!el) return undefined;
  const set: ActionSet = {};
  // Straight from the element's nodes: no list of its strings is made.
  const node = el.valueNode;
  const children = node.type === 'array' ? node.children ?? [] : [node];
  // Values are matched as written, spaces included: `"s3:GetObject "` names no action.
  for (let i = 0; i < children.length; i++) {
    const a = children[i].value;
    if (children[i].type !== 'string' || typeof a !== 'string') continue;
    if (!a.includes('*') && !a.includes('?')) {
      (set.exact ??= new Set()).add(a.toLowerCase());
      continue;
    }
    const colon = a.indexOf(':');
    const service = colon > 0 ? a.slice(0, colon).toLowerCase() : '';
    if (!service || service.includes('*') || service.includes('?')) (set.other ??= []).push(a);
    else {
      const byService = (set.byService ??= new Map());
      const forService = byService.get(service);
      if (forService) forService.push(a);
      else byService.set(service, [a]);
    }
  }
  return set;
}

/** A Principal or NotPrincipal element's values by kind (`"*"` sets `all`). */
export function principals(el: ParsedElement | undefined): PrincipalValues | undefined {
  if (!el) return undefined;
  const p: PrincipalValues = { all: false, aws: [], service: [], federated: [], canonical: [] };
  const node = el.valueNode;
  if (node.type === 'string') {
    p.all = node.value === '*';
    if (!p.all) p.invalid = String(node.value);
    return p;
  }
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const values = v.type === 'array' ? (v.children ?? []).filter((c) => c.type === 'string').map((c) => String(c.value)) : v.type === 'string' ? [String(v.value)] : [];
    const list = ({ AWS: p.aws, Service: p.service, Federated: p.federated, CanonicalUser: p.canonical } as Record<string, string[]>)[String(k.value)];
    if (list) list.push(...values.map((s) => s.trim()));
  }
  return p;
}

/** Why the engine cannot read a document's statements (it then allows and denies nothing), or undefined when it can. */
export function documentError(parsed: ParsedPolicy): string | undefined {
  // A document over the size or nesting limits is not parsed: say which limit, not that it is empty.
  if (parsed.limit) return parsed.limit.message;
  const fatal = parsed.syntax.find((s) => s.kind === 'error');
  if (fatal) {
    const at = parsed.lines.position(fatal.offset);
    return fill(l10n.t('The document is not valid JSON ({0} at line {1}, column {2}).'), describeSyntaxCode(fatal.message), at.line, at.column + 1);
  }
  if (!parsed.root) return l10n.t('The document is empty.');
  if (parsed.root.type !== 'object') return l10n.t('A policy must be a JSON object.');
  if (!parsed.statement) return l10n.t('The policy has no Statement element.');
  return undefined;
}

function compile(text: string, given?: ParsedPolicy): CompiledPolicy {
  const parsed = given && given.text === text ? given : parsePolicy(text);
  const error = documentError(parsed);
  if (error !== undefined) return { parsed, plans: new Map(), reach: new Map(), error, variables: false, statements: [] };
  const version = parsed.version?.valueNode.value;
  const statements = parsed.statements.map((st): CompiledStatement => {
    const e = st.effect?.valueNode.value;
    const sid = st.sid?.valueNode.value;
    return {
      st,
      effect: e === 'Allow' || e === 'Deny' ? e : undefined,
      location: undefined,
      lines: parsed.lines,
      sid: typeof sid === 'string' ? sid : undefined,
      actions: actionSet(st.action),
      notActions: actionSet(st.notAction),
      resources: strings(st.resource),
      notResources: strings(st.notResource),
      principal: principals(st.principal),
      notPrincipal: principals(st.notPrincipal),
    };
  });
  return { parsed, variables: version === '2012-10-17', statements, plans: new Map(), reach: new Map() };
}

const compiled = new Map<string, CompiledPolicy>();
/** Documents the caller parsed itself (a lint), compiled for as long as the caller keeps the parse. */
const compiledParses = new WeakMap<ParsedPolicy, CompiledPolicy>();

/**
 * Parses a document once per distinct text; the cache is bounded. A caller that brings its own
 * parse (the linter, once per text) gets a compilation that lives as long as that parse: holding
 * every linted document of a CLI run until the cache fills made each one outlive young-generation
 * collections, which then copied and promoted it.
 */
export function compiledPolicy(text: string, parsed?: ParsedPolicy): CompiledPolicy {
  let c = compiled.get(text);
  if (c) return c;
  if (parsed && parsed.text === text) {
    c = compiledParses.get(parsed);
    if (!c) {
      c = compile(text, parsed);
      compiledParses.set(parsed, c);
    }
    return c;
  }
  if (compiled.size >= 2000) compiled.clear();
  c = compile(text);
  compiled.set(text, c);
  return c;
}
