import * as vscode from 'vscode';
import type { ChainWords, ProfileKind } from '../../core/profiles/model';

/** The words of a credential chain's text (`… 1,990 more …`, `cycle: a → b → a`, `missing profile "x"`). */
export const CHAIN_WORDS: ChainWords = {
  more: (count) => vscode.l10n.t('… {0} more …', count.toLocaleString(vscode.env.language)),
  cycle: (path) => vscode.l10n.t('cycle: {0}', path),
  missingProfile: (name) => vscode.l10n.t('missing profile "{0}"', name),
};

/** A profile's kind in words, next to its name in the Profiles view, its tooltip and the pickers. */
export function profileKindLabel(kind: ProfileKind): string {
  switch (kind) {
    case 'static': return vscode.l10n.t('access keys');
    case 'role': return vscode.l10n.t('role');
    case 'sso': return vscode.l10n.t('IAM Identity Center (SSO)');
    // The setting's own name.
    case 'process': return 'credential_process';
    case 'rolesAnywhere': return vscode.l10n.t('IAM Roles Anywhere');
    case 'webIdentity': return vscode.l10n.t('web identity');
    case 'login': return vscode.l10n.t('AWS sign-in (aws login)');
    case 'regionOnly': return vscode.l10n.t('settings only');
  }
}
