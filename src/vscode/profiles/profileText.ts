import * as vscode from 'vscode';
import { chainWords, type ProfileKind } from '../../core/profiles/model';

/** The words of a credential chain's text (`… 1,990 more …`, `cycle: a → b → a`, `missing profile "x"`), counts as the display language writes them. */
export const CHAIN_WORDS = chainWords(vscode.env.language);

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
