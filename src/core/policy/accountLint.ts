import type { AccountDump, AccountPolicy } from './accountDump';
import { policiesToLint } from './accountDump';
import type { IamCatalog } from './catalog';
import { principalEscalations } from './escalation/principals';
import { lintPolicy } from './index';
import type { Finding } from './types';

export interface LintedAccountPolicy {
  readonly index: number;
  readonly policy: AccountPolicy;
  readonly findings: Finding[];
}

/**
 * Lints the policies of an account dump with the account known, and adds the escalation paths that
 * only a principal's policies together open. The catalog must hold the services the texts name.
 */
export function lintAccountDump(dump: AccountDump, catalog: IamCatalog, options: { includeAwsManaged?: boolean; optIn?: readonly string[] } = {}): LintedAccountPolicy[] {
  const out = new Map<number, LintedAccountPolicy>();
  for (const i of policiesToLint(dump, options.includeAwsManaged ?? false)) {
    const policy = dump.policies[i];
    const r = lintPolicy(policy.text, { policyType: policy.policyType, catalog, accountId: dump.accountId, optIn: options.optIn, tooLarge: policy.tooLarge });
    out.set(i, { index: i, policy, findings: r.findings });
  }
  for (const e of principalEscalations(dump, new Set(out.keys()), catalog)) out.get(e.policy)?.findings.push(e.finding);
  return [...out.values()];
}
