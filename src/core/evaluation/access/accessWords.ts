/**
 * The words of an access diff that the editor shows (the "Access since HEAD" lens and document) and the
 * command line prints alike, through `@vscode/l10n`: English unless the editor configured a bundle.
 */
import * as l10n from '@vscode/l10n';
import type { ConditionBlock } from './conditions';
import { actionCount, type AccessDiff, type AccessItem } from './diff';

/** "+3 actions, −1" (counted in distinct actions), then "2 newly denied, 1 no longer denied", or "no change". */
export function diffSummary(d: AccessDiff): string {
  const parts = [grantSummary(actionCount(d.added), actionCount(d.removed))];
  const denied = actionCount(d.denied);
  const undenied = actionCount(d.noLongerDenied);
  if (denied) parts.push(l10n.t('{0} newly denied', denied));
  if (undenied) parts.push(l10n.t('{0} no longer denied', undenied));
  const said = parts.filter((p) => p !== '');
  return said.length ? said.join(', ') : l10n.t('no change');
}

function grantSummary(a: number, r: number): string {
  if (a === 0 && r === 0) return '';
  if (!a) return r === 1 ? l10n.t('\u2212{0} action', r) : l10n.t('\u2212{0} actions', r);
  const added = a === 1 ? l10n.t('+{0} action', a) : l10n.t('+{0} actions', a);
  return r ? l10n.t('{0}, \u2212{1}', added, r) : added;
}

/** A section of a diff: what this policy's Allows grant (added, removed) or what its Denies take away. */
export type DiffKind = keyof AccessDiff;

/** How one item reads after its action: the conditions it applies under, and why. */
export function itemNote(i: AccessItem, kind: DiffKind): string {
  const notes: string[] = [];
  if (i.conditions) notes.push(kind === 'denied' || kind === 'noLongerDenied' ? l10n.t('when {0}', conditionText(i.conditions)) : l10n.t('if {0}', conditionText(i.conditions)));
  if (i.nowOnlyWhen) notes.push(kind === 'noLongerDenied' ? l10n.t('now only when {0}', conditionText(i.nowOnlyWhen)) : l10n.t('now only if {0}', conditionText(i.nowOnlyWhen)));
  return notes.join('; ');
}

/** A statement as a policy names it: its Sid in quotes, or its place (`#2`). */
export function statementName(i: AccessItem): string {
  return i.statement.sid ? `"${i.statement.sid}"` : `#${i.statement.index + 1}`;
}

/** The condition in one line, as a policy writes it: `StringEquals aws:SourceVpce = vpce-1 and …`. */
export function conditionText(block: ConditionBlock | undefined): string {
  if (!block) return '';
  const parts: string[] = [];
  for (const [op, keys] of Object.entries(block)) for (const [k, v] of Object.entries(keys)) parts.push(`${op} ${k} ${v.length === 1 ? v[0] : `[${v.join(', ')}]`}`);
  return parts.reduce((text, part) => (text ? l10n.t({ message: '{0} and {1}', args: [text, part], comment: ['Joins the conditions of a policy as written, e.g. "StringEquals aws:SourceVpce vpce-1 and Bool aws:SecureTransport true"; {0} may already join several.'] }) : part), '');
}
