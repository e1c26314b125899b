import * as l10n from '@vscode/l10n';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { syntaxErrorText } from '../../jsonSyntax';
import { globMatches as boundedGlobMatches, globProblem } from '../../glob/boundedGlob';
import { excessiveNestingAt, MAX_POLICY_NESTING } from '../limits';
import { LineIndex } from '../parse';
import { POLICY_TYPES, type PolicyType, type Span } from '../types';

/** The project file that the editor and the CLI both read, found by walking up from the linted file. */
export const PROJECT_CONFIG_FILE = '.sts-lens.json';

export type SeverityOverride = 'error' | 'warning' | 'information' | 'hint' | 'off';
export const SEVERITY_OVERRIDES: readonly SeverityOverride[] = ['error', 'warning', 'information', 'hint', 'off'];

/** One accepted finding: which files (glob), which code, optionally which statement, and why. */
export interface Suppression {
  readonly file: string;
  readonly issueCode: string;
  readonly sid?: string;
  readonly reason: string;
}

export interface ProjectConfig {
  readonly severity: Readonly<Record<string, SeverityOverride>>;
  /** Glob -> policy type, first match wins. */
  readonly policyTypes: readonly { readonly glob: string; readonly type: PolicyType }[];
  readonly ignore: readonly string[];
  readonly accountIds: readonly string[];
  readonly suppressions: readonly Suppression[];
  /** Glob -> access that no policy it matches may grant (CheckAccessNotGranted's actions and resources). */
  readonly notGranted: readonly NotGrantedEntry[];
}

/** One `notGranted` entry: the files (glob) and the actions and/or resources they must not grant. */
export interface NotGrantedEntry {
  readonly glob: string;
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
}

/** A problem in the project file, at an offset of its text (span: 1-based lines, 0-based columns). */
export interface ConfigProblem {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  readonly span: Span;
  /** A syntax error: nothing in the file applies until it parses. */
  readonly syntax?: boolean;
  /** A glob refused by the limits of core/glob: that entry does not apply. */
  readonly glob?: boolean;
}

/** Largest project file read: a real one is a few hundred bytes. */
export const MAX_PROJECT_FILE_LENGTH = 1024 * 1024;

/** Why a project file of `bytes` is not read: the editor and the command line both say it. */
export function projectFileTooLarge(bytes: number): string {
  return l10n.t('{0} bytes, over the {1}-byte limit of a project file', bytes.toLocaleString('en-US'), MAX_PROJECT_FILE_LENGTH.toLocaleString('en-US'));
}

export const EMPTY_PROJECT_CONFIG: ProjectConfig = { severity: {}, policyTypes: [], ignore: [], accountIds: [], suppressions: [], notGranted: [] };

const KEYS = ['$schema', 'severity', 'policyTypes', 'ignore', 'accountIds', 'suppressions', 'notGranted'];

function child(node: Node, key: string): Node | undefined {
  return node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

/**
 * Reads a project file (JSON with comments). Never throws. A file that does not parse applies
 * nothing at all (a half-read file could drop a suppression's reason or an ignore); in a file that
 * parses, what cannot be used (an unknown key, a glob over the limits) is left out and reported as
 * a problem with its position, and the rest applies.
 */
export function parseProjectConfig(text: string): { config: ProjectConfig; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const problem = (message: string, offset: number, length: number, kind?: 'syntax' | 'glob'): void => {
    problems.push({ message, offset, length, span: lines.span(offset, length), ...(kind ? { [kind]: true } : {}) });
  };
  const none = { config: EMPTY_PROJECT_CONFIG, problems };
  if (text.length > MAX_PROJECT_FILE_LENGTH) {
    problem(l10n.t('The project file is {0} characters long; at most {1} are read. Nothing in this file applies until it is fixed.', text.length.toLocaleString('en-US'), MAX_PROJECT_FILE_LENGTH.toLocaleString('en-US')), 0, 0, 'syntax');
    return none;
  }
  const deep = excessiveNestingAt(text, MAX_POLICY_NESTING);
  if (deep >= 0) {
    problem(l10n.t('Objects and arrays nest more than {0} levels deep here. Nothing in this file applies until it is fixed.', MAX_POLICY_NESTING), deep, 1, 'syntax');
    return none;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    for (const e of errors) problem(l10n.t('Syntax error: {0}. Nothing in this file applies until it is fixed.', syntaxErrorText(e.error)), e.offset, e.length, 'syntax');
    return none;
  }
  if (!root || root.type !== 'object') {
    problem(l10n.t('The project file must be a JSON object, e.g. {0}. Nothing in this file applies until it is fixed.', '{ "ignore": ["generated/**"] }'), root?.offset ?? 0, root?.length ?? 0, 'syntax');
    return none;
  }
  const bad = (node: Node, message: string, kind?: 'glob'): void => problem(message, node.offset, node.length, kind);
  /** A glob as the file holds it, or undefined (and a problem) when it is refused. */
  const glob = (node: Node, where: string): string | undefined => {
    const g = String(node.value);
    const p = globProblem(g);
    if (!p) return g;
    bad(node, l10n.t('{0}: {1} This glob is not applied.', where, p.message), 'glob');
    return undefined;
  };
  for (const p of root.children ?? []) {
    const k = p.children?.[0];
    if (k && !KEYS.includes(String(k.value))) bad(k, l10n.t('Unknown key "{0}". Known keys: {1}.', String(k.value), KEYS.slice(1).join(', ')));
  }
  const strings = (node: Node | undefined, what: string): string[] => {
    if (!node) return [];
    if (node.type !== 'array') {
      bad(node, l10n.t('{0} must be an array of strings.', what));
      return [];
    }
    return (node.children ?? []).flatMap((n) => (n.type === 'string' && n.value ? [String(n.value)] : (bad(n, l10n.t('{0} holds strings only.', what)), [])));
  };
  const globs = (node: Node | undefined, what: string): string[] => {
    if (!node) return [];
    if (node.type !== 'array') {
      bad(node, l10n.t('{0} must be an array of globs.', what));
      return [];
    }
    return (node.children ?? []).flatMap((n) => {
      if (n.type !== 'string' || !n.value) return bad(n, l10n.t('{0} holds globs (strings) only.', what)), [];
      const g = glob(n, what);
      return g === undefined ? [] : [g];
    });
  };
  const severity: Record<string, SeverityOverride> = {};
  const sev = child(root, 'severity');
  if (sev && sev.type !== 'object') bad(sev, l10n.t('severity must be an object of issue code -> "error", "warning", "information", "hint" or "off".'));
  for (const p of sev?.type === 'object' ? sev.children ?? [] : []) {
    const [k, v] = p.children ?? [];
    const value = typeof v?.value === 'string' ? v.value.toLowerCase() : undefined;
    if (k && v && value && (SEVERITY_OVERRIDES as readonly string[]).includes(value)) severity[String(k.value).toUpperCase()] = value as SeverityOverride;
    else if (v) bad(v, l10n.t('The severity of {0} must be "error", "warning", "information", "hint" or "off".', String(k?.value)));
  }
  const policyTypes: { glob: string; type: PolicyType }[] = [];
  const pt = child(root, 'policyTypes');
  if (pt && pt.type !== 'object') bad(pt, l10n.t('policyTypes must be an object of glob -> policy type.'));
  for (const p of pt?.type === 'object' ? pt.children ?? [] : []) {
    const [k, v] = p.children ?? [];
    const value = typeof v?.value === 'string' ? v.value.toUpperCase() : undefined;
    if (k && value && (POLICY_TYPES as readonly string[]).includes(value)) {
      const g = glob(k, 'policyTypes');
      if (g !== undefined) policyTypes.push({ glob: g, type: value as PolicyType });
    } else if (v) bad(v, l10n.t('The policy type for {0} must be one of {1}.', String(k?.value), POLICY_TYPES.join(', ')));
  }
  const accountIds = strings(child(root, 'accountIds'), 'accountIds').filter((id, i, all) => {
    if (/^\d{12}$/.test(id)) return true;
    const n = child(root, 'accountIds')?.children?.filter((c) => c.value === id)[0];
    if (n && all.indexOf(id) === i) bad(n, l10n.t('"{0}" is not a 12-digit AWS account ID.', id));
    return false;
  });
  const suppressions: Suppression[] = [];
  const sup = child(root, 'suppressions');
  if (sup && sup.type !== 'array') bad(sup, l10n.t('suppressions must be an array of {0}.', '{ file, issueCode, sid?, reason }'));
  for (const s of sup?.type === 'array' ? sup.children ?? [] : []) {
    const field = (name: string): string | undefined => {
      const v = s.type === 'object' ? child(s, name) : undefined;
      return typeof v?.value === 'string' && v.value.trim() ? v.value : undefined;
    };
    const file = field('file');
    const issueCode = field('issueCode');
    const reason = field('reason');
    if (!file || !issueCode || !reason) {
      bad(s, !reason && file && issueCode
        ? l10n.t('A suppression needs "file" (a glob), "issueCode" and a "reason": say why this finding is accepted.')
        : l10n.t('A suppression needs "file" (a glob), "issueCode" and a "reason".'));
      continue;
    }
    const fileNode = child(s, 'file');
    if (fileNode && glob(fileNode, 'suppressions: file') === undefined) continue;
    suppressions.push({ file, issueCode: issueCode.toUpperCase(), sid: field('sid'), reason });
  }
  const ignore = globs(child(root, 'ignore'), 'ignore');
  const notGranted: NotGrantedEntry[] = [];
  const ng = child(root, 'notGranted');
  if (ng && ng.type !== 'object') bad(ng, l10n.t('notGranted must be an object of glob -> {0} (or an array of actions).', '{ "actions": [...], "resources": [...] }'));
  for (const p of ng?.type === 'object' ? ng.children ?? [] : []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    const where = `notGranted "${String(k.value)}"`;
    const g = glob(k, 'notGranted');
    if (g === undefined) continue;
    if (v.type === 'array') {
      const actions = strings(v, where);
      if (actions.length) notGranted.push({ glob: g, actions });
      continue;
    }
    if (v.type !== 'object') {
      bad(v, l10n.t('{0} must be {1} or an array of actions.', where, '{ "actions": [...], "resources": [...] }'));
      continue;
    }
    const actions = strings(child(v, 'actions'), `${where} actions`);
    const resources = strings(child(v, 'resources'), `${where} resources`);
    for (const q of v.children ?? []) {
      const key = q.children?.[0];
      if (key && key.value !== 'actions' && key.value !== 'resources') bad(key, l10n.t('Unknown key "{0}" in {1}: use "actions" and "resources".', String(key.value), where));
    }
    if (!actions.length && !resources.length) bad(v, l10n.t('{0} names no actions and no resources, so it forbids nothing.', where));
    else notGranted.push({ glob: g, ...(actions.length ? { actions } : {}), ...(resources.length ? { resources } : {}) });
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { config: { severity, policyTypes, ignore, accountIds, suppressions, notGranted }, problems };
}

/**
 * Whether a path relative to the project file's folder (with / separators) matches a glob. A glob
 * without a slash matches the file name in any folder, as in .gitignore. See core/glob/boundedGlob.
 */
export function globMatches(glob: string, relativePath: string): boolean {
  return boundedGlobMatches(glob, relativePath);
}
