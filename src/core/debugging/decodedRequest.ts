import type { AuthorizationExplanation } from '../authz/explain';
import type { IamCatalog } from '../policy/catalog';
import type { ContextValue, Decision, EvaluationRequest } from '../evaluation/types';

export type DecodedRequestResult = { readonly ok: true; readonly request: EvaluationRequest } | { readonly ok: false; readonly message: string };

/** True when the IAM data lists `key` as multivalued (ArrayOf… types), so the request carries a set. */
export function isMultivaluedKey(key: string, catalog?: IamCatalog): boolean {
  return /^ArrayOf/i.test(catalog?.conditionKey(key)?.type ?? '');
}

/**
 * The request a decoded authorization failure message describes, for the evaluation engine: its
 * principal, action, resource and request context as AWS reported them.
 */
export function requestFromDecoded(ex: AuthorizationExplanation, catalog?: IamCatalog): DecodedRequestResult {
  const principal = ex.principal?.arn;
  if (!principal) return { ok: false, message: 'The decoded message names no principal ARN, so there is no identity whose policies could be read.' };
  const action = ex.action?.full;
  if (!action || !action.includes(':')) return { ok: false, message: `The decoded message names no action with a service prefix${ex.action ? ` (it says "${ex.action.raw}")` : ''}.` };
  const context: Record<string, ContextValue> = {};
  for (const c of ex.context) {
    if (!c.key) continue;
    context[c.key] = c.values.length === 1 && !isMultivaluedKey(c.key, catalog) ? c.values[0] : [...c.values];
  }
  return {
    ok: true,
    request: {
      principal,
      action,
      resource: ex.resource?.raw || '*',
      ...(ex.resource?.account ? { resourceAccount: ex.resource.account } : {}),
      ...(Object.keys(context).length ? { context } : {}),
    },
  };
}

const STATED: Readonly<Record<string, Decision | undefined>> = { allowed: 'Allowed', 'explicit-deny': 'ExplicitlyDenied', 'implicit-deny': 'ImplicitlyDenied' };
const STATED_WORDS: Readonly<Record<Decision, string>> = { Allowed: 'allowed', ExplicitlyDenied: 'an explicit deny', ImplicitlyDenied: 'an implicit deny (no statement allowed it)' };

/**
 * Why an evaluation of the policies read now differs from what AWS decided in the decoded message,
 * or undefined when they agree (or the message does not say).
 */
export function disagreementWithDecoded(verdict: string, decision: Decision, unread: number): string | undefined {
  const stated = STATED[verdict];
  if (!stated || stated === decision) return undefined;
  const causes = [
    ...(unread ? [`${unread} part${unread > 1 ? 's' : ''} of the decision could not be read, and what decided in AWS may be there`] : []),
    'a session policy passed when the role was assumed (IAM does not keep them)',
    'policies changed since the request was made',
    'request context keys that AWS evaluated but the message does not list',
  ];
  return `AWS decided ${STATED_WORDS[stated]}; the policies read now give ${STATED_WORDS[decision]}. Possible causes: ${causes.join('; ')}.`;
}
