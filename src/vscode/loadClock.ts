/**
 * The moment the extension's code started to load. extension.ts imports this module first, so the
 * bundle evaluates it before any other module: the time from here to activate() is the code's load.
 */
export const codeLoadStarted = performance.now();
