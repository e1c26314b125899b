import * as l10n from '@vscode/l10n';
import type { AllowingStatement } from './allowStatement';
import { prefixSourceText } from './decodedFields';
import type { AuthorizationExplanation, ContextCondition, MatchedStatement, PrincipalInfo } from './explain';
import type { StatedDenial } from './statedDenial';
import { mdCode, mdText } from '../markdown';
import { compactJson } from '../policy/jsonText';
import { MAX_LISTED_PER_KIND } from '../notListed';
import { DOCUMENT_TEXT, safeMessage, visibleText } from '../untrustedText';

/** The verdict as the explanation's title and its Verdict line name it. */
export function verdictTitle(verdict: AuthorizationExplanation['verdict']): string {
  switch (verdict) {
    case 'explicit-deny':
      return l10n.t('Explicitly denied');
    case 'implicit-deny':
      return l10n.t('Implicitly denied (no statement allowed it)');
    case 'allowed':
      return l10n.t('Allowed');
    default:
      return l10n.t('Outcome not stated');
  }
}

/** Which kind of policy the error text says denied the request; `policyType` goes in as given (escaped for Markdown by the caller). */
function statedPolicyText(stated: StatedDenial, policyType: string): string {
  return stated.kind === 'explicit' ? l10n.t('explicit deny in a {0} (from the error text)', policyType) : l10n.t('no Allow in any {0} (from the error text)', policyType);
}

export interface RenderedExplanation {
  readonly text: string;
  /** Zero-based line numbers where each section's heading is, for folding and navigation. */
  readonly sections: readonly { readonly title: string; readonly line: number; readonly endLine: number }[];
  /** Zero-based first line of the raw JSON block (its heading is the line before). */
  readonly rawJsonLine: number;
}

function principalLines(p: PrincipalInfo | undefined): string[] {
  if (!p) return [l10n.t('(not in the message)')];
  const lines: string[] = [p.arn ?? p.name ?? p.id ?? l10n.t('(unnamed)')];
  const facts: string[] = [];
  if (p.kind === 'assumed-role') facts.push(l10n.t('role {0}', p.roleName ?? '?'), ...(p.sessionName ? [l10n.t('session {0}', p.sessionName)] : []));
  if (p.kind === 'user' && p.userName) facts.push(l10n.t('IAM user {0}', p.userName));
  if (p.kind === 'root') facts.push(l10n.t('root user'));
  if (p.kind === 'federated-user' && p.userName) facts.push(l10n.t('federated user {0}', p.userName));
  if (p.account) facts.push(l10n.t('account {0}', p.account));
  if (p.id && p.id !== lines[0]) facts.push(l10n.t('id {0}', p.id));
  if (p.name && p.name !== lines[0]) facts.push(l10n.t('name {0}', p.name));
  if (facts.length) lines.push(facts.join(', '));
  return lines;
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length);
}

function conditionLines(conditions: readonly ContextCondition[], indent: string): string[] {
  if (conditions.length === 0) return [`${indent}${l10n.t('(none)')}`];
  const width = Math.min(40, Math.max(...conditions.map((c) => c.key.length)) + 2);
  return conditions.map((c) => `${indent}${pad(c.key, width)}${c.values.length === 0 ? l10n.t('(no value)') : c.values.join(', ')}`);
}

function statementLines(s: MatchedStatement): string[] {
  const lines = [`  [${s.effect}] ${s.sid ? l10n.t('Sid "{0}"', s.sid) : l10n.t('(no Sid)')}`];
  const field = (name: string, values: readonly string[]) => {
    if (values.length) lines.push(`      ${pad(name, 16)}${values.join(', ')}`);
  };
  field(l10n.t('Actions'), s.actions);
  field(l10n.t('Resources'), s.resources);
  field(l10n.t('Principals'), s.principals);
  field(l10n.t('Principal groups'), s.principalGroups);
  if (s.conditions.length) {
    lines.push(`      ${l10n.t('Conditions')}`);
    lines.push(...conditionLines(s.conditions, '        '));
  }
  for (const [k, v] of Object.entries(s.other)) lines.push(`      ${pad(k, 16)}${typeof v === 'string' ? v : compactJson(v)}`);
  return lines;
}

/** The Request section: a label column as wide as its longest label (12 in English), then the values. */
function requestLines(ex: AuthorizationExplanation): string[] {
  const action = ex.action;
  const actionNote = action?.prefixInferred && action.prefixSource
    ? `   ${l10n.t('(service prefix "{0}" restored from the {1}; the message said "{2}")', action.service ?? '', prefixSourceText(action.prefixSource), action.raw)}`
    : '';
  const principal = principalLines(ex.principal);
  const notInMessage = l10n.t('(not in the message)');
  const rows: [string, string][] = [
    [l10n.t('Verdict'), verdictTitle(ex.verdict)],
    [l10n.t('Principal'), principal[0]],
    ...principal.slice(1).map((l): [string, string] => ['', l]),
    [l10n.t('Action'), `${action ? action.full : notInMessage}${actionNote}`],
    [l10n.t('Resource'), ex.resource ? ex.resource.raw : notInMessage],
    ...(ex.statedDenial?.policyType ? [[l10n.t('Policy'), statedPolicyText(ex.statedDenial, ex.statedDenial.policyType)] as [string, string]] : []),
  ];
  // Two spaces at least after the longest label, so the view's grammar finds a translated label by its shape.
  const width = Math.max(12, ...rows.map(([label]) => label.length + 2));
  return rows.map(([label, value]) => label + ' '.repeat(width - label.length) + value);
}

/**
 * The first matched statements or context keys of a message, as many as are listed of one kind: a
 * message (from a custom endpoint, or pasted) could hold 100,000, a hover of megabytes.
 */
function listed<T>(items: readonly T[]): readonly T[] {
  return items.length > MAX_LISTED_PER_KIND ? items.slice(0, MAX_LISTED_PER_KIND) : items;
}

/** The line that counts the matched statements not listed, if any; the raw decoded message holds them all. */
function moreStatementsLine(ex: AuthorizationExplanation, indent: string): string[] {
  const more = ex.matchedStatements.length - MAX_LISTED_PER_KIND;
  return more > 0 ? [`${indent}${l10n.t('{0} more matched statements are not listed; the raw decoded message holds them all.', more.toLocaleString('en-US'))}`] : [];
}

/** The explanation as a plain-text document (the read-only explanation view). */
export function renderExplanationText(ex: AuthorizationExplanation, allowing?: AllowingStatement, lintNotes: readonly string[] = []): RenderedExplanation {
  const out: string[] = [];
  const sections: { title: string; line: number; endLine: number }[] = [];
  const section = (title: string, body: string[]) => {
    if (sections.length) sections[sections.length - 1].endLine = out.length - 2;
    out.push('', `## ${title}`);
    sections.push({ title, line: out.length - 1, endLine: out.length - 1 });
    // One push per line: spreading a message's 100,000 lines as arguments overflows the stack.
    for (const line of body) out.push(line);
  };
  out.push(`# ${l10n.t('Authorization failure: {0}', verdictTitle(ex.verdict))}`, '', ex.summary);

  section(l10n.t('Request'), requestLines(ex));
  section(l10n.t('What to do'), ex.advice.map((a) => `  - ${a}`));
  section(
    l10n.t('Matched statements ({0})', ex.matchedStatements.length),
    ex.matchedStatements.length ? [...listed(ex.matchedStatements).flatMap(statementLines), ...moreStatementsLine(ex, '  ')] : [`  ${l10n.t('(none: no policy statement matched the request)')}`],
  );
  section(ex.context.length === 1 ? l10n.t('Request context ({0} key)', 1) : l10n.t('Request context ({0} keys)', ex.context.length), conditionLines(ex.context, '  '));
  section(l10n.t('Failures ({0})', ex.failures.length), ex.failures.length ? ex.failures.map((f) => `  - ${f}`) : [`  ${l10n.t('(none)')}`]);
  if (allowing) {
    section(l10n.t('Statement that would allow this'), [...allowing.statementText.split('\n').map((l) => `  ${l}`), ...[...allowing.notes, ...lintNotes].map((n) => `  ${l10n.t('note: {0}', n)}`)]);
  }
  if (ex.warnings.length) section(l10n.t('Warnings'), ex.warnings.map((w) => `  - ${w}`));
  section(l10n.t('Raw decoded message'), []);
  const rawJsonLine = out.length;
  for (const line of ex.rawJson.split('\n')) out.push(line);
  sections[sections.length - 1].endLine = out.length - 1;
  // The message's text is quoted throughout (an action, a resource, a context value): a value of a
  // megabyte is shortened, and a bidirectional override is escaped, as in every message. The raw
  // decoded message keeps every value: only its characters that act on the display are escaped,
  // which in a JSON string is the same value.
  for (let i = 0; i < out.length; i++) out[i] = i < rawJsonLine ? safeMessage(out[i], DOCUMENT_TEXT) : visibleText(out[i]);
  return { text: `${out.join('\n')}\n`, sections, rawJsonLine };
}

const md = mdText;
const code = mdCode;

/** A matched statement's line of the hover, after its effect: one whole phrase per combination of parts. */
function statementPhrase(s: MatchedStatement): string {
  const sid = s.sid ? code(s.sid) : l10n.t('(no Sid)');
  const actions = s.actions.length ? code(s.actions.join(', ')) : '';
  const conds = s.conditions.map((c) => `${c.key}=${c.values.join('|')}`).join(', ');
  if (actions && conds) return l10n.t('statement {0} on {1} when {2}', sid, actions, code(conds));
  if (actions) return l10n.t('statement {0} on {1}', sid, actions);
  if (conds) return l10n.t('statement {0} when {1}', sid, code(conds));
  return l10n.t('statement {0}', sid);
}

/** A compact Markdown rendering for hovers. */
export function renderExplanationMarkdown(ex: AuthorizationExplanation): string {
  const lines: string[] = [];
  const field = (name: string, value: string) => `- **${md(name)}**: ${value}`;
  lines.push(`**${md(verdictTitle(ex.verdict))}**: ${md(ex.summary)}`, '');
  const p = ex.principal;
  lines.push(field(l10n.t('Principal'), p ? code(p.arn ?? p.name ?? p.id ?? '?') : l10n.t('(unknown)')));
  if (ex.action) {
    const source = ex.action.prefixInferred && ex.action.prefixSource ? ` ${l10n.t('(prefix restored from the {0})', prefixSourceText(ex.action.prefixSource))}` : '';
    lines.push(field(l10n.t('Action'), `${code(ex.action.full)}${source}`));
  }
  if (ex.resource) lines.push(field(l10n.t('Resource'), code(ex.resource.raw)));
  const stated = ex.statedDenial;
  if (stated?.policyType) lines.push(field(l10n.t('Policy'), statedPolicyText(stated, md(stated.policyType))));
  for (const s of listed(ex.matchedStatements)) lines.push(`- **${md(s.effect)}** ${statementPhrase(s)}`);
  lines.push(...moreStatementsLine(ex, '- '));
  if (ex.failures.length) lines.push(field(l10n.t('Failures'), ex.failures.map(code).join(', ')));
  if (ex.context.length) {
    lines.push('', `| ${l10n.t('Context key')} | ${l10n.t('Value')} |`, '|---|---|');
    for (const c of listed(ex.context)) lines.push(`| ${code(c.key)} | ${md(c.values.join(', '))} |`);
    if (ex.context.length > MAX_LISTED_PER_KIND) lines.push(`| ${md(l10n.t('{0} more keys are not listed', (ex.context.length - MAX_LISTED_PER_KIND).toLocaleString('en-US')))} | |`);
  }
  if (ex.advice.length) lines.push('', ...ex.advice.map((a) => `- ${md(a)}`));
  for (const w of ex.warnings) lines.push(`- ⚠ ${md(w)}`);
  return lines.join('\n');
}
