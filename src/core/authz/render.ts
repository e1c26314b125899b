import type { AllowingStatement } from './allowStatement';
import type { AuthorizationExplanation, ContextCondition, MatchedStatement, PrincipalInfo } from './explain';
import { mdCode, mdText } from '../markdown';

export const VERDICT_TITLES: Readonly<Record<AuthorizationExplanation['verdict'], string>> = {
  'explicit-deny': 'Explicitly denied',
  'implicit-deny': 'Implicitly denied (no statement allowed it)',
  allowed: 'Allowed',
  unknown: 'Outcome not stated',
};

export interface RenderedExplanation {
  readonly text: string;
  /** Zero-based line numbers where each section's heading is, for folding and navigation. */
  readonly sections: readonly { readonly title: string; readonly line: number; readonly endLine: number }[];
  /** Zero-based first line of the raw JSON block (its heading is the line before). */
  readonly rawJsonLine: number;
}

function principalLines(p: PrincipalInfo | undefined): string[] {
  if (!p) return ['(not in the message)'];
  const lines: string[] = [p.arn ?? p.name ?? p.id ?? '(unnamed)'];
  const facts: string[] = [];
  if (p.kind === 'assumed-role') facts.push(`role ${p.roleName ?? '?'}`, ...(p.sessionName ? [`session ${p.sessionName}`] : []));
  if (p.kind === 'user' && p.userName) facts.push(`IAM user ${p.userName}`);
  if (p.kind === 'root') facts.push('root user');
  if (p.kind === 'federated-user' && p.userName) facts.push(`federated user ${p.userName}`);
  if (p.account) facts.push(`account ${p.account}`);
  if (p.id && p.id !== lines[0]) facts.push(`id ${p.id}`);
  if (p.name && p.name !== lines[0]) facts.push(`name ${p.name}`);
  if (facts.length) lines.push(facts.join(', '));
  return lines;
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length);
}

function conditionLines(conditions: readonly ContextCondition[], indent: string): string[] {
  if (conditions.length === 0) return [`${indent}(none)`];
  const width = Math.min(40, Math.max(...conditions.map((c) => c.key.length)) + 2);
  return conditions.map((c) => `${indent}${pad(c.key, width)}${c.values.length === 0 ? '(no value)' : c.values.join(', ')}`);
}

function statementLines(s: MatchedStatement): string[] {
  const lines = [`  [${s.effect}] ${s.sid ? `Sid "${s.sid}"` : '(no Sid)'}`];
  const field = (name: string, values: readonly string[]) => {
    if (values.length) lines.push(`      ${pad(name, 16)}${values.join(', ')}`);
  };
  field('Actions', s.actions);
  field('Resources', s.resources);
  field('Principals', s.principals);
  field('Principal groups', s.principalGroups);
  if (s.conditions.length) {
    lines.push('      Conditions');
    lines.push(...conditionLines(s.conditions, '        '));
  }
  for (const [k, v] of Object.entries(s.other)) lines.push(`      ${pad(k, 16)}${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return lines;
}

/** The explanation as a plain-text document (the read-only explanation view). */
export function renderExplanationText(ex: AuthorizationExplanation, allowing?: AllowingStatement, lintNotes: readonly string[] = []): RenderedExplanation {
  const out: string[] = [];
  const sections: { title: string; line: number; endLine: number }[] = [];
  const section = (title: string, body: string[]) => {
    if (sections.length) sections[sections.length - 1].endLine = out.length - 2;
    out.push('', `## ${title}`);
    sections.push({ title, line: out.length - 1, endLine: out.length - 1 });
    out.push(...body);
  };
  out.push(`# Authorization failure: ${VERDICT_TITLES[ex.verdict]}`, '', ex.summary);

  const action = ex.action;
  const actionNote = action?.prefixInferred ? `   (service prefix "${action.service}" restored from the ${action.prefixSource}; the message said "${action.raw}")` : '';
  const principal = principalLines(ex.principal);
  section('Request', [
    `Verdict     ${VERDICT_TITLES[ex.verdict]}`,
    `Principal   ${principal[0]}`,
    ...principal.slice(1).map((l) => `            ${l}`),
    `Action      ${action ? action.full : '(not in the message)'}${actionNote}`,
    `Resource    ${ex.resource ? ex.resource.raw : '(not in the message)'}`,
    ...(ex.statedDenial?.policyType ? [`Policy      ${ex.statedDenial.kind === 'explicit' ? 'explicit deny in a' : 'no Allow in any'} ${ex.statedDenial.policyType} (from the error text)`] : []),
  ]);
  section('What to do', ex.advice.map((a) => `  - ${a}`));
  section(`Matched statements (${ex.matchedStatements.length})`, ex.matchedStatements.length ? ex.matchedStatements.flatMap(statementLines) : ['  (none: no policy statement matched the request)']);
  section(`Request context (${ex.context.length} keys)`, conditionLines(ex.context, '  '));
  section(`Failures (${ex.failures.length})`, ex.failures.length ? ex.failures.map((f) => `  - ${f}`) : ['  (none)']);
  if (allowing) {
    section('Statement that would allow this', [...allowing.statementText.split('\n').map((l) => `  ${l}`), ...[...allowing.notes, ...lintNotes].map((n) => `  note: ${n}`)]);
  }
  if (ex.warnings.length) section('Warnings', ex.warnings.map((w) => `  - ${w}`));
  section('Raw decoded message', []);
  const rawJsonLine = out.length;
  out.push(...ex.rawJson.split('\n'));
  sections[sections.length - 1].endLine = out.length - 1;
  return { text: `${out.join('\n')}\n`, sections, rawJsonLine };
}

const md = mdText;
const code = mdCode;

/** A compact Markdown rendering for hovers. */
export function renderExplanationMarkdown(ex: AuthorizationExplanation): string {
  const lines: string[] = [];
  lines.push(`**${md(VERDICT_TITLES[ex.verdict])}**: ${md(ex.summary)}`, '');
  const p = ex.principal;
  lines.push(`- **Principal**: ${p ? code(p.arn ?? p.name ?? p.id ?? '?') : '(unknown)'}`);
  if (ex.action) lines.push(`- **Action**: ${code(ex.action.full)}${ex.action.prefixInferred ? ` (prefix restored from the ${ex.action.prefixSource})` : ''}`);
  if (ex.resource) lines.push(`- **Resource**: ${code(ex.resource.raw)}`);
  const stated = ex.statedDenial;
  if (stated?.policyType) lines.push(`- **Policy**: ${stated.kind === 'explicit' ? 'explicit deny in a' : 'no Allow in any'} ${md(stated.policyType)} (from the error text)`);
  for (const s of ex.matchedStatements) {
    const conds = s.conditions.map((c) => `${c.key}=${c.values.join('|')}`).join(', ');
    lines.push(`- **${md(s.effect)}** statement ${s.sid ? code(s.sid) : '(no Sid)'}${s.actions.length ? ` on ${code(s.actions.join(', '))}` : ''}${conds ? ` when ${code(conds)}` : ''}`);
  }
  if (ex.failures.length) lines.push(`- **Failures**: ${ex.failures.map(code).join(', ')}`);
  if (ex.context.length) {
    lines.push('', '| Context key | Value |', '|---|---|');
    for (const c of ex.context) lines.push(`| ${code(c.key)} | ${md(c.values.join(', '))} |`);
  }
  if (ex.advice.length) lines.push('', ...ex.advice.map((a) => `- ${md(a)}`));
  for (const w of ex.warnings) lines.push(`- ⚠ ${md(w)}`);
  return lines.join('\n');
}
