import { evaluateConditions } from '../conditions';
import { buildContext, type RequestContext } from '../context';
import { readCallerCached } from '../principal';
import type { ConditionTrace, ContextValue, Decision, EvaluationResult } from '../types';
import type { ParsedStatement } from '../../policy/parse';
import { covering, type Covering } from './probes';
import { identityAlone, reachedAllows, reachesResourceIn, type SettlingSubject } from './settled';
import type { AllowingStatement } from './types';

/** What the escalation decision reads of one evaluation: never the explanations nor the whole trace. */
export interface Answer {
  readonly decision: Decision;
  /** Allowed: the identity statements that allow the request, in order. */
  readonly allowedBy: readonly AllowingStatement[];
  /** ExplicitlyDenied: the conditions of each statement that denies it. */
  readonly denying: readonly (readonly ConditionTrace[])[];
  /** The conditions of each statement of the identity side (identity policies, boundary) that the action and resource reach but a condition stops, in order. */
  readonly stoppedAllow: readonly (readonly ConditionTrace[])[];
  readonly stoppedDeny: readonly (readonly ConditionTrace[])[];
}

const NONE: readonly never[] = [];

/** The engine's result as the escalation decision reads it. */
export function answerOf(r: EvaluationResult): Answer {
  const allowedBy: AllowingStatement[] = [];
  const denying: ConditionTrace[][] = [];
  for (let i = 0; i < r.deciding.length; i++) {
    const d = r.deciding[i];
    if (r.decision === 'ExplicitlyDenied') denying.push(d.statement.conditions);
    else if (d.kind === 'identity') allowedBy.push({ policy: Number(d.policy), statement: d.statement.index });
  }
  const stoppedAllow: ConditionTrace[][] = [];
  const stoppedDeny: ConditionTrace[][] = [];
  for (let i = 0; i < r.trace.length; i++) {
    const t = r.trace[i];
    if (t.kind !== 'identity' && t.kind !== 'permissionsBoundary') continue;
    for (let k = 0; k < t.statements.length; k++) {
      const s = t.statements[k];
      if (s.mismatch === 'condition') (s.effect === 'Allow' ? stoppedAllow : stoppedDeny).push(s.conditions);
    }
  }
  return { decision: r.decision, allowedBy, denying, stoppedAllow, stoppedDeny };
}

/** What the identity-only answer needs of the subject (see decide.ts's Prepared). */
export interface IdentityOnlySubject extends SettlingSubject {
  readonly caller: string;
  readonly account: string;
}

/**
 * The engine's answer, read from the statements, for a request the caller's identity policies alone
 * decide (see identityAlone) when no boundary bounds the caller: denied by the Deny statements, in
 * order, that the action and resource reach and whose conditions all hold in the request's context;
 * else allowed by the Allow statements, in order, that do so; the other statements reached are
 * stopped by a condition. The conditions are the engine's own (evaluateConditions), so this skips
 * only the engine's general machinery: the other kinds of policy, compiling each document, and the
 * trace. Policy variables in a Resource take their values from the request's context, as in the
 * engine; a context stating aws:PrincipalArn or aws:ResourceAccount changes nothing either, since the
 * engine reads no other caller from it for an IAM user or role and the request names the resource's
 * account. Undefined when the engine must say: a Principal, a Condition that is not an object, or a
 * Deny statement on the resource `*` (the engine asks whether it covers every resource of the action).
 */
export function identityOnlyAnswer(p: IdentityOnlySubject, action: string, resource: string, context: Readonly<Record<string, ContextValue>>): Answer | undefined {
  if (p.bounded || !identityAlone(action, resource, p)) return undefined;
  const ctx = buildContext({ principal: p.caller, action, resource, resourceAccount: p.account, context: context as Record<string, ContextValue> }, readCallerCached(p.caller), p.account, undefined);
  const statements = p.allowOnly ? reachedAllows(p, action, resource, readable, ctx) : reachedStatements(p, action, resource, ctx);
  if (!statements) return undefined;
  const allowedBy: AllowingStatement[] = [];
  let denying: (readonly ConditionTrace[])[] | undefined;
  let stoppedAllow: (readonly ConditionTrace[])[] | undefined;
  let stoppedDeny: (readonly ConditionTrace[])[] | undefined;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i].st;
    const policy = p.parsed[statements[i].policy];
    const conditions = st.condition ? evaluateConditions(st.conditions, ctx, policy.version?.valueNode.value === '2012-10-17', policy.lines, false) : NONE;
    const met = conditions.every((c) => c.matched);
    if (st.effect?.valueNode.value === 'Deny') {
      if (met) (denying ??= []).push(conditions);
      else (stoppedDeny ??= []).push(conditions);
    } else if (met) allowedBy.push({ policy: statements[i].policy, statement: st.index ?? 0 });
    else (stoppedAllow ??= []).push(conditions);
  }
  // An explicit deny decides, and then no Allow statement is named (see answerOf).
  const decision = denying ? 'ExplicitlyDenied' : allowedBy.length ? 'Allowed' : 'ImplicitlyDenied';
  return { decision, allowedBy: denying ? NONE : allowedBy, denying: denying ?? NONE, stoppedAllow: stoppedAllow ?? NONE, stoppedDeny: stoppedDeny ?? NONE };
}

/** Whether the engine reads the statement's Condition as conditions (see wellFormed). */
const readable = (st: ParsedStatement): boolean => wellFormed(st.condition!.valueNode.type, st.conditions);

/**
 * The Allow and Deny statements covering the action that reach the resource, in order; undefined
 * when one of them is left to the engine (see reachedAllows), or a Deny statement covers the action
 * and the resource is `*`. A Deny statement that does not reach the resource the engine leaves out.
 */
function reachedStatements(p: IdentityOnlySubject, action: string, resource: string, ctx: RequestContext): Covering[] | undefined {
  const statements = covering(p, action);
  const reached: Covering[] = [];
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i].st;
    const effect = st.effect?.valueNode.value;
    if (effect !== 'Allow' && effect !== 'Deny') continue;
    if (effect === 'Deny' && resource === '*') return undefined;
    const reach = reachesResourceIn(p, statements[i], resource, ctx);
    if (reach === undefined || (reach && (st.principal || st.notPrincipal || (st.condition && !readable(st))))) return undefined;
    if (reach) reached.push(statements[i]);
  }
  return reached;
}

/** The engine's test of a Condition's shape: an object whose operators each map keys to values (see policies.ts's malformedCondition). */
function wellFormed(type: string, ops: readonly { readonly valueNode: { readonly type: string } }[]): boolean {
  if (type !== 'object') return false;
  for (let i = 0; i < ops.length; i++) if (ops[i].valueNode.type !== 'object') return false;
  return true;
}
