import * as l10n from '@vscode/l10n';
import { coreWordsChanged } from './fill';

/**
 * Sets the words that src/core builds (through `@vscode/l10n`'s `t`) to a display language's bundle,
 * undefined for English. Every bundle of the extension has its own copy of the library, so a bundle
 * that holds core words calls this as it starts or exports it for the editor to call as it loads the
 * bundle (test/unit/bundles.test.ts checks which do).
 */
export function useCoreWordsFrom(contents: l10n.l10nJsonFormat | undefined): void {
  l10n.config({ contents: contents ?? {} });
  coreWordsChanged();
}
