/**
 * Lengths that a policy test's problems put into their sentences, in the display language's words.
 * Policy findings keep describeLength's English form (src/core/policy/limits.ts).
 */
import * as l10n from '@vscode/l10n';

/** A length as describeLength gives it ("10,240 KB", "6,144 characters"). */
export function lengthWords(chars: number): string {
  if (chars >= 1024 * 1024) return l10n.t('{0} MB', (chars / 1024 / 1024).toFixed(1));
  if (chars >= 10 * 1024) return l10n.t('{0} KB', Math.round(chars / 1024).toLocaleString('en-US'));
  return chars === 1 ? l10n.t('{0} character', chars) : l10n.t('{0} characters', chars.toLocaleString('en-US'));
}
