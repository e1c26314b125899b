/**
 * What src/vscode/coreWords.ts does, for a bundle that runs where `vscode` cannot be loaded (the policy
 * lint worker's thread): core words take the display language's bundle that the extension host passed.
 */
export { useCoreWordsFrom } from '../core/coreWords';
