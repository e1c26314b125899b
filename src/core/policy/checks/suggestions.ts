import type { LintContext } from '../context';
import { stringValues, type JsonNode, type ParsedValue } from '../parse';
import type { PolicyType } from '../types';

function isPattern(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

function patternRegex(pattern: string, ignoreCase: boolean): RegExp {
  let src = '';
  for (const ch of pattern) src += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  return new RegExp(`^${src}$`, ignoreCase ? 'is' : 's');
}

/**
 * Groups values covered by another value of the same list (a duplicate, or a match of its
 * wildcards): the coverer and what it covers, in document order. O(n x wildcards).
 */
function redundantGroups<T extends ParsedValue & { value: string }>(values: T[], ignoreCase: boolean): T[][] {
  const norm = values.map((v) => (ignoreCase ? v.value.toLowerCase() : v.value));
  const byValue = new Map<string, number[]>();
  norm.forEach((n, i) => byValue.set(n, [...(byValue.get(n) ?? []), i]));
  const patterns = values.map((v, i) => (isPattern(v.value) ? { i, re: patternRegex(v.value, ignoreCase) } : undefined)).filter((p): p is { i: number; re: RegExp } => !!p);
  if (patterns.length === 0 && byValue.size === values.length) return [];
  const covers = (i: number, j: number): boolean => norm[i] === norm[j] || (isPattern(values[i].value) && patterns.find((p) => p.i === i)!.re.test(values[j].value));
  const groups: T[][] = [];
  const used = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    if (used.has(i)) continue;
    // Only maximal coverers start a group: skip values strictly covered by a wildcard.
    if (patterns.some((p) => p.i !== i && norm[p.i] !== norm[i] && p.re.test(values[i].value) && !covers(i, p.i))) continue;
    const members = new Set<number>((byValue.get(norm[i]) ?? []).filter((j) => j !== i && !used.has(j)));
    const mine = patterns.find((p) => p.i === i);
    if (mine) values.forEach((v, j) => j !== i && !used.has(j) && mine.re.test(v.value) && members.add(j));
    if (!members.size) continue;
    used.add(i);
    for (const j of members) used.add(j);
    groups.push([i, ...members].sort((a, b) => a - b).map((j) => values[j]));
  }
  return groups;
}

function canonical(node: JsonNode | undefined): string {
  if (!node) return '';
  switch (node.type) {
    case 'object':
      return `{${(node.children ?? [])
        .map((p) => `${JSON.stringify(p.children?.[0]?.value)}:${canonical(p.children?.[1])}`)
        .sort()
        .join(',')}}`;
    case 'array':
      return `[${(node.children ?? []).map(canonical).sort().join(',')}]`;
    default:
      return JSON.stringify(node.value);
  }
}

/** Redundant actions, resources and statements. */
export function checkRedundancy(ctx: LintContext): void {
  const { r } = ctx;
  for (const sc of ctx.statements) {
    for (const group of redundantGroups(sc.actions, true)) {
      const named = group.find((v) => v !== group[0]) ?? group[0];
      const [coverer] = group.filter((v) => v.value.includes('*') || v.value.includes('?'));
      const redundant = coverer ? group.find((v) => v !== coverer)! : group[group.length - 1];
      r.add('REDUNDANT_ACTION', `The ${group.length} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: ${(coverer ? redundant : named).value}.`, group.map((v) => ({ path: v.path, node: v.node })), { title: `Remove ${redundant.value}`, remove: true });
    }
    for (const group of redundantGroups(stringValues(sc.st.resource), false)) {
      const longest = [...group].sort((a, b) => b.value.length - a.value.length)[0];
      r.add('REDUNDANT_RESOURCE', `The ${group.length} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*), or remove the resource ${longest.value} to remove the redundancy.`, group.map((v) => ({ path: v.path, node: v.node })));
    }
  }
  const seen = new Map<string, number>();
  ctx.policy.statements.forEach((st, i) => {
    const key = canonical({ ...st.node, children: st.node.children?.filter((p) => p.children?.[0]?.value !== 'Sid') } as JsonNode);
    const prev = seen.get(key);
    if (prev !== undefined) {
      const first = ctx.policy.statements[prev];
      r.add('REDUNDANT_STATEMENT', 'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.', [
        { path: first.path, offset: first.node.offset, length: 1 },
        { path: st.path, offset: st.node.offset, length: 1 },
      ], { remove: true, title: 'Remove the duplicate statement' });
    } else seen.set(key, i);
  });
}

const QUOTAS: Record<PolicyType, { code: string; quota: number; details: (n: number, q: number) => string }> = {
  IDENTITY_POLICY: { code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', quota: 10240, details: (n, q) => `The ${n} characters in the identity policy, excluding whitespace, exceed the ${q} character maximum for inline and managed policies. We recommend that you use multiple granular policies.` },
  RESOURCE_POLICY: { code: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA', quota: 20480, details: (n, q) => `The ${n} characters in the resource policy exceed the ${q} character maximum for resource policies. We recommend that you use multiple granular policies.` },
  TRUST_POLICY: { code: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA', quota: 2048, details: (n, q) => `The ${n} characters in the role trust policy, excluding whitespace, exceed the ${q} character maximum. We recommend that you request a role trust policy length quota increase using Service Quotas and AWS Support Center. If the quotas have already been increased, then you can ignore this warning.` },
  SERVICE_CONTROL_POLICY: { code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA', quota: 5120, details: (n, q) => `The ${n} characters in the service control policy (SCP) exceed the ${q} character maximum for SCPs. We recommend that you use multiple granular policies.` },
  RESOURCE_CONTROL_POLICY: { code: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA', quota: 5120, details: (n, q) => `The ${n} characters in the resource control policy (RCP) exceed the ${q} character maximum for RCPs. AWS Organizations rejects it; split it into several policies.` },
};

/** Characters excluding whitespace, as the quotas count them. */
export function policySize(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 11 && c !== 12 && c !== 0xa0 && c !== 0xfeff) n++;
  }
  return n;
}

export function checkSize(ctx: LintContext): void {
  const q = QUOTAS[ctx.type];
  const n = policySize(ctx.policy.text);
  if (n > q.quota) ctx.r.add(q.code, q.details(n, q.quota), [{ path: [], offset: 0, length: ctx.policy.text.length }]);
}
