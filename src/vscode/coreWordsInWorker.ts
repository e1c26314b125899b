import * as l10n from '@vscode/l10n';
import { coreWordsChanged } from '../core/fill';

/**
 * What src/vscode/coreWords.ts does, for a bundle that runs where `vscode` cannot be loaded (the policy
 * lint worker's thread): core words take the display language's bundle that the extension host passed.
 */
export function useCoreWordsFrom(contents: l10n.l10nJsonFormat | undefined): void {
  l10n.config({ contents: contents ?? {} });
  coreWordsChanged();
}
