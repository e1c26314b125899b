import * as path from 'path';
import { policiesToLint, readAccountDump, type AccountDump } from '../core/policy/accountDump';
import { principalEscalations } from '../core/policy/escalation/principals';
import type { FileResult } from './format';
import { lintFile, type LintRun } from './lintFile';

/**
 * Lints every policy in an account dump (`aws iam get-account-authorization-details`): customer
 * managed policies (default version), inline policies, and role trust policies with the account
 * known. Each policy is one result named `DUMPFILE#NAME`; privilege-escalation paths that only a
 * principal's policies together open are added to the policy holding one of their grants.
 */
export function lintAuthDetails(text: string, dumpFile: string, run: LintRun, includeAwsManaged: boolean): { results: FileResult[]; dump: AccountDump } {
  const dump = readAccountDump(text);
  const label = dumpFile === '-' ? 'stdin' : path.basename(dumpFile);
  const diskPath = dumpFile === '-' ? path.join(process.cwd(), 'stdin') : dumpFile;
  const indexes = policiesToLint(dump, includeAwsManaged);
  const results = new Map<number, FileResult>();
  for (const i of indexes) {
    const p = dump.policies[i];
    const r = lintFile(p.text, `${label}#${p.name}`, diskPath, { ...run, accountId: run.accountId ?? dump.accountId }, { name: p.name, policyType: p.policyType, tooLarge: p.tooLarge });
    if (r) results.set(i, { ...r, artifact: dumpFile });
  }
  for (const e of principalEscalations(dump, new Set(results.keys()), run.handle.catalog)) {
    const r = results.get(e.policy);
    if (r && r.severity?.[e.finding.issueCode] !== 'off') r.findings.push(e.finding);
  }
  return { results: [...results.values()], dump };
}
