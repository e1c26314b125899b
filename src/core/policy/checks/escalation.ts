import type { LintContext } from '../context';
import { escalationDetails, escalationPaths, grantsOf } from '../escalation/grants';

/** Privilege-escalation paths an identity policy opens on its own. */
export function checkEscalation(ctx: LintContext): void {
  if (ctx.type !== 'IDENTITY_POLICY') return;
  for (const f of escalationPaths([grantsOf(ctx.policy, ctx.statements)])) {
    ctx.r.add(f.path.code, escalationDetails(f), f.evidence.map((e) => ({ path: e.path, node: e.node })));
  }
}
