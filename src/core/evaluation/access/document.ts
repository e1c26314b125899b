import * as l10n from '@vscode/l10n';
import { conditionText, diffSummary, itemNote, statementName, type DiffKind } from './accessWords';
import { effectiveAllows } from './compare';
import { actionCount, hasChanges, type AccessItem } from './diff';
import { policyTypeWords } from '../../policy/policyTypeWords';
import type { PolicyAccess } from './model';
import { groupItems, type FileDiff } from './render';

/** A stretch of a rendered line that leads to the statement causing it. */
export interface AccessDocumentLink {
  /** 0-based line of the rendered text. */
  line: number;
  start: number;
  end: number;
  side: 'base' | 'new';
  /** Offset of the statement in its policy text. */
  statementStart: number;
}

/** Who may assume a role (a trust policy's principals for sts:AssumeRole*), with the conditions on each. */
export function assumers(access: PolicyAccess): string[] {
  const out = new Set<string>();
  for (const [key, entry] of access.actions) {
    if (!key.startsWith('sts:assumerole')) continue;
    for (const p of effectiveAllows(entry.allows, entry.denies)) {
      const who = p.notPrincipals ? l10n.t('anyone except {0}', p.notPrincipals.join(', ')) : p.principal === '*' ? l10n.t('anyone (*)') : p.principal ?? '';
      out.add(p.conditions ? l10n.t('{0} \u2014 {1} if {2}', who, entry.action, conditionText(p.conditions)) : `${who} \u2014 ${entry.action}`);
    }
  }
  return [...out].sort();
}

/** "Added (3 actions)", the heading of a section of the document. */
function sectionTitle(kind: DiffKind, n: number): string {
  switch (kind) {
    case 'added':
      return n === 1 ? l10n.t('Added ({0} action)', n) : l10n.t('Added ({0} actions)', n);
    case 'removed':
      return n === 1 ? l10n.t('Removed ({0} action)', n) : l10n.t('Removed ({0} actions)', n);
    case 'denied':
      return n === 1 ? l10n.t('Newly denied, whichever policy allows it ({0} action)', n) : l10n.t('Newly denied, whichever policy allows it ({0} actions)', n);
    case 'noLongerDenied':
      return n === 1 ? l10n.t('No longer denied ({0} action)', n) : l10n.t('No longer denied ({0} actions)', n);
  }
}

/**
 * The access diff of one file as a readable document for the editor: a heading with the summary,
 * for trust policies who can assume the role now and who could before, then the added and removed
 * items by service and resource. Every action is a link to the statement that causes it.
 */
export function renderAccessDocument(f: FileDiff, trust?: { now: string[]; before: string[] }): { text: string; links: AccessDocumentLink[] } {
  const lines: string[] = [];
  const links: AccessDocumentLink[] = [];
  // ASCII signs: the editor's monospace font may lack U+2212, which then shows as an empty box.
  lines.push(l10n.t('Access of {0} since {1}: {2}', f.file, f.base, diffSummary(f.diff).replace(/\u2212/g, '-')), l10n.t('{0}. Each action leads to the statement that causes the change; + is added access, - removed.', policyTypeWords(f.policyType)), '');
  if (trust) {
    const nobody = l10n.t('nobody');
    lines.push(l10n.t('Who can assume this role now:'));
    lines.push(...(trust.now.length ? trust.now : [nobody]).map((w) => `  ${w}`));
    lines.push(l10n.t('Who could assume it at {0}:', f.base));
    lines.push(...(trust.before.length ? trust.before : [nobody]).map((w) => `  ${w}`), '');
  }
  const section = (kind: DiffKind, items: readonly AccessItem[]) => {
    if (!items.length) return;
    lines.push(sectionTitle(kind, actionCount(items)));
    for (const s of groupItems(items)) {
      lines.push(`  ${s.actions === 1 ? l10n.t('{0} \u2014 {1} action', s.service, s.actions) : l10n.t('{0} \u2014 {1} actions', s.service, s.actions)}`);
      for (const g of s.resources) {
        const where = g.principal !== undefined ? l10n.t('for {0} on {1}', g.principal === '*' ? l10n.t('anyone (*)') : g.principal, g.resource) : l10n.t('on {0}', g.resource);
        lines.push(`    ${kind === 'added' || kind === 'noLongerDenied' ? '+' : '-'} ${where}`);
        for (const i of g.items) {
          const note = itemNote(i, kind);
          const lead = '        ';
          // The action stays first, out of the template: the link to its statement covers it.
          const source = i.side === 'base' ? l10n.t('statement {0}, line {1} at {2}', statementName(i), i.statement.line, f.base) : l10n.t('statement {0}, line {1}', statementName(i), i.statement.line);
          links.push({ line: lines.length, start: lead.length, end: lead.length + i.action.length, side: i.side, statementStart: i.statement.start });
          lines.push(`${lead}${i.action}  \u2190 ${source}${note ? `; ${note}` : ''}`);
        }
      }
    }
    lines.push('');
  };
  for (const kind of ['added', 'removed', 'denied', 'noLongerDenied'] as const) section(kind, f.diff[kind]);
  if (!hasChanges(f.diff)) lines.push(l10n.t('The text changed, but what the policy grants did not.'));
  return { text: `${lines.join('\n')}\n`, links };
}
