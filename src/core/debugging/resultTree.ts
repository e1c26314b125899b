import * as l10n from '@vscode/l10n';
import type { ConditionTrace, EvaluationRequest, EvaluationResult, PolicyKind, PolicyTrace, StatementTrace } from '../evaluation/types';
import { unsentKeysText } from '../evaluation/unsentKeys';
import type { Span } from '../policy/types';
import type { UnreadPart } from './accountPolicySet';
import { credentialsText, decidingText, decisionTitle, kindWithLevel, policyOutcomeText, resultHeading, statementName } from './resultText';

/** Where a node leads: a policy (by kind and name), and optionally a place in its text. */
export interface ResultTarget {
  readonly kind: PolicyKind;
  readonly policy: string;
  /** The statement or condition; absent for the policy itself (then its deciding statement is shown). */
  readonly span?: Span;
  /** Length of the condition key as written (quotes included), to mark the key alone. */
  readonly keyLength?: number;
}

/** Icons by meaning; the editor maps them to its own. */
export type ResultIcon = 'allowed' | 'denied' | 'implicit' | 'applies' | 'skipped' | 'failed' | 'matched' | 'warning' | 'info' | 'request' | 'policy';

/** One row of the results tree: short label, the rest in the description and the tooltip. */
export interface ResultNode {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** The whole text of the row, never shortened. */
  readonly tooltip?: string;
  readonly icon?: ResultIcon;
  readonly target?: ResultTarget;
  readonly children?: readonly ResultNode[];
  readonly expanded?: boolean;
}

/** What the results view shows about one evaluation. */
export interface ResultInput {
  readonly request: EvaluationRequest;
  readonly result: EvaluationResult;
  readonly unread?: readonly UnreadPart[];
  readonly notes?: readonly string[];
  /** Who read the policies (account evaluations). */
  readonly identity?: string;
  /** Set when the result differs from what a decoded message said, with why (shown first, as a warning). */
  readonly disagreement?: string;
}

/** Rows longer than this are continued on child rows, so nothing is cut off in a panel at 1400 pixels. */
export const ROW_WIDTH = 110;

/** Splits `text` at spaces into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrapText(text: string, width = ROW_WIDTH): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || !out.length) out.push(line);
  return out;
}

const DECISION_ICONS = { Allowed: 'allowed', ExplicitlyDenied: 'denied', ImplicitlyDenied: 'implicit' } as const;

function value(v: unknown): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}

/** A row whose description may be long: the first part stays on the row, the rest continues below it. */
function row(id: string, label: string, description: string, extra: Omit<ResultNode, 'id' | 'label' | 'description'> = {}): ResultNode {
  const room = Math.max(30, ROW_WIDTH - label.length);
  const tooltip = extra.tooltip ?? (label ? `${label} ${description}` : description);
  if (description.length <= room) return label ? { id, label, description, tooltip, ...extra } : { id, label: description, tooltip, ...extra };
  const lines = wrapText(description, label ? room : ROW_WIDTH);
  const more = lines.slice(1).map((l, i): ResultNode => ({ id: `${id}/more${i}`, label: l, target: extra.target }));
  const head = label ? { label, description: lines[0] } : { label: lines[0] };
  return { ...extra, id, ...head, tooltip, children: [...more, ...(extra.children ?? [])], expanded: extra.expanded ?? true };
}

function conditionNode(id: string, p: PolicyTrace, c: ConditionTrace): ResultNode {
  const request = c.requestValues === undefined ? l10n.t('the request lacks this key') : l10n.t('request has {0}', c.requestValues.length === 1 ? c.requestValues[0] : `[${c.requestValues.join(', ')}]`);
  const tooltip = [
    c.matched ? l10n.t('Matched: {0} {1}', c.operator, c.key) : l10n.t('Failed: {0} {1}', c.operator, c.key),
    l10n.t('Policy: {0}', c.policyValues.join(', ') || l10n.t('(none)')),
    l10n.t('Request: {0}', c.requestValues?.join(', ') ?? l10n.t('(key absent)')),
    c.explanation,
  ].join('\n');
  return row(id, `${c.operator} ${c.key}`, `${request} · ${c.explanation}`, {
    icon: c.matched ? 'matched' : 'failed',
    tooltip,
    target: { kind: p.kind, policy: p.name, span: c.location.span, keyLength: JSON.stringify(c.key).length },
  });
}

function statementNode(id: string, p: PolicyTrace, s: StatementTrace): ResultNode {
  const conditions = s.conditions.map((c, i) => conditionNode(`${id}/c${i}`, p, c));
  return row(id, `${s.effect} ${statementName(s)}`, l10n.t('line {0} · {1}', s.location.span.start.line, s.explanation), {
    icon: s.applies ? 'applies' : 'skipped',
    target: { kind: p.kind, policy: p.name, span: s.location.span },
    children: conditions,
    expanded: conditions.some((c) => c.icon === 'failed'),
  });
}

function policyNode(id: string, p: PolicyTrace): ResultNode {
  const skipped = p.skipped;
  const statements = skipped || p.error ? [] : p.statements.map((s, i) => statementNode(`${id}/s${i}`, p, s));
  return row(id, p.name, `${kindWithLevel(p)} · ${policyOutcomeText(p)}`, {
    icon: 'policy',
    target: { kind: p.kind, policy: p.name },
    children: statements,
    // A policy that took no part stays folded: the ones that decided are what people look for.
    expanded: !skipped && !p.error && (p.outcome === 'Deny' || p.outcome === 'Allow' || statements.some((s) => s.expanded)),
  });
}

/** The verdict row's whole text: decision, request and principal, and how many parts were not read. */
function verdictTooltip({ request, result, unread = [] }: ResultInput): string {
  const title = decisionTitle(result.decision);
  if (!unread.length) return l10n.t('{0}: {1} on {2} for {3}', title, request.action, request.resource, request.principal);
  return unread.length === 1
    ? l10n.t('{0} (PARTIAL ANSWER: {1} part not read): {2} on {3} for {4}', title, unread.length, request.action, request.resource, request.principal)
    : l10n.t('{0} (PARTIAL ANSWER: {1} parts not read): {2} on {3} for {4}', title, unread.length, request.action, request.resource, request.principal);
}

/** The results tree: verdict with the request, what decided, gaps and notes, then the trace (policy → statement → condition). */
export function resultTree(input: ResultInput): ResultNode[] {
  const { request, result } = input;
  const unread = input.unread ?? [];
  const requestRows: ResultNode[] = [
    { id: 'request/principal', label: l10n.t('Principal'), description: request.principal, icon: 'request' },
    ...(request.credentials ? [{ id: 'request/credentials', label: l10n.t('Credentials'), description: credentialsText(request) ?? request.credentials, icon: 'request' } as ResultNode] : []),
    { id: 'request/action', label: l10n.t('Action'), description: request.action, icon: 'request' },
    { id: 'request/resource', label: l10n.t('Resource'), description: request.resource, icon: 'request' },
    ...Object.entries(request.context ?? {}).map(([k, v]): ResultNode => ({ id: `request/context/${k}`, label: k, description: value(v), icon: 'request' })),
    ...(input.identity ? [{ id: 'request/identity', label: l10n.t('Policies read as'), description: input.identity, icon: 'info' } as ResultNode] : []),
  ];
  const out: ResultNode[] = [
    {
      id: 'verdict',
      label: resultHeading(result.decision, unread.length),
      description: l10n.t('{0} on {1}', request.action, request.resource),
      tooltip: verdictTooltip(input),
      icon: DECISION_ICONS[result.decision],
      children: requestRows,
      expanded: false,
    },
  ];
  if (input.disagreement) out.push(row('disagreement', l10n.t('Differs from the decoded message:'), input.disagreement, { icon: 'warning' }));
  result.deciding.forEach((d, i) => {
    out.push(row(`deciding/${i}`, l10n.t('Decided by'), decidingText(d), { icon: d.statement.effect === 'Deny' ? 'denied' : 'allowed', target: { kind: d.kind, policy: d.policy, span: d.statement.location.span } }));
  });
  result.reasons.forEach((r, i) => out.push(row(`why/${i}`, l10n.t('Why'), r, { icon: 'implicit' })));
  if (result.unsentKeys) out.push(row('unsent', l10n.t('Left out'), unsentKeysText(request.action, result.unsentKeys), { icon: 'warning' }));
  if (unread.length) {
    out.push({
      id: 'unread',
      label: l10n.t('Not evaluated ({0})', unread.length),
      description: l10n.t('the decision may differ in AWS'),
      icon: 'warning',
      children: unread.map((u, i) => row(`unread/${i}`, u.part, u.text, { icon: 'warning' })),
      expanded: true,
    });
  }
  if (input.notes?.length) out.push({ id: 'notes', label: l10n.t('Notes ({0})', input.notes.length), icon: 'info', children: input.notes.map((n, i) => row(`notes/${i}`, '', n, { icon: 'info' })), expanded: false });
  const policies = result.trace.map((p, i) => policyNode(`trace/${i}`, p));
  const count = policies.length === 1 ? l10n.t('{0} policy', 1) : policies.length ? l10n.t('{0} policies', policies.length) : l10n.t('no policies took part');
  out.push({ id: 'trace', label: l10n.t('Trace'), description: count, icon: 'info', children: policies, expanded: true });
  return out;
}
