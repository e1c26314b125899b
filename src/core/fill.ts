/**
 * Fills a template's `{0}`, `{1}`… with values, as `l10n.t` does with the values it is given, for
 * the evaluation engine's explanations: `fill(l10n.t('{0} is absent.'), key)`. `l10n.t` still finds
 * the translation (and `npm run l10n` the template), but formatting through it costs a regular
 * expression with a callback per call (over a microsecond), and explanations are built for every
 * statement and condition an evaluation reaches. A placeholder without a value stays as written.
 */
export function fill(template: string, ...values: readonly (string | number | boolean)[]): string {
  let out = '';
  let from = 0;
  let open = template.indexOf('{');
  while (open >= 0) {
    // `{}` holds nothing: look on from the next character, as l10n.t's /{([^}]+)}/ does.
    if (template.charCodeAt(open + 1) === 125) {
      open = template.indexOf('{', open + 1);
      continue;
    }
    const close = template.indexOf('}', open + 1);
    if (close < 0) break;
    const index = placeholderIndex(template, open + 1, close);
    if (index >= 0 && index < values.length) {
      out += template.slice(from, open) + String(values[index]);
      from = close + 1;
    }
    open = template.indexOf('{', close + 1);
  }
  return from === 0 ? template : out + template.slice(from);
}

/** The number written between `start` and `end`, or -1 when it is not one as an array index is written (`{00}` is not). */
function placeholderIndex(text: string, start: number, end: number): number {
  if (end - start > 1 && text.charCodeAt(start) === 48) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

let generation = 0;

/** The display language's words changed (src/vscode/coreWords.ts configured them): tables of templates are read again. */
export function coreWordsChanged(): void {
  generation++;
}

/**
 * Templates that a hot path fills again and again, read through `l10n.t` by `read` on first use
 * (never at module load, before the words are configured) and again only after they change: a
 * lookup per explanation would cost more than building it.
 */
export function templates<T>(read: () => T): () => T {
  let table: T | undefined;
  let readAt = -1;
  return () => {
    if (readAt !== generation || table === undefined) {
      table = read();
      readAt = generation;
    }
    return table;
  };
}
