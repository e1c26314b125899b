import type { ConditionTrace, EvaluationRequest, EvaluationResult, PolicyKind, PolicyTrace, StatementTrace } from '../evaluation/types';
import { unsentKeysText } from '../evaluation/unsentKeys';
import type { Span } from '../policy/types';
import type { UnreadPart } from './accountPolicySet';
import { DECISION_TITLES, KIND_LABELS, decidingText } from './resultText';

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
  const request = c.requestValues === undefined ? 'the request lacks this key' : `request has ${c.requestValues.length === 1 ? c.requestValues[0] : `[${c.requestValues.join(', ')}]`}`;
  return row(id, `${c.operator} ${c.key}`, `${request} · ${c.explanation}`, {
    icon: c.matched ? 'matched' : 'failed',
    tooltip: `${c.matched ? 'Matched' : 'Failed'}: ${c.operator} ${c.key}\nPolicy: ${c.policyValues.join(', ') || '(none)'}\nRequest: ${c.requestValues?.join(', ') ?? '(key absent)'}\n${c.explanation}`,
    target: { kind: p.kind, policy: p.name, span: c.location.span, keyLength: JSON.stringify(c.key).length },
  });
}

function statementNode(id: string, p: PolicyTrace, s: StatementTrace): ResultNode {
  const name = s.sid ? `"${s.sid}"` : `#${s.index + 1}`;
  const conditions = s.conditions.map((c, i) => conditionNode(`${id}/c${i}`, p, c));
  return row(id, `${s.effect} ${name}`, `line ${s.location.span.start.line} · ${s.explanation}`, {
    icon: s.applies ? 'applies' : 'skipped',
    target: { kind: p.kind, policy: p.name, span: s.location.span },
    children: conditions,
    expanded: conditions.some((c) => c.icon === 'failed'),
  });
}

function policyNode(id: string, p: PolicyTrace): ResultNode {
  const skipped = (p as { skipped?: string }).skipped;
  const level = p.level !== undefined ? ` [level ${p.level}]` : '';
  const outcome = skipped ? `does not apply (${skipped})` : p.error ? `not a policy (${p.error})` : p.outcome;
  const statements = skipped || p.error ? [] : p.statements.map((s, i) => statementNode(`${id}/s${i}`, p, s));
  return row(id, p.name, `${KIND_LABELS[p.kind]}${level} · ${outcome}`, {
    icon: 'policy',
    target: { kind: p.kind, policy: p.name },
    children: statements,
    // A policy that took no part stays folded: the ones that decided are what people look for.
    expanded: !skipped && !p.error && (p.outcome === 'Deny' || p.outcome === 'Allow' || statements.some((s) => s.expanded)),
  });
}

/** The results tree: verdict with the request, what decided, gaps and notes, then the trace (policy → statement → condition). */
export function resultTree(input: ResultInput): ResultNode[] {
  const { request, result } = input;
  const unread = input.unread ?? [];
  const requestRows: ResultNode[] = [
    { id: 'request/principal', label: 'Principal', description: request.principal, icon: 'request' },
    { id: 'request/action', label: 'Action', description: request.action, icon: 'request' },
    { id: 'request/resource', label: 'Resource', description: request.resource, icon: 'request' },
    ...Object.entries(request.context ?? {}).map(([k, v]): ResultNode => ({ id: `request/context/${k}`, label: k, description: value(v), icon: 'request' })),
    ...(input.identity ? [{ id: 'request/identity', label: 'Policies read as', description: input.identity, icon: 'info' } as ResultNode] : []),
  ];
  const out: ResultNode[] = [
    {
      id: 'verdict',
      label: `${DECISION_TITLES[result.decision]}${unread.length ? ' (PARTIAL ANSWER)' : ''}`,
      description: `${request.action} on ${request.resource}`,
      tooltip: `${DECISION_TITLES[result.decision]}${unread.length ? ` (PARTIAL ANSWER: ${unread.length} part${unread.length > 1 ? 's' : ''} not read)` : ''}: ${request.action} on ${request.resource} for ${request.principal}`,
      icon: DECISION_ICONS[result.decision],
      children: requestRows,
      expanded: false,
    },
  ];
  if (input.disagreement) out.push(row('disagreement', 'Differs from the decoded message:', input.disagreement, { icon: 'warning' }));
  result.deciding.forEach((d, i) => {
    out.push(row(`deciding/${i}`, 'Decided by', decidingText(d), { icon: d.statement.effect === 'Deny' ? 'denied' : 'allowed', target: { kind: d.kind, policy: d.policy, span: d.statement.location.span } }));
  });
  result.reasons.forEach((r, i) => out.push(row(`why/${i}`, 'Why', r, { icon: 'implicit' })));
  if (result.unsentKeys) out.push(row('unsent', 'Left out', unsentKeysText(request.action, result.unsentKeys), { icon: 'warning' }));
  if (unread.length) {
    out.push({
      id: 'unread',
      label: `Not evaluated (${unread.length})`,
      description: 'the decision may differ in AWS',
      icon: 'warning',
      children: unread.map((u, i) => row(`unread/${i}`, u.part, u.text, { icon: 'warning' })),
      expanded: true,
    });
  }
  if (input.notes?.length) out.push({ id: 'notes', label: `Notes (${input.notes.length})`, icon: 'info', children: input.notes.map((n, i) => row(`notes/${i}`, '', n, { icon: 'info' })), expanded: false });
  const policies = result.trace.map((p, i) => policyNode(`trace/${i}`, p));
  out.push({ id: 'trace', label: 'Trace', description: policies.length ? `${policies.length} polic${policies.length === 1 ? 'y' : 'ies'}` : 'no policies took part', icon: 'info', children: policies, expanded: true });
  return out;
}
