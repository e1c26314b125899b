import * as vscode from 'vscode';
import type { ProfileKind } from '../../core/profiles/model';

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
