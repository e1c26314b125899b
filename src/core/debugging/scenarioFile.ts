import type { Decision, EvaluationRequest, PolicyKind } from '../evaluation/types';

/** The scenario slot for each kind of policy a simulated file can be. */
const SLOT: Readonly<Record<PolicyKind, string>> = {
  identity: 'identityPolicies',
  permissionsBoundary: 'permissionsBoundaries',
  session: 'sessionPolicies',
  serviceControl: 'serviceControlPolicies',
  resourceControl: 'resourceControlPolicies',
  resource: 'resourcePolicies',
  vpcEndpoint: 'vpcEndpointPolicies',
};

/** The path from `fromDir` to `file`, with `/` separators, for a scenario that sits in `fromDir`. */
export function relativePath(fromDir: string, file: string): string {
  const a = fromDir.split(/[\\/]/).filter(Boolean);
  const b = file.split(/[\\/]/).filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rel = [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** A file name for the scenario: the policy's base name, the action, `.policytest.json`. */
export function scenarioFileName(policyBase: string, action: string): string {
  const stem = policyBase.replace(/\.[^.]+$/, '');
  const act = action.replace(/[^A-Z0-9]+/gi, '-').replace(/^-|-$/g, '');
  return `${stem}.${act || 'request'}.policytest.json`;
}

/**
 * A scenario file's text (the format `sts-lens simulate` reads) that evaluates `request` against the
 * policy at `policyRelative` in the slot of `kind`, expecting `expect`.
 */
export function scenarioText(request: EvaluationRequest, kind: PolicyKind, policyRelative: string, expect: Decision): string {
  const slot = SLOT[kind];
  const value = kind === 'serviceControl' || kind === 'resourceControl' ? [[policyRelative]] : [policyRelative];
  return `${JSON.stringify({ request, [slot]: value, expect }, null, 2)}\n`;
}
