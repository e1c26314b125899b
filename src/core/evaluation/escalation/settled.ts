import { someString } from '../../policy/elementStrings';
import type { ParsedPolicy, ParsedStatement } from '../../policy/parse';
import { awsOwnedRefusal } from '../awsOwned';
import { documentError } from '../compiledPolicy';
import { resourceMatch } from '../operators';
import { coversAction } from './probes';
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
  /** The caller is an IAM user or role of the account the resources belong to (see sameAccountCaller). */
  readonly sameAccount: boolean;
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
  for (let i = 0; i < p.parsed.length; i++) {
    const statements = p.parsed[i].statements;
    for (let k = 0; k < statements.length; k++) {
      const st = statements[k];
      if (st.effect?.valueNode.value !== 'Allow' || st.condition || st.notResource || st.principal || st.notPrincipal || !st.resource) continue;
      if (someString(st.resource, isStar) && coversAction(st, req.action, p.covered[i]?.[k])) return { policy: i, statement: st.index ?? 0 };
    }
  }
  return undefined;
}

export const isStar = (v: string): boolean => v === '*';

/** A settled request: the first statement that allows it, or null when none does. */
export type Settled = AllowingStatement | null;

/**
 * How the engine decides the request on one resource (an ARN without wildcards, or `*`) when
 * nothing denies or bounds and the caller's own account owns the resource: allowed by the first
 * Allow statement, in order, whose Action and Resource reach it, if that one has no condition.
 * Undefined when the engine must say: a condition, a policy variable, a Principal in the way, a
 * resource AWS owns, or an action whose resource's own policy must allow it (sts:, kms:).
 */
export function settledOn(req: PathRequest, resource: string, p: SettlingSubject): Settled | undefined {
  if (!p.allowOnly || !p.sameAccount) return undefined;
  const action = req.action;
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  if (service === 'sts' || service === 'kms' || (resource !== '*' && /[*?]/.test(resource)) || awsOwnedRefusal(action, resource) !== undefined) return undefined;
  for (let i = 0; i < p.parsed.length; i++) {
    const policy = p.parsed[i];
    if (documentError(policy) !== undefined) return undefined;
    const statements = policy.statements;
    for (let k = 0; k < statements.length; k++) {
      const st = statements[k];
      if (st.effect?.valueNode.value !== 'Allow' || !coversAction(st, action, p.covered[i]?.[k])) continue;
      const reach = reachesResource(st, resource);
      if (reach === undefined || (reach && (st.condition || st.principal || st.notPrincipal))) return undefined;
      if (reach) return { policy: i, statement: st.index ?? 0 };
    }
  }
  return null;
}

/** Whether the statement's Resource (or else NotResource) lets it apply to the resource; undefined when a variable would need the request's values. */
function reachesResource(st: ParsedStatement, resource: string): boolean | undefined {
  const el = st.resource ?? st.notResource;
  if (!el) return false;
  if (someString(el, hasVariable)) return undefined;
  const named = someString(el, (pattern) => resourceMatch(pattern, resource));
  return st.resource ? named : !named;
}

const hasVariable = (v: string): boolean => v.includes('${');
