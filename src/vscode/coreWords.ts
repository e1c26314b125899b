import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { CORE_WORD_BUNDLES } from './bundles';
import { useCoreWordsFrom } from '../core/coreWords';

/**
 * Words that `src/core/` builds for the editor and the command line alike go through `@vscode/l10n`'s
 * `t` (core has no `vscode`): unconfigured, as in the CLI, it gives the English template with its values.
 * In the editor they take VS Code's bundle for the display language (`vscode.l10n.bundle`, undefined
 * for English). Each bundle of the extension that holds core words calls this as it starts, or is given
 * the words as it loads (CORE_WORD_BUNDLES), since every bundle has its own copy of `@vscode/l10n`
 * (test/unit/bundles.test.ts checks which do).
 */
export function useDisplayLanguageForCoreWords(contents: l10n.l10nJsonFormat | undefined = vscode.l10n.bundle): void {
  useCoreWordsFrom(contents);
  // Bundles loaded on first use carry their own copy: each takes the same words now or as it loads.
  for (const bundle of CORE_WORD_BUNDLES) bundle.prepareWith((module) => module.useCoreWordsFrom(contents));
}
