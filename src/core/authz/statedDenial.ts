/**
 * Reads the plain-text denial that newer AWS error messages carry before (or instead of) the
 * encoded message: "User: ARN is not authorized to perform: ACTION on resource: ARN because no
 * identity-based policy allows the ACTION action" or "... with an explicit deny in a service
 * control policy". The decoded message never says which kind of policy denied the request; this
 * text does.
 */

import * as l10n from '@vscode/l10n';
import { blankBreaks } from './anchors';

export type PolicyType =
  | 'identity-based policy'
  | 'resource-based policy'
  | 'permissions boundary'
  | 'session policy'
  | 'service control policy'
  | 'resource control policy'
  | 'VPC endpoint policy';

export interface StatedDenial {
  readonly start: number;
  readonly end: number;
  /** The caller's ARN as the error printed it ("anonymous" for unsigned requests). */
  readonly principal: string;
  readonly action: string;
  readonly resource?: string;
  /** Absent when the error gives no reason (older messages). */
  readonly kind?: 'explicit' | 'implicit';
  readonly policyType?: PolicyType;
}

const POLICY = String.raw`identity-based\s+policy|resource-based\s+policy|permissions\s+boundary|session\s+policy|service\s+control\s+policy|resource\s+control\s+policy|VPC\s+endpoint\s+policy`;
const STATED = new RegExp(
  String.raw`User:\s+(\S+)\s+is\s+not\s+authorized\s+to\s+perform:\s+([a-z0-9-]+:[a-z0-9*]+)(?:\s+on\s+resource:\s+(\S+))?(?:\s+because\s+no\s+(${POLICY})\s+allows\s+the\s+\S+\s+action|\s+with\s+an\s+explicit\s+deny\s+in\s+(?:an?\s+)?(${POLICY})|(?=[\s.,;"'\\)]|$))`,
  'gi',
);

function canonical(policy: string): PolicyType {
  policy = policy.replace(/\s+/g, ' ');
  return policy.toLowerCase() === 'vpc endpoint policy' ? 'VPC endpoint policy' : (policy.toLowerCase() as PolicyType);
}

/** Every stated denial in `text`, in order. */
export function findStatedDenials(text: string): StatedDenial[] {
  const out: StatedDenial[] = [];
  STATED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STATED.exec(text)) !== null) {
    const resource = m[3]?.replace(/^["'\\]+|(?<![.,;"'\\)])[.,;"'\\)]+$/g, '');
    const implicit = m[4];
    const explicit = m[5];
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      principal: m[1],
      action: m[2],
      ...(resource ? { resource } : {}),
      ...(implicit ? { kind: 'implicit' as const, policyType: canonical(implicit) } : explicit ? { kind: 'explicit' as const, policyType: canonical(explicit) } : {}),
    });
  }
  return out;
}

/** The stated denial that belongs to an encoded message whose anchor starts at `anchorStart`. */
export function statedDenialBefore(text: string, anchorStart: number): StatedDenial | undefined {
  // The denial sentence sits just before "Encoded authorization failure message" in the same error.
  const from = Math.max(0, anchorStart - 4096);
  // Wrapped lines (Terraform's box, Markdown quotes) become spaces of the same length, so offsets hold.
  const window = blankBreaks(text.slice(from, anchorStart));
  const found = findStatedDenials(window);
  const last = found[found.length - 1];
  if (!last || anchorStart - (from + last.end) > 200) return undefined;
  return { ...last, start: from + last.start, end: from + last.end };
}

/** Where to look for a policy of the given type, as the advice names it. */
function whereToLook(policyType: PolicyType, principalLabel: string): string {
  switch (policyType) {
    case 'identity-based policy':
      return l10n.t('the policies attached to {0} (and its groups, for a user)', principalLabel);
    case 'resource-based policy':
      return l10n.t('the policy on the resource itself (bucket policy, key policy, queue or topic policy, role trust policy)');
    case 'permissions boundary':
      return l10n.t('the permissions boundary set on {0}', principalLabel);
    case 'session policy':
      return l10n.t('the session policy passed when the session was created (--policy or --policy-arns of assume-role, or a federation policy); start a session without it or widen it');
    case 'service control policy':
      return l10n.t("the organization's service control policies; they are managed in AWS Organizations by the management account or a delegated administrator");
    case 'resource control policy':
      return l10n.t("the organization's resource control policies; they are managed in AWS Organizations by the management account or a delegated administrator");
    case 'VPC endpoint policy':
      return l10n.t('the policy of the VPC endpoint the request went through');
  }
}

/** What to do about a denial in a policy of the given type, as one sentence. */
export function policyTypeAdvice(stated: StatedDenial, principalLabel: string): string | undefined {
  if (!stated.policyType) return undefined;
  const where = whereToLook(stated.policyType, principalLabel);
  return stated.kind === 'explicit'
    ? l10n.t("AWS's error says the explicit deny is in a {0}: look in {1}.", stated.policyType, where)
    : l10n.t("AWS's error says no {0} allows {1}: the Allow is missing from {2}.", stated.policyType, stated.action, where);
}
