import type { StatedDenial } from './statedDenial';

/** What an explanation of a decoded authorization message holds. */

export type Verdict = 'explicit-deny' | 'implicit-deny' | 'allowed' | 'unknown';

export interface ContextCondition {
  readonly key: string;
  readonly values: readonly string[];
}

export interface MatchedStatement {
  /** The statement's Sid; undefined when the policy gave it none. */
  readonly sid?: string;
  /** 'Allow', 'Deny', or whatever AWS sent when it is neither. */
  readonly effect: string;
  readonly principals: readonly string[];
  readonly principalGroups: readonly string[];
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: readonly ContextCondition[];
  /** Fields AWS sent that this version does not know, kept for the raw view. */
  readonly other: Readonly<Record<string, unknown>>;
}

export interface PrincipalInfo {
  readonly id?: string;
  readonly arn?: string;
  readonly name?: string;
  readonly account?: string;
  readonly kind?: 'assumed-role' | 'user' | 'role' | 'root' | 'federated-user' | 'other';
  readonly roleName?: string;
  readonly sessionName?: string;
  readonly userName?: string;
}

export interface ActionInfo {
  /** As AWS sent it, e.g. "RunInstances". */
  readonly raw: string;
  /** With its service prefix, e.g. "ec2:RunInstances"; equals `raw` when the prefix cannot be found. */
  readonly full: string;
  readonly service?: string;
  readonly name: string;
  /** True when the service prefix was missing and was inferred. */
  readonly prefixInferred: boolean;
  /** Where the inferred prefix came from, for the explanation. */
  readonly prefixSource?: 'matched statement' | 'resource ARN' | 'aws:Service' | 'condition keys';
}

export interface ResourceInfo {
  readonly raw: string;
  readonly partition?: string;
  readonly service?: string;
  readonly region?: string;
  readonly account?: string;
  /** The part after the account, e.g. "instance/*" or "bucket/key". */
  readonly resource?: string;
}

export interface AuthorizationExplanation {
  readonly verdict: Verdict;
  readonly allowed?: boolean;
  readonly explicitDeny?: boolean;
  readonly principal?: PrincipalInfo;
  readonly action?: ActionInfo;
  readonly resource?: ResourceInfo;
  readonly matchedStatements: readonly MatchedStatement[];
  /** Deny statements among the matched ones (what caused an explicit deny). */
  readonly denyingStatements: readonly MatchedStatement[];
  readonly context: readonly ContextCondition[];
  readonly failures: readonly string[];
  /** One line, e.g. "DENIED ec2:RunInstances on instance/* — explicit deny by statement VisualEditor0". */
  readonly summary: string;
  /** What to do next, as sentences. */
  readonly advice: readonly string[];
  /** For an implicit deny: the exact action and resource an Allow must cover. */
  readonly wouldAllow?: { readonly action: string; readonly resource: string };
  /** Things that were missing or odd in the decoded JSON. */
  readonly warnings: readonly string[];
  /** The decoded JSON, pretty-printed. */
  readonly rawJson: string;
  /** What the error text itself said (which kind of policy denied), when the caller passed it. */
  readonly statedDenial?: StatedDenial;
}

export type ExplainResult =
  | { readonly ok: true; readonly explanation: AuthorizationExplanation }
  | { readonly ok: false; readonly error: string };
