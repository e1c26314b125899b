import type { LintContext } from '../context';
import { decidedEscalations, fullAdminEvidence } from '../escalation/decided';
import { escalationDetails, grantsNoPathAction, grantsOf } from '../escalation/grants';
import { FULL_ADMIN_CODE } from '../escalation/paths';

/**
 * Privilege-escalation paths an identity policy opens on its own; a policy that allows everything
 * gets one full-administrator finding instead of every path.
 */
export function checkEscalation(ctx: LintContext): void {
  // Most policies grant no action a path needs, as the linter found resolving their actions: they open none.
  if (ctx.type !== 'IDENTITY_POLICY' || grantsNoPathAction(ctx.policy, ctx.statements)) return;
  const self = [{ parsed: ctx.policy, grants: grantsOf(ctx.policy, ctx.statements) }];
  const admin = fullAdminEvidence(self);
  if (admin) {
    ctx.r.add(FULL_ADMIN_CODE, 'This policy allows every action on every resource: whoever has it is a full administrator of the account, which needs no escalation path. Grant only the actions and resources needed, or keep such access to a break-glass role.', [{ path: admin.path, node: admin.node }]);
    return;
  }
  for (const f of decidedEscalations(self, { account: ctx.accountId, catalog: ctx.catalog })) {
    ctx.r.add(f.path.code, escalationDetails(f), f.evidence.map((e) => ({ path: e.path, node: e.node })));
  }
}
