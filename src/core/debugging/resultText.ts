import * as l10n from '@vscode/l10n';
import type { DecidingStatement, Decision, EvaluationRequest, EvaluationResult, PolicyKind, PolicyTrace, StatementTrace } from '../evaluation/types';
import { unsentKeysText } from '../evaluation/unsentKeys';
import { contextStatesMfa, sessionTokenText } from '../evaluation/sessionLimits';
import type { UnreadPart } from './accountPolicySet';

/** The decision as the results' heading says it ("ALLOWED"). */
export function decisionTitle(decision: Decision): string {
  switch (decision) {
    case 'Allowed':
      return l10n.t('ALLOWED');
    case 'ExplicitlyDenied':
      return l10n.t('EXPLICITLY DENIED');
    case 'ImplicitlyDenied':
      return l10n.t('IMPLICITLY DENIED');
  }
}

/** A policy kind as the results name it ("identity policy", "SCP"). */
export function kindLabel(kind: PolicyKind): string {
  switch (kind) {
    case 'identity':
      return l10n.t('identity policy');
    case 'permissionsBoundary':
      return l10n.t('permissions boundary');
    case 'session':
      return l10n.t('session policy');
    case 'serviceControl':
      return l10n.t('SCP');
    case 'resourceControl':
      return l10n.t('RCP');
    case 'resource':
      return l10n.t('resource policy');
    case 'vpcEndpoint':
      return l10n.t('VPC endpoint policy');
  }
}

/** A policy's kind with its organization level, if it has one: "SCP [level 1]". */
export function kindWithLevel(p: { readonly kind: PolicyKind; readonly level?: number }): string {
  return p.level !== undefined ? l10n.t('{0} [level {1}]', kindLabel(p.kind), p.level) : kindLabel(p.kind);
}

/** `"Sid"`, or `#2` for a statement without one. */
export function statementName(s: Pick<StatementTrace, 'sid' | 'index'>): string {
  return s.sid ? `"${s.sid}"` : `#${s.index + 1}`;
}

/** What a policy did: its outcome, or why it took no part. */
export function policyOutcomeText(p: PolicyTrace): string {
  if (p.skipped) return l10n.t('does not apply ({0})', p.skipped);
  if (p.error) return l10n.t('not a policy ({0})', p.error);
  return p.outcome;
}

/** "Deny statement "DenyDelete" in role/app inline:guard (identity policy)". */
export function decidingText(d: DecidingStatement): string {
  const s = d.statement;
  return d.level !== undefined
    ? l10n.t('{0} statement {1} in {2} ({3}, level {4})', s.effect, statementName(s), d.policy, kindLabel(d.kind), d.level)
    : l10n.t('{0} statement {1} in {2} ({3})', s.effect, statementName(s), d.policy, kindLabel(d.kind));
}

/** A reason is a sentence; inside the one-line summary its full stop is the caller's to add. */
function withoutFullStop(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** The kind of credentials the request is made with, when not an identity's own ("a GetSessionToken session, with MFA"). */
export function credentialsText(request: EvaluationRequest): string | undefined {
  return request.credentials === 'GetSessionToken' ? sessionTokenText(contextStatesMfa(request.context)) : undefined;
}

/** One line, without a final full stop: the decision and what decided it. */
export function resultSummary(request: EvaluationRequest, result: EvaluationResult, unread: readonly UnreadPart[] = []): string {
  const title = decisionTitle(result.decision);
  let summary = result.deciding.length
    ? l10n.t('{0}: {1} on {2} by {3}', title, request.action, request.resource, decidingText(result.deciding[0]))
    : result.reasons.length
      ? l10n.t('{0}: {1} on {2}: {3}', title, request.action, request.resource, withoutFullStop(result.reasons[0]))
      : l10n.t('{0}: {1} on {2}', title, request.action, request.resource);
  const credentials = credentialsText(request);
  if (credentials) summary = l10n.t('{0} (as {1})', summary, credentials);
  if (!unread.length) return summary;
  return unread.length === 1 ? l10n.t('{0} (partial: {1} part not read)', summary, unread.length) : l10n.t('{0} (partial: {1} parts not read)', summary, unread.length);
}

/** The heading of a result: its decision, marked when some parts could not be read. */
export function resultHeading(decision: Decision, unread: number): string {
  return unread ? l10n.t('{0} (PARTIAL ANSWER)', decisionTitle(decision)) : decisionTitle(decision);
}

/** A statement's line of the trace: "Allow "Read" (line 4): why it applied or not". */
export function statementText(s: StatementTrace, line: number): string {
  return l10n.t('{0} {1} (line {2}): {3}', s.effect, statementName(s), line, s.explanation);
}

function policyLines(p: PolicyTrace): string[] {
  const lines = [l10n.t('{0} {1}: {2}', kindWithLevel(p), p.name, policyOutcomeText(p))];
  if (p.skipped || p.error) return lines;
  for (const s of p.statements) {
    lines.push(`  ${s.applies ? '✔' : '·'} ${statementText(s, s.location.span.start.line)}`);
    for (const c of s.conditions) lines.push(`      ${c.matched ? '✔' : '✘'} ${c.operator} ${c.key}: ${c.explanation}`);
  }
  return lines;
}

/** The whole explanation as a plain-text document: decision, deciding statements, gaps, notes and the trace. */
export function resultDocument(request: EvaluationRequest, result: EvaluationResult, extra: { unread?: readonly UnreadPart[]; notes?: readonly string[]; identity?: string } = {}): string {
  const unread = extra.unread ?? [];
  const out = [
    resultHeading(result.decision, unread.length),
    '',
    l10n.t('Principal: {0}', request.principal),
    ...(request.credentials ? [l10n.t('Credentials: {0}', credentialsText(request) ?? request.credentials)] : []),
    l10n.t('Action:    {0}', request.action),
    l10n.t('Resource:  {0}', request.resource),
    ...(request.context && Object.keys(request.context).length ? [l10n.t('Context:'), ...Object.entries(request.context).map(([k, v]) => `  ${k} = ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)] : []),
    ...(extra.identity ? [l10n.t('Policies read as: {0}', extra.identity)] : []),
    '',
  ];
  if (result.deciding.length) out.push(l10n.t('Decided by:'), ...result.deciding.map((d) => `  ${decidingText(d)}`), '');
  if (result.reasons.length) out.push(l10n.t('Why:'), ...result.reasons.map((r) => `  ${r}`), '');
  if (result.unsentKeys) out.push(unsentKeysText(request.action, result.unsentKeys), '');
  if (unread.length) out.push(l10n.t('Not evaluated (the decision may differ in AWS):'), ...unread.map((u) => `  ${u.text}`), '');
  if (extra.notes?.length) out.push(l10n.t('Notes:'), ...extra.notes.map((n) => `  ${n}`), '');
  out.push(l10n.t('Trace:'));
  if (!result.trace.length) out.push(`  ${l10n.t('no policies took part')}`);
  for (const p of result.trace) out.push(...policyLines(p).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}
