import * as l10n from '@vscode/l10n';
import { DOCUMENT_TEXT, safeMessage } from '../untrustedText';
import type { Node } from 'jsonc-parser';
import { evaluate } from '../evaluation';
import { parseScenarioNode, parseScenarioTree, scenarioPolicyPaths, type ScenarioPolicyReader } from '../evaluation/scenario';
import type { Decision, DecidingStatement, EvaluationInput, EvaluationResult, PolicySource } from '../evaluation/types';
import type { IamCatalog } from '../policy/catalog';
import { servicesReferenced } from '../policy';
import type { Span } from '../policy/types';
import { actionProblem, splitAction } from './simulateChoices';

/**
 * One scenario in a file: the whole file, or one element when the file holds an array of them.
 * Every case of a file shares the file's text and parsed tree: none holds a copy.
 */
export interface ScenarioCase {
  /** 0 for a single-scenario file; the element's index otherwise. */
  readonly index: number;
  /** Whether the file holds an array (so cases are named by index, or by their `name`). */
  readonly inArray: boolean;
  /** Where the case sits in the file (offsets into the file's text). */
  readonly start: number;
  readonly end: number;
  /** The scenario's `name`, when it gives one. */
  readonly name?: string;
  /** The file's text (without a byte-order mark), shared by all cases. */
  readonly body: string;
  /** Characters cut from the start of the file (a byte-order mark). */
  readonly shift: number;
  /** The case's node in the file's tree; undefined when the file could not be read as JSON. */
  readonly node?: Node;
  /** Why the file could not be read as scenarios (then it is the only case). */
  readonly problem?: string;
}

/** Splits a scenario file into its cases, parsing it once; a file that does not parse is one case with its problem. */
export function scenarioCases(text: string): ScenarioCase[] {
  const tree = parseScenarioTree(text);
  if ('problem' in tree) return [{ index: 0, inArray: false, start: 0, end: text.length, body: text, shift: 0, problem: tree.problem }];
  const { root, body, shift } = tree;
  if (root.type !== 'array') return [{ index: 0, inArray: false, start: shift, end: text.length, body, shift, node: root, name: caseName(root) }];
  return (root.children ?? []).map((n: Node, index) => ({ index, inArray: true, start: n.offset + shift, end: n.offset + n.length + shift, body, shift, node: n, name: caseName(n) }));
}

/** A case's `name`, read without the rest of the scenario (for test lists). */
function caseName(n: Node): string | undefined {
  if (n.type !== 'object') return undefined;
  const v = n.children?.find((c) => c.children?.[0]?.value === 'name')?.children?.[1];
  return v?.type === 'string' && String(v.value).trim() ? String(v.value).trim() : undefined;
}

/** The policy paths a case names, as written (to read them before running it). */
export function casePolicyPaths(c: ScenarioCase): string[] {
  return c.node ? scenarioPolicyPaths(c.node) : [];
}

/** What running one case gave: a clear problem, or the decision against the expectation. */
export type CaseOutcome =
  | { readonly kind: 'problem'; readonly problems: string[]; readonly dependencies: string[] }
  | { readonly kind: 'evaluated'; readonly input: EvaluationInput; readonly result: EvaluationResult; readonly expect?: Decision; readonly pass: boolean; readonly dependencies: string[] };

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/i;
/** An identity provider named by its host, with a path for some (oidc.eks.us-east-1.amazonaws.com/id/…), as trust policies name them under Federated. */
const PROVIDER_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[\w.~-]+)*$/i;

/** Why `principal` cannot be evaluated, or undefined when it is an ARN, a service principal, an identity provider's host, an account or `anonymous`. */
export function principalProblem(principal: string): string | undefined {
  const p = principal.trim();
  if (p === 'anonymous' || p === '*' || SERVICE_PRINCIPAL.test(p) || PROVIDER_HOST.test(p) || /^\d{12}$/.test(p)) return undefined;
  if (/^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+/.test(p)) return undefined;
  return l10n.t('request.principal "{0}" is not an ARN: write the caller as arn:aws:iam::ACCOUNT:user/NAME, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, a service principal such as lambda.amazonaws.com, or "anonymous".', principal);
}

export function inputSources(input: EvaluationInput): PolicySource[] {
  return [
    ...(input.identityPolicies ?? []),
    ...(input.permissionsBoundaries ?? []),
    ...(input.sessionPolicies ?? []),
    ...(input.serviceControlPolicies ?? []).flat(),
    ...(input.resourceControlPolicies ?? []).flat(),
    ...(input.resourcePolicies ?? []),
    ...(input.vpcEndpointPolicies ?? []),
  ];
}

/** The IAM data services an evaluation needs: the action's and those its policies name. */
export function servicesForInput(input: EvaluationInput): string[] {
  const out = new Set<string>(['aws']);
  const action = splitAction(input.request.action);
  if (action) out.add(action.service);
  for (const s of inputSources(input)) for (const p of servicesReferenced(s.text)) out.add(p);
  return [...out];
}

/**
 * Reads one case and evaluates it. `catalog` must have the services of `servicesForInput` loaded
 * (`ensure` is called with them first). Never throws: bad input becomes a problem.
 */
export function runCase(c: ScenarioCase, file: string, readFile: ScenarioPolicyReader, catalog: IamCatalog | undefined, ensure?: (services: string[]) => void): CaseOutcome {
  const outcome = evaluateCase(c, file, readFile, catalog, ensure);
  // A problem quotes the scenario file: a name of a megabyte, or a bidirectional override, reaches the Test Results view as it is otherwise.
  return outcome.kind === 'problem' ? { ...outcome, problems: outcome.problems.map((p) => safeMessage(p, DOCUMENT_TEXT)) } : outcome;
}

function evaluateCase(c: ScenarioCase, file: string, readFile: ScenarioPolicyReader, catalog: IamCatalog | undefined, ensure?: (services: string[]) => void): CaseOutcome {
  const dependencies: string[] = [];
  const tracked: ScenarioPolicyReader = (abs, written) => {
    dependencies.push(abs);
    return readFile(abs, written);
  };
  if (!c.node) return { kind: 'problem', problems: [c.problem ?? l10n.t('the file could not be read.')], dependencies };
  try {
    const parsed = parseScenarioNode(c.body, c.node, c.shift, file, tracked);
    if (!parsed.input) return { kind: 'problem', problems: parsed.problems, dependencies };
    const input = parsed.input;
    ensure?.(servicesForInput(input));
    const problems = [principalProblem(input.request.principal), catalog ? actionProblem(input.request.action, catalog) : undefined].filter((p): p is string => !!p);
    if (problems.length) return { kind: 'problem', problems, dependencies };
    const result = evaluate(input, catalog);
    const invalid = result.trace.filter((p) => p.error).map((p) => l10n.t('{0} is not a policy: {1}', p.name, String(p.error)));
    if (invalid.length) return { kind: 'problem', problems: invalid, dependencies };
    return { kind: 'evaluated', input, result, expect: parsed.expect, pass: parsed.expect === undefined || parsed.expect === result.decision, dependencies };
  } catch (e) {
    return { kind: 'problem', problems: [l10n.t('{0}: could not be evaluated: {1}', file, e instanceof Error ? e.message : String(e))], dependencies };
  }
}

/** The file and span of a deciding statement, mapped from its policy text into the file that holds it. */
export function decidingLocation(d: DecidingStatement, input: EvaluationInput): { file?: string; offset: number; span: Span } {
  const source = inputSources(input).find((s) => s.name === d.policy);
  return { file: source?.file, offset: source?.offset ?? 0, span: d.statement.location.span };
}
