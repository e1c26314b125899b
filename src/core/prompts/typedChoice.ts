// What Enter takes in a prompt that offers matches while the person types. The prompt's rows can
// change as data arrives, and the highlight with them; what is in the input box cannot. So the
// typed text decides: a valid value is used exactly as typed, and only a text that is not a valid
// value is read as a filter, whose highlighted match (or single match) is taken.

import * as l10n from '@vscode/l10n';
/** A row of such a prompt; rows without a value (a problem, a hint) are never taken. */
export interface OfferedRow {
  readonly label: string;
  readonly value?: string;
  readonly description?: string;
  readonly detail?: string;
}

export type Accepted = { readonly value: string } | { readonly problem: string };

/** Codicons in labels ("$(key) name") are not text the person filters on. */
function plain(text: string | undefined): string {
  return (text ?? '').replace(/\$\([\w-]+(~[\w-]+)?\)\s*/g, '').toLowerCase();
}

/**
 * Whether the filter text can show this row. VS Code's quick pick filters labels, descriptions and
 * details by substring, `*` wildcard or camel-case initials; a subsequence of the text covers all
 * three, so a row VS Code shows for the text is never refused here.
 */
export function rowMatches(filter: string, row: OfferedRow): boolean {
  const f = filter.trim().toLowerCase().replace(/\*/g, '');
  if (!f) return true;
  return [row.label, row.description, row.detail, row.value].some((t) => isSubsequence(f, plain(t)));
}

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let j = 0; j < hay.length && i < needle.length; j++) if (hay.charCodeAt(j) === needle.charCodeAt(i)) i++;
  return i === needle.length;
}

/**
 * The value Enter takes. `typed` is what was in the input box when Enter was pressed; `highlighted`
 * the row the list highlighted then, if any; `rows` every row offered; `validate` says why a value
 * cannot be used (undefined when it can).
 */
export function acceptTyped(typed: string, highlighted: OfferedRow | undefined, rows: readonly OfferedRow[], validate: (value: string) => string | undefined): Accepted {
  const text = typed.trim();
  const pick = highlighted?.value !== undefined && rowMatches(text, highlighted) ? highlighted : undefined;
  if (!text) {
    if (pick?.value !== undefined) return checked(pick.value, validate);
    return { problem: l10n.t('Type a value or choose one of the rows.') };
  }
  const problem = validate(text);
  if (!problem) return { value: text };
  if (pick?.value !== undefined) return checked(pick.value, validate);
  // The highlight did not survive (rows redrawn as data arrived): one row that holds the text is still a clear choice.
  const lower = text.toLowerCase();
  const matches = rows.filter((r) => r.value !== undefined && [r.label, r.description, r.detail, r.value].some((t) => plain(t).includes(lower)));
  if (matches.length === 1) return checked(matches[0].value!, validate);
  return { problem: matches.length > 1 ? l10n.t('{0} {1} rows match "{2}": choose one.', problem, matches.length, text) : problem };
}

function checked(value: string, validate: (value: string) => string | undefined): Accepted {
  const problem = validate(value);
  return problem ? { problem } : { value };
}
