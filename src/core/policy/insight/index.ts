/** Editor insight over the policy engine: pure functions that the VS Code adapter calls. */
export { findPolicyRegions, isOpaque, looksLikePolicy, terraformInterpolations, type CloudFormationYamlReader, type FindPolicyRegionsOptions, type PolicyRegion } from './recognize';
export { fitLensTitle, MAX_LENS_TITLE_LENGTH, statementLensTitle, trustLensTitle } from './lensTitles';
export { summarizeStatement, summarizeStatements, summarizeTrust, statementPrincipals, type StatementSummary, type TrustSummary } from './summary';
export { hoverAt, type HoverContent } from './hover';
export { completionsAt, relevantConditionKeys, statementActions, arnSnippet, COMMON_GLOBAL_KEYS, type CompletionEntry, type CompletionKind, type CompletionResult } from './completion';
export { quickFixesFor, applyTextEdits, formattingOptionsOf, toJsonPath, EXTERNAL_ID_PLACEHOLDER, GITHUB_SUB_PLACEHOLDER, type QuickFix, type TextEdit } from './quickFix';
export { toStrictJson } from './strictJson';
export { describePrincipal, type PrincipalDescription } from './principals';
export { CONDITION_OPERATORS, describeOperator, splitOperator } from './operators';
export { expandAction, hasWildcard, servicePrefixes, wildcardRegex } from './wildcard';
export { positionAt, type PolicyPosition } from './context';
