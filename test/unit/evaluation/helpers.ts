import { evaluate, type EvaluationInput, type EvaluationOptions, type EvaluationRequest, type EvaluationResult, type PolicySource } from '../../../src/core/evaluation';

type Doc = object | string;
export type Statement = Record<string, unknown>;

/** A 2012-10-17 policy document with these statements. */
export function policy(...statements: Statement[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

export const allow = (action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
export const deny = (action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });

function sources(docs: readonly Doc[] | undefined, slot: string): PolicySource[] | undefined {
  return docs?.map((d, i) => ({ name: `${slot}[${i}]`, text: typeof d === 'string' ? d : JSON.stringify(d, null, 2) }));
}

export interface Slots {
  identity?: Doc[];
  boundary?: Doc[];
  session?: Doc[];
  scps?: Doc[][];
  rcps?: Doc[][];
  resource?: Doc[];
  vpce?: Doc[];
  managementAccount?: string;
  now?: string;
}

export function run(request: EvaluationRequest, slots: Slots = {}, options?: EvaluationOptions): EvaluationResult {
  const input: EvaluationInput = {
    request,
    identityPolicies: sources(slots.identity, 'identity'),
    permissionsBoundaries: sources(slots.boundary, 'boundary'),
    sessionPolicies: sources(slots.session, 'session'),
    serviceControlPolicies: slots.scps?.map((l, i) => sources(l, `scp${i}`)!),
    resourceControlPolicies: slots.rcps?.map((l, i) => sources(l, `rcp${i}`)!),
    resourcePolicies: sources(slots.resource, 'resource'),
    vpcEndpointPolicies: sources(slots.vpce, 'vpce'),
    managementAccount: slots.managementAccount,
    now: slots.now,
  };
  return evaluate(input, undefined, options);
}

export function decision(request: EvaluationRequest, slots: Slots = {}): string {
  return run(request, slots).decision;
}

export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';
export const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/Dev`;
export const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`;
export const OTHER_SESSION = `arn:aws:sts::${OTHER}:assumed-role/Ops/bob`;
export const BUCKET_OBJECT = 'arn:aws:s3:::reports/2026/q3.csv';

export function req(principal: string, action: string, resource = '*', context?: EvaluationRequest['context'], resourceAccount?: string): EvaluationRequest {
  return { principal, action, resource, ...(context ? { context } : {}), ...(resourceAccount ? { resourceAccount } : {}) };
}
