import type { ConditionTrace, EvaluationResult, PolicyKind, PolicyTrace, StatementTrace } from './types';

const KIND_TITLE: Record<PolicyKind, string> = {
  identity: 'Identity-based policy',
  permissionsBoundary: 'Permissions boundary',
  session: 'Session policy',
  serviceControl: 'SCP',
  resourceControl: 'RCP',
  resource: 'Resource-based policy',
  vpcEndpoint: 'VPC endpoint policy',
};

const LEVEL_NAME = (level: number, count: number): string => (level === 0 ? 'root' : level === count - 1 ? 'account' : `OU ${level}`);

/** `Sid "x"` or `statement #2`, for people. */
export function statementLabel(s: StatementTrace): string {
  return s.sid ? `${s.effect} "${s.sid}"` : `${s.effect} statement #${s.index + 1}`;
}

function policyTitle(p: PolicyTrace, levels: Map<PolicyKind, number>): string {
  const level = p.level !== undefined ? ` (${LEVEL_NAME(p.level, levels.get(p.kind) ?? 1)} level)` : '';
  return `${KIND_TITLE[p.kind]}${level} ${p.name}`;
}

function conditionLine(c: ConditionTrace): string {
  const req = c.requestValues === undefined ? 'absent' : JSON.stringify(c.requestValues);
  return `${c.matched ? '✓' : '✗'} ${c.operator} ${c.key}: request ${req}, policy ${JSON.stringify(c.policyValues)} — ${c.explanation}`;
}

/** Maps a line inside a policy's text to the line to show, e.g. in the scenario that holds it inline. */
export type LineMapper = (policy: PolicyTrace, line: number) => number;

const sameLine: LineMapper = (_p, line) => line;

/**
 * The trace as a person reads it: each policy with its outcome, each statement with where it is,
 * whether it applied and why not, and every condition with the request's and the policy's values.
 */
export function explainResult(result: EvaluationResult, indent = '  ', lineOf: LineMapper = sameLine): string {
  const levels = new Map<PolicyKind, number>();
  for (const p of result.trace) if (p.level !== undefined) levels.set(p.kind, Math.max(levels.get(p.kind) ?? 0, p.level + 1));
  const lines: string[] = [];
  for (const p of result.trace) {
    const outcome = p.skipped ? `not applicable: ${p.skipped}` : p.outcome === 'Invalid' ? `invalid: ${p.error}` : p.outcome === 'NoMatch' ? 'no statement applies' : p.outcome === 'Allow' ? 'allows' : 'denies';
    lines.push(`${indent}${policyTitle(p, levels)}: ${outcome}`);
    for (const s of p.statements) {
      lines.push(`${indent}  ${s.applies ? '✓' : '·'} ${statementLabel(s)} (line ${lineOf(p, s.location.span.start.line)}): ${s.explanation}`);
      if (s.mismatch === 'condition' || s.applies) for (const c of s.conditions) lines.push(`${indent}      ${conditionLine(c)}`);
    }
  }
  for (const r of result.reasons) lines.push(`${indent}Reason: ${r}`);
  if (result.deciding.length) {
    const verb = result.decision === 'Allowed' ? 'Allowed by' : 'Denied by';
    for (const d of result.deciding) {
      const owner = result.trace.find((p) => p.kind === d.kind && p.name === d.policy && p.level === d.level);
      const line = owner ? lineOf(owner, d.statement.location.span.start.line) : d.statement.location.span.start.line;
      lines.push(`${indent}${verb} ${statementLabel(d.statement)} in ${KIND_TITLE[d.kind]} ${d.policy} (line ${line})`);
    }
  }
  return lines.join('\n');
}

/** One line saying what decided: the deciding statements, or the first reason for an implicit deny. */
export function summarize(result: EvaluationResult): string {
  if (result.deciding.length === 0) return result.reasons[0] ?? 'No policy allows the request.';
  const d = result.deciding[0];
  const more = result.deciding.length > 1 ? ` and ${result.deciding.length - 1} more` : '';
  return `${result.decision === 'Allowed' ? 'allowed by' : 'denied by'} ${statementLabel(d.statement)} in ${KIND_TITLE[d.kind]} ${d.policy}${more}`;
}
