import * as l10n from '@vscode/l10n';
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
  if (!principal) return { ok: false, message: l10n.t('The decoded message names no principal ARN, so there is no identity whose policies could be read.') };
  const action = ex.action?.full;
  if (!action || !action.includes(':')) return { ok: false, message: ex.action ? l10n.t('The decoded message names no action with a service prefix (it says "{0}").', ex.action.raw) : l10n.t('The decoded message names no action with a service prefix.') };
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
/** A decision as the sentence about a disagreement says it. */
function statedWords(decision: Decision): string {
  if (decision === 'Allowed') return l10n.t('allowed');
  return decision === 'ExplicitlyDenied' ? l10n.t('an explicit deny') : l10n.t('an implicit deny (no statement allowed it)');
}

/**
 * That an evaluation of the policies read now differs from what AWS decided in the decoded message
 * ("AWS decided allowed; the policies read now give an explicit deny"), or undefined when they agree
 * (or the message does not say): the notification's words, without the causes.
 */
export function disagreementHeadline(verdict: string, decision: Decision): string | undefined {
  const stated = STATED[verdict];
  if (!stated || stated === decision) return undefined;
  return l10n.t('AWS decided {0}; the policies read now give {1}', statedWords(stated), statedWords(decision));
}

/** The disagreement's headline (see disagreementHeadline) with its possible causes, or undefined when they agree. */
export function disagreementWithDecoded(verdict: string, decision: Decision, unread: number): string | undefined {
  const headline = disagreementHeadline(verdict, decision);
  if (!headline) return undefined;
  const causes = [
    ...(unread ? [unread > 1 ? l10n.t('{0} parts of the decision could not be read, and what decided in AWS may be there', unread) : l10n.t('{0} part of the decision could not be read, and what decided in AWS may be there', unread)] : []),
    l10n.t('a session policy passed when the role was assumed (IAM does not keep them)'),
    l10n.t('policies changed since the request was made'),
    l10n.t('request context keys that AWS evaluated but the message does not list'),
  ];
  return l10n.t('{0}. Possible causes: {1}.', headline, causes.join('; '));
}
