import { redundantGroups } from './coverage';
import { elementText, textMayHoldWildcard } from '../elementStrings';
import type { LintContext, ResolvedAction } from '../context';
import { stringValues, type JsonNode } from '../parse';
import type { PolicyType } from '../types';

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

const NO_GROUPS: { keep: ResolvedAction; group: ResolvedAction[] }[] = [];

const lowerOf = (a: ResolvedAction): string => a.lower;
const serviceOf = (a: ResolvedAction): string => a.service;

/** Redundant actions, resources and statements. */
export function checkRedundancy(ctx: LintContext): void {
  const { r } = ctx;
  const text = ctx.policy.text;
  const statementContexts = ctx.statements;
  for (let s = 0; s < statementContexts.length; s++) {
    const sc = statementContexts[s];
    // Without a repeat only a wildcard makes an action redundant, and most Action texts hold none.
    const plain = sc.actionsRepeat === false && sc.st.action !== undefined && !textMayHoldWildcard(elementText(text, sc.st.action));
    const actionGroups = plain ? NO_GROUPS : redundantGroups(sc.actions, true, lowerOf, sc.actions.length > 16 ? serviceOf : undefined, sc.actionsRepeat);
    for (let g = 0; g < actionGroups.length; g++) {
      const { keep, group } = actionGroups[g];
      // Locations stay in document order, as Access Analyzer lists them; the fix removes a value
      // the kept one covers (a repeat, or what its wildcard matches), never the broadest wildcard.
      const redundant = group.find((v) => v !== keep)!;
      r.add('REDUNDANT_ACTION', `The ${group.length} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: ${redundant.value}.`, group.map((v) => ({ path: v.path, node: v.node })), { title: { kind: 'remove', value: redundant.value }, remove: true, location: group.indexOf(redundant) });
    }
    const resourceGroups = redundantGroups(stringValues(sc.st.resource), false);
    for (let g = 0; g < resourceGroups.length; g++) {
      const { group } = resourceGroups[g];
      const longest = [...group].sort((a, b) => b.value.length - a.value.length)[0];
      r.add('REDUNDANT_RESOURCE', `The ${group.length} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*), or remove the resource ${longest.value} to remove the redundancy.`, group.map((v) => ({ path: v.path, node: v.node })));
    }
  }
  // Canonical forms are costly for big statements: only compare statements of the same shape.
  const statements = ctx.policy.statements;
  if (statements.length < 2) return;
  // Element count and value sizes, in any order: equal statements have equal shapes, and no strings are built.
  const shape = (st: (typeof statements)[number]) => {
    let h = st.elements.length * 1_000_003;
    for (let i = 0; i < st.elements.length; i++) {
      const e = st.elements[i];
      h += ((e.valueNode.children?.length ?? 0) + 1) * (e.key.length * 7919 + e.key.charCodeAt(0));
    }
    return h;
  };
  // And what canonical() sees, in any order: the Sid-less properties and their string values. Each
  // distinct string stands for a number drawn when first met: the engine hashes the string for the
  // lookup, far faster than a loop over its characters in code not yet optimised.
  const numbers = new Map<string, number>();
  const numberOf = (s: string): number => {
    let n = numbers.get(s);
    if (n === undefined) {
      n = Math.imul(numbers.size + 1, 0x9e3779b1);
      numbers.set(s, n);
    }
    return n;
  };
  const content = (st: (typeof statements)[number]) => {
    let h = 0;
    for (let i = 0; i < st.elements.length; i++) {
      const e = st.elements[i];
      if (e.key === 'Sid') continue;
      let v = 0;
      const node = e.valueNode;
      if (node.type === 'string') v = numberOf(node.value as string);
      else if (node.type === 'array' && node.children) {
        const children = node.children;
        for (let k = 0; k < children.length; k++) if (children[k].type === 'string') v = (v + numberOf(children[k].value as string)) | 0;
      }
      h = (h + Math.imul(numberOf(e.key), 0x85ebca6b) + v) | 0;
    }
    return h;
  };
  // Two stages: the shape alone sets most statements apart; only those that share one are hashed whole.
  const shapes = statements.map(shape);
  const shapeCounts = new Map<number, number>();
  for (let i = 0; i < shapes.length; i++) shapeCounts.set(shapes[i], (shapeCounts.get(shapes[i]) ?? 0) + 1);
  const contents: (string | undefined)[] = statements.map((st, i) => ((shapeCounts.get(shapes[i]) ?? 0) < 2 ? undefined : `${shapes[i]}/${content(st)}`));
  const counts = new Map<string, number>();
  for (const c of contents) if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  const seen = new Map<string, number>();
  statements.forEach((st, i) => {
    const c = contents[i];
    if (c === undefined || (counts.get(c) ?? 0) < 2) return;
    const key = canonical({ ...st.node, children: st.node.children?.filter((p) => p.children?.[0]?.value !== 'Sid') } as JsonNode);
    const prev = seen.get(key);
    if (prev !== undefined) {
      const first = statements[prev];
      r.add('REDUNDANT_STATEMENT', 'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.', [
        { path: first.path, offset: first.node.offset, length: 1 },
        { path: st.path, offset: st.node.offset, length: 1 },
      ], { remove: true, location: 1, title: { kind: 'removeDuplicateStatement' } });
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
  // One pass of the regex engine drops everything but the whitespace: a loop in JavaScript would
  // cost a call per run, and large documents hold tens of thousands of runs. Linear, one character class.
  return text.length - text.replace(COUNTED_RUNS, '').length;
}

/** Runs of what the quotas count: anything but the whitespace they do not. */
const COUNTED_RUNS = /[^ \n\r\t\v\f\u00a0\ufeff]+/g;

export function checkSize(ctx: LintContext): void {
  const q = QUOTAS[ctx.type];
  if (ctx.policy.text.length <= q.quota) return;
  const n = policySize(ctx.policy.text);
  if (n > q.quota) ctx.r.add(q.code, q.details(n, q.quota), [{ path: [], offset: 0, length: ctx.policy.text.length }]);
}
