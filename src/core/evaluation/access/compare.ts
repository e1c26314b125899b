import { federatedMatch, matchAwsPrincipal, readCaller } from '../principal';
import { resourceOverlap } from '../operators';
import { conditionsCover, conditionsCoverSplit, type SplitCover } from './conditions';
import type { AccessPart } from './model';
import { resourcePatternCovers } from './patternCover';

/**
 * Comparisons of access parts: ARN patterns by which one's matches include the other's
 * (patternCover.ts), overlaps with the engine's Resource matching, principals with its Principal
 * matching.
 */

/** Whether part `a`'s resources include all of part `b`'s (NotResource read as "all but"). */
export function resourceCovers(a: AccessPart, b: AccessPart): boolean {
  if (a.everyResource) return true;
  if (!a.notResources) return b.notResources ? a.resource === '*' : resourcePatternCovers(a.resource, b.resource);
  if (!b.notResources) return !a.notResources.some((x) => resourceOverlap(x, b.resource));
  // Both exclude some: a excludes no more than b does.
  return a.notResources.every((x) => b.notResources!.some((y) => resourcePatternCovers(y, x)));
}

/** Whether some resource is in both parts. */
export function resourcesOverlap(a: AccessPart, b: AccessPart): boolean {
  if (a.notResources && b.notResources) return true;
  if (a.notResources) return !a.notResources.some((x) => resourcePatternCovers(x, b.resource));
  if (b.notResources) return !b.notResources.some((x) => resourcePatternCovers(x, a.resource));
  return resourceOverlap(a.resource, b.resource) || resourceOverlap(b.resource, a.resource);
}

/** Whether principal value `broad` names every caller that `narrow` names. */
export function principalValueCovers(broad: string, narrow: string): boolean {
  if (broad === '*' || broad === narrow) return true;
  if (narrow === '*') return false;
  // Service principals match case-insensitively, China's (`.amazonaws.com.cn`) too, as in the engine.
  if (broad.toLowerCase() === narrow.toLowerCase() && /\.amazonaws\.com(?:\.cn)?$/i.test(broad)) return true;
  const caller = readCaller(narrow);
  if (caller.kind === 'federated') return federatedMatch(broad, narrow);
  // An account names its root, users, roles and sessions (through its identity policies).
  return matchAwsPrincipal(broad, caller) !== undefined;
}

function principalCovers(a: AccessPart, b: AccessPart): boolean {
  if (a.principal === undefined || b.principal === undefined) return true;
  // The resource's own account (or one that may be) delegates: it covers no principal named directly.
  if (a.delegates && !(b.delegates && a.principal === b.principal)) return false;
  // NotPrincipal covers a principal none of its exclusions meets: not `*`, which includes them.
  if (a.notPrincipals) return b.notPrincipals ? a.notPrincipals.every((x) => b.notPrincipals!.includes(x)) : !a.notPrincipals.some((x) => principalValueCovers(x, b.principal!) || principalValueCovers(b.principal!, x));
  if (b.notPrincipals) return a.principal === '*';
  return principalValueCovers(a.principal, b.principal);
}

function principalsOverlap(a: AccessPart, b: AccessPart): boolean {
  if (a.principal === undefined || b.principal === undefined || a.notPrincipals || b.notPrincipals) return true;
  return principalValueCovers(a.principal, b.principal) || principalValueCovers(b.principal, a.principal);
}

/** Whether part `a` applies to every request part `b` applies to: resources, principal and conditions. */
export function partCovers(a: AccessPart, b: AccessPart): boolean {
  return resourceCovers(a, b) && principalCovers(a, b) && conditionsCover(a.clauses, b.clauses);
}

/** Whether part `a` applies to every resource and principal part `b` does, conditions aside. */
export function scopeCovers(a: AccessPart, b: AccessPart): boolean {
  return resourceCovers(a, b) && principalCovers(a, b);
}

/**
 * Whether the parts `others` together cover part `p`, as when a statement's condition values are
 * spread over several statements; when not, which of `p`'s condition values none of them takes.
 */
export function splitCover(p: AccessPart, others: readonly AccessPart[]): SplitCover {
  if (exceptionsTaken(p, others)) return { covered: true };
  if (p.clauses.length === 0) return { covered: false };
  const around = others.filter((q) => q.clauses.length > 0 && scopeCovers(q, p));
  return around.length ? conditionsCoverSplit(p.clauses, around.map((q) => q.clauses)) : { covered: false };
}

/**
 * Whether `others` together cover part `p` as a NotResource that excludes more and Resource values
 * that name what it excludes beyond `p` do (`NotResource [a, b]` with `Resource b` is `NotResource a`),
 * each for `p`'s principals and under no condition `p` lacks.
 */
function exceptionsTaken(p: AccessPart, others: readonly AccessPart[]): boolean {
  if (!p.notResources && p.resource !== '*') return false;
  const holds = (q: AccessPart) => principalCovers(q, p) && conditionsCover(q.clauses, p.clauses);
  return others.some((q) => {
    if (!q.notResources || !holds(q)) return false;
    const extra = q.notResources.filter((y) => !(p.notResources ?? []).some((x) => resourcePatternCovers(x, y)));
    return extra.length > 0 && extra.every((y) => others.some((r) => !r.notResources && resourcePatternCovers(r.resource, y) && holds(r)));
  });
}

/** Whether some request could fall under both parts, conditions aside. */
export function partsOverlap(a: AccessPart, b: AccessPart): boolean {
  return resourcesOverlap(a, b) && principalsOverlap(a, b);
}

/** The allows that an unconditional Deny of the same policy does not wholly take away. */
export function effectiveAllows(allows: readonly AccessPart[], denies: readonly AccessPart[]): AccessPart[] {
  const hard = denies.filter((d) => d.clauses.length === 0);
  if (hard.length === 0) return allows.slice();
  return allows.filter((a) => !hard.some((d) => partCovers(d, a)));
}
