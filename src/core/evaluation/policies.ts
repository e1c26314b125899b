import * as l10n from '@vscode/l10n';
import { fill, templates } from '../fill';
import { globMatch } from '../policy/actions';
import { compiledPolicy, type ActionPlan, type ActionSet, type CompiledPolicy, type CompiledStatement } from './compiledPolicy';
import { evaluateConditions } from './conditions';
import type { RequestContext } from './context';
import { resourceMatch, resourceOverlap } from './operators';
import { excludedByNotPrincipal, matchPrincipal, type Caller, type PrincipalMatch } from './principal';
import type { PolicyKind, PolicySource, PolicyTrace, StatementTrace } from './types';
import { substitute } from './variables';

/** What the statements are matched against. */
export interface MatchEnv {
  action: string;
  actionLower: string;
  resource: string;
  caller: Caller;
  ctx: RequestContext;
  /** The caller has a permissions boundary. */
  bounded: boolean;
  /**
   * The request's resource is `*` for an action that has resource types: it stands for any of them,
   * so an Allow applies when it could apply to some resource and a Deny only when it covers all.
   */
  anyResource?: boolean;
  /**
   * The request's resource holds wildcards (`arn:aws:s3:::bucket/*`): it stands for the resources it
   * matches, so an Allow's Resource applies when it names any of them; a Deny's must cover them all.
   */
  resourcePattern?: boolean;
  /** Only the decision is wanted (see EvaluationOptions): no explanations, no trace of statements that do not apply. */
  decisionOnly?: boolean;
}

/** Kinds whose statements name principals. */
const WITH_PRINCIPAL: ReadonlySet<PolicyKind> = new Set<PolicyKind>(['resource', 'vpcEndpoint', 'resourceControl']);

export interface EvaluatedPolicy {
  trace: PolicyTrace;
  /** For resource policies: the strongest way an applying Allow named the caller. */
  allowedAs?: PrincipalMatch;
}

function actionMatches(set: ActionSet, action: string, lower: string): boolean {
  if (set.exact?.has(lower)) return true;
  // Indexed loops: this runs per statement and request, and an iterator each time adds up.
  const other = set.other;
  if (other) for (let i = 0; i < other.length; i++) if (other[i] === '*' || globMatch(other[i], action)) return true;
  const byService = set.byService;
  if (!byService) return false;
  const colon = lower.indexOf(':');
  const forService = colon > 0 ? byService.get(lower.slice(0, colon)) : undefined;
  if (forService) for (let i = 0; i < forService.length; i++) if (globMatch(forService[i], action)) return true;
  return false;
}

/** `overlap`: the request's resource holds wildcards and an Allow applies when some resource fits both. */
function resourceMatches(list: string[], resource: string, env: MatchEnv, variables: boolean, overlap = false): boolean {
  const test = overlap ? resourceOverlap : resourceMatch;
  return list.some((r) => resourcePatternMatches(r, resource, env.ctx, variables, test));
}

/**
 * Whether one Resource or NotResource value names the resource, its policy variables put in from the
 * request's context when the policy's version has them (`variables`): a variable with no value and
 * no default matches nothing.
 */
export function resourcePatternMatches(pattern: string, resource: string, ctx: RequestContext, variables: boolean, test = resourceMatch): boolean {
  if (!variables || !pattern.includes('${')) return test(pattern, resource);
  const s = substitute(pattern, ctx, variables);
  return s.resolved && test(s.pattern, resource);
}

/** With the request's resource `*` standing for any resource: some for an Allow, all for a Deny. */
function coversAnyResource(c: CompiledStatement): boolean {
  const everything = (list: string[]) => list.some((r) => r === '*');
  if (c.resources) return c.effect === 'Allow' ? c.resources.length > 0 : everything(c.resources);
  return c.effect === 'Allow' ? !everything(c.notResources!) : false;
}

const NO_CONDITIONS: StatementTrace['conditions'] = [];

/** Where the statement is in its document, computed once. */
function locationOf(c: CompiledStatement): StatementTrace['location'] {
  return (c.location ??= { path: c.st.path, span: c.lines.span(c.st.node.offset, c.st.node.length) });
}

/** Whether a statement can apply to this action: a valid Effect, and the action listed. */
function reaches(c: CompiledStatement, action: string, lower: string): boolean {
  if (!c.effect) return false;
  if (c.actions) return actionMatches(c.actions, action, lower);
  return c.notActions ? !actionMatches(c.notActions, action, lower) : false;
}

/** Why a statement cannot apply to this action, or undefined when it can. */
function actionMiss(c: CompiledStatement, action: string, lower: string): StatementTrace | undefined {
  if (reaches(c, action, lower)) return undefined;
  const explanation =
    !c.effect ? (c.st.effect ? fill(l10n.t("The statement's Effect is {0}, so it never applies."), JSON.stringify(c.st.effect.valueNode.value)) : l10n.t("The statement's Effect is missing, so it never applies."))
    : c.actions ? fill(l10n.t('Action does not include {0}.'), action)
    : c.notActions ? fill(l10n.t('NotAction excludes {0}.'), action)
    : l10n.t('The statement has neither Action nor NotAction.');
  return { index: c.st.index ?? 0, sid: c.sid, effect: c.effect ?? 'Allow', applies: false, mismatch: 'action', explanation, conditions: NO_CONDITIONS, location: locationOf(c) };
}

/** Actions whose per-statement answers (plans, reach) each policy keeps. */
const MAX_KEPT_ACTIONS = 256;

/**
 * One answer per statement for one action, built on first use and kept per policy in `cache`: a
 * request's action meets the same statements again and again. At most MAX_KEPT_ACTIONS are kept.
 */
function perStatement<T>(cache: Map<string, readonly T[]>, policy: CompiledPolicy, action: string, lower: string, derive: (c: CompiledStatement, action: string, lower: string) => T): readonly T[] {
  let answers = cache.get(action);
  if (!answers) {
    if (cache.size >= MAX_KEPT_ACTIONS) cache.clear();
    answers = policy.statements.map((c) => derive(c, action, lower));
    cache.set(action, answers);
  }
  return answers;
}

/** The policy's plan for this action (see ActionPlan). */
function actionPlan(policy: CompiledPolicy, action: string, lower: string): ActionPlan {
  return perStatement(policy.plans, policy, action, lower, actionMiss);
}

/** actionPlan without the traces, for decision-only evaluations: whether each statement can apply. */
function actionReach(policy: CompiledPolicy, action: string, lower: string): readonly boolean[] {
  return perStatement(policy.reach, policy, action, lower, reaches);
}

const RANK: Record<PrincipalMatch, number> = { direct: 3, role: 2, account: 1 };

/** A statement that does not apply, and why. A literal of one fixed shape: spreading a shared base here was the engine's hottest spot. */
function notApplying(c: CompiledStatement, mismatch: StatementTrace['mismatch'], explanation: string, conditions: StatementTrace['conditions']): { trace: StatementTrace } {
  return { trace: { index: c.st.index ?? 0, sid: c.sid, effect: c.effect ?? 'Allow', applies: false, mismatch, explanation, conditions, location: locationOf(c) } };
}

/** How an applying statement names the caller, shared: one object per answer. */
const NO_PRINCIPAL: { match: PrincipalMatch | undefined } = { match: undefined };
const MATCHED: Readonly<Record<PrincipalMatch, { match: PrincipalMatch | undefined }>> = { direct: { match: 'direct' }, role: { match: 'role' }, account: { match: 'account' } };

/** Why a statement's Resource or NotResource does not fit a request whose resource `*` stands for any of the action's. */
function anyResourceMiss(c: CompiledStatement, action: string): string {
  const element = c.resources ? 'Resource' : 'NotResource';
  return c.effect === 'Allow'
    ? fill(l10n.t("{0} names no resource of {1}, and the request's resource * stands for any of them."), element, action)
    : fill(l10n.t("{0} does not cover every resource of {1}, and the request's resource * stands for any of them."), element, action);
}

/** The templates of the explanations built for most statements an evaluation reaches, read once per display language. */
const statementWords = templates(() => ({
  applies: l10n.t('{0} applies: action, resource match.'),
  appliesWithConditions: l10n.t('{0} applies: action, resource and every condition match.'),
  appliesWithPrincipal: l10n.t('{0} applies: action, resource, principal match.'),
  appliesWithPrincipalAndConditions: l10n.t('{0} applies: action, resource, principal and every condition match.'),
  conditionNotMet: l10n.t('Condition not met: {0}'),
  resourceNotIncluded: l10n.t('Resource does not include {0}.'),
  resourceNothingWithin: l10n.t('Resource names nothing within {0}.'),
  notResourceExcludes: l10n.t('NotResource excludes {0}.'),
  principalNotNamed: l10n.t('Principal does not name {0}.'),
}));

/** Why a statement applies: what of it matched the request. */
function appliesText(effect: string, principal: boolean, conditions: boolean): string {
  const w = statementWords();
  if (principal) return fill(conditions ? w.appliesWithPrincipalAndConditions : w.appliesWithPrincipal, effect);
  return fill(conditions ? w.appliesWithConditions : w.applies, effect);
}

/** A statement stopped by its resource or principal: its trace, or null in a decision-only evaluation (which leaves it out). */
function stop(c: CompiledStatement, env: MatchEnv, mismatch: StatementTrace['mismatch'], explanation: string): { trace: StatementTrace } | null {
  return env.decisionOnly ? null : notApplying(c, mismatch, explanation, []);
}

/**
 * Why the statement's resource or principal keeps it from applying (its trace), or how it names the
 * caller (`match`, for the kinds with principals) when they let it apply. A decision-only
 * evaluation leaves such statements out of its trace, so it gets `null` and no trace is built.
 */
function stoppedBefore(c: CompiledStatement, policy: CompiledPolicy, kind: PolicyKind, env: MatchEnv, words: boolean): { trace: StatementTrace } | null | { match: PrincipalMatch | undefined } {
  // The explanation is built only when a reader will see it.
  if (env.anyResource && (c.resources || c.notResources)) {
    if (!coversAnyResource(c)) return stop(c, env, 'resource', words ? anyResourceMiss(c, env.action) : '');
  } else if (c.resources) {
    const overlap = c.effect === 'Allow' && env.resourcePattern === true;
    if (!resourceMatches(c.resources, env.resource, env, policy.variables, overlap)) return stop(c, env, 'resource', !words ? '' : fill(overlap ? statementWords().resourceNothingWithin : statementWords().resourceNotIncluded, env.resource));
  } else if (c.notResources) {
    if (resourceMatches(c.notResources, env.resource, env, policy.variables)) return stop(c, env, 'resource', words ? fill(statementWords().notResourceExcludes, env.resource) : '');
  } else if (kind !== 'resource') return stop(c, env, 'resource', words ? l10n.t('The statement has neither Resource nor NotResource.') : '');
  if (!WITH_PRINCIPAL.has(kind)) return NO_PRINCIPAL;
  if (c.notPrincipal && c.effect === 'Allow') {
    return stop(c, env, 'principal', words ? l10n.t('AWS documents that NotPrincipal must be used with "Effect": "Deny" and that Allow with NotPrincipal is not supported, so this statement grants nothing. Name the principals in Principal instead.') : '');
  }
  const invalid = c.principal?.invalid;
  if (invalid !== undefined) {
    // The object to write goes in as a value: a template's own braces would be read as a placeholder.
    return stop(c, env, 'principal', words ? fill(l10n.t('"Principal": {0} is not valid policy syntax: a plain string Principal may only be "*"; write {1} to name a principal. The statement matches no one.'), JSON.stringify(invalid), `{"AWS": ${JSON.stringify(invalid)}}`) : '');
  }
  if (c.principal) {
    const match = matchPrincipal(c.principal, env.caller);
    if (match) return MATCHED[match];
    if (words && c.principal.service.some((s) => s.includes('*') || s.includes('?'))) return stop(c, env, 'principal', fill(l10n.t('A wildcard under the principal key Service names no one (AWS does not support wildcards there), and no other principal of the statement names {0}.'), env.caller.raw));
    return stop(c, env, 'principal', words ? fill(statementWords().principalNotNamed, env.caller.raw) : '');
  }
  if (c.notPrincipal) {
    // A Deny with NotPrincipal denies a principal with a permissions boundary whatever it lists.
    const bounded = env.bounded && c.effect === 'Deny';
    if (!bounded && excludedByNotPrincipal(c.notPrincipal, env.caller)) {
      return stop(c, env, 'principal', !words ? '' : env.caller.kind === 'session' ? fill(l10n.t('NotPrincipal lists {0} (with its account and role), so the statement does not apply to it.'), env.caller.raw) : fill(l10n.t('NotPrincipal lists {0} (with its account), so the statement does not apply to it.'), env.caller.raw));
    }
    return MATCHED.direct;
  }
  if (kind !== 'resourceControl') return stop(c, env, 'principal', words ? l10n.t('The statement has neither Principal nor NotPrincipal.') : '');
  return MATCHED.direct;
}

/** A Condition that is not an object, or an operator whose value is not one (`"Condition": [...]`, `{"StringEquals": "x"}`). */
function malformedCondition(st: CompiledStatement['st']): boolean {
  const el = st.condition;
  if (!el) return false;
  if (el.valueNode.type !== 'object') return true;
  for (let i = 0; i < st.conditions.length; i++) if (st.conditions[i].valueNode.type !== 'object') return true;
  return false;
}

/** The statement's trace, or null when a decision-only evaluation leaves it out (see stoppedBefore). */
function evaluateStatement(c: CompiledStatement, policy: CompiledPolicy, kind: PolicyKind, env: MatchEnv): { trace: StatementTrace; match?: PrincipalMatch } | null {
  const words = !env.decisionOnly;
  const before = stoppedBefore(c, policy, kind, env, words);
  if (before === null || 'trace' in before) return before;
  if (malformedCondition(c.st)) return notApplying(c, 'condition', words ? l10n.t('The Condition element is not valid policy syntax: it must be an object whose operators each map condition keys to values. AWS rejects such a policy, so the statement never applies.') : '', []);
  const conditions = evaluateConditions(c.st.conditions, env.ctx, policy.variables, policy.parsed.lines, words);
  for (let i = 0; i < conditions.length; i++) {
    if (!conditions[i].matched) return notApplying(c, 'condition', words ? fill(statementWords().conditionNotMet, conditions[i].explanation) : '', conditions);
  }
  return { trace: { index: c.st.index ?? 0, sid: c.sid, effect: c.effect!, applies: true, mismatch: undefined, explanation: words ? appliesText(c.effect!, WITH_PRINCIPAL.has(kind), conditions.length > 0) : '', conditions, location: locationOf(c) }, match: before.match };
}

/** Evaluates one policy document against the request. Never throws. */
export function evaluatePolicy(source: PolicySource, kind: PolicyKind, env: MatchEnv, level?: number): EvaluatedPolicy {
  const policy = compiledPolicy(source.text, source.parsed);
  const trace: PolicyTrace = { kind, name: source.name, outcome: 'NoMatch', statements: [] };
  if (level !== undefined) trace.level = level;
  if (source.file !== undefined) trace.file = source.file;
  if (source.offset !== undefined) trace.offset = source.offset;
  if (policy.error) {
    trace.outcome = 'Invalid';
    trace.error = policy.error;
    return { trace };
  }
  let allowedAs: PrincipalMatch | undefined;
  const statements = policy.statements;
  const decisionOnly = env.decisionOnly === true;
  const plan = decisionOnly ? undefined : actionPlan(policy, env.action, env.actionLower);
  const reach = decisionOnly ? actionReach(policy, env.action, env.actionLower) : undefined;
  for (let i = 0; i < statements.length; i++) {
    if (reach && !reach[i]) continue;
    const skipped = plan?.[i];
    if (skipped) {
      trace.statements.push(skipped);
      continue;
    }
    const r = evaluateStatement(statements[i], policy, kind, env);
    if (!r) continue;
    trace.statements.push(r.trace);
    if (!r.trace.applies) continue;
    if (r.trace.effect === 'Deny') trace.outcome = 'Deny';
    else {
      if (trace.outcome !== 'Deny') trace.outcome = 'Allow';
      const m = r.match ?? 'direct';
      if (!allowedAs || RANK[m] > RANK[allowedAs]) allowedAs = m;
    }
  }
  return { trace, allowedAs };
}
