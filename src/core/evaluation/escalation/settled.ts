import { splitArnCached } from '../../policy/checks/arnFormats';
import { parseConditionOperator } from '../../policy/checks/conditionOperators';
import { someString } from '../../policy/elementStrings';
import type { ParsedElement, ParsedPolicy, ParsedStatement } from '../../policy/parse';
import { awsOwnedRefusal } from '../awsOwned';
import type { RequestContext } from '../context';
import { resourceMatch, testValue } from '../operators';
import { resourcePatternMatches } from '../policies';
import { covering, type Covering } from './probes';
import type { AllowingStatement, PathRequest } from './types';

// Requests an escalation question settles without the evaluation engine, where reading the
// statements gives the engine's answer for less: most requests of a lint run are of these shapes.
// test/unit/escalation/settled.test.ts holds each shortcut against the engine.

/** What the shortcuts need to know of the subject (see decide.ts's Prepared). */
export interface SettlingSubject {
  readonly parsed: readonly ParsedPolicy[];
  /** Per policy and statement, where known: the path actions its Action or NotAction covers (see coversAction). */
  readonly covered: readonly (readonly (Uint8Array | undefined)[] | undefined)[];
  /** No Deny statement and no boundary. */
  readonly allowOnly: boolean;
  /** A permissions boundary bounds the caller. */
  readonly bounded: boolean;
  /** The caller is an IAM user or role of the account the resources belong to (see sameAccountCaller). */
  readonly sameAccount: boolean;
  /** The engine reads every identity policy (none has a document error): otherwise it allows nothing from one. */
  readonly readable: boolean;
}

/** Whether the caller is an IAM user or role of `account`: then its identity policies alone decide a request on the account's resources. */
export function sameAccountCaller(caller: string, account: string): boolean {
  const m = /^arn:[^:]+:iam::(\d{12}):(?:user|role)\//.exec(caller);
  return m !== null && m[1] === account;
}

/**
 * With nothing that denies or bounds, an Allow without a condition on every resource grants the
 * request on the representative resource whatever the path needs: the engine would say so too,
 * and most policies that open a path do it this way, so this spares evaluating them.
 */
export function plainGrant(req: PathRequest, p: SettlingSubject): AllowingStatement | undefined {
  if (!p.allowOnly) return undefined;
  const statements = covering(p, req.action);
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i].st;
    if (st.effect?.valueNode.value !== 'Allow' || st.condition || st.notResource || st.principal || st.notPrincipal || !st.resource) continue;
    if (someString(st.resource, isStar)) return { policy: statements[i].policy, statement: st.index ?? 0 };
  }
  return undefined;
}

export const isStar = (v: string): boolean => v === '*';

/** A settled request: the first statement that allows it, or null when none does. */
export type Settled = AllowingStatement | null;

/**
 * Whether the caller's identity policies alone decide the request on one resource (an ARN without
 * wildcards, or `*`), statement by statement: the caller's own account owns the resource, AWS does
 * not, and no resource policy must allow the action too (sts:, kms:). sts:AssumeRole is asked with a
 * trust policy that trusts the caller's account (see decide.ts's trustOf), which AWS reads as leaving
 * the decision to the caller's identity-based policies.
 */
export function identityAlone(action: string, resource: string, p: SettlingSubject): boolean {
  if (!p.sameAccount || !p.readable) return false;
  let byResource = alone.get(action);
  if (!byResource) {
    if (alone.size > 1000) alone.clear();
    byResource = new Map();
    alone.set(action, byResource);
  }
  let answer = byResource.get(resource);
  if (answer === undefined) {
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    answer = (service === 'sts' ? action.toLowerCase() === 'sts:assumerole' : service !== 'kms') && (resource === '*' || !/[*?]/.test(resource)) && awsOwnedRefusal(action, resource) === undefined;
    if (byResource.size > 1000) byResource.clear();
    byResource.set(resource, answer);
  }
  return answer;
}

/** identityAlone's answers by action and resource, apart from the subject: the paths' requests are tried on the same few resources, policy after policy. */
const alone = new Map<string, Map<string, boolean>>();

/**
 * How the engine decides the request on one resource when nothing denies or bounds and the
 * identity policies alone decide it (see identityAlone): allowed by the first Allow statement, in
 * order, whose Action and Resource reach it, if that one has no condition. Undefined when the engine
 * must say: a condition, a policy variable, a Principal in the way.
 */
export function settledOn(req: PathRequest, resource: string, p: SettlingSubject): Settled | undefined {
  if (!p.allowOnly || !identityAlone(req.action, resource, p)) return undefined;
  const statements = covering(p, req.action);
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i].st;
    if (st.effect?.valueNode.value !== 'Allow') continue;
    const reach = reachesResource(st, resource);
    if (reach === undefined || (reach && (st.condition || st.principal || st.notPrincipal))) return undefined;
    if (reach) return { policy: statements[i].policy, statement: st.index ?? 0 };
  }
  return null;
}

/**
 * settledOn for an iam:PassRole request, whose path names the services the role may be passed to
 * (iam:PassedToService, any one of them, in order): the reached statements may also test that key,
 * as most policies that pass roles do, with StringEquals or StringLike. The first statement, in
 * order, that allows the request in the first service that any statement allows it in; null when
 * none does (the caller cannot choose the key, so the engine would choose no value for it either).
 * Undefined when a reached statement's condition reads anything else, or reads it another way.
 */
export function settledPassedTo(req: PathRequest, resource: string, services: readonly string[], p: SettlingSubject): Settled | undefined {
  if (!p.allowOnly || !identityAlone(req.action, resource, p)) return undefined;
  const reached = reachedAllows(p, req.action, resource, onlyPassedTo);
  if (!reached) return undefined;
  for (let s = 0; s < services.length; s++) {
    for (let i = 0; i < reached.length; i++) {
      if (passedToHolds(reached[i].st, services[s])) return { policy: reached[i].policy, statement: reached[i].st.index ?? 0 };
    }
  }
  return null;
}

/**
 * The Allow statements covering the action that reach the resource, in order. Undefined when one of
 * them is left to the engine: a variable in its Resource (unless the request's context `ctx` is
 * given, see reachesResourceIn), a Principal, or a Condition that `conditionRead` cannot read.
 */
export function reachedAllows(p: SettlingSubject, action: string, resource: string, conditionRead: (st: ParsedStatement) => boolean, ctx?: RequestContext): Covering[] | undefined {
  const statements = covering(p, action);
  const reached: Covering[] = [];
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i].st;
    if (st.effect?.valueNode.value !== 'Allow') continue;
    const reach = reachesResourceIn(p, statements[i], resource, ctx);
    if (reach === undefined || (reach && (st.principal || st.notPrincipal || (st.condition && !conditionRead(st))))) return undefined;
    if (reach) reached.push(statements[i]);
  }
  return reached;
}

/** Whether every condition of the statement tests iam:PassedToService with StringEquals or StringLike (IfExists too), against plain strings. */
function onlyPassedTo(st: ParsedStatement): boolean {
  const ops = st.conditions;
  if (st.condition?.valueNode.type !== 'object' || ops.length === 0) return false;
  for (let i = 0; i < ops.length; i++) {
    const info = parseConditionOperator(ops[i].operator);
    if (ops[i].valueNode.type !== 'object' || !info || info.qualifier || (info.base !== 'StringEquals' && info.base !== 'StringLike') || ops[i].keys.length === 0) return false;
    const keys = ops[i].keys;
    for (let k = 0; k < keys.length; k++) {
      if (keys[k].key.toLowerCase() !== 'iam:passedtoservice') return false;
      const values = keys[k].values;
      for (let j = 0; j < values.length; j++) {
        const v = values[j].value;
        if (typeof v !== 'string' || v.includes('${')) return false;
      }
    }
  }
  return true;
}

/** Whether a statement of onlyPassedTo's shape allows passing the role to the service: every key matches one of its values, as the engine compares them. */
function passedToHolds(st: ParsedStatement, service: string): boolean {
  const ops = st.conditions;
  for (let i = 0; i < ops.length; i++) {
    const base = parseConditionOperator(ops[i].operator)!.base;
    const keys = ops[i].keys;
    for (let k = 0; k < keys.length; k++) {
      const values = keys[k].values;
      let hit = false;
      for (let j = 0; j < values.length && !hit; j++) hit = testValue(base, service, values[j].value as string);
      if (!hit) return false;
    }
  }
  return true;
}

/** What the engine's decision on one resource depends on (see reachSignature). */
export interface Reach {
  /** The statements the request reaches, and the Region its resource names. */
  readonly signature: string;
  /** Some reached statement's Condition may read a key the request's context fixes: the context then counts too. */
  readonly readsFixed: boolean;
  /** Some reached statement has a Condition: otherwise no context key, given or left out, changes the decision. */
  readonly conditioned: boolean;
}

const NO_KEYS: readonly string[] = [];

/**
 * What the engine's decision on one resource depends on, when the identity policies alone decide it
 * and no boundary bounds the caller: which statements the action and resource reach (their
 * conditions then read only the request's context), and the Region the resource names (AWS derives
 * aws:RequestedRegion from it). Requests with the same signature and context are decided alike, so
 * the engine is asked once for them all; and when no reached statement's Condition may read one of
 * `fixedKeys` (the context keys the path fixes, lower case), whatever values they hold. Undefined
 * when a policy variable makes a Resource depend on the request.
 */
export function reachSignature(req: PathRequest, resource: string, p: SettlingSubject, fixedKeys: readonly string[] = NO_KEYS): Reach | undefined {
  if (p.bounded || !identityAlone(req.action, resource, p)) return undefined;
  let signature = resource === '*' ? '' : (splitArnCached(resource)?.region ?? '');
  let readsFixed = false;
  let conditioned = false;
  const statements = covering(p, req.action);
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i].st;
    const reach = reachesResource(st, resource);
    if (reach === undefined) return undefined;
    if (!reach) continue;
    signature += ` ${statements[i].policy}.${statements[i].index}`;
    if (st.condition) conditioned = true;
    if (!readsFixed && fixedKeys.length > 0 && conditionMayRead(st, fixedKeys)) readsFixed = true;
  }
  return { signature, readsFixed, conditioned };
}

/**
 * Whether the engine may read one of the keys (lower case) when it evaluates the statement's
 * Condition: a condition names it, or a value holds a policy variable (which may name it).
 */
function conditionMayRead(st: ParsedStatement, keys: readonly string[]): boolean {
  const ops = st.conditions;
  for (let i = 0; i < ops.length; i++) {
    const condKeys = ops[i].keys;
    for (let k = 0; k < condKeys.length; k++) {
      if (keys.includes(condKeys[k].key.toLowerCase())) return true;
      const values = condKeys[k].values;
      for (let j = 0; j < values.length; j++) {
        const v = values[j].value;
        if (typeof v === 'string' && v.includes('${')) return true;
      }
    }
  }
  return false;
}

/** reachesResource's answers per element and resource, null for undefined: the shortcuts and the probes ask the same statements of the same resources in turn. */
const reaches = new WeakMap<ParsedElement, Map<string, boolean | null>>();

/** Whether the statement's Resource (or else NotResource) lets it apply to the resource; undefined when a variable would need the request's values. */
export function reachesResource(st: ParsedStatement, resource: string): boolean | undefined {
  const el = st.resource ?? st.notResource;
  if (!el) return false;
  let answers = reaches.get(el);
  if (!answers) {
    answers = new Map();
    reaches.set(el, answers);
  }
  let reach = answers.get(resource);
  if (reach === undefined) {
    reach = someString(el, hasVariable) ? null : someString(el, (pattern) => resourceMatch(pattern, resource)) === !!st.resource;
    answers.set(resource, reach);
  }
  return reach ?? undefined;
}

const hasVariable = (v: string): boolean => v.includes('${');

/**
 * reachesResource, with the policy variables of the statement's Resource (or NotResource) put in
 * from the request's context `ctx` by the engine's own rule (policies.ts's resourcePatternMatches): a value
 * whose variable has no value and no default matches nothing. Without `ctx`, undefined for them.
 */
export function reachesResourceIn(p: SettlingSubject, c: Covering, resource: string, ctx: RequestContext | undefined): boolean | undefined {
  const st = c.st;
  const reach = reachesResource(st, resource);
  if (reach !== undefined || !ctx) return reach;
  // Only version 2012-10-17 has variables: in other versions the text is matched as it is.
  const variables = p.parsed[c.policy].version?.valueNode.value === '2012-10-17';
  return someString((st.resource ?? st.notResource)!, (pattern) => resourcePatternMatches(pattern, resource, ctx, variables)) === !!st.resource;
}
