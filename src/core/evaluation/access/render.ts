import type { PolicyType } from '../../policy/types';
import { diffSummary, itemNote, statementName, type DiffKind } from './accessWords';
import { actionCount, hasChanges, plainItem, type AccessDiff, type AccessItem } from './diff';

/** One compared file: what the output formats print. */
export interface FileDiff {
  file: string;
  /** What it was compared against: a file, or a git revision (`HEAD`). */
  base: string;
  policyType: PolicyType;
  diff: AccessDiff;
}

function service(action: string): string {
  const colon = action.indexOf(':');
  return colon > 0 ? action.slice(0, colon).toLowerCase() : action;
}

/** Items grouped by service, then by resource (and principal), in order. */
export function groupItems(items: readonly AccessItem[]): { service: string; actions: number; resources: { resource: string; principal?: string; items: AccessItem[] }[] }[] {
  const byService = new Map<string, Map<string, { resource: string; principal?: string; items: AccessItem[] }>>();
  for (const i of items) {
    const s = service(i.action);
    let resources = byService.get(s);
    if (!resources) byService.set(s, (resources = new Map()));
    const k = `${i.resource}\u0000${i.principal ?? ''}`;
    let group = resources.get(k);
    if (!group) resources.set(k, (group = { resource: i.resource, ...(i.principal !== undefined ? { principal: i.principal } : {}), items: [] }));
    group.items.push(i);
  }
  return [...byService.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, resources]) => {
    const groups = [...resources.values()];
    return { service: s, actions: actionCount(groups.flatMap((g) => g.items)), resources: groups };
  });
}

function whereText(g: { resource: string; principal?: string }): string {
  return g.principal !== undefined ? `for ${g.principal === '*' ? 'anyone (*)' : g.principal} on ${g.resource}` : `on ${g.resource}`;
}

/** Where the items of a group come from: `statement "Sid" (line 3)`, per distinct statement. */
function sources(items: readonly AccessItem[]): string {
  const seen = new Map<string, string>();
  for (const i of items) {
    const k = `${i.side}:${i.statement.start}`;
    if (!seen.has(k)) seen.set(k, `statement ${statementName(i)}, line ${i.statement.line}${i.side === 'base' ? ' of the base' : ''}`);
  }
  return [...seen.values()].join('; ');
}

/** Plain items packed into lines of at most `width` characters, each line prefixed. */
function packed(names: readonly string[], prefix: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const n of names) {
    if (line && prefix.length + line.length + n.length + 2 > width) {
      out.push(`${prefix}${line},`);
      line = '';
    }
    line = line ? `${line}, ${n}` : n;
  }
  if (line) out.push(`${prefix}${line}`);
  return out;
}

/** The sections of a diff in output order: title and sign. What a Deny takes away, or gives back, reads as removed or added. */
const SECTIONS: readonly { kind: DiffKind; title: string; mark: string }[] = [
  { kind: 'added', title: 'Added', mark: '+' },
  { kind: 'removed', title: 'Removed', mark: '\u2212' },
  { kind: 'denied', title: 'Newly denied', mark: '\u2212' },
  { kind: 'noLongerDenied', title: 'No longer denied', mark: '+' },
];

function section(title: string, kind: DiffKind, items: readonly AccessItem[], mark: string): string[] {
  if (!items.length) return [];
  const n = actionCount(items);
  const lines = [`  ${title} (${n} action${n === 1 ? '' : 's'}):`];
  for (const s of groupItems(items)) {
    lines.push(`    ${s.service} \u2014 ${s.actions} action${s.actions === 1 ? '' : 's'}`);
    for (const g of s.resources) {
      lines.push(`      ${mark} ${whereText(g)}  (${sources(g.items)})`);
      const plain = g.items.filter((i) => !itemNote(i, kind)).map((i) => i.action);
      lines.push(...packed(plain, '          '));
      for (const i of g.items) {
        const note = itemNote(i, kind);
        if (note) lines.push(`          ${i.action}  (${note})`);
      }
    }
  }
  return lines;
}

function heading(f: FileDiff): string {
  return `${f.file} (${f.policyType}) against ${f.base}: ${diffSummary(f.diff)}`;
}

/** Plain text, grouped by service and resource, with counts. */
export function formatDiffText(files: readonly FileDiff[]): string {
  const lines: string[] = [];
  for (const f of files) {
    lines.push(heading(f));
    for (const s of SECTIONS) lines.push(...section(s.title, s.kind, f.diff[s.kind], s.mark));
  }
  const changed = files.filter((f) => hasChanges(f.diff)).length;
  lines.push(`${files.length} file${files.length === 1 ? '' : 's'} compared, ${changed} with changed access.`);
  return `${lines.join('\n')}\n`;
}

function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function mdSection(title: string, kind: DiffKind, items: readonly AccessItem[], mark: string): string[] {
  if (!items.length) return [];
  const n = actionCount(items);
  const lines = [`**${title}** (${n} action${n === 1 ? '' : 's'})`, ''];
  for (const s of groupItems(items)) {
    lines.push(`<details${items.length <= 20 ? ' open' : ''}><summary><code>${s.service}</code> \u2014 ${s.actions} action${s.actions === 1 ? '' : 's'}</summary>`, '');
    for (const g of s.resources) {
      lines.push(`- ${mark} ${g.principal !== undefined ? `for \`${g.principal}\` ` : ''}on \`${g.resource}\` (${mdEscape(sources(g.items))})`);
      const plain = g.items.filter((i) => !itemNote(i, kind)).map((i) => `\`${i.action}\``);
      if (plain.length) lines.push(`  ${plain.join(', ')}`);
      for (const i of g.items) {
        const note = itemNote(i, kind);
        if (note) lines.push(`  - \`${i.action}\` \u2014 ${mdEscape(note)}`);
      }
    }
    lines.push('', '</details>', '');
  }
  return lines;
}

/** Markdown for a pull request or a job summary. */
export function formatDiffMarkdown(files: readonly FileDiff[]): string {
  const lines: string[] = [];
  for (const f of files) {
    lines.push(`### \`${f.file}\` \u2014 ${diffSummary(f.diff)}`, '', `${f.policyType}, against \`${f.base}\`.`, '');
    for (const s of SECTIONS) lines.push(...mdSection(s.title, s.kind, f.diff[s.kind], s.mark));
  }
  if (!files.length) lines.push('No policy files changed.');
  return `${lines.join('\n')}\n`;
}

/** JSON: one object per file, `{ file, base, policyType, added, removed, denied, noLongerDenied }`. */
export function formatDiffJson(files: readonly FileDiff[]): string {
  return `${JSON.stringify(files.map((f) => ({ file: f.file, base: f.base, policyType: f.policyType, added: f.diff.added.map(plainItem), removed: f.diff.removed.map(plainItem), denied: f.diff.denied.map(plainItem), noLongerDenied: f.diff.noLongerDenied.map(plainItem) })), null, 2)}\n`;
}
