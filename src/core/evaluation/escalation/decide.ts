import { globMatch } from '../../policy/actions';
import { parsePolicy, stringValues, type ParsedPolicy } from '../../policy/parse';
import { evaluate } from '../index';
import { resourceMatch, resourceOverlap } from '../operators';
import type { ContextValue, DecidingStatement, EvaluationResult, PolicySource, StatementTrace } from '../types';
import { callerChooses, conditionWords, valueFor } from './choices';
import type { EscalationPath, PathRequest } from './types';

/** Whose permissions are asked about: a principal's identity policies and permissions boundary. */
export interface EscalationSubject {
  readonly identity: readonly PolicySource[];
  readonly boundaries?: readonly PolicySource[];
  /** The caller's ARN (an IAM user or role); a user of `account` when absent. */
  readonly caller?: string;
  readonly account?: string;
  /** The identity policies already parsed, in the same order (spares parsing them again). */
  readonly parsed?: readonly (ParsedPolicy | undefined)[];
}

/** The statement of an identity policy that allows a request. */
export interface AllowingStatement {
  /** Index into the subject's identity policies. */
  readonly policy: number;
  /** Index in the policy's Statement array. */
  readonly statement: number;
}

/** How one request of a path is allowed. */
export interface RequestGrant {
  readonly request: PathRequest;
  /** The resource it was allowed on (a representative ARN). */
  readonly resource: string;
  readonly allowedBy: readonly AllowingStatement[];
}

export interface PathDecision {
  readonly path: EscalationPath;
  /** One grant per group of the path, in its order. */
  readonly grants: readonly RequestGrant[];
  /** Conditions the caller does not control that the path needs, in words; empty when it holds as it is. */
  readonly onlyIf: readonly string[];
}

const DEFAULT_ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const CALLER_NAME = 'sts-lens-caller';
/** Most probes a request is tried on: the representative resource and the policies' own resources. */
const MAX_PROBES = 6;
/** Rounds of choosing condition values before a request counts as closed. */
const MAX_ROUNDS = 4;

interface Prepared {
  readonly subject: EscalationSubject;
  readonly account: string;
  readonly caller: string;
  readonly userName?: string;
  readonly identity: PolicySource[];
  readonly boundaries?: PolicySource[];
  readonly parsed: readonly ParsedPolicy[];
  /** No Deny statement and no boundary: an unconditional Allow on "*" settles a request (see plainGrant). */
  readonly allowOnly: boolean;
  /** Decisions per request (action, resource pattern, passedTo, target): paths share requests. */
  readonly memo: Map<string, RequestGrant & { onlyIf: string[] } | null>;
}

function prepare(subject: EscalationSubject): Prepared {
  const account = subject.account ?? (/^arn:[^:]+:iam::(\d{12}):/.exec(subject.caller ?? '')?.[1] ?? DEFAULT_ACCOUNT);
  const caller = subject.caller ?? `arn:aws:iam::${account}:user/${CALLER_NAME}`;
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(caller);
  const parsed = subject.identity.map((p, i) => subject.parsed?.[i] ?? parsePolicy(p.text));
  return {
    subject,
    account,
    caller,
    userName: user?.[1],
    // Names are indexes so that deciding statements map back to the subject's policies.
    identity: subject.identity.map((p, i) => ({ name: String(i), text: p.text, parsed: subject.parsed?.[i] })),
    boundaries: subject.boundaries?.length ? subject.boundaries.map((p, i) => ({ name: `b${i}`, text: p.text })) : undefined,
    parsed,
    allowOnly: !subject.boundaries?.length && parsed.every((pol) => pol.statements.every((st) => st.effect?.valueNode.value !== 'Deny')),
    memo: new Map(),
  };
}

/**
 * With nothing that denies or bounds, an Allow without a condition on every resource grants the
 * request on the representative resource whatever the path needs: the engine would say so too,
 * and most policies that open a path do it this way, so this spares evaluating them.
 */
function plainGrant(req: PathRequest, p: Prepared): AllowingStatement | undefined {
  if (!p.allowOnly) return undefined;
  for (let i = 0; i < p.parsed.length; i++) {
    const statements = p.parsed[i].statements;
    for (let k = 0; k < statements.length; k++) {
      const st = statements[k];
      if (st.effect?.valueNode.value !== 'Allow' || st.condition || st.notResource || st.principal || st.notPrincipal || !st.resource) continue;
      if (hasStar(stringValues(st.resource)) && coversAction(st, req.action)) return { policy: i, statement: st.index ?? 0 };
    }
  }
  return undefined;
}

function fill(template: string, account: string, name: string): string {
  return template.replace(/\{account\}/g, account).replace(/\{region\}/g, REGION).replace(/\{name\}/g, name);
}

function classOf(template: string): string {
  return template.replace(/\{(account|region|name)\}/g, '*');
}

function hasStar(values: readonly { value: string }[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i].value === '*') return true;
  return false;
}

/** Whether a statement's Action (or NotAction) covers the action. */
function coversAction(st: ParsedPolicy['statements'][number], action: string): boolean {
  if (st.action) return namesAction(stringValues(st.action), action);
  if (st.notAction) return !namesAction(stringValues(st.notAction), action);
  return false;
}

/** Whether one of the values is `*` or a pattern of the action; a loop, since every request of a path asks. */
function namesAction(values: readonly { value: string }[], action: string): boolean {
  for (let i = 0; i < values.length; i++) if (values[i].value === '*' || globMatch(values[i].value, action)) return true;
  return false;
}

/** A resource pattern made into one ARN it matches, in the caller's account and a default Region. */
function instantiate(pattern: string, p: Prepared): string {
  const withVariables = pattern.replace(/\$\{aws:username\}/gi, p.userName ?? '${aws:username}').replace(/\$\{[^}]*\}/g, '*');
  const parts = withVariables.split(':');
  if (parts.length >= 6 && parts[0] === 'arn') {
    if (/[*?]/.test(parts[1])) parts[1] = 'aws';
    if (/[*?]/.test(parts[3])) parts[3] = REGION;
    if (/[*?]/.test(parts[4])) parts[4] = p.account;
  }
  return parts.join(':').replace(/\*/g, 'sts-lens').replace(/\?/g, 'x');
}

/** The representative resource of a request, the first of its probes; undefined when the caller itself is the one. */
function representative(req: PathRequest, p: Prepared): string | undefined {
  if (req.resource === '*') return '*';
  const other = req.target === 'other';
  const rep = fill(req.resource, p.account, other ? 'sts-lens-other-user' : 'sts-lens-probe');
  return other && rep === p.caller ? undefined : rep;
}

/**
 * The resources a request is tried on: the representative one, then those the policies name. A
 * generator, since most requests are settled on the representative one and need no others.
 */
function* probes(req: PathRequest, p: Prepared): Generator<string, void, undefined> {
  if (req.resource === '*') {
    yield '*';
    return;
  }
  const other = req.target === 'other';
  const rep = fill(req.resource, p.account, other ? 'sts-lens-other-user' : 'sts-lens-probe');
  if (!(other && rep === p.caller)) yield rep;
  const cls = classOf(req.resource);
  const seen = [rep];
  for (const policy of p.parsed) {
    for (const st of policy.statements) {
      if (st.effect?.valueNode.value !== 'Allow' || !st.resource || !coversAction(st, req.action)) continue;
      for (const v of stringValues(st.resource)) {
        if (v.value === '*' || seen.length >= MAX_PROBES) continue;
        if (!resourceOverlap(cls, v.value.replace(/\$\{[^}]*\}/g, '*'))) continue;
        const probe = instantiate(v.value, p);
        if (seen.includes(probe) || !resourceMatch(cls, probe)) continue;
        seen.push(probe);
        // The representative resource is one the path can use; closedOn names those a policy may scope to instead.
        if (!(req.closedOn ?? []).some((c) => resourceMatch(c, probe)) && !(other && probe === p.caller)) yield probe;
      }
    }
  }
}

const trustTexts = new Map<string, string>();

/** A trust policy that leaves the decision to the caller's identity policies, as one trusting its account does. */
function trustOf(account: string): PolicySource {
  let text = trustTexts.get(account);
  if (!text) {
    text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] });
    trustTexts.set(account, text);
  }
  return { name: 'trust', text };
}

/** Escalation reads the decision, the deciding statements and the condition tests, never the explanations. */
const DECISION_ONLY = { decisionOnly: true };

function run(p: Prepared, action: string, resource: string, context: Record<string, ContextValue>): EvaluationResult {
  return evaluate({
    request: { principal: p.caller, action, resource, resourceAccount: p.account, context },
    identityPolicies: p.identity,
    permissionsBoundaries: p.boundaries,
    resourcePolicies: action.toLowerCase() === 'sts:assumerole' ? [trustOf(p.account)] : undefined,
  }, undefined, DECISION_ONLY);
}

/** Statements of the identity side (identity policies and boundary) that the action and resource reach but a condition stops. */
function stoppedByConditions(r: EvaluationResult, effect: 'Allow' | 'Deny'): StatementTrace[] {
  const out: StatementTrace[] = [];
  for (let i = 0; i < r.trace.length; i++) {
    const t = r.trace[i];
    if (t.kind !== 'identity' && t.kind !== 'permissionsBoundary') continue;
    for (let k = 0; k < t.statements.length; k++) {
      const s = t.statements[k];
      if (s.effect === effect && s.mismatch === 'condition') out.push(s);
    }
  }
  return out;
}

/**
 * Whether the request is allowed for some choice of the condition values the caller controls, and
 * under which conditions it does not control. Keys the path fixes (`fixed`) are never changed.
 */
function allowedWithChoices(p: Prepared, action: string, resource: string, fixed: Record<string, ContextValue>): { deciding: DecidingStatement[]; onlyIf: string[] } | undefined {
  const context: Record<string, ContextValue> = { ...fixed };
  const onlyIf: string[] = [];
  const settable = (key: string) => !Object.keys(fixed).some((k) => k.toLowerCase() === key.toLowerCase()) && !(key in context);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const r = run(p, action, resource, context);
    if (r.decision === 'Allowed') {
      // A Deny that a condition the caller does not control switches off still limits the path.
      for (const s of stoppedByConditions(r, 'Deny')) {
        const failed = s.conditions.filter((c) => !c.matched);
        if (failed.length && failed.every((c) => !callerChooses(c.key) && settable(c.key))) onlyIf.push(failed.map((c) => conditionWords(c, false)).join(' or '));
      }
      return { deciding: r.deciding, onlyIf };
    }
    let changed = false;
    if (r.decision === 'ExplicitlyDenied') {
      for (const d of r.deciding) {
        const cond = d.statement.conditions.find((c) => settable(c.key) && valueFor(c, false) !== undefined);
        if (!cond) return undefined;
        context[cond.key] = valueFor(cond, false)!;
        if (!callerChooses(cond.key)) onlyIf.push(conditionWords(cond, false));
        changed = true;
      }
    } else {
      for (const s of stoppedByConditions(r, 'Allow')) {
        const failed = s.conditions.filter((c) => !c.matched);
        if (!failed.every((c) => settable(c.key) && valueFor(c, true) !== undefined)) continue;
        for (const c of failed) {
          context[c.key] = valueFor(c, true)!;
          if (!callerChooses(c.key)) onlyIf.push(conditionWords(c, true));
        }
        changed = true;
        break;
      }
    }
    if (!changed) return undefined;
  }
  return undefined;
}

/** How a request is allowed, preferring a way that needs no condition the caller does not control. */
function decideRequest(req: PathRequest, p: Prepared): (RequestGrant & { onlyIf: string[] }) | undefined {
  const key = `${req.action}\n${req.resource}\n${req.target ?? ''}\n${(req.passedTo ?? []).join(',')}\n${(req.closedOn ?? []).join(',')}`;
  const memo = p.memo.get(key);
  if (memo !== undefined) return memo ?? undefined;
  const plain = plainGrant(req, p);
  if (plain) {
    const grant = { request: req, resource: representative(req, p) ?? probes(req, p).next().value ?? req.resource, allowedBy: [plain], onlyIf: [] };
    p.memo.set(key, grant);
    return grant;
  }
  let best: (RequestGrant & { onlyIf: string[] }) | undefined;
  const contexts: Record<string, ContextValue>[] = req.passedTo ? req.passedTo.map((s) => ({ 'iam:PassedToService': s })) : [{}];
  outer: for (const resource of probes(req, p)) {
    for (const fixed of contexts) {
      const r = allowedWithChoices(p, req.action, resource, fixed);
      if (!r) continue;
      const allowedBy = r.deciding.filter((d) => d.kind === 'identity').map((d) => ({ policy: Number(d.policy), statement: d.statement.index }));
      const grant = { request: req, resource, allowedBy, onlyIf: r.onlyIf };
      if (!best || best.onlyIf.length > grant.onlyIf.length) best = grant;
      if (grant.onlyIf.length === 0) break outer;
    }
  }
  p.memo.set(key, best ?? null);
  return best;
}

function decidePathWith(path: EscalationPath, p: Prepared): PathDecision | undefined {
  const grants: RequestGrant[] = [];
  const onlyIf: string[] = [];
  for (const group of path.requires) {
    let chosen: (RequestGrant & { onlyIf: string[] }) | undefined;
    for (const req of group) {
      const g = decideRequest(req, p);
      if (g && (!chosen || g.onlyIf.length < chosen.onlyIf.length)) chosen = g;
      if (chosen && chosen.onlyIf.length === 0) break;
    }
    if (!chosen) return undefined;
    grants.push({ request: chosen.request, resource: chosen.resource, allowedBy: chosen.allowedBy });
    for (const c of chosen.onlyIf) if (!onlyIf.includes(c)) onlyIf.push(c);
  }
  return { path, grants, onlyIf };
}

/**
 * The paths that hold for the subject: every request a path needs is allowed (by the evaluation
 * engine) for some resource the path could use, with the conditions the caller controls chosen in
 * its favour.
 */
export function decideEscalations(subject: EscalationSubject, paths: readonly EscalationPath[]): PathDecision[] {
  const p = prepare(subject);
  const out: PathDecision[] = [];
  for (const path of paths) {
    const d = decidePathWith(path, p);
    if (d) out.push(d);
  }
  return out;
}

/**
 * Whether one identity policy allows every action on every resource with no condition, and no
 * policy of the subject denies anything: full administrator access.
 */
export function grantsFullAccess(subject: EscalationSubject): AllowingStatement | undefined {
  if (subject.boundaries?.length) return undefined;
  const parsed = subject.identity.map((pol, i) => subject.parsed?.[i] ?? parsePolicy(pol.text));
  let found: AllowingStatement | undefined;
  for (let i = 0; i < parsed.length; i++) {
    for (const st of parsed[i].statements) {
      const effect = st.effect?.valueNode.value;
      if (effect === 'Deny') return undefined;
      if (found || effect !== 'Allow' || st.condition || st.notResource || st.principal || st.notPrincipal || !st.action || !st.resource) continue;
      const every = stringValues(st.action).some((v) => v.value === '*' || v.value === '*:*');
      if (every && stringValues(st.resource).some((v) => v.value === '*')) found = { policy: i, statement: st.index ?? 0 };
    }
  }
  return found;
}
