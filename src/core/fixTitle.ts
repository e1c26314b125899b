/**
 * The titles of quick fixes (of policy findings and of AWS config-file findings) as data: a kind and
 * the values it names. The editor puts them into words through vscode.l10n.t
 * (src/vscode/fixTitleText.ts); `fixTitleEnglish` says them in English for tests and plain Node.
 */

/** Titles with nothing to fill in. */
export type FixedFixTitleKind =
  | 'removeComment'
  | 'removeTrailingComma'
  | 'removeDuplicateStatement'
  | 'removeEmptyCondition'
  | 'removeUnsupportedCharacters'
  | 'removeAssumedRolePrincipal'
  | 'useNullWithoutQualifier'
  | 'useVersion2012'
  | 'useLowercaseArnPrefix'
  | 'useLowercaseService'
  | 'addVersion2012'
  | 'addExternalIdCondition'
  | 'requireMfa'
  | 'useEqualsDelimiter'
  | 'moveCommentToOwnLine'
  | 'removeQuotes';

export type FixTitle =
  | { readonly kind: FixedFixTitleKind }
  /** A value as the policy or file holds it: an action, a key, an element, `IfExists`. */
  | { readonly kind: 'replaceWith' | 'remove' | 'removeRedundant' | 'use' | 'renameTo' | 'changeTo'; readonly value: string }
  | { readonly kind: 'replaceOperator'; readonly operator: string; readonly replacement: string }
  | { readonly kind: 'addConditionKey'; readonly key: string }
  | { readonly kind: 'setDurationSeconds'; readonly seconds: number }
  /** `service` undefined: the fix writes a placeholder for the service to fill in. */
  | { readonly kind: 'passRoleOnlyTo' | 'movePassRole'; readonly service?: string };

export type FixTitleKind = FixTitle['kind'];

/** Every kind, so tests can go through them all; a kind missing here fails typecheck. */
export const FIX_TITLE_KINDS = Object.keys({
  removeComment: 0, removeTrailingComma: 0, removeDuplicateStatement: 0, removeEmptyCondition: 0, removeUnsupportedCharacters: 0,
  removeAssumedRolePrincipal: 0, useNullWithoutQualifier: 0, useVersion2012: 0, useLowercaseArnPrefix: 0, useLowercaseService: 0,
  addVersion2012: 0, addExternalIdCondition: 0, requireMfa: 0, useEqualsDelimiter: 0, moveCommentToOwnLine: 0, removeQuotes: 0,
  replaceWith: 0, remove: 0, removeRedundant: 0, use: 0, renameTo: 0, changeTo: 0, replaceOperator: 0, addConditionKey: 0,
  setDurationSeconds: 0, passRoleOnlyTo: 0, movePassRole: 0,
} satisfies Record<FixTitleKind, 0>) as FixTitleKind[];

/** The title in English: "Replace with s3:GetObject", "Remove the comment", … */
export function fixTitleEnglish(t: FixTitle): string {
  switch (t.kind) {
    case 'removeComment': return 'Remove the comment';
    case 'removeTrailingComma': return 'Remove the trailing comma';
    case 'removeDuplicateStatement': return 'Remove the duplicate statement';
    case 'removeEmptyCondition': return 'Remove the empty Condition';
    case 'removeUnsupportedCharacters': return 'Remove the unsupported characters';
    case 'removeAssumedRolePrincipal': return 'Remove the assumed-role principal';
    case 'useNullWithoutQualifier': return 'Use Null without a qualifier';
    case 'useVersion2012': return 'Use version 2012-10-17';
    case 'useLowercaseArnPrefix': return 'Use lowercase arn:';
    case 'useLowercaseService': return 'Use a lowercase service name';
    case 'addVersion2012': return 'Add Version 2012-10-17';
    case 'addExternalIdCondition': return 'Add an sts:ExternalId condition';
    case 'requireMfa': return 'Require MFA (aws:MultiFactorAuthPresent)';
    case 'useEqualsDelimiter': return 'Use = between key and value';
    case 'moveCommentToOwnLine': return 'Move the comment to its own line';
    case 'removeQuotes': return 'Remove the quotes';
    case 'replaceWith': return `Replace with ${t.value}`;
    case 'remove': return `Remove ${t.value}`;
    case 'removeRedundant': return `Remove redundant ${t.value}`;
    case 'use': return `Use ${t.value}`;
    case 'renameTo': return `Rename to ${t.value}`;
    case 'changeTo': return `Change to ${t.value}`;
    case 'replaceOperator': return `Replace ${t.operator} with ${t.replacement}`;
    case 'addConditionKey': return `Add a ${t.key} condition`;
    case 'setDurationSeconds': return `Set duration_seconds to ${t.seconds}`;
    case 'passRoleOnlyTo': return `Allow passing roles only to ${t.service ?? 'one service'} (iam:PassedToService)`;
    case 'movePassRole': return `Move iam:PassRole to its own statement, passing roles only to ${t.service ?? 'one service'}`;
  }
}
