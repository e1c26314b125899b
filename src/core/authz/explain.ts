import * as l10n from '@vscode/l10n';
import { prettyJson } from '../policy/jsonText';
import { bool, conditionsOf, isObject, itemsOf, parseArn, parsePrincipal, parseStatement, resolveAction, str, valueText, type Json } from './decodedFields';
import type { AuthorizationExplanation, ExplainResult, MatchedStatement, Verdict } from './explanationTypes';
import type { StatedDenial } from './statedDenial';
import { verdictWording } from './verdictWording';

export * from './explanationTypes';
export { parseArn, parsePrincipal } from './decodedFields';
export { principalLabel, shortResource } from './verdictWording';

/**
 * Turns the JSON that sts:DecodeAuthorizationMessage returns (its `DecodedMessage`) into an
 * explanation people can act on. AWS wraps every list as `{ "items": [...] }` and every value
 * as `{ "value": "..." }`; plain arrays and strings are accepted too, and anything missing or
 * unexpected becomes a warning instead of an error.
 */

/**
 * Parses and explains a DecodedMessage. Never throws. `stated` is the plain-text denial from the
 * same error, if any: it names the kind of policy, which the decoded message does not.
 */
export function explainDecodedMessage(decoded: string, stated?: StatedDenial): ExplainResult {
  decoded = decoded.replace(/^\uFEFF/, '').trim();
  // `aws sts decode-authorization-message --output yaml` prints DecodedMessage: '<json>'.
  const yaml = /^DecodedMessage:[ \t]*'([\s\S]*)'$/.exec(decoded);
  if (yaml) decoded = yaml[1].replace(/''/g, "'").replace(/\r?\n[ \t]*/g, ' ');
  let data: Json;
  try {
    data = JSON.parse(decoded);
  } catch (e) {
    const preview = decoded.length > 80 ? `${decoded.slice(0, 80)}…` : decoded;
    return { ok: false, error: l10n.t('The decoded message is not JSON ({0}): {1}', e instanceof Error ? e.message : String(e), preview) };
  }
  // Some tools print the whole API response: { "DecodedMessage": "{...}" }.
  if (isObject(data) && typeof data.DecodedMessage === 'string') return explainDecodedMessage(data.DecodedMessage, stated);
  // `--query DecodedMessage --output json` prints the JSON as a JSON string.
  if (typeof data === 'string' && /^\s*\{/.test(data)) return explainDecodedMessage(data, stated);
  if (!isObject(data)) return { ok: false, error: l10n.t('The decoded message is JSON but not an object, so it is not an authorization status.') };
  return { ok: true, explanation: explainObject(data, stated) };
}

function explainObject(data: Record<string, Json>, stated?: StatedDenial): AuthorizationExplanation {
  const warnings: string[] = [];
  const allowed = bool(data.allowed);
  const explicitDenyField = bool(data.explicitDeny);
  if (allowed === undefined) warnings.push(l10n.t('The message has no "allowed" field.'));
  if (explicitDenyField === undefined) warnings.push(l10n.t('The message has no "explicitDeny" field.'));

  const matchedStatements = itemsOf(data.matchedStatements).map(parseStatement).filter((s): s is MatchedStatement => !!s);
  const denyingStatements = matchedStatements.filter((s) => s.effect === 'Deny');
  const failures = itemsOf(data.failures).map((f) => valueText(f) ?? '').filter((f) => f !== '');

  const ctx = isObject(data.context) ? data.context : undefined;
  if (!ctx) warnings.push(l10n.t('The message has no "context", so the principal, action and resource are unknown.'));
  const context = ctx ? conditionsOf(ctx.conditions) : [];
  const principal = ctx ? parsePrincipal(ctx.principal) : undefined;
  const resourceText = ctx ? str(ctx.resource) : undefined;
  const resource = resourceText ? parseArn(resourceText) : undefined;
  const actionText = ctx ? str(ctx.action) : undefined;
  const action = actionText ? resolveAction(actionText, resource, matchedStatements, context) : undefined;
  if (ctx && !principal) warnings.push(l10n.t('The context names no principal.'));
  if (ctx && !actionText) warnings.push(l10n.t('The context names no action.'));
  if (ctx && !resourceText) warnings.push(l10n.t('The context names no resource.'));
  if (action && !action.service) warnings.push(l10n.t('The action "{0}" has no service prefix and none could be inferred.', action.raw));

  let verdict: Verdict;
  if (allowed === true) verdict = 'allowed';
  else if (explicitDenyField === true) verdict = 'explicit-deny';
  else if (denyingStatements.length > 0 && explicitDenyField === undefined) verdict = 'explicit-deny';
  else if (allowed === false || explicitDenyField === false) verdict = 'implicit-deny';
  else verdict = 'unknown';
  if (explicitDenyField === true && denyingStatements.length === 0 && matchedStatements.length > 0) {
    warnings.push(l10n.t('The message reports an explicit deny, but no matched statement has effect Deny.'));
  }

  const { summary, advice, wouldAllow } = verdictWording({ verdict, principal, action, resource, resourceText, matchedStatements, denyingStatements, context, failures }, stated);

  return {
    verdict,
    allowed,
    explicitDeny: explicitDenyField ?? (verdict === 'explicit-deny' ? true : undefined),
    principal,
    action,
    resource,
    matchedStatements,
    denyingStatements,
    context,
    failures,
    summary,
    advice,
    wouldAllow,
    warnings,
    rawJson: prettyJson(data),
    ...(stated ? { statedDenial: stated } : {}),
  };
}
