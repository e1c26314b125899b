import type { AccountDump } from '../accountDump';
import type { IamCatalog } from '../catalog';
import { parsePolicy } from '../parse';
import { Reporter } from '../report';
import type { Finding } from '../types';
import { decidedEscalations, type SubjectPolicy } from './decided';
import { escalationDetails, grantsOf } from './grants';

/** A path that only the policies of one principal together open, reported on one of them. */
export interface PrincipalEscalation {
  /** Index into the dump's policies of the policy the finding is reported on. */
  readonly policy: number;
  readonly finding: Finding;
}

/**
 * Escalation paths that open only across the policies of one principal (each policy alone is
 * checked by the linter already): a user's own and its groups' policies, a role's, within the
 * principal's permissions boundary. The finding goes to the first linted policy that holds one of
 * the grants, points at the grants in it, and names the other policies. The catalog leaves out the
 * service keys a path's requests never carry (see EscalationSubject).
 */
export function principalEscalations(dump: AccountDump, linted: ReadonlySet<number>, catalog?: IamCatalog): PrincipalEscalation[] {
  const parsed = new Map<number, SubjectPolicy & { alone: Set<string> }>();
  const load = (i: number) => {
    let p = parsed.get(i);
    if (!p) {
      const policy = parsePolicy(dump.policies[i].text);
      const self: SubjectPolicy = { parsed: policy, grants: grantsOf(policy) };
      p = { ...self, alone: new Set(decidedEscalations([self], { account: dump.accountId, catalog }).map((f) => f.path.code)) };
      parsed.set(i, p);
    }
    return p;
  };
  const out: PrincipalEscalation[] = [];
  for (const principal of dump.principals) {
    const indexes = [...new Set(principal.policies)];
    if (indexes.length < 2) continue;
    const each = indexes.map(load);
    const boundary = principal.boundary !== undefined ? [{ name: dump.policies[principal.boundary].name, text: dump.policies[principal.boundary].text }] : undefined;
    const caller = principal.arn && /:(?:user|role)\//.test(principal.arn) ? principal.arn : undefined;
    for (const f of decidedEscalations(each, { account: dump.accountId, caller, boundaries: boundary, catalog })) {
      if (each.some((e) => e.alone.has(f.path.code))) continue;
      const home = f.evidence.find((e) => linted.has(indexes[e.policy]));
      if (!home) continue;
      const target = indexes[home.policy];
      const names = indexes.map((i) => dump.policies[i].name);
      const r = new Reporter(load(target).parsed);
      const details = `For ${principal.name}: ${escalationDetails(f, names)}`;
      out.push({ policy: target, finding: r.add(f.path.code, details, f.evidence.filter((e) => e.policy === home.policy).map((e) => ({ path: e.path, node: e.node }))) });
    }
  }
  return out;
}
