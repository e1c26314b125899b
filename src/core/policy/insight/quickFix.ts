import { excessiveNestingAt } from '../limits';
import { applyEdits, findNodeAtLocation, modify, parseTree, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { Finding, PathElement } from '../types';
import type { QuickFix, TextEdit } from './fixTypes';
import { removeElement } from './jsonEdits';
import { passRoleFixes } from './passRoleFix';
import { hasWildcard, wildcardRegex } from './wildcard';

export type { QuickFix, TextEdit } from './fixTypes';

/** Indentation and line ending of a document, so inserted JSON looks like the rest of it. */
export function formattingOptionsOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1]);
  if (indents.some((i) => i.startsWith('\t'))) return { insertSpaces: false, tabSize: 4, eol };
  // The indent unit divides every indent (2 and 4 are the usual ones). Not the smallest indent: a
  // policy inside a Terraform heredoc or a YAML block starts indented, at 4 spaces with a unit of 2.
  // Hand-aligned lines (an odd indent) leave no common unit: then the smallest indent.
  let unit = 0;
  let smallest = Infinity;
  for (const i of indents) {
    unit = gcd(unit, i.length);
    smallest = Math.min(smallest, i.length);
  }
  if (unit === 1) unit = smallest;
  if (unit === 0) unit = 2;
  return { insertSpaces: true, tabSize: Math.min(Math.max(unit, 1), 8), eol };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function toJsonPath(path: readonly PathElement[]): JSONPath {
  return path.map((p) => ('index' in p ? p.index : 'value' in p ? p.value : p.key));
}

export const GITHUB_SUB_PLACEHOLDER = 'repo:OWNER/REPO:ref:refs/heads/BRANCH';
export const EXTERNAL_ID_PLACEHOLDER = 'REPLACE_WITH_EXTERNAL_ID';

function statementPath(path: readonly PathElement[]): JSONPath | undefined {
  const i = path.findIndex((p) => 'value' in p && p.value === 'Statement');
  if (i < 0) return undefined;
  const next = path[i + 1];
  return next && 'index' in next ? ['Statement', next.index] : ['Statement'];
}

/** Adds `Condition.operator.key = value` to a statement, creating the blocks that are missing. */
function addCondition(text: string, stPath: JSONPath, operator: string, key: string, value: string, options: FormattingOptions): TextEdit[] {
  return modify(text, [...stPath, 'Condition', operator, key], value, { formattingOptions: options });
}

/**
 * The quick fixes for one finding of the text it was computed on. Every edit keeps the document
 * valid JSON (when it was) and follows its indentation.
 */
export function quickFixesFor(text: string, finding: Finding): QuickFix[] {
  // jsonc-parser's tree building recurses: documents past the nesting limit get no fixes.
  if (excessiveNestingAt(text) >= 0) return [];
  try {
    return computeFixes(text, finding);
  } catch {
    // jsonc-parser refuses some edits on broken documents; then there is simply no fix to offer.
    return [];
  }
}

function computeFixes(text: string, finding: Finding): QuickFix[] {
  const options = formattingOptionsOf(text);
  const loc = finding.locations[0];
  const fixes: QuickFix[] = [];
  const span = loc ? { offset: loc.span.start.offset, length: loc.span.end.offset - loc.span.start.offset } : undefined;

  switch (finding.issueCode) {
    case 'MISSING_VERSION': {
      const edits = modify(text, ['Version'], '2012-10-17', { formattingOptions: options, getInsertionIndex: () => 0 });
      if (edits.length) fixes.push({ title: { kind: 'addVersion2012' }, edits, isPreferred: true });
      return fixes;
    }
    case 'CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA': {
      const st = loc && statementPath(loc.path);
      if (st) fixes.push({ title: { kind: 'addExternalIdCondition' }, edits: addCondition(text, st, 'StringEquals', 'sts:ExternalId', EXTERNAL_ID_PLACEHOLDER, options), isPreferred: true });
      if (st) fixes.push({ title: { kind: 'requireMfa' }, edits: addCondition(text, st, 'Bool', 'aws:MultiFactorAuthPresent', 'true', options) });
      return fixes;
    }
    case 'MISSING_GITHUB_REPO_CONDITION_KEY':
    case 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL': {
      const st = loc && statementPath(loc.path);
      if (!st) return fixes;
      const isGithub = /token\.actions\.githubusercontent\.com/.test(text);
      if (isGithub) {
        const root = parseTree(text);
        const hasSub = root && findNodeAtLocation(root, [...st, 'Condition']) && /githubusercontent\.com:sub"/.test(text.slice(...nodeSpan(root, st)));
        if (!hasSub) fixes.push({ title: { kind: 'addConditionKey', key: 'token.actions.githubusercontent.com:sub' }, edits: addCondition(text, st, 'StringLike', 'token.actions.githubusercontent.com:sub', GITHUB_SUB_PLACEHOLDER, options), isPreferred: true });
        const hasAud = root && /githubusercontent\.com:aud"/.test(text.slice(...nodeSpan(root, st)));
        if (!hasAud) fixes.push({ title: { kind: 'addConditionKey', key: 'token.actions.githubusercontent.com:aud' }, edits: addCondition(text, st, 'StringEquals', 'token.actions.githubusercontent.com:aud', 'sts.amazonaws.com', options) });
      }
      return fixes;
    }
    case 'REDUNDANT_ACTION': {
      const target = redundantLocation(text, finding);
      if (target) {
        const edits = removeElement(text, toJsonPath(target.path), options);
        if (edits.length) fixes.push({ title: { kind: 'removeRedundant', value: describe(text, target) }, edits, isPreferred: true });
      }
      return fixes;
    }
    case 'PASS_ROLE_WITH_STAR_IN_RESOURCE':
      return loc ? passRoleFixes(text, toJsonPath(loc.path), options) : fixes;
    case 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS': {
      const opFix = operatorFix(text, loc?.path ?? []);
      if (opFix) fixes.push(opFix);
      break;
    }
  }

  if (finding.fix && span) {
    const f = finding.fix;
    const at = finding.locations[f.location ?? 0] ?? loc;
    const atSpan = { offset: at.span.start.offset, length: at.span.end.offset - at.span.start.offset };
    if (f.remove) {
      // A location with no path (a comment, a stray token) is removed as text; an element through its path.
      const edits = at.path.length ? removeElement(text, toJsonPath(at.path), options) : [{ ...atSpan, content: '' }];
      if (edits.length) fixes.push({ title: f.title ?? { kind: 'remove', value: describe(text, atSpan) }, edits, isPreferred: finding.issueCode.startsWith('REDUNDANT_') });
    }
    const replacements = [...(f.replacement !== undefined ? [f.replacement] : []), ...(f.candidates ?? [])].filter((r, i, all) => all.indexOf(r) === i);
    replacements.forEach((r, i) => {
      fixes.push({ title: i === 0 && f.title ? f.title : { kind: 'replaceWith', value: labelOf(r) }, edits: [{ ...atSpan, content: r }], isPreferred: i === 0 });
    });
  }
  return fixes;
}

/** A replacement (JSON text) as fix titles name values: a string without its quotes, as in "Replace with s3:GetObject". */
function labelOf(json: string): string {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'string' ? v : json;
  } catch {
    return json;
  }
}

/**
 * Of the actions a REDUNDANT_ACTION finding names, the one to remove: an action that another
 * one's wildcard covers, else the later of two duplicates.
 */
function redundantLocation(text: string, finding: Finding): { path: readonly PathElement[]; offset: number; length: number } | undefined {
  const locs = finding.locations.map((l) => {
    const offset = l.span.start.offset;
    const length = l.span.end.offset - offset;
    const raw = text.slice(offset, offset + length);
    return { path: l.path, offset, length, value: raw.replace(/^"|"$/g, '') };
  });
  // Our engine names the location to remove; Access Analyzer's own findings do not.
  const named = finding.fix?.location !== undefined ? locs[finding.fix.location] : undefined;
  if (named) return named;
  if (locs.length === 1) return locs[0];
  const covered = locs.find((a) => locs.some((b) => b !== a && hasWildcard(b.value) && wildcardRegex(b.value).test(a.value)));
  return covered ?? locs[locs.length - 1];
}

function nodeSpan(root: NonNullable<ReturnType<typeof parseTree>>, path: JSONPath): [number, number] {
  const n = findNodeAtLocation(root, path);
  return n ? [n.offset, n.offset + n.length] : [0, 0];
}

function describe(text: string, span: { offset: number; length: number }): string {
  return text.slice(span.offset, span.offset + span.length);
}

const ARN_OPERATOR: Record<string, string> = {
  StringLike: 'ArnLike',
  StringNotLike: 'ArnNotLike',
  StringEquals: 'ArnEquals',
  StringNotEquals: 'ArnNotEquals',
};

/** Renames the operator (e.g. StringLike) above an ARN key to its Arn counterpart, keeping set and IfExists parts. */
function operatorFix(text: string, path: readonly PathElement[]): QuickFix | undefined {
  const c = path.findIndex((p) => 'value' in p && p.value === 'Condition');
  const opEl = path[c + 1];
  if (c < 0 || !opEl) return undefined;
  const operator = 'value' in opEl ? opEl.value : 'key' in opEl ? opEl.key : undefined;
  if (!operator) return undefined;
  const m = /^((?:ForAllValues|ForAnyValue):)?(String(?:Not)?(?:Like|Equals))(IfExists)?$/.exec(operator);
  if (!m || !ARN_OPERATOR[m[2]]) return undefined;
  const root = parseTree(text);
  const valueNode = root && findNodeAtLocation(root, toJsonPath(path.slice(0, c + 2)));
  const keyNode = valueNode?.parent?.children?.[0];
  if (!keyNode) return undefined;
  const replacement = `${m[1] ?? ''}${ARN_OPERATOR[m[2]]}${m[3] ?? ''}`;
  if (valueNode.parent?.parent?.children?.some((p) => p.children?.[0]?.value === replacement)) {
    return undefined;
  }
  return { title: { kind: 'replaceOperator', operator, replacement }, edits: [{ offset: keyNode.offset, length: keyNode.length, content: JSON.stringify(replacement) }], isPreferred: true };
}

/** Applies edits (from one quick fix) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return applyEdits(text, edits.map((e) => ({ offset: e.offset, length: e.length, content: e.content })));
}
