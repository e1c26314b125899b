/**
 * The semantic token types of policy highlighting. package.json declares each (with a standard
 * super type) and maps it to the TextMate scope themes already colour; a unit test keeps the two
 * lists equal. The order is the legend's: an index into it is what the editor receives.
 */
export const POLICY_TOKEN_TYPES = [
  'iamPolicyElement',
  'iamVersionDate',
  'iamEffect',
  'iamService',
  'iamAction',
  'iamWildcard',
  'iamArn',
  'iamPartition',
  'iamRegion',
  'iamAccount',
  'iamResource',
  'iamVariable',
  'iamConditionOperator',
  'iamOperatorModifier',
  'iamConditionKey',
  'iamServicePrincipal',
] as const;

export type PolicyTokenType = (typeof POLICY_TOKEN_TYPES)[number];

/** A highlighted span of a policy's JSON text: offsets into that text, never across a line. */
export interface PolicyToken {
  readonly offset: number;
  readonly length: number;
  readonly type: PolicyTokenType;
}

/** At most this many tokens per document: a 1 MiB policy of short actions stays well under it. */
export const MAX_POLICY_TOKENS = 100_000;
