import type { AuthorizationExplanation, MatchedStatement, PrincipalInfo, ResourceInfo } from './explanationTypes';
import { policyTypeAdvice, type StatedDenial } from './statedDenial';

/** What the wording of an explanation is made from: the verdict, the request's parts, and the resource as AWS sent it. */
export type WordingInput = Pick<AuthorizationExplanation, 'verdict' | 'principal' | 'action' | 'resource' | 'matchedStatements' | 'denyingStatements' | 'context' | 'failures'> & { readonly resourceText?: string };

type Wording = Pick<AuthorizationExplanation, 'summary' | 'advice' | 'wouldAllow'>;

/** "instance/*" for an EC2 ARN, the ARN itself when it has no resource part. */
export function shortResource(resource: ResourceInfo | undefined): string {
  if (!resource) return 'an unknown resource';
  return resource.resource || resource.raw;
}

function describeStatements(statements: readonly MatchedStatement[]): string {
  const named = statements.map((s) => s.sid).filter((s): s is string => !!s);
  if (named.length === 0) return statements.length > 1 ? `${statements.length} unnamed statements` : 'an unnamed statement';
  const extra = statements.length - named.length;
  return `statement${named.length > 1 ? 's' : ''} ${named.join(', ')}${extra > 0 ? ` and ${extra} unnamed` : ''}`;
}

export function principalLabel(p: PrincipalInfo | undefined): string {
  if (!p) return 'the calling principal';
  if (p.kind === 'assumed-role' && p.roleName) return `role ${p.roleName}`;
  if (p.kind === 'role' && p.roleName) return `role ${p.roleName}`;
  if (p.kind === 'user' && p.userName) return `user ${p.userName}`;
  if (p.kind === 'root') return `the root user of ${p.account ?? 'the account'}`;
  return p.arn ?? p.name ?? p.id ?? 'the calling principal';
}

/**
 * The one-line summary and the advice for a verdict: what denied the request and what to change,
 * in the words of the policy type the error text named (`stated`), when it named one.
 */
export function verdictWording(input: WordingInput, stated?: StatedDenial): Wording {
  const { verdict, principal, action, resource, resourceText, matchedStatements, denyingStatements, context, failures } = input;
  const what = action?.full ?? 'an unknown action';
  const on = `on ${shortResource(resource)}`;
  let summary: string;
  let wouldAllow: Wording['wouldAllow'];
  const advice: string[] = [];
  switch (verdict) {
    case 'explicit-deny': {
      const by = denyingStatements.length > 0 ? `explicit deny by ${describeStatements(denyingStatements)}` : 'explicit deny';
      summary = `DENIED ${what} ${on} — ${by}`;
      advice.push('An explicit Deny wins over every Allow, so adding permissions will not help.');
      const statedAdvice = stated ? policyTypeAdvice(stated, principalLabel(principal)) : undefined;
      if (statedAdvice) advice.push(statedAdvice);
      else advice.push(
        denyingStatements.length > 0
          ? `Find the policy with ${describeStatements(denyingStatements)}: an identity policy, a permissions boundary, a session policy, a resource policy, or an organization SCP or RCP. Change its conditions or the request.`
          : 'AWS did not name the denying statement. Look for Deny statements in the identity policies, permissions boundary, session policy, resource policy and organization SCPs and RCPs.',
      );
      const condKeys = denyingStatements.flatMap((s) => s.conditions);
      const seen = new Set<string>();
      for (const c of condKeys) {
        if (seen.has(c.key.toLowerCase())) continue;
        seen.add(c.key.toLowerCase());
        const actual = context.find((k) => k.key.toLowerCase() === c.key.toLowerCase());
        if (actual) advice.push(`The deny depends on ${c.key}; this request had ${c.key} = ${actual.values.join(', ') || '(empty)'}.`);
        // Guardrails often deny when a tag or attribute is missing (a Null condition).
        else advice.push(`The deny depends on ${c.key}, which this request did not have${c.values.length ? ` (the statement checks ${c.values.join(', ')})` : ''}: if it requires that key, add it to the request, for example as a tag.`);
      }
      break;
    }
    case 'implicit-deny': {
      // An Allow that matched yet did not carry the request means another policy in the chain lacks one.
      const allowing = matchedStatements.filter((st) => st.effect === 'Allow');
      summary = allowing.length > 0
        ? `DENIED ${what} ${on} — implicit deny: ${describeStatements(allowing)} allow${allowing.length > 1 ? '' : 's'} it, another policy does not`
        : `DENIED ${what} ${on} — implicit deny: no statement allows it`;
      if (action && resourceText) wouldAllow = { action: action.full, resource: resourceText };
      const target = action && resourceText ? `${action.full} on ${resourceText}` : `${what} ${on}`;
      if (principal?.kind === 'root') {
        // Identity policies cannot be attached to the root user; it is only limited from outside its account.
        advice.push(`The root user needs no identity policy, so an organization SCP or RCP, or a resource policy in another account, does not allow ${target}. Allow it there.`);
      } else if (stated?.kind === 'implicit' && stated.policyType && stated.policyType !== 'identity-based policy') {
        advice.push(`${policyTypeAdvice(stated, principalLabel(principal))} It must allow ${target}.`);
      } else if (allowing.length > 0) {
        advice.push(`${describeStatements(allowing)} already allow${allowing.length > 1 ? '' : 's'} it, so a policy that must also allow it does not: a permissions boundary, a session policy, or an organization SCP. Allow ${target} there.`);
      } else {
        advice.push(`Allow ${target} in an identity policy of ${principalLabel(principal)}.`);
        advice.push('If an identity policy already allows it, a permissions boundary, a session policy or an organization SCP does not: each of them must allow it too.');
      }
      break;
    }
    case 'allowed':
      summary = `ALLOWED ${what} ${on}`;
      advice.push('The request was allowed by the policies AWS evaluated; the failure came from elsewhere.');
      break;
    default:
      summary = `${what} ${on} — outcome not stated`;
      advice.push('The message does not say whether the request was allowed. Read the raw JSON below.');
  }
  if (failures.length > 0) advice.push(`AWS reported ${failures.length} evaluation failure${failures.length > 1 ? 's' : ''}; see Failures.`);
  return { summary, advice, wouldAllow };
}
