import type { IamCatalog } from '../../policy/catalog';
import { ISSUE_CODES } from '../../policy/codes';
import { LineIndex } from '../../policy/parse';
import type { Finding, PathElement, PolicyType } from '../../policy/types';
import { notGrantedViolations, type NotGrantedRule } from './checks';
import { readAccess } from './model';

/** A `notGranted` rule of the project file, with the glob that chose it (for the message). */
export interface ProjectNotGranted extends NotGrantedRule {
  readonly glob: string;
}

/**
 * Findings (issue code NOT_GRANTED) for the access a policy grants that the project's `notGranted`
 * rules forbid: one per statement and rule, at the statement, naming what it grants. The IAM data
 * of the services involved must be loaded (every service for `*` and NotAction).
 */
export function notGrantedFindings(text: string, policyType: PolicyType, rules: readonly ProjectNotGranted[], catalog: IamCatalog): Finding[] {
  if (!rules.length) return [];
  const access = readAccess(text, policyType, catalog);
  if (access.error) return [];
  const info = ISSUE_CODES.NOT_GRANTED;
  const lines = new LineIndex(text);
  const singleStatement = /"Statement"\s*:\s*\{/.test(text);
  const out: Finding[] = [];
  for (const rule of rules) {
    const byStatement = new Map<number, { index: number; start: number; end: number; actions: Set<string>; resources: Set<string> }>();
    for (const v of notGrantedViolations(access, rule, catalog)) {
      let s = byStatement.get(v.statement.start);
      if (!s) byStatement.set(v.statement.start, (s = { index: v.statement.index, start: v.statement.start, end: v.statement.end, actions: new Set(), resources: new Set() }));
      s.actions.add(v.action);
      s.resources.add(v.resource);
    }
    for (const s of byStatement.values()) {
      const actions = [...s.actions];
      const shown = actions.length > 5 ? `${actions.slice(0, 5).join(', ')} and ${actions.length - 5} more` : actions.join(', ');
      const path: PathElement[] = singleStatement ? [{ value: 'Statement' }] : [{ value: 'Statement' }, { index: s.index }];
      out.push({
        findingType: info.findingType,
        issueCode: 'NOT_GRANTED',
        findingDetails: `This statement grants ${shown} on ${[...s.resources].join(', ')}, which .sts-lens.json forbids for "${rule.glob}" (notGranted). Remove the access, or deny it.`,
        learnMoreLink: info.learnMoreLink,
        locations: [{ path, span: lines.span(s.start, s.end - s.start) }],
      });
    }
  }
  return out;
}
