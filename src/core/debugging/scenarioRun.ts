import { parseTree, type Node } from 'jsonc-parser';
import { evaluate, parseScenario } from '../evaluation';
import type { Decision, DecidingStatement, EvaluationInput, EvaluationResult, PolicySource } from '../evaluation/types';
import type { IamCatalog } from '../policy/catalog';
import { servicesReferenced } from '../policy';
import type { Span } from '../policy/types';
import { actionProblem, splitAction } from './simulateChoices';

/** One scenario in a file: the whole file, or one element when the file holds an array of them. */
export interface ScenarioCase {
  /** 0 for a single-scenario file; the element's index otherwise. */
  readonly index: number;
  /** Whether the file holds an array (so cases are named by index). */
  readonly inArray: boolean;
  /** Where the case sits in the file (offsets into the file's text). */
  readonly start: number;
  readonly end: number;
  /** The file's text with everything outside this case blanked (newlines kept), so offsets and lines match the file. */
  readonly text: string;
}

export type CasesResult = { readonly cases: ScenarioCase[] } | { readonly problem: string };

/** Splits a scenario file into its cases; a parse problem is left to the scenario reader. */
export function scenarioCases(text: string): ScenarioCase[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'array') return [{ index: 0, inArray: false, start: 0, end: text.length, text }];
  const blank = (s: string) => s.replace(/[^\n\r]/g, ' ');
  return (root.children ?? []).map((n: Node, index) => ({
    index,
    inArray: true,
    start: n.offset,
    end: n.offset + n.length,
    text: blank(text.slice(0, n.offset)) + text.slice(n.offset, n.offset + n.length) + blank(text.slice(n.offset + n.length)),
  }));
}

/** What running one case gave: a clear problem, or the decision against the expectation. */
export type CaseOutcome =
  | { readonly kind: 'problem'; readonly problems: string[]; readonly dependencies: string[] }
  | { readonly kind: 'evaluated'; readonly input: EvaluationInput; readonly result: EvaluationResult; readonly expect?: Decision; readonly pass: boolean; readonly dependencies: string[] };

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/i;

/** Why `principal` cannot be evaluated, or undefined when it is an ARN, a service principal, an account or `anonymous`. */
export function principalProblem(principal: string): string | undefined {
  const p = principal.trim();
  if (p === 'anonymous' || p === '*' || SERVICE_PRINCIPAL.test(p) || /^\d{12}$/.test(p)) return undefined;
  if (/^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+/.test(p)) return undefined;
  return `request.principal "${principal}" is not an ARN: write the caller as arn:aws:iam::ACCOUNT:user/NAME, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, a service principal such as lambda.amazonaws.com, or "anonymous".`;
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
export function runCase(c: ScenarioCase, file: string, readFile: (absPath: string) => string | undefined, catalog: IamCatalog | undefined, ensure?: (services: string[]) => void): CaseOutcome {
  const dependencies: string[] = [];
  const tracked = (abs: string) => {
    dependencies.push(abs);
    return readFile(abs);
  };
  try {
    const parsed = parseScenario(c.text, file, tracked);
    if (!parsed.input) return { kind: 'problem', problems: parsed.problems, dependencies };
    const input = parsed.input;
    ensure?.(servicesForInput(input));
    const problems = [principalProblem(input.request.principal), catalog ? actionProblem(input.request.action, catalog) : undefined].filter((p): p is string => !!p);
    if (problems.length) return { kind: 'problem', problems, dependencies };
    const result = evaluate(input, catalog);
    const invalid = result.trace.filter((p) => p.error).map((p) => `${p.name} is not a policy: ${p.error}`);
    if (invalid.length) return { kind: 'problem', problems: invalid, dependencies };
    return { kind: 'evaluated', input, result, expect: parsed.expect, pass: parsed.expect === undefined || parsed.expect === result.decision, dependencies };
  } catch (e) {
    return { kind: 'problem', problems: [`${file}: could not be evaluated: ${e instanceof Error ? e.message : String(e)}`], dependencies };
  }
}

/** The file and span of a deciding statement, mapped from its policy text into the file that holds it. */
export function decidingLocation(d: DecidingStatement, input: EvaluationInput): { file?: string; offset: number; span: Span } {
  const source = inputSources(input).find((s) => s.name === d.policy);
  return { file: source?.file, offset: source?.offset ?? 0, span: d.statement.location.span };
}
