/** Phrases that a statement's summary and its CodeLens title share, each a whole template for translators. */
import * as l10n from '@vscode/l10n';
import type { AccessLevel } from '../catalog';

/** "Allows 3 actions", or with whom it names "Denies 3 actions to account 111122223333". */
export function effectText(effect: string, what: string, who?: string): string {
  if (who === undefined) return effect === 'Deny' ? l10n.t('Denies {0}', what) : effect === 'Allow' ? l10n.t('Allows {0}', what) : l10n.t({ message: '{0}: {1}', args: [effect, what], comment: ['{0} is a statement\'s Effect as written when it is neither Allow nor Deny; {1} is what the statement covers, e.g. "3 actions".'] });
  return effect === 'Deny' ? l10n.t('Denies {0} to {1}', what, who) : effect === 'Allow' ? l10n.t('Allows {0} to {1}', what, who) : l10n.t('{0}: {1} to {2}', effect, what, who);
}

/** Principals of a NotPrincipal statement: everyone except them. */
export function exceptText(notPrincipal: boolean, who: string): string {
  return notPrincipal ? l10n.t('everyone except {0}', who) : who;
}

/** "· 1 condition" after a summary, when the statement has conditions. */
export function withConditions(text: string, conditions: number): string {
  if (!conditions) return text;
  return conditions === 1 ? l10n.t('{0} · {1} condition', text, conditions) : l10n.t('{0} · {1} conditions', text, conditions);
}

/**
 * How many actions of one access level, e.g. "3 write": each level has its own template. A summary
 * says "permissions" (`short`) where a wildcard's hover says "permissions management".
 */
export function accessLevelCount(level: AccessLevel, n: number, form: 'short' | 'full'): string {
  switch (level) {
    case 'Permissions management':
      return form === 'short' ? l10n.t('{0} permissions', n) : l10n.t('{0} permissions management', n);
    case 'Write':
      return l10n.t('{0} write', n);
    case 'Tagging':
      return l10n.t('{0} tagging', n);
    case 'Read':
      return l10n.t('{0} read', n);
    case 'List':
      return l10n.t('{0} list', n);
  }
}
