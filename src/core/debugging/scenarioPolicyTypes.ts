import { parseScenarioTree, scenarioPolicyRefs, type ScenarioPolicyRef } from '../evaluation/scenario';
import type { PolicyType } from '../policy/types';

/** The policy type a scenario slot says its files are. */
const SLOT_TYPE: Readonly<Record<ScenarioPolicyRef['slot'], PolicyType>> = {
  identityPolicies: 'IDENTITY_POLICY',
  permissionsBoundaries: 'IDENTITY_POLICY',
  sessionPolicies: 'IDENTITY_POLICY',
  resourcePolicies: 'RESOURCE_POLICY',
  vpcEndpointPolicies: 'RESOURCE_POLICY',
  serviceControlPolicies: 'SERVICE_CONTROL_POLICY',
  resourceControlPolicies: 'RESOURCE_CONTROL_POLICY',
};

/** A policy file a scenario file names, as written (relative to the scenario's folder), and as what. */
export interface ScenarioPolicyUse {
  readonly path: string;
  readonly type: PolicyType;
}

/**
 * Every policy file a scenario file names (in any of its cases) and the type its slot gives it,
 * once each. A file that does not parse names nothing.
 */
export function scenarioPolicyUses(text: string): ScenarioPolicyUse[] {
  const tree = parseScenarioTree(text);
  if ('problem' in tree) return [];
  const cases = tree.root.type === 'array' ? (tree.root.children ?? []) : [tree.root];
  const seen = new Map<string, ScenarioPolicyUse>();
  for (const c of cases) {
    for (const ref of scenarioPolicyRefs(c)) {
      const use = { path: ref.path, type: SLOT_TYPE[ref.slot] };
      seen.set(`${use.type}\u0000${use.path}`, use);
    }
  }
  return [...seen.values()];
}

/**
 * What the scenarios that use a file say it is: a service or resource control policy when every use
 * agrees on that. Other uses are left to content detection, which tells identity, resource and
 * trust policies apart by themselves; uses that disagree say nothing.
 */
export function guardrailTypeFromUses(types: Iterable<PolicyType>): 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | undefined {
  let only: PolicyType | undefined;
  for (const t of types) {
    if (only !== undefined && t !== only) return undefined;
    only = t;
  }
  return only === 'SERVICE_CONTROL_POLICY' || only === 'RESOURCE_CONTROL_POLICY' ? only : undefined;
}
