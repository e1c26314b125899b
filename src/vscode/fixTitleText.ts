/**
 * Quick-fix titles in words, through vscode.l10n.t: one literal template per kind, so `npm run l10n`
 * exports each. A kind this switch does not handle fails typecheck.
 */
import * as vscode from 'vscode';
import type { FixTitle } from '../core/fixTitle';

export function fixTitleText(t: FixTitle): string {
  switch (t.kind) {
    case 'removeComment': return vscode.l10n.t('Remove the comment');
    case 'removeTrailingComma': return vscode.l10n.t('Remove the trailing comma');
    case 'removeDuplicateStatement': return vscode.l10n.t('Remove the duplicate statement');
    case 'removeEmptyCondition': return vscode.l10n.t('Remove the empty Condition');
    case 'removeUnsupportedCharacters': return vscode.l10n.t('Remove the unsupported characters');
    case 'removeAssumedRolePrincipal': return vscode.l10n.t('Remove the assumed-role principal');
    case 'useNullWithoutQualifier': return vscode.l10n.t('Use Null without a qualifier');
    case 'useVersion2012': return vscode.l10n.t('Use version 2012-10-17');
    case 'useLowercaseArnPrefix': return vscode.l10n.t('Use lowercase arn:');
    case 'useLowercaseService': return vscode.l10n.t('Use a lowercase service name');
    case 'addVersion2012': return vscode.l10n.t('Add Version 2012-10-17');
    case 'addExternalIdCondition': return vscode.l10n.t('Add an sts:ExternalId condition');
    case 'requireMfa': return vscode.l10n.t('Require MFA (aws:MultiFactorAuthPresent)');
    case 'useEqualsDelimiter': return vscode.l10n.t('Use = between key and value');
    case 'moveCommentToOwnLine': return vscode.l10n.t('Move the comment to its own line');
    case 'removeQuotes': return vscode.l10n.t('Remove the quotes');
    case 'replaceWith': return vscode.l10n.t('Replace with {0}', t.value);
    case 'remove': return vscode.l10n.t('Remove {0}', t.value);
    case 'removeRedundant': return vscode.l10n.t('Remove redundant {0}', t.value);
    case 'use': return vscode.l10n.t('Use {0}', t.value);
    case 'renameTo': return vscode.l10n.t('Rename to {0}', t.value);
    case 'changeTo': return vscode.l10n.t('Change to {0}', t.value);
    case 'replaceOperator': return vscode.l10n.t('Replace {0} with {1}', t.operator, t.replacement);
    case 'addConditionKey': return vscode.l10n.t('Add a {0} condition', t.key);
    case 'setDurationSeconds': return vscode.l10n.t('Set duration_seconds to {0}', String(t.seconds));
    case 'passRoleOnlyTo': return t.service ? vscode.l10n.t('Allow passing roles only to {0} (iam:PassedToService)', t.service) : vscode.l10n.t('Allow passing roles only to one service (iam:PassedToService)');
    case 'movePassRole': return t.service ? vscode.l10n.t('Move iam:PassRole to its own statement, passing roles only to {0}', t.service) : vscode.l10n.t('Move iam:PassRole to its own statement, passing roles only to one service');
  }
}
