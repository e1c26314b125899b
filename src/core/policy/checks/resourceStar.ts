import type { ActionInfo } from '../catalog';
import type { LintContext } from '../context';
import { stringValues } from '../parse';

const LISTED = 5;

/**
 * Our own RESOURCE_STAR (Parliament's check of that name): an Allow statement grants on "*" actions
 * that each name a resource type, so the statement could name the resources instead. Opt-in.
 */
export function checkResourceStar(ctx: LintContext): void {
  if (ctx.type !== 'IDENTITY_POLICY') return;
  for (const sc of ctx.statements) {
    if (sc.effect !== 'Allow' || sc.st.condition || sc.notActions.length) continue;
    const star = stringValues(sc.st.resource).find((v) => v.value === '*');
    if (!star) continue;
    const scopable: ActionInfo[] = [];
    let unknown = false;
    for (const a of sc.actions) {
      if (a.value === '*' || a.invalid) continue;
      const matches = a.matches;
      if (!matches) {
        unknown = true;
        continue;
      }
      for (const m of matches) if (m.resourceTypes.length > 0) scopable.push(m);
    }
    // Actions without resource types (most List* and Describe*) need the "*"; the others are listed.
    if (unknown || scopable.length === 0) continue;
    const names = [...new Set(scopable.map((m) => `${m.service}:${m.name}`))];
    const shown = names.slice(0, LISTED).join(', ');
    ctx.r.add('RESOURCE_STAR', `This statement grants ${names.length === 1 ? shown : `${names.length} actions (${shown}${names.length > LISTED ? ', …' : ''})`} on every resource, although ${names.length === 1 ? 'it names' : 'each names'} resource types. Name the ARNs it needs instead of "*".`, [{ path: star.path, node: star.node }]);
  }
}
