import type { IamCatalog } from '../../policy/catalog';
import { parsePolicy, type ParsedPolicy } from '../../policy/parse';
import { awsOwnedRefusal } from '../awsOwned';
import { documentError } from '../compiledPolicy';
import { evaluate } from '../index';
import type { ContextValue, PolicySource } from '../types';
import { requestsInPartition, subjectPartition } from '../partitions';
import { isServiceKey, unsentServiceKeys } from '../unsentKeys';
import { callerChooses, conditionWords, valueFor } from './choices';
import { answerOf, identityOnlyAnswer, type Answer } from './identityOnly';
import { filled, policyProbes, representative } from './probes';
import { fixedContexts, fixedKeys, memoKey } from './requestKeys';
import { plainGrant, reachSignature, sameAccountCaller, settledOn, settledPassedTo, type Reach } from './settled';
import type { AllowingStatement, EscalationPath, PathRequest } from './types';

export type { AllowingStatement } from './types';

/** Whose permissions are asked about: a principal's identity policies and permissions boundary. */
export interface EscalationSubject {
  readonly identity: readonly PolicySource[];
  readonly boundaries?: readonly PolicySource[];
  /** The caller's ARN (an IAM user or role); a user of `account` when absent. */
  readonly caller?: string;
  readonly account?: string;
  /** The identity policies already parsed, in the same order (spares parsing them again). */
  readonly parsed?: readonly (ParsedPolicy | undefined)[];
  /** Per identity policy, with `parsed`: the path actions each statement's Action or NotAction covers, where known (see coversAction). */
  readonly covered?: readonly (readonly (Uint8Array | undefined)[] | undefined)[];
  /** The IAM data, to leave out of a request the service keys its action never carries (see uncarried); without it none is left out. */
  readonly catalog?: IamCatalog;
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
const CALLER_NAME = 'sts-lens-caller';
/** Rounds of choosing condition values before a request counts as closed. */
const MAX_ROUNDS = 4;

interface Prepared {
  readonly subject: EscalationSubject;
  readonly account: string;
  readonly caller: string;
  /** The caller's partition, which the paths' resources are moved to (see subjectPartition). */
  readonly partition: string;
  readonly userName?: string;
  readonly identity: PolicySource[];
  readonly boundaries?: PolicySource[];
  readonly parsed: readonly ParsedPolicy[];
  readonly covered: readonly (readonly (Uint8Array | undefined)[] | undefined)[];
  /** No Deny statement and no boundary: an unconditional Allow on "*" settles a request (see plainGrant). */
  readonly allowOnly: boolean;
  /** A permissions boundary bounds the caller (see reachSignature). */
  readonly bounded: boolean;
  /** The caller is a user or role of the account (see settledOn). */
  readonly sameAccount: boolean;
  /** No identity policy has a document error (see settledOn). */
  readonly readable: boolean;
  /** Decisions per request (action, resource pattern, passedTo, target): paths share requests. */
  readonly memo: Map<string, RequestGrant & { onlyIf: string[] } | null>;
  /** Probes per request without its passedTo (see probesOf): the iam:PassRole requests of several paths share them. */
  readonly probes: Map<string, readonly string[]>;
  /** The engine's answers (allowedWithChoices) per reach signature and context (see reachSignature): requests of many actions reach the same statements. */
  readonly answers: Map<string, Choices | null>;
  /** The condition keys of the identity policies and boundaries that may be service keys (all but aws: keys), each once, lower case. */
  readonly conditionKeys: readonly string[];
  /** The service keys among them (see isServiceKey), once asked for (see serviceKeysOf). */
  serviceKeys?: readonly string[];
  /** Per action: the condition keys its requests never carry (see uncarried). */
  readonly uncarried: Map<string, Uncarried>;
}

/** Condition keys an action's requests never carry, and the same as text for cache keys. */
interface Uncarried {
  readonly keys: ReadonlySet<string>;
  readonly text: string;
}

function prepare(subject: EscalationSubject): Prepared {
  const account = subject.account ?? (/^arn:[^:]+:iam::(\d{12}):/.exec(subject.caller ?? '')?.[1] ?? DEFAULT_ACCOUNT);
  const parsed = subject.identity.map((p, i) => subject.parsed?.[i] ?? parsePolicy(p.text));
  const partition = subjectPartition(subject.caller, parsed);
  const caller = subject.caller ?? `arn:${partition}:iam::${account}:user/${CALLER_NAME}`;
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(caller);
  const conditionKeys = new Set<string>();
  if (subject.catalog) {
    const boundaries = subject.boundaries ?? [];
    for (let b = -parsed.length; b < boundaries.length; b++) {
      const statements = (b < 0 ? parsed[b + parsed.length] : parsePolicy(boundaries[b].text)).statements;
      for (let i = 0; i < statements.length; i++) {
        // Most statements have no Condition: they are passed over without an iterator each.
        const ops = statements[i].conditions;
        for (let o = 0; o < ops.length; o++) {
          const keys = ops[o].keys;
          for (let k = 0; k < keys.length; k++) {
            const key = keys[k].key.toLowerCase();
            // An aws: key is never a service key (see isServiceKey): a policy with only those leaves nothing uncarried, unasked.
            if (!key.startsWith('aws:')) conditionKeys.add(key);
          }
        }
      }
    }
  }
  return {
    subject,
    account,
    caller,
    partition,
    userName: user?.[1],
    // Names are indexes so that deciding statements map back to the subject's policies.
    identity: subject.identity.map((p, i) => ({ name: String(i), text: p.text, parsed: subject.parsed?.[i] })),
    boundaries: subject.boundaries?.length ? subject.boundaries.map((p, i) => ({ name: `b${i}`, text: p.text })) : undefined,
    parsed,
    covered: subject.covered ?? [],
    allowOnly: !subject.boundaries?.length && parsed.every((pol) => pol.statements.every((st) => st.effect?.valueNode.value !== 'Deny')),
    bounded: !!subject.boundaries?.length,
    sameAccount: sameAccountCaller(caller, account),
    readable: parsed.every((pol) => documentError(pol) === undefined),
    memo: new Map(),
    probes: new Map(),
    answers: new Map(),
    conditionKeys: [...conditionKeys],
    uncarried: new Map(),
  };
}

const NOTHING_UNCARRIED: Uncarried = { keys: new Set(), text: '' };

/**
 * The condition keys of the subject's policies that requests for the action never carry: service keys
 * the Service Authorization Reference lists neither for the action nor for its resource types (see
 * unsentKeys). AWS: "Condition context keys may not be present in the authorization context when: You
 * are using service specific condition context keys in requests to resources that do not support that
 * condition key", and "If the key that you specify in a policy condition is not present in the request
 * context, the values do not match and the condition is false". So no value can be chosen for such a
 * key: a condition on `iam:PolicyARN` never holds for `iam:PutUserPolicy`. Nothing is left out without
 * the catalog or when it has not loaded the action's service.
 */
function uncarried(p: Prepared, action: string): Uncarried {
  let found = p.uncarried.get(action);
  if (!found) {
    found = NOTHING_UNCARRIED;
    const catalog = p.subject.catalog;
    if (catalog && p.conditionKeys.length) {
      const keys = unsentServiceKeys(() => (p.serviceKeys ??= p.conditionKeys.filter((k) => isServiceKey(k, catalog))), action, catalog);
      if (keys.length) found = { keys: new Set(keys), text: keys.join(',') };
    }
    p.uncarried.set(action, found);
  }
  return found;
}

const trustTexts = new Map<string, string>();

/** A trust policy that leaves the decision to the caller's identity policies, as one trusting its account does. */
function trustOf(account: string, partition: string): PolicySource {
  const key = partition === 'aws' ? account : `${partition}:${account}`;
  let text = trustTexts.get(key);
  if (!text) {
    text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'sts:AssumeRole' }] });
    trustTexts.set(key, text);
  }
  return { name: 'trust', text };
}

/** Escalation reads the decision, the deciding statements and the condition tests, never the explanations. */
const DECISION_ONLY = { decisionOnly: true };

/** The engine's answer to one request, read from the statements where only identity policies that allow decide it (see identityOnlyAnswer). */
function run(p: Prepared, action: string, resource: string, context: Record<string, ContextValue>): Answer {
  return identityOnlyAnswer(p, action, resource, context) ?? answerOf(evaluate({
    request: { principal: p.caller, action, resource, resourceAccount: p.account, context },
    identityPolicies: p.identity,
    permissionsBoundaries: p.boundaries,
    resourcePolicies: action.toLowerCase() === 'sts:assumerole' ? [trustOf(p.account, p.partition)] : undefined,
  }, undefined, DECISION_ONLY));
}

/** How a request is allowed: the statements that decide it, and the conditions the caller does not control that it needs. */
interface Choices {
  readonly allowedBy: readonly AllowingStatement[];
  readonly onlyIf: string[];
}

/**
 * Whether the request is allowed for some choice of the condition values the caller controls, and
 * under which conditions it does not control. Keys the path fixes (`fixed`) are never changed.
 */
function allowedWithChoices(p: Prepared, action: string, resource: string, fixed: Record<string, ContextValue>): Choices | undefined {
  // What AWS owns it refuses to change whatever the policies and the context say (see awsOwnedRefusal): no choice helps.
  if (awsOwnedRefusal(action, resource) !== undefined) return undefined;
  // Copied on the first change: most requests are decided in one round.
  let context = fixed;
  const onlyIf: string[] = [];
  const fixedKeys = Object.keys(fixed);
  // Asked only when a condition's value is to be chosen: most requests are allowed in the first round.
  let never: ReadonlySet<string> | undefined;
  const settable = (key: string) => !fixedKeys.some((k) => k.toLowerCase() === key.toLowerCase()) && !(key in context) && !(never ??= uncarried(p, action).keys).has(key.toLowerCase());
  const set = (key: string, value: ContextValue) => {
    if (context === fixed) context = { ...fixed };
    context[key] = value;
  };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const r = run(p, action, resource, context);
    if (r.decision === 'Allowed') {
      // A Deny that a condition the caller does not control switches off still limits the path.
      for (const conditions of r.stoppedDeny) {
        const failed = conditions.filter((c) => !c.matched);
        if (failed.length && failed.every((c) => !callerChooses(c.key) && settable(c.key))) onlyIf.push(failed.map((c) => conditionWords(c, false)).join(' or '));
      }
      return { allowedBy: r.allowedBy, onlyIf };
    }
    let changed = false;
    if (r.decision === 'ExplicitlyDenied') {
      for (const conditions of r.denying) {
        const cond = conditions.find((c) => settable(c.key) && valueFor(c, false) !== undefined);
        if (!cond) return undefined;
        set(cond.key, valueFor(cond, false)!);
        if (!callerChooses(cond.key)) onlyIf.push(conditionWords(cond, false));
        changed = true;
      }
    } else {
      for (const conditions of r.stoppedAllow) {
        const failed = conditions.filter((c) => !c.matched);
        if (!failed.every((c) => settable(c.key) && valueFor(c, true) !== undefined)) continue;
        for (const c of failed) {
          set(c.key, valueFor(c, true)!);
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

const probeKeys = new WeakMap<PathRequest, string>();

/** The request's policy probes, once per subject for requests that differ only in the services a role is passed to. */
function probesOf(req: PathRequest, p: Prepared): readonly string[] {
  let key = probeKeys.get(req);
  if (key === undefined) {
    key = `${req.action}\n${req.resource}\n${req.target ?? ''}\n${(req.closedOn ?? []).join(',')}`;
    probeKeys.set(req, key);
  }
  let probes = p.probes.get(key);
  if (!probes) {
    probes = policyProbes(req, p, filled(req, p));
    p.probes.set(key, probes);
  }
  return probes;
}

/**
 * The statement the engine finds first allowing a request that a plain grant allows (see plainGrant):
 * an earlier statement may name the resource itself, and the finding points where the engine decides.
 */
function firstAllowing(req: PathRequest, p: Prepared, resource: string, plain: AllowingStatement): AllowingStatement {
  const settled = settledOn(req, resource, p);
  if (settled) return settled;
  if (settled === null) return plain;
  const r = run(p, req.action, resource, fixedContexts(req)[0]);
  const first = r.decision === 'Allowed' ? r.allowedBy[0] : undefined;
  return first ?? plain;
}

/** How a request is allowed, preferring a way that needs no condition the caller does not control. */
function decideRequest(req: PathRequest, p: Prepared): (RequestGrant & { onlyIf: string[] }) | undefined {
  const key = memoKey(req);
  const memo = p.memo.get(key);
  if (memo !== undefined) return memo ?? undefined;
  const rep = representative(req, p);
  const plain = plainGrant(req, p);
  if (plain) {
    const resource = rep ?? probesOf(req, p)[0] ?? req.resource;
    const grant = { request: req, resource, allowedBy: [firstAllowing(req, p, resource, plain)], onlyIf: [] };
    p.memo.set(key, grant);
    return grant;
  }
  let best: (RequestGrant & { onlyIf: string[] }) | undefined;
  const contexts = fixedContexts(req);
  // The representative resource first: most requests are settled there, and the others need no probes.
  let probes: readonly string[] | undefined = rep !== undefined ? [rep] : undefined;
  for (let round = 0; round < 2 && !(best && best.onlyIf.length === 0); round++) {
    if (round === 1) probes = req.resource === '*' ? undefined : probesOf(req, p);
    for (let i = 0; probes && i < probes.length; i++) {
      const grant = bestOn(req, p, probes[i], contexts);
      if (grant && (!best || best.onlyIf.length > grant.onlyIf.length)) best = grant;
      if (best && best.onlyIf.length === 0) break;
    }
  }
  p.memo.set(key, best ?? null);
  return best;
}

/** How the request is allowed on one resource, trying each fixed context in turn until one needs no condition. */
function bestOn(req: PathRequest, p: Prepared, resource: string, contexts: readonly Record<string, ContextValue>[]): (RequestGrant & { onlyIf: string[] }) | undefined {
  // Settled without a condition, the request is decided the same way in every context.
  const settled = settledOn(req, resource, p);
  if (settled !== undefined) return settled ? { request: req, resource, allowedBy: [settled], onlyIf: [] } : undefined;
  const passed = req.passedTo && settledPassedTo(req, resource, req.passedTo, p);
  if (passed !== undefined) return passed ? { request: req, resource, allowedBy: [passed], onlyIf: [] } : undefined;
  let best: (RequestGrant & { onlyIf: string[] }) | undefined;
  const reach = reachSignature(req, resource, p, fixedKeys(req));
  for (let i = 0; i < contexts.length; i++) {
    const r = reach === undefined ? allowedWithChoices(p, req.action, resource, contexts[i]) : answerOnce(p, req.action, resource, contexts[i], reach);
    // When no statement reached reads the keys the contexts fix, the other contexts are answered alike.
    const last = reach !== undefined && !reach.readsFixed;
    if (!r) {
      if (last) break;
      continue;
    }
    const grant = { request: req, resource, allowedBy: r.allowedBy, onlyIf: r.onlyIf };
    if (!best || best.onlyIf.length > grant.onlyIf.length) best = grant;
    if (grant.onlyIf.length === 0 || last) break;
  }
  return best;
}

const contextKeys = new WeakMap<Record<string, ContextValue>, string>();

/** allowedWithChoices, asked of the engine once per reach signature, and per fixed context when a statement reached reads it. */
function answerOnce(p: Prepared, action: string, resource: string, fixed: Record<string, ContextValue>, reach: Reach): Choices | undefined {
  // Actions that reach the same statements are answered alike only when they leave out the same keys,
  // which matters only when one of those statements has a Condition.
  let key = reach.conditioned ? `${reach.signature}\n${uncarried(p, action).text}` : reach.signature;
  if (reach.readsFixed) {
    let context = contextKeys.get(fixed);
    if (context === undefined) {
      context = JSON.stringify(fixed);
      contextKeys.set(fixed, context);
    }
    key = `${key}\n${context}`;
  }
  let answer = p.answers.get(key);
  if (answer === undefined) {
    answer = allowedWithChoices(p, action, resource, fixed) ?? null;
    p.answers.set(key, answer);
  }
  return answer ?? undefined;
}

function decidePathWith(path: EscalationPath, p: Prepared): PathDecision | undefined {
  const grants: RequestGrant[] = [];
  const onlyIf: string[] = [];
  for (const group of requestsInPartition(path.requires, p.partition)) {
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
