/**
 * The likely cause of a denied AssumeRole in words, through vscode.l10n.t: one literal template per kind
 * and source, so `npm run l10n` exports each. A kind or source this does not handle fails typecheck.
 */
import * as vscode from 'vscode';
import type { LikelyCause } from '../../core/sessions/denialHints';

export function likelyCauseText(c: LikelyCause): string {
  switch (c.kind) {
    case 'externalId': return c.from === 'profile'
      ? vscode.l10n.t('Likely cause: {0} needs an external ID, which this request did not send; profile "{1}" gives one.', c.roleName, c.profile)
      : vscode.l10n.t('Likely cause: the trust policy of {0} requires an external ID (sts:ExternalId), which this request did not send.', c.roleName);
    case 'mfa': return c.from === 'profile'
      ? vscode.l10n.t('Likely cause: {0} needs MFA, which this request did not send; profile "{1}" uses the device {2}.', c.roleName, c.profile, c.mfaSerial)
      : vscode.l10n.t('Likely cause: the trust policy of {0} requires MFA (aws:MultiFactorAuthPresent), which this request did not send.', c.roleName);
  }
}
