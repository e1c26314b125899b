/**
 * Access diffs and access checks: what a policy grants, read statement by statement with the
 * engine's own action expansion, ARN matching and principal matching, then compared.
 */
export { readAccess, needsAllServices, type PolicyAccess, type AccessPart, type ActionAccess, type StatementRef } from './model';
export { type ConditionBlock } from './conditions';
export { diffAccess, actionCount, plainItem, noDiff, hasChanges, type AccessDiff, type AccessItem } from './diff';
export { notGrantedViolations, publicAccessViolations, type AccessViolation, type NotGrantedRule } from './checks';
export { conditionText, diffSummary, itemNote, statementName, type DiffKind } from './accessWords';
export { groupItems, formatDiffText, formatDiffMarkdown, formatDiffJson, type FileDiff } from './render';
export { assumers, renderAccessDocument, type AccessDocumentLink } from './document';
export { notGrantedFindings, type ProjectNotGranted } from './findings';
