import type { StatementSummary, TrustSummary } from './summary';

/**
 * CodeLens titles stay short: a lens line holds several lenses, and at 1400×900 with the sidebar open
 * an editor shows about 140 characters of lens text, so a longer title is cut at the right edge
 * where nothing can scroll to it. A title says the verdict and a count; the rest goes in its tooltip
 * and in the list its command opens.
 */
export const MAX_LENS_TITLE_LENGTH = 60;

const ELLIPSIS = '\u2026';

/**
 * `lead: essential`, with the lead (a Sid, a name) cut with an ellipsis so the whole title fits in
 * `max` characters; the essential part is kept whole, or cut itself only when it alone is too long.
 */
export function fitLensTitle(essential: string, lead?: string, max = MAX_LENS_TITLE_LENGTH): string {
  if (essential.length > max) return `${essential.slice(0, max - 1)}${ELLIPSIS}`;
  if (!lead) return essential;
  const full = `${lead}: ${essential}`;
  if (full.length <= max) return full;
  const room = max - essential.length - 2;
  // A lead cut to a character or two says nothing: then the essential part stands alone.
  return room >= 4 ? `${lead.slice(0, room - 1)}${ELLIPSIS}: ${essential}` : essential;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A statement's effect and how many actions it covers, e.g. "Denies all but 269 actions · 1 condition". */
export function statementLensTitle(s: StatementSummary): string {
  const verb = s.effect === 'Deny' ? 'Denies' : s.effect === 'Allow' ? 'Allows' : `${s.effect}:`;
  let what: string;
  if (s.allActions) what = s.notAction ? 'no action' : 'all actions';
  else {
    const unresolved = s.unexpanded.length ? ` + ${s.unexpanded.length} unresolved` : '';
    what = `${s.notAction ? 'all but ' : ''}${plural(s.actions.length, 'action')}${unresolved}`;
  }
  const cond = s.conditions ? ` · ${plural(s.conditions, 'condition')}` : '';
  const except = s.notPrincipal ? 'everyone except ' : '';
  // One principal by name when it fits (with the Sid too, if any); otherwise how many.
  const named = s.principals.length === 1 ? ` to ${except}${s.principals[0]}` : '';
  const counted = s.principals.length ? ` to ${except}${plural(s.principals.length, 'principal')}` : '';
  const withName = `${verb} ${what}${named}${cond}`;
  if (named && fitLensTitle(withName, s.sid) === `${s.sid ? `${s.sid}: ` : ''}${withName}`) return fitLensTitle(withName, s.sid);
  return fitLensTitle(`${verb} ${what}${counted}${cond}`, s.sid);
}

/** Who can assume a role, as a count when the names do not fit, e.g. "Can be assumed by 5 principals (2 with no condition)". */
export function trustLensTitle(t: TrustSummary): string {
  if (t.text.length <= MAX_LENS_TITLE_LENGTH) return t.text;
  const open = t.principals.filter((p) => !p.conditioned).length;
  if (t.principals.length === 1) {
    // One principal stays named, cut if it must be: "1 principal" would say less than the tooltip.
    const head = 'Can be assumed by ';
    const tail = open ? ' (no condition)' : '';
    const label = t.principals[0].label;
    const room = MAX_LENS_TITLE_LENGTH - head.length - tail.length;
    return `${head}${label.length <= room ? label : `${label.slice(0, room - 1)}${ELLIPSIS}`}${tail}`;
  }
  return fitLensTitle(`Can be assumed by ${plural(t.principals.length, 'principal')}${open ? ` (${open} with no condition)` : ''}`);
}
