import * as l10n from '@vscode/l10n';
import type { AuthorizationExplanation, MatchedStatement, PrincipalInfo, ResourceInfo } from './explanationTypes';
import { policyTypeAdvice, type StatedDenial } from './statedDenial';
import { MAX_LISTED_PER_KIND } from '../notListed';
import { DOCUMENT_TEXT, safeMessage } from '../untrustedText';

/** What the wording of an explanation is made from: the verdict, the request's parts, and the resource as AWS sent it. */
export type WordingInput = Pick<AuthorizationExplanation, 'verdict' | 'principal' | 'action' | 'resource' | 'matchedStatements' | 'denyingStatements' | 'context' | 'failures'> & { readonly resourceText?: string };

type Wording = Pick<AuthorizationExplanation, 'summary' | 'advice' | 'wouldAllow'>;

/** "instance/*" for an EC2 ARN, the ARN itself when it has no resource part. */
export function shortResource(resource: ResourceInfo | undefined): string {
  if (!resource) return l10n.t('an unknown resource');
  return resource.resource || resource.raw;
}

/**
 * Statements a one-line summary or advice names: a message (from a custom endpoint, or pasted) could
 * match 100,000; the explanation's list of matched statements shows the first of them.
 */
const NAMED_STATEMENTS = 20;

function describeStatements(statements: readonly MatchedStatement[]): string {
  const named = statements.map((s) => s.sid).filter((s): s is string => !!s);
  if (named.length === 0) return statements.length > 1 ? l10n.t('{0} unnamed statements', statements.length) : l10n.t('an unnamed statement');
  if (named.length > NAMED_STATEMENTS) return l10n.t('statements {0} and {1} more', named.slice(0, NAMED_STATEMENTS).join(', '), (statements.length - NAMED_STATEMENTS).toLocaleString('en-US'));
  const extra = statements.length - named.length;
  const names = named.join(', ');
  if (extra > 0) return named.length > 1 ? l10n.t('statements {0} and {1} unnamed', names, extra) : l10n.t('statement {0} and {1} unnamed', names, extra);
  return named.length > 1 ? l10n.t('statements {0}', names) : l10n.t('statement {0}', names);
}

/** Whether the statements were more than one, which decides "allow" or "allows" after them. */
const several = (statements: readonly MatchedStatement[]): boolean => statements.length > 1;

export function principalLabel(p: PrincipalInfo | undefined): string {
  if (!p) return l10n.t('the calling principal');
  if (p.kind === 'assumed-role' && p.roleName) return l10n.t('role {0}', p.roleName);
  if (p.kind === 'role' && p.roleName) return l10n.t('role {0}', p.roleName);
  if (p.kind === 'user' && p.userName) return l10n.t('user {0}', p.userName);
  if (p.kind === 'root') return p.account ? l10n.t('the root user of {0}', p.account) : l10n.t('the root user of the account');
  return p.arn ?? p.name ?? p.id ?? l10n.t('the calling principal');
}

/** What the explicit deny's condition on `key` says about this request. */
function denyConditionAdvice(key: string, checked: readonly string[], actual: readonly string[] | undefined): string {
  if (actual) return l10n.t('The deny depends on {0}; this request had {0} = {1}.', key, actual.join(', ') || l10n.t('(empty)'));
  // Guardrails often deny when a tag or attribute is missing (a Null condition).
  return checked.length
    ? l10n.t('The deny depends on {0}, which this request did not have (the statement checks {1}): if it requires that key, add it to the request, for example as a tag.', key, checked.join(', '))
    : l10n.t('The deny depends on {0}, which this request did not have: if it requires that key, add it to the request, for example as a tag.', key);
}

/**
 * The one-line summary and the advice for a verdict: what denied the request and what to change,
 * in the words of the policy type the error text named (`stated`), when it named one.
 */
export function verdictWording(input: WordingInput, stated?: StatedDenial): Wording {
  const { verdict, principal, action, resource, resourceText, matchedStatements, denyingStatements, context, failures } = input;
  const what = action?.full ?? l10n.t('an unknown action');
  const on = shortResource(resource);
  let summary: string;
  let wouldAllow: Wording['wouldAllow'];
  const advice: string[] = [];
  switch (verdict) {
    case 'explicit-deny': {
      summary = denyingStatements.length > 0
        ? l10n.t({ message: 'DENIED {0} on {1} — explicit deny by {2}', args: [what, on, describeStatements(denyingStatements)], comment: ['Keep the verdict (DENIED) the first word, in capitals (in a script without case: at most six letters), then a space, and keep the dash " — " after {1}: the explanation view colours the line red by that shape. {0} is an action such as ec2:RunInstances, {1} a resource.'] })
        : l10n.t({ message: 'DENIED {0} on {1} — explicit deny', args: [what, on], comment: ['Keep the verdict (DENIED) the first word, in capitals (in a script without case: at most six letters), then a space, and keep the dash " — " after {1}: the explanation view colours the line red by that shape. {0} is an action such as ec2:RunInstances, {1} a resource.'] });
      advice.push(l10n.t('An explicit Deny wins over every Allow, so adding permissions will not help.'));
      const statedAdvice = stated ? policyTypeAdvice(stated, principalLabel(principal)) : undefined;
      if (statedAdvice) advice.push(statedAdvice);
      else advice.push(
        denyingStatements.length > 0
          ? l10n.t('Find the policy with {0}: an identity policy, a permissions boundary, a session policy, a resource policy, or an organization SCP or RCP. Change its conditions or the request.', describeStatements(denyingStatements))
          : l10n.t('AWS did not name the denying statement. Look for Deny statements in the identity policies, permissions boundary, session policy, resource policy and organization SCPs and RCPs.'),
      );
      const condKeys = denyingStatements.flatMap((s) => s.conditions);
      const seen = new Set<string>();
      for (const c of condKeys) {
        if (seen.size === MAX_LISTED_PER_KIND) break;
        if (seen.has(c.key.toLowerCase())) continue;
        seen.add(c.key.toLowerCase());
        const actual = context.find((k) => k.key.toLowerCase() === c.key.toLowerCase());
        advice.push(denyConditionAdvice(c.key, c.values, actual?.values));
      }
      break;
    }
    case 'implicit-deny': {
      // An Allow that matched yet did not carry the request means another policy in the chain lacks one.
      const allowing = matchedStatements.filter((st) => st.effect === 'Allow');
      summary = allowing.length === 0
        ? l10n.t({ message: 'DENIED {0} on {1} — implicit deny: no statement allows it', args: [what, on], comment: ['Keep the verdict (DENIED) the first word, in capitals (in a script without case: at most six letters), then a space, and keep the dash " — " after {1}: the explanation view colours the line red by that shape. {0} is an action such as ec2:RunInstances, {1} a resource.'] })
        : several(allowing)
          ? l10n.t({ message: 'DENIED {0} on {1} — implicit deny: {2} allow it, another policy does not', args: [what, on, describeStatements(allowing)], comment: ['Keep the verdict (DENIED) the first word, in capitals (in a script without case: at most six letters), then a space, and keep the dash " — " after {1}: the explanation view colours the line red by that shape. {0} is an action such as ec2:RunInstances, {1} a resource.'] })
          : l10n.t({ message: 'DENIED {0} on {1} — implicit deny: {2} allows it, another policy does not', args: [what, on, describeStatements(allowing)], comment: ['Keep the verdict (DENIED) the first word, in capitals (in a script without case: at most six letters), then a space, and keep the dash " — " after {1}: the explanation view colours the line red by that shape. {0} is an action such as ec2:RunInstances, {1} a resource.'] });
      if (action && resourceText) wouldAllow = { action: action.full, resource: resourceText };
      const target = action && resourceText ? l10n.t('{0} on {1}', action.full, resourceText) : l10n.t('{0} on {1}', what, on);
      if (principal?.kind === 'root') {
        // Identity policies cannot be attached to the root user; it is only limited from outside its account.
        advice.push(l10n.t('The root user needs no identity policy, so an organization SCP or RCP, or a resource policy in another account, does not allow {0}. Allow it there.', target));
      } else if (stated?.kind === 'implicit' && stated.policyType && stated.policyType !== 'identity-based policy') {
        advice.push(l10n.t('{0} It must allow {1}.', policyTypeAdvice(stated, principalLabel(principal)) ?? '', target));
      } else if (allowing.length > 0) {
        advice.push(
          several(allowing)
            ? l10n.t('{0} already allow it, so a policy that must also allow it does not: a permissions boundary, a session policy, or an organization SCP. Allow {1} there.', describeStatements(allowing), target)
            : l10n.t('{0} already allows it, so a policy that must also allow it does not: a permissions boundary, a session policy, or an organization SCP. Allow {1} there.', describeStatements(allowing), target),
        );
      } else {
        advice.push(l10n.t('Allow {0} in an identity policy of {1}.', target, principalLabel(principal)));
        advice.push(l10n.t('If an identity policy already allows it, a permissions boundary, a session policy or an organization SCP does not: each of them must allow it too.'));
      }
      break;
    }
    case 'allowed':
      summary = l10n.t({ message: 'ALLOWED {0} on {1}', args: [what, on], comment: ['Keep the verdict (ALLOWED) the first word, in capitals (in a script without case: at most six letters), then a space, and add no dash " — ": the explanation view colours the line green by that shape. {0} is an action such as ec2:RunInstances, {1} a resource.'] });
      advice.push(l10n.t('The request was allowed by the policies AWS evaluated; the failure came from elsewhere.'));
      break;
    default:
      summary = l10n.t('{0} on {1} — outcome not stated', what, on);
      advice.push(l10n.t('The message does not say whether the request was allowed. Read the raw JSON below.'));
  }
  if (failures.length > 0) advice.push(failures.length > 1 ? l10n.t('AWS reported {0} evaluation failures; see Failures.', failures.length) : l10n.t('AWS reported {0} evaluation failure; see Failures.', failures.length));
  // The summary is a CodeLens title, a tooltip and a line after the message: its action and resource come from the message.
  return { summary: safeMessage(summary, DOCUMENT_TEXT), advice: advice.map((a) => safeMessage(a, DOCUMENT_TEXT)), wouldAllow };
}
