/** Everything in an account that decides one request: identity policies, boundary, SCPs, RCPs, resource policy. */
import * as l10n from '@vscode/l10n';
import { type AccountPolicySet } from '../core/debugging/accountPolicySet';
import { principalTarget, resourcePolicyTarget } from '../core/debugging/targets';
import type { EvaluationRequest } from '../core/evaluation/types';
import { readIdentityPolicies } from './identityPolicies';
import { readOrganizationPolicies } from './organizationPolicies';
import type { ReadTarget } from './policyReads';
import { readResourcePolicy } from './resourcePolicies';

export type { ReadTarget } from './policyReads';
// This bundle's own copy of core words, which the editor sets to the display language as it loads it.
export { useCoreWordsFrom } from '../core/coreWords';

/**
 * Reads, as the identity in `t`, every policy that takes part in `request`. Never throws for a part
 * it cannot read: that part is listed in `unread` with the IAM action that was needed.
 */
export async function readAccountPolicies(t: ReadTarget, request: EvaluationRequest): Promise<AccountPolicySet> {
  const principal = principalTarget(request.principal);
  const notes: string[] = [];
  const set: AccountPolicySet = { identityPolicies: [], permissionsBoundaries: [], resourcePolicies: [], unread: [], notes };
  const resourceTarget = resourcePolicyTarget(request.resource);
  const [identity, org, resource] = await Promise.all([
    'problem' in principal ? undefined : readIdentityPolicies(t, principal),
    'problem' in principal ? undefined : readOrganizationPolicies(t, principal.account),
    resourceTarget ? readResourcePolicy(t, resourceTarget) : undefined,
  ]);
  if ('problem' in principal) notes.push(principal.problem);
  if (identity) {
    set.identityPolicies.push(...identity.identityPolicies);
    set.permissionsBoundaries.push(...identity.permissionsBoundaries);
    set.unread.push(...identity.unread);
  }
  const out: AccountPolicySet = org
    ? { ...set, serviceControlPolicies: org.serviceControlPolicies, resourceControlPolicies: org.resourceControlPolicies, managementAccount: org.managementAccount }
    : set;
  if (org) {
    out.unread.push(...org.unread);
    notes.push(...org.notes);
  }
  if (resource) {
    if (resource.policy) out.resourcePolicies.push(resource.policy);
    out.unread.push(...resource.unread);
  } else if (!resourceTarget && request.resource !== '*') {
    notes.push(l10n.t('No resource policy was read for {0}: STS Lens reads them for S3 buckets, KMS keys, SQS queues, SNS topics, Lambda functions, Secrets Manager secrets and IAM roles.', request.resource));
  }
  return out;
}
