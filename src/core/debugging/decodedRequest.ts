import type { AuthorizationExplanation } from '../authz/explain';
import type { IamCatalog } from '../policy/catalog';
import type { ContextValue, EvaluationRequest } from '../evaluation/types';

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
