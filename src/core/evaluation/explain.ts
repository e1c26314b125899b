import * as l10n from '@vscode/l10n';
import type { ConditionTrace, EvaluationResult, PolicyKind, PolicyTrace, StatementTrace } from './types';

/** A policy kind as the text trace names it, at the start of a line. */
function kindTitle(kind: PolicyKind): string {
  switch (kind) {
    case 'identity':
      return l10n.t('Identity-based policy');
    case 'permissionsBoundary':
      return l10n.t('Permissions boundary');
    case 'session':
      return l10n.t('Session policy');
    case 'serviceControl':
      return l10n.t('SCP');
    case 'resourceControl':
      return l10n.t('RCP');
    case 'resource':
      return l10n.t('Resource-based policy');
    case 'vpcEndpoint':
      return l10n.t('VPC endpoint policy');
  }
}

/** An organization level by its place: the root, the account (the last level), or an OU between them. */
function levelTitle(kind: PolicyKind, level: number, count: number): string {
  if (level === 0) return l10n.t('{0} (root level)', kindTitle(kind));
  return level === count - 1 ? l10n.t('{0} (account level)', kindTitle(kind)) : l10n.t('{0} (OU {1} level)', kindTitle(kind), level);
}

/** `Sid "x"` or `statement #2`, for people. */
export function statementLabel(s: StatementTrace): string {
  return s.sid ? `${s.effect} "${s.sid}"` : l10n.t('{0} statement #{1}', s.effect, s.index + 1);
}

function policyTitle(p: PolicyTrace, levels: Map<PolicyKind, number>): string {
  const kind = p.level !== undefined ? levelTitle(p.kind, p.level, levels.get(p.kind) ?? 1) : kindTitle(p.kind);
  return `${kind} ${p.name}`;
}

function conditionLine(c: ConditionTrace): string {
  const policy = JSON.stringify(c.policyValues);
  const line = c.requestValues === undefined
    ? l10n.t('{0} {1}: request absent, policy {2} — {3}', c.operator, c.key, policy, c.explanation)
    : l10n.t('{0} {1}: request {2}, policy {3} — {4}', c.operator, c.key, JSON.stringify(c.requestValues), policy, c.explanation);
  return `${c.matched ? '✓' : '✗'} ${line}`;
}

/** What a policy did, in the text trace. */
function policyOutcome(p: PolicyTrace): string {
  if (p.skipped) return l10n.t('not applicable: {0}', p.skipped);
  if (p.outcome === 'Invalid') return l10n.t('invalid: {0}', String(p.error));
  return p.outcome === 'NoMatch' ? l10n.t('no statement applies') : p.outcome === 'Allow' ? l10n.t('allows') : l10n.t('denies');
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
    lines.push(`${indent}${policyTitle(p, levels)}: ${policyOutcome(p)}`);
    for (const s of p.statements) {
      lines.push(`${indent}  ${s.applies ? '✓' : '·'} ${l10n.t('{0} (line {1}): {2}', statementLabel(s), lineOf(p, s.location.span.start.line), s.explanation)}`);
      if (s.mismatch === 'condition' || s.applies) for (const c of s.conditions) lines.push(`${indent}      ${conditionLine(c)}`);
    }
  }
  for (const r of result.reasons) lines.push(`${indent}${l10n.t('Reason: {0}', r)}`);
  const allowed = result.decision === 'Allowed';
  for (const d of result.deciding) {
    const owner = result.trace.find((p) => p.kind === d.kind && p.name === d.policy && p.level === d.level);
    const line = owner ? lineOf(owner, d.statement.location.span.start.line) : d.statement.location.span.start.line;
    const by = allowed
      ? l10n.t('Allowed by {0} in {1} {2} (line {3})', statementLabel(d.statement), kindTitle(d.kind), d.policy, line)
      : l10n.t('Denied by {0} in {1} {2} (line {3})', statementLabel(d.statement), kindTitle(d.kind), d.policy, line);
    lines.push(`${indent}${by}`);
  }
  return lines.join('\n');
}

/** One line saying what decided: the deciding statements, or the first reason for an implicit deny. */
export function summarize(result: EvaluationResult): string {
  if (result.deciding.length === 0) return result.reasons[0] ?? l10n.t('No policy allows the request.');
  const d = result.deciding[0];
  const more = result.deciding.length - 1;
  const [label, kind] = [statementLabel(d.statement), kindTitle(d.kind)];
  if (result.decision === 'Allowed') return more ? l10n.t('allowed by {0} in {1} {2} and {3} more', label, kind, d.policy, more) : l10n.t('allowed by {0} in {1} {2}', label, kind, d.policy);
  return more ? l10n.t('denied by {0} in {1} {2} and {3} more', label, kind, d.policy, more) : l10n.t('denied by {0} in {1} {2}', label, kind, d.policy);
}
