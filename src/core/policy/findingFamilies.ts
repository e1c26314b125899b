import type { Finding } from './types';

/**
 * The family of an issue code: its first two words (`PRIVILEGE_ESCALATION_PASS_ROLE_EC2` →
 * `PRIVILEGE_ESCALATION`). Findings of one family on one place read as one entry; the rule needs
 * no list of codes, so new codes of a family group too.
 */
export function findingFamily(issueCode: string): string {
  return issueCode.split('_').slice(0, 2).join('_');
}

/** Words for people: `PRIVILEGE_ESCALATION` → "Privilege escalation". */
export function familyTitle(family: string): string {
  const words = family.toLowerCase().split('_').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A group of findings of one family at one place, in their order; a group of one is a finding alone. */
export interface FindingGroup<T> {
  readonly family: string;
  readonly members: readonly T[];
}

/**
 * Groups findings that share a family, a place (`placeOf`) and a severity (`severityOf`). Findings
 * with a quick fix stay alone, so their fix stays on their own entry. Order is kept by first member.
 */
export function groupFindings<T extends { finding: Finding }>(items: readonly T[], placeOf: (item: T) => string, severityOf: (item: T) => unknown): FindingGroup<T>[] {
  const groups: { family: string; members: T[] }[] = [];
  const open = new Map<string, { family: string; members: T[] }>();
  for (const item of items) {
    const family = findingFamily(item.finding.issueCode);
    const key = item.finding.fix ? undefined : JSON.stringify([family, placeOf(item), String(severityOf(item))]);
    const g = key === undefined ? undefined : open.get(key);
    if (g) g.members.push(item);
    else {
      const created = { family, members: [item] };
      groups.push(created);
      if (key !== undefined) open.set(key, created);
    }
  }
  return groups;
}
