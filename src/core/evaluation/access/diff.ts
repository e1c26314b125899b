import { conditionsCover, type ConditionBlock } from './conditions';
import { effectiveAllows, partCovers, partsOverlap } from './compare';
import type { AccessPart, ActionAccess, PolicyAccess, StatementRef } from './model';

/** One piece of access that one version allows and the other does not. */
export interface AccessItem {
  /** One IAM action as IAM spells it. */
  action: string;
  /** A Resource pattern, or `* except …` for NotResource. */
  resource: string;
  /** For resource and trust policies: who (`*` is everyone). */
  principal?: string;
  /** The conditions under which the change applies (the statement's own). */
  conditions?: ConditionBlock;
  /** The statement that causes the change, and in which version it stands. */
  statement: StatementRef;
  side: 'base' | 'new';
  /** What changed: an Allow added or removed, or a Deny added or removed. */
  cause: 'allow' | 'deny';
  /** For access removed by a narrower Allow: the conditions the new version requires instead. */
  nowOnlyWhen?: ConditionBlock;
}

export interface AccessDiff {
  added: AccessItem[];
  removed: AccessItem[];
}

function resourceText(p: AccessPart): string {
  return p.notResources ? `* except ${p.notResources.join(', ')}` : p.resource;
}

function principalText(p: AccessPart): string | undefined {
  if (p.principal === undefined) return undefined;
  return p.notPrincipals ? `* except ${p.notPrincipals.join(', ')}` : p.principal;
}

function item(action: string, p: AccessPart, side: AccessItem['side'], cause: AccessItem['cause']): AccessItem {
  const principal = principalText(p);
  return { action, resource: resourceText(p), ...(principal !== undefined ? { principal } : {}), ...(p.conditions ? { conditions: p.conditions } : {}), statement: p.statement, side, cause };
}

function itemKey(i: AccessItem): string {
  return `${i.action.toLowerCase()}\u0000${i.resource}\u0000${i.principal ?? ''}\u0000${i.conditions ? JSON.stringify(i.conditions) : ''}`;
}

const NONE: ActionAccess = { action: '', allows: [], denies: [] };

/**
 * What `next` allows that `base` does not (added) and the reverse (removed), action by action:
 * an Allow is matched against the other version's Allows (resources as ARN patterns, principals,
 * conditions: fewer is broader), and a Deny that one version has and the other lacks changes the
 * access the other version allows where they meet. Statement order, splitting, case and
 * duplicates do not matter.
 */
export function diffAccess(base: PolicyAccess, next: PolicyAccess): AccessDiff {
  const added = new Map<string, AccessItem>();
  const removed = new Map<string, AccessItem>();
  const put = (to: Map<string, AccessItem>, i: AccessItem) => {
    const k = itemKey(i);
    if (!to.has(k)) to.set(k, i);
  };
  const keys = new Set([...base.actions.keys(), ...next.actions.keys()]);
  for (const key of keys) {
    const b = base.actions.get(key) ?? NONE;
    const n = next.actions.get(key) ?? NONE;
    const action = n.action || b.action;
    const allowB = effectiveAllows(b.allows, b.denies);
    const allowN = effectiveAllows(n.allows, n.denies);
    for (const p of allowN) if (!allowB.some((q) => partCovers(q, p))) put(added, item(action, p, 'new', 'allow'));
    for (const q of allowB) {
      if (allowN.some((p) => partCovers(p, q))) continue;
      const gone = item(action, q, 'base', 'allow');
      // The same access under more conditions: say which.
      const narrower = allowN.find((p) => partCovers({ ...p, clauses: [] }, q) && conditionsCover(q.clauses, p.clauses));
      if (narrower?.conditions) gone.nowOnlyWhen = narrower.conditions;
      put(removed, gone);
    }
    for (const d of n.denies) {
      if (b.denies.some((x) => partCovers(x, d))) continue;
      if (allowB.some((q) => partsOverlap(q, d))) put(removed, item(action, d, 'new', 'deny'));
    }
    for (const d of b.denies) {
      if (n.denies.some((x) => partCovers(x, d))) continue;
      if (allowN.some((p) => partsOverlap(p, d))) put(added, item(action, d, 'base', 'deny'));
    }
  }
  const order = (x: AccessItem, y: AccessItem) => cmp(x.action.toLowerCase(), y.action.toLowerCase()) || cmp(x.resource, y.resource) || cmp(x.principal ?? '', y.principal ?? '');
  return { added: [...added.values()].sort(order), removed: [...removed.values()].sort(order) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct actions among the items. */
export function actionCount(items: readonly AccessItem[]): number {
  return new Set(items.map((i) => i.action.toLowerCase())).size;
}

/** The items as the JSON output writes them: `{ action, resource, principal?, conditions? }`. */
export function plainItem(i: AccessItem): { action: string; resource: string; principal?: string; conditions?: ConditionBlock } {
  return { action: i.action, resource: i.resource, ...(i.principal !== undefined ? { principal: i.principal } : {}), ...(i.conditions ? { conditions: i.conditions } : {}) };
}
