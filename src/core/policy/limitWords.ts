// Why a document is too large to be checked, and lengths, in the display language: STS Lens's own words,
// not Access Analyzer's. Apart from limits.ts, so that bundles that only apply the limits (dist/yaml.js)
// hold no words of src/core.
import * as l10n from '@vscode/l10n';
import { MAX_POLICY_TEXT_LENGTH } from './limits';

/**
 * Why a document of `length` characters (or bytes, read until `atLeast` that many) is not checked:
 * STS Lens's own finding, so in the display language (the command line leaves it English).
 */
export function documentTooLargeMessage(length: number, atLeast = false): string {
  return atLeast
    ? l10n.t("The document is larger than {0}, far beyond IAM's policy size quotas (6,144 characters for a managed policy, 20,480 for the largest resource policies), so it was not checked. Documents over {1} are not linted; split it into policies of the size AWS accepts.", lengthWords(length), lengthWords(MAX_POLICY_TEXT_LENGTH))
    : l10n.t("The document is {0}, far beyond IAM's policy size quotas (6,144 characters for a managed policy, 20,480 for the largest resource policies), so it was not checked. Documents over {1} are not linted; split it into policies of the size AWS accepts.", lengthWords(length), lengthWords(MAX_POLICY_TEXT_LENGTH));
}

/** A length in the display language's words: "50.0 MB", "10,240 KB", "6,144 characters". */
export function lengthWords(chars: number): string {
  if (chars >= 1024 * 1024) return l10n.t('{0} MB', (chars / 1024 / 1024).toFixed(1));
  if (chars >= 10 * 1024) return l10n.t('{0} KB', Math.round(chars / 1024).toLocaleString('en-US'));
  return chars === 1 ? l10n.t('{0} character', chars) : l10n.t('{0} characters', chars.toLocaleString('en-US'));
}
