import { conditionsCover, narrowBlock, type ConditionBlock } from './conditions';
import { effectiveAllows, partCovers, splitCover } from './compare';
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
  /** For access removed by a narrower Allow (or a Deny that now needs more): the conditions the new version requires instead. */
  nowOnlyWhen?: ConditionBlock;
}

/**
 * Added and removed: what this policy's own Allows grant. Denied and no longer denied: what its Deny
 * statements take away, whichever policy grants it (AWS: "An explicit deny in any of these policies
 * overrides the allow"), so a Deny added is reported even where this policy allows nothing.
 */
export interface AccessDiff {
  added: AccessItem[];
  removed: AccessItem[];
  denied: AccessItem[];
  noLongerDenied: AccessItem[];
}

/** A diff with nothing in it. */
export function noDiff(): AccessDiff {
  return { added: [], removed: [], denied: [], noLongerDenied: [] };
}

/** Whether anything changed: access granted or denied. */
export function hasChanges(d: AccessDiff): boolean {
  return d.added.length > 0 || d.removed.length > 0 || d.denied.length > 0 || d.noLongerDenied.length > 0;
}

function resourceText(p: AccessPart): string {
  return p.notResources ? `* except ${p.notResources.join(', ')}` : p.resource;
}

function principalText(p: AccessPart): string | undefined {
  if (p.principal === undefined) return undefined;
  return p.notPrincipals ? `* except ${p.notPrincipals.join(', ')}` : p.principal;
}

/** A change found for one group of actions, before it is given an action. */
interface Change {
  to: keyof AccessDiff;
  part: AccessPart;
  side: AccessItem['side'];
  cause: AccessItem['cause'];
  nowOnlyWhen?: ConditionBlock;
  /** The part's conditions narrowed to the values that changed, when only some did. */
  conditions?: ConditionBlock;
  /** resource, principal and conditions: what makes an item distinct within its action. */
  key: string;
}

function change(to: Change['to'], part: AccessPart, side: Change['side'], cause: Change['cause'], conditions = part.conditions): Change {
  return { to, part, side, cause, ...(conditions !== part.conditions ? { conditions } : {}), key: `${resourceText(part)}\u0000${principalText(part) ?? ''}\u0000${conditions ? JSON.stringify(conditions) : ''}` };
}

function item(action: string, c: Change): AccessItem {
  const p = c.part;
  const principal = principalText(p);
  const conditions = c.conditions ?? p.conditions;
  return { action, resource: resourceText(p), ...(principal !== undefined ? { principal } : {}), ...(conditions ? { conditions } : {}), statement: p.statement, side: c.side, cause: c.cause, ...(c.nowOnlyWhen ? { nowOnlyWhen: c.nowOnlyWhen } : {}) };
}

/**
 * Part `p` of one version as a change, unless the other version's parts cover it together (a
 * condition's values spread over statements); a positive condition whose values grew is shown
 * with the new values only.
 */
function uncovered(to: Change['to'], p: AccessPart, others: readonly AccessPart[], side: Change['side'], cause: Change['cause']): Change | undefined {
  const split = splitCover(p, others);
  if (split.covered) return undefined;
  return change(to, p, side, cause, split.clause && split.rest && p.conditions ? narrowBlock(p.conditions, split.clause, split.rest) : p.conditions);
}

const partTexts = new WeakMap<AccessPart, string>();

/** A part's resources, principals and conditions as one string: equal strings, equal access. */
function partText(p: AccessPart): string {
  let t = partTexts.get(p);
  if (t === undefined) {
    t = JSON.stringify([p.resource, p.notResources, p.principal, p.notPrincipals, p.clauses.map((c) => [c.operator, c.key, c.values])]);
    partTexts.set(p, t);
  }
  return t;
}

/** What one action's access in `b` and in `n` differ by: its changes, distinct and in output order. */
function changesOf(b: ActionAccess, n: ActionAccess): Change[] {
  const out: Change[] = [];
  const seen = new Set<string>();
  const put = (c: Change) => {
    const k = `${c.to}\u0000${c.key}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(c);
    }
  };
  const allowB = effectiveAllows(b.allows, b.denies);
  const allowN = effectiveAllows(n.allows, n.denies);
  // Access that a Deny only one version has takes away wholly is that Deny's change (denied, or no
  // longer denied), not also an Allow's.
  const onlyB = b.denies.filter((d) => d.clauses.length === 0 && !n.denies.some((x) => partCovers(x, d)));
  const onlyN = n.denies.filter((d) => d.clauses.length === 0 && !b.denies.some((x) => partCovers(x, d)));
  // A part the other version has word for word is covered: only the rest are matched one by one.
  const sameB = new Set(allowB.map(partText));
  const sameN = new Set(allowN.map(partText));
  for (const p of allowN) {
    if (sameB.has(partText(p)) || allowB.some((q) => partCovers(q, p)) || onlyB.some((d) => partCovers(d, p))) continue;
    const c = uncovered('added', p, allowB, 'new', 'allow');
    if (c) put(c);
  }
  for (const q of allowB) {
    if (sameN.has(partText(q)) || allowN.some((p) => partCovers(p, q)) || onlyN.some((d) => partCovers(d, q))) continue;
    const gone = uncovered('removed', q, allowN, 'base', 'allow');
    if (!gone) continue;
    // The same access under more conditions: say which.
    const narrower = allowN.find((p) => partCovers({ ...p, clauses: [] }, q) && conditionsCover(q.clauses, p.clauses));
    if (narrower?.conditions) gone.nowOnlyWhen = narrower.conditions;
    put(gone);
  }
  for (const d of n.denies) {
    if (b.denies.some((x) => partCovers(x, d))) continue;
    const c = uncovered('denied', d, b.denies, 'new', 'deny');
    if (c) put(c);
  }
  for (const d of b.denies) {
    if (n.denies.some((x) => partCovers(x, d))) continue;
    const gone = uncovered('noLongerDenied', d, n.denies, 'base', 'deny');
    if (!gone) continue;
    const narrower = n.denies.find((x) => partCovers({ ...x, clauses: [] }, d) && conditionsCover(d.clauses, x.clauses));
    if (narrower?.conditions) gone.nowOnlyWhen = narrower.conditions;
    put(gone);
  }
  // Items of one action are ordered by resource, then principal (stable, so otherwise as found).
  return out.sort((x, y) => cmp(resourceText(x.part), resourceText(y.part)) || cmp(principalText(x.part) ?? '', principalText(y.part) ?? ''));
}

const NONE: ActionAccess = { action: '', allows: [], denies: [] };

/**
 * What `next` allows that `base` does not (added) and the reverse (removed), action by action:
 * an Allow is matched against the other version's Allows (resources as ARN patterns, principals,
 * conditions: fewer is broader). What `next` denies that `base` does not is denied, the reverse no
 * longer denied, wherever the access comes from. Statement order, splitting, case and
 * duplicates do not matter. Actions whose access is the same lists of parts in both versions
 * are compared once.
 */
export function diffAccess(base: PolicyAccess, next: PolicyAccess): AccessDiff {
  const out = noDiff();
  // Part lists are numbered as met; a group is the numbers of its four lists.
  const ids = new Map<readonly AccessPart[], number>();
  const id = (list: readonly AccessPart[]) => {
    let n = ids.get(list);
    if (n === undefined) ids.set(list, (n = ids.size));
    return n;
  };
  const memo = new Map<number, Map<number, Change[]>>();
  const keys = [...new Set([...base.actions.keys(), ...next.actions.keys()])].sort(cmp);
  for (const key of keys) {
    const b = base.actions.get(key) ?? NONE;
    const n = next.actions.get(key) ?? NONE;
    // Two numbers below 2^26 each: the pair is exact in a double.
    const kb = id(b.allows) * 67108864 + id(b.denies);
    const kn = id(n.allows) * 67108864 + id(n.denies);
    let byNext = memo.get(kb);
    if (!byNext) memo.set(kb, (byNext = new Map()));
    let changes = byNext.get(kn);
    if (!changes) {
      changes = changesOf(b, n);
      byNext.set(kn, changes);
    }
    if (!changes.length) continue;
    const action = n.action || b.action;
    for (const c of changes) out[c.to].push(item(action, c));
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct actions among the items. */
export function actionCount(items: readonly AccessItem[]): number {
  return new Set(items.map((i) => i.action.toLowerCase())).size;
}

/** An item as the JSON output writes it: `{ action, resource, principal?, conditions? }`. */
export function plainItem(i: AccessItem): { action: string; resource: string; principal?: string; conditions?: ConditionBlock } {
  return { action: i.action, resource: i.resource, ...(i.principal !== undefined ? { principal: i.principal } : {}), ...(i.conditions ? { conditions: i.conditions } : {}) };
}
