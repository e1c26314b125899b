import type { AccountDump } from '../accountDump';
import { parsePolicy, type ParsedPolicy } from '../parse';
import { Reporter } from '../report';
import type { Finding } from '../types';
import { escalationDetails, escalationPaths, grantsOf, type PolicyGrants } from './grants';

/** A path that only the policies of one principal together open, reported on one of them. */
export interface PrincipalEscalation {
  /** Index into the dump's policies of the policy the finding is reported on. */
  readonly policy: number;
  readonly finding: Finding;
}

/**
 * Escalation paths that open only across the policies of one principal (each policy alone is
 * checked by the linter already). The finding goes to the first linted policy that holds one of
 * the grants, points at the grants in it, and names the other policies.
 */
export function principalEscalations(dump: AccountDump, linted: ReadonlySet<number>): PrincipalEscalation[] {
  const parsed = new Map<number, { policy: ParsedPolicy; grants: PolicyGrants; alone: Set<string> }>();
  const load = (i: number) => {
    let p = parsed.get(i);
    if (!p) {
      const policy = parsePolicy(dump.policies[i].text);
      const grants = grantsOf(policy);
      p = { policy, grants, alone: new Set(escalationPaths([grants]).map((f) => f.path.code)) };
      parsed.set(i, p);
    }
    return p;
  };
  const out: PrincipalEscalation[] = [];
  for (const principal of dump.principals) {
    const indexes = [...new Set(principal.policies)];
    if (indexes.length < 2) continue;
    const each = indexes.map(load);
    for (const f of escalationPaths(each.map((e) => e.grants))) {
      if (each.some((e) => e.alone.has(f.path.code))) continue;
      const home = f.evidence.find((e) => linted.has(indexes[e.policy]));
      if (!home) continue;
      const target = indexes[home.policy];
      const names = indexes.map((i) => dump.policies[i].name);
      const r = new Reporter(load(target).policy);
      const details = `For ${principal.name}: ${escalationDetails(f, names)}`;
      out.push({ policy: target, finding: r.add(f.path.code, details, f.evidence.filter((e) => e.policy === home.policy).map((e) => ({ path: e.path, node: e.node }))) });
    }
  }
  return out;
}
