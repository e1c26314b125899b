import * as l10n from '@vscode/l10n';
import { effectText, exceptText, withConditions } from './statementWords';
import type { StatementSummary, TrustSummary } from './summary';

/**
 * CodeLens titles stay short: a lens line holds several lenses, and at 1400×900 with the sidebar open
 * an editor shows about 140 characters of lens text, so a longer title is cut at the right edge
 * where nothing can scroll to it. A title says the verdict and a count; the rest goes in its tooltip
 * and in the list its command opens. The limit holds for the translated title too.
 */
export const MAX_LENS_TITLE_LENGTH = 60;

const ELLIPSIS = '\u2026';

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}${ELLIPSIS}`;
}

/** A lead (a Sid, a name) before what the title says: "Sid: Allows 2 actions". */
function withLead(lead: string, essential: string): string {
  return l10n.t({ message: '{0}: {1}', args: [lead, essential], comment: ['A CodeLens title: {0} is a statement\'s Sid or name, {1} what the statement does, e.g. "ReadLogs: Allows 2 actions".'] });
}

/**
 * `lead: essential`, with the lead (a Sid, a name) cut with an ellipsis so the whole title fits in
 * `max` characters; the essential part is kept whole, or cut itself only when it alone is too long.
 */
export function fitLensTitle(essential: string, lead?: string, max = MAX_LENS_TITLE_LENGTH): string {
  if (essential.length > max) return cut(essential, max);
  if (!lead) return essential;
  const full = withLead(lead, essential);
  if (full.length <= max) return full;
  // What the translation adds around the lead and the essential part (": " in English).
  const room = max - (full.length - lead.length);
  // A lead cut to a character or two says nothing: then the essential part stands alone.
  return room >= 4 ? withLead(cut(lead, room), essential) : essential;
}

/** The actions a statement covers, e.g. "all but 269 actions + 1 unresolved". */
function actionsCovered(s: StatementSummary): string {
  if (s.allActions) return s.notAction ? l10n.t('no action') : l10n.t('all actions');
  const n = s.actions.length;
  const counted = s.notAction ? (n === 1 ? l10n.t('all but {0} action', n) : l10n.t('all but {0} actions', n)) : n === 1 ? l10n.t('{0} action', n) : l10n.t('{0} actions', n);
  return s.unexpanded.length ? l10n.t('{0} + {1} unresolved', counted, s.unexpanded.length) : counted;
}

/** A statement's effect and how many actions it covers, e.g. "Denies all but 269 actions · 1 condition". */
export function statementLensTitle(s: StatementSummary): string {
  const what = actionsCovered(s);
  const n = s.principals.length;
  // One principal by name when it fits (with the Sid too, if any); otherwise how many.
  if (n === 1) {
    const withName = withConditions(effectText(s.effect, what, exceptText(s.notPrincipal, s.principals[0])), s.conditions);
    const fitted = fitLensTitle(withName, s.sid);
    if (fitted === (s.sid ? withLead(s.sid, withName) : withName)) return fitted;
  }
  const counted = n ? exceptText(s.notPrincipal, n === 1 ? l10n.t('{0} principal', n) : l10n.t('{0} principals', n)) : undefined;
  return fitLensTitle(withConditions(effectText(s.effect, what, counted), s.conditions), s.sid);
}

/** Who can assume a role, as a count when the names do not fit, e.g. "Can be assumed by 5 principals (2 with no condition)". */
export function trustLensTitle(t: TrustSummary): string {
  if (t.text.length <= MAX_LENS_TITLE_LENGTH) return t.text;
  const open = t.principals.filter((p) => !p.conditioned).length;
  if (t.principals.length === 1) {
    // One principal stays named, cut if it must be: "1 principal" would say less than the tooltip.
    const label = t.principals[0].label;
    const title = (who: string): string => (open ? l10n.t('Can be assumed by {0} (no condition)', who) : l10n.t('Can be assumed by {0}', who));
    const room = MAX_LENS_TITLE_LENGTH - title('').length;
    return title(cut(label, room));
  }
  const n = t.principals.length;
  // Never one here: one principal is named above.
  return fitLensTitle(open ? l10n.t('Can be assumed by {0} principals ({1} with no condition)', n, open) : l10n.t('Can be assumed by {0} principals', n));
}
