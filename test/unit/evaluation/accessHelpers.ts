import * as assert from 'assert';
import { detectPolicyType, servicesReferenced, type PolicyType } from '../../../src/core/policy';
import { diffAccess, needsAllServices, readAccess, type AccessDiff, type PolicyAccess } from '../../../src/core/evaluation/access';
import { testCatalog } from '../policy/catalog';

type Doc = object | string;

const text = (d: Doc) => (typeof d === 'string' ? d : JSON.stringify(d, null, 2));

/** Reads a policy's access with the data it needs loaded. */
export function access(doc: Doc, policyType?: PolicyType, partitionTexts = [text(doc)]): PolicyAccess {
  const t = text(doc);
  const h = testCatalog();
  if (needsAllServices(t)) h.ensureAllServicesSync();
  else h.ensureServicesSync(servicesReferenced(t));
  return readAccess(t, policyType ?? detectPolicyType(t), h.catalog, partitionTexts);
}

/** The access diff of two versions of a policy. */
export function diff(base: Doc, next: Doc, policyType?: PolicyType): AccessDiff {
  const type = policyType ?? detectPolicyType(text(next));
  const both = [text(base), text(next)];
  return diffAccess(access(base, type, both), access(next, type, both));
}

/** `action on resource [for principal] [if …]` lines, for readable assertions. */
export function lines(items: AccessDiff['added']): string[] {
  return items.map((i) => `${i.action} on ${i.resource}${i.principal !== undefined ? ` for ${i.principal}` : ''}${i.conditions ? ` if ${JSON.stringify(i.conditions)}` : ''}`);
}

export const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

/** A small deterministic generator, so a failure names a seed that reproduces it. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export type Rand = ReturnType<typeof rng>;
export const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
export const some = <T>(r: Rand, list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(r, list)))];

/** A request the engine decides differently under two policies: its action, whether the newer one allows it, and the rest of it in words. */
export interface EngineWitness {
  action: string;
  added: boolean;
  request: string;
}

/**
 * For seeds 1 to `seeds`, draws two policies and the first request the engine decides differently
 * under them (`draw`), and fails unless their diff reports that action as added access or no longer
 * denied (or as removed access or newly denied).
 * Returns how many pairs the engine told apart.
 */
export function diffsReportEngineChanges(seeds: number, draw: (r: Rand) => { base: object; next: object; witness: EngineWitness | undefined }, policyType?: PolicyType): number {
  let changed = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const { base, next, witness: w } = draw(rng(seed));
    if (!w) continue;
    changed++;
    const d = diff(base, next, policyType);
    const reported = w.added ? [...d.added, ...d.noLongerDenied] : [...d.removed, ...d.denied];
    if (!reported.some((i) => i.action === w.action)) assert.fail(`seed ${seed}: ${w.added ? 'added' : 'removed'} ${w.action} ${w.request} not reported\n${JSON.stringify(base)}\n->\n${JSON.stringify(next)}\nadded: ${lines(d.added).join('; ')}\nremoved: ${lines(d.removed).join('; ')}\ndenied: ${lines(d.denied).join('; ')}\nno longer denied: ${lines(d.noLongerDenied).join('; ')}`);
  }
  return changed;
}
