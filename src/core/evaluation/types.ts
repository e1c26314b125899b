import type { ParsedPolicy } from '../policy/parse';
import type { Location } from '../policy/types';

/** Exactly one of these, as AWS's policy evaluation logic decides. */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export const DECISIONS: readonly Decision[] = ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied'];

/** A request context value: single-valued keys take a scalar, multivalued keys an array. */
export type ContextValue = string | number | boolean | readonly (string | number | boolean)[];

/** One request, as a scenario file's `request` states it. */
export interface EvaluationRequest {
  /** An IAM/STS ARN, a service principal (`lambda.amazonaws.com`) or `anonymous`. */
  principal: string;
  /** `service:Action`, matched case-insensitively. */
  action: string;
  /** The resource ARN, or `*` for actions without resource types. */
  resource: string;
  /** The account that owns the resource; derived from the ARN when absent and the ARN has one. */
  resourceAccount?: string;
  /** Request context keys as IAM spells them (matched case-insensitively), e.g. `aws:SourceIp`. */
  context?: Readonly<Record<string, ContextValue>>;
  /**
   * How an IAM user's or root user's credentials were made, when not with its long-term access keys:
   * `GetSessionToken` (with MFA when the context has aws:MultiFactorAuthPresent true). Role and
   * federated user sessions need none: their principal ARN says it.
   */
  credentials?: 'GetSessionToken';
}

/** Which slot of the evaluation a policy sits in. */
export type PolicyKind =
  | 'identity'
  | 'permissionsBoundary'
  | 'session'
  | 'serviceControl'
  | 'resourceControl'
  | 'resource'
  | 'vpcEndpoint';

/** One policy document and where it came from, so a trace can point back into it. */
export interface PolicySource {
  /** What people see: a file path relative to the scenario, `inline #2`, a policy ARN, `role/deploy inline:ci`. */
  name: string;
  /** The document's text exactly as written; trace locations are offsets into it. */
  text: string;
  /** The file that holds the text, when known (a policy file, or the scenario for an inline document). */
  file?: string;
  /** Where the text starts in `file` (an inline document inside a scenario); 0 when absent. */
  offset?: number;
  /** The text already parsed by the policy parser, when the caller has it: spares parsing it again. */
  parsed?: ParsedPolicy;
}

/**
 * Everything that decides a request. An omitted slot means "no policy of that kind applies"; a
 * present SCP/RCP slot applies level by level (root, each OU, the account), and a present level
 * with no documents allows nothing.
 */
export interface EvaluationInput {
  request: EvaluationRequest;
  identityPolicies?: readonly PolicySource[];
  permissionsBoundaries?: readonly PolicySource[];
  sessionPolicies?: readonly PolicySource[];
  serviceControlPolicies?: readonly (readonly PolicySource[])[];
  resourceControlPolicies?: readonly (readonly PolicySource[])[];
  resourcePolicies?: readonly PolicySource[];
  vpcEndpointPolicies?: readonly PolicySource[];
  /** The organization's management account: SCPs do not restrict its principals nor RCPs its resources. */
  managementAccount?: string;
  /** The time of the request (ISO 8601), for aws:CurrentTime and aws:EpochTime when the context lacks them. */
  now?: string;
  /**
   * The context is the one AWS itself reported (a decoded authorization message): every key is kept.
   * Otherwise keys that requests for the action never carry are left out (see unsentKeys.ts).
   */
  contextFromAws?: boolean;
}

/** How much an evaluation tells besides its decision. */
export interface EvaluationOptions {
  /**
   * Only the decision and what decides it, for questions asked many times (escalation paths): the
   * deciding statements and, in the trace, the statements that apply or that a condition stops,
   * each with its condition tests. Statements the request does not reach are left out, and
   * explanations and reasons are empty. The readable trace (simulate, Evaluate) comes without this.
   * The caller and the resource are not checked for being in one partition: these questions come
   * from a made-up caller.
   */
  decisionOnly?: boolean;
}

/** Why a statement did not apply, in the order evaluation checks them. */
export type MismatchReason = 'action' | 'resource' | 'principal' | 'condition';

/** One condition key test with the policy's values and the request's values side by side. */
export interface ConditionTrace {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** As written in the policy, e.g. `aws:PrincipalTag/team`. */
  key: string;
  /** The policy's values after policy-variable substitution. */
  policyValues: string[];
  /** The request's values; undefined when the request lacks the key. */
  requestValues: string[] | undefined;
  matched: boolean;
  /** Plain words, e.g. "aws:SourceIp 198.51.100.7 is not in 203.0.113.0/24". */
  explanation: string;
  location: Location;
}

export interface StatementTrace {
  /** Index in the policy's Statement array (0 for a single statement object). */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** True when action, resource, principal and every condition match. */
  applies: boolean;
  /** The first element that did not match; undefined when the statement applies. */
  mismatch?: MismatchReason;
  /** Plain words: why it applies, or why not. */
  explanation: string;
  conditions: ConditionTrace[];
  /** The whole statement in its source document. */
  location: Location;
}

/** What one policy contributed: an explicit deny, an allow, or nothing. */
export type PolicyOutcome = 'Deny' | 'Allow' | 'NoMatch' | 'Invalid';

export interface PolicyTrace {
  kind: PolicyKind;
  name: string;
  /** For SCPs and RCPs: 0 for the root, then each OU, the account last. */
  level?: number;
  /** The source's `file` and `offset`, when it has them: statement spans are relative to `offset` in `file`. */
  file?: string;
  offset?: number;
  outcome: PolicyOutcome;
  /** Set when the document could not be read as a policy; it then contributes nothing. */
  error?: string;
  /** Set when this kind of policy does not take part in this request (e.g. SCPs for a service-linked role), and why. */
  skipped?: string;
  statements: StatementTrace[];
}

/** A statement that decided the request, with the policy that holds it. */
export interface DecidingStatement {
  kind: PolicyKind;
  policy: string;
  level?: number;
  statement: StatementTrace;
}

export interface EvaluationResult {
  decision: Decision;
  /** The explicit denies for ExplicitlyDenied; the allows that granted access for Allowed; empty for ImplicitlyDenied. */
  deciding: DecidingStatement[];
  /** For ImplicitlyDenied: which kind of policy lacked an allow (e.g. "the permissions boundary allows nothing for s3:GetObject"). */
  reasons: string[];
  /** Every policy in evaluation order. */
  trace: PolicyTrace[];
  /** Keys the request's context gave that requests for the action never carry: left out of the decision (see unsentKeys.ts). */
  unsentKeys?: readonly string[];
}
