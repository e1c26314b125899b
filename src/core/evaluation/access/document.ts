import { conditionText } from './conditions';
import { effectiveAllows } from './compare';
import { actionCount, type AccessItem } from './diff';
import type { PolicyAccess } from './model';
import { diffSummary, groupItems, itemNote, statementName, type FileDiff } from './render';

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
      const who = p.notPrincipals ? `anyone except ${p.notPrincipals.join(', ')}` : p.principal === '*' ? 'anyone (*)' : p.principal ?? '';
      out.add(`${who} \u2014 ${entry.action}${p.conditions ? ` if ${conditionText(p.conditions)}` : ''}`);
    }
  }
  return [...out].sort();
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
  lines.push(`Access of ${f.file} since ${f.base}: ${diffSummary(f.diff).replace(/\u2212/g, '-')}`, `${f.policyType}. Each action leads to the statement that causes the change; + is added access, - removed.`, '');
  if (trust) {
    lines.push('Who can assume this role now:');
    lines.push(...(trust.now.length ? trust.now.map((w) => `  ${w}`) : ['  nobody']));
    lines.push(`Who could assume it at ${f.base}:`);
    lines.push(...(trust.before.length ? trust.before.map((w) => `  ${w}`) : ['  nobody']), '');
  }
  const section = (title: string, kind: 'added' | 'removed', items: readonly AccessItem[]) => {
    if (!items.length) return;
    const n = actionCount(items);
    lines.push(`${title} (${n} action${n === 1 ? '' : 's'})`);
    for (const s of groupItems(items)) {
      lines.push(`  ${s.service} \u2014 ${s.actions} action${s.actions === 1 ? '' : 's'}`);
      for (const g of s.resources) {
        lines.push(`    ${kind === 'added' ? '+' : '-'} ${g.principal !== undefined ? `for ${g.principal === '*' ? 'anyone (*)' : g.principal} ` : ''}on ${g.resource}`);
        for (const i of g.items) {
          const note = itemNote(i, kind);
          const lead = '        ';
          links.push({ line: lines.length, start: lead.length, end: lead.length + i.action.length, side: i.side, statementStart: i.statement.start });
          lines.push(`${lead}${i.action}  \u2190 statement ${statementName(i)}, line ${i.statement.line}${i.side === 'base' ? ` at ${f.base}` : ''}${note ? `; ${note}` : ''}`);
        }
      }
    }
    lines.push('');
  };
  section('Added', 'added', f.diff.added);
  section('Removed', 'removed', f.diff.removed);
  if (!f.diff.added.length && !f.diff.removed.length) lines.push('The text changed, but what the policy grants did not.');
  return { text: `${lines.join('\n')}\n`, links };
}
