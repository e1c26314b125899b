/**
 * How long the editor waits within a burst of typing before linting again. A document that lints
 * quickly is linted again soon (twice its last lint time, at least 15 ms), so its squiggles follow
 * the typing; a slow one waits up to 75 ms, so a burst is not linted once per keystroke.
 */
export const MIN_DEBOUNCE_MS = 15;
export const MAX_DEBOUNCE_MS = 75;

/** `lastLintMs`: how long the document's last lint took, from its start to its diagnostics; undefined before the first. */
export function lintDebounceMs(lastLintMs: number | undefined): number {
  if (lastLintMs === undefined || !Number.isFinite(lastLintMs)) return MAX_DEBOUNCE_MS;
  return Math.min(MAX_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, Math.round(2 * lastLintMs)));
}
