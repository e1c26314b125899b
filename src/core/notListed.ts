/**
 * Findings of one kind beyond a limit: the first ones are listed, the last listed says how many more
 * there are. A file of 100,000 comments or indented lines would otherwise give 100,000 findings
 * (hundreds of MB as SARIF, seconds of work in the Problems panel) for one mistake repeated.
 */
import * as l10n from '@vscode/l10n';

/** Findings of one kind listed one by one after the first; the next one counts the rest. */
export const MAX_LISTED_PER_KIND = 100;

/** What the count names: a policy's comments or trailing commas, or any finding of the config linter. */
export type UnlistedKind = 'comment' | 'trailingComma' | 'finding';

/** "N more … after this one are not listed.", in the display language. */
export function notListedText(kind: UnlistedKind, more: number): string {
  const count = more.toLocaleString('en-US');
  switch (kind) {
    case 'comment': return l10n.t('{0} more comments after this one are not listed.', count);
    case 'trailingComma': return l10n.t('{0} more trailing commas after this one are not listed.', count);
    case 'finding': return l10n.t('{0} more findings like this one after it are not listed.', count);
  }
}

/**
 * The first `listed + 1` items of each kind, in the order given, each built by `build`; `more` is, for
 * the last one kept of a kind, how many of that kind follow it (the items given after it, plus
 * `uncounted(kind)` more that the caller counted without making them), and 0 for every other. Items of
 * a kind past the limit are not built.
 */
export function listPerKind<T, K, R>(
  items: Iterable<T>,
  kindOf: (item: T) => K,
  build: (item: T, more: number) => R,
  listed: number = MAX_LISTED_PER_KIND,
  uncounted: (kind: K) => number = () => 0,
): R[] {
  const all = [...items];
  const total = new Map<K, number>();
  for (const item of all) {
    const k = kindOf(item);
    total.set(k, (total.get(k) ?? 0) + 1);
  }
  const kept = new Map<K, number>();
  const out: R[] = [];
  for (const item of all) {
    const k = kindOf(item);
    const n = kept.get(k) ?? 0;
    if (n > listed) continue;
    kept.set(k, n + 1);
    const last = n === listed || n === total.get(k)! - 1;
    out.push(build(item, last ? total.get(k)! + uncounted(k) - n - 1 : 0));
  }
  return out;
}
