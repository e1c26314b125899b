import * as l10n from '@vscode/l10n';
import type { PolicyType } from './types';

/** The name of a policy type in words, as the status bar, the lens, the type picker and the access diff document show it. */
export function policyTypeWords(type: PolicyType): string {
  switch (type) {
    case 'IDENTITY_POLICY': return l10n.t('Identity policy');
    case 'RESOURCE_POLICY': return l10n.t('Resource policy');
    case 'TRUST_POLICY': return l10n.t('Trust policy');
    case 'SERVICE_CONTROL_POLICY': return l10n.t('Service control policy');
    case 'RESOURCE_CONTROL_POLICY': return l10n.t('Resource control policy');
  }
}
