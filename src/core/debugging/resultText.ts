import type { DecidingStatement, Decision, EvaluationRequest, EvaluationResult, PolicyKind, PolicyTrace } from '../evaluation/types';
import { unsentKeysText } from '../evaluation/unsentKeys';
import type { UnreadPart } from './accountPolicySet';

export const DECISION_TITLES: Readonly<Record<Decision, string>> = {
  Allowed: 'ALLOWED',
  ExplicitlyDenied: 'EXPLICITLY DENIED',
  ImplicitlyDenied: 'IMPLICITLY DENIED',
};

export const KIND_LABELS: Readonly<Record<PolicyKind, string>> = {
  identity: 'identity policy',
  permissionsBoundary: 'permissions boundary',
  session: 'session policy',
  serviceControl: 'SCP',
  resourceControl: 'RCP',
  resource: 'resource policy',
  vpcEndpoint: 'VPC endpoint policy',
};

/** "Deny statement DenyDelete in role/app inline:guard (identity policy)". */
export function decidingText(d: DecidingStatement): string {
  const s = d.statement;
  const level = d.level !== undefined ? `, level ${d.level}` : '';
  return `${s.effect} statement ${s.sid ? `"${s.sid}"` : `#${s.index + 1}`} in ${d.policy} (${KIND_LABELS[d.kind]}${level})`;
}

/** A reason is a sentence; inside the one-line summary its full stop is the caller's to add. */
function withoutFullStop(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** One line, without a final full stop: the decision and what decided it. */
export function resultSummary(request: EvaluationRequest, result: EvaluationResult, unread: readonly UnreadPart[] = []): string {
  const head = `${DECISION_TITLES[result.decision]}: ${request.action} on ${request.resource}`;
  const why = result.deciding.length ? ` by ${decidingText(result.deciding[0])}` : result.reasons.length ? `: ${withoutFullStop(result.reasons[0])}` : '';
  return `${head}${why}${unread.length ? ` (partial: ${unread.length} part${unread.length > 1 ? 's' : ''} not read)` : ''}`;
}

function policyLines(p: PolicyTrace): string[] {
  const skipped = (p as { skipped?: string }).skipped;
  const level = p.level !== undefined ? ` [level ${p.level}]` : '';
  const lines = [`${KIND_LABELS[p.kind]}${level} ${p.name}: ${skipped ? `does not apply (${skipped})` : p.error ? `not a policy (${p.error})` : p.outcome}`];
  if (skipped || p.error) return lines;
  for (const s of p.statements) {
    lines.push(`  ${s.applies ? '✔' : '·'} ${s.effect} ${s.sid ? `"${s.sid}"` : `#${s.index + 1}`} (line ${s.location.span.start.line}): ${s.explanation}`);
    for (const c of s.conditions) lines.push(`      ${c.matched ? '✔' : '✘'} ${c.operator} ${c.key}: ${c.explanation}`);
  }
  return lines;
}

/** The whole explanation as a plain-text document: decision, deciding statements, gaps, notes and the trace. */
export function resultDocument(request: EvaluationRequest, result: EvaluationResult, extra: { unread?: readonly UnreadPart[]; notes?: readonly string[]; identity?: string } = {}): string {
  const unread = extra.unread ?? [];
  const out = [
    `${DECISION_TITLES[result.decision]}${unread.length ? ' (PARTIAL ANSWER)' : ''}`,
    '',
    `Principal: ${request.principal}`,
    `Action:    ${request.action}`,
    `Resource:  ${request.resource}`,
    ...(request.context && Object.keys(request.context).length ? ['Context:', ...Object.entries(request.context).map(([k, v]) => `  ${k} = ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)] : []),
    ...(extra.identity ? [`Policies read as: ${extra.identity}`] : []),
    '',
  ];
  if (result.deciding.length) out.push('Decided by:', ...result.deciding.map((d) => `  ${decidingText(d)}`), '');
  if (result.reasons.length) out.push('Why:', ...result.reasons.map((r) => `  ${r}`), '');
  if (result.unsentKeys) out.push(unsentKeysText(request.action, result.unsentKeys), '');
  if (unread.length) out.push('Not evaluated (the decision may differ in AWS):', ...unread.map((u) => `  ${u.text}`), '');
  if (extra.notes?.length) out.push('Notes:', ...extra.notes.map((n) => `  ${n}`), '');
  out.push('Trace:');
  if (!result.trace.length) out.push('  no policies took part');
  for (const p of result.trace) out.push(...policyLines(p).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}
