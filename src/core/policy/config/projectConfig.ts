import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import picomatch from 'picomatch';
import { POLICY_TYPES, type PolicyType } from '../types';

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
}

/** A problem in the project file, at an offset of its text. */
export interface ConfigProblem {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export const EMPTY_PROJECT_CONFIG: ProjectConfig = { severity: {}, policyTypes: [], ignore: [], accountIds: [], suppressions: [] };

const KEYS = ['$schema', 'severity', 'policyTypes', 'ignore', 'accountIds', 'suppressions'];

function child(node: Node, key: string): Node | undefined {
  return node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

/**
 * Reads a project file (JSON with comments). Never throws: what it cannot use is left out and
 * reported as a problem with its position, and the rest still applies.
 */
export function parseProjectConfig(text: string): { config: ProjectConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) problems.push({ message: `Syntax error: ${printParseErrorCode(e.error)}.`, offset: e.offset, length: e.length });
  if (!root || root.type !== 'object') {
    if (root) problems.push({ message: 'The project file must be a JSON object.', offset: root.offset, length: root.length });
    return { config: EMPTY_PROJECT_CONFIG, problems };
  }
  const bad = (node: Node, message: string): void => {
    problems.push({ message, offset: node.offset, length: node.length });
  };
  for (const p of root.children ?? []) {
    const k = p.children?.[0];
    if (k && !KEYS.includes(String(k.value))) bad(k, `Unknown key "${String(k.value)}". Known keys: ${KEYS.slice(1).join(', ')}.`);
  }
  const strings = (node: Node | undefined, what: string): string[] => {
    if (!node) return [];
    if (node.type !== 'array') {
      bad(node, `${what} must be an array of strings.`);
      return [];
    }
    return (node.children ?? []).flatMap((n) => (n.type === 'string' && n.value ? [String(n.value)] : (bad(n, `${what} holds strings only.`), [])));
  };
  const severity: Record<string, SeverityOverride> = {};
  const sev = child(root, 'severity');
  if (sev && sev.type !== 'object') bad(sev, 'severity must be an object of issue code -> "error", "warning", "information", "hint" or "off".');
  for (const p of sev?.type === 'object' ? sev.children ?? [] : []) {
    const [k, v] = p.children ?? [];
    const value = typeof v?.value === 'string' ? v.value.toLowerCase() : undefined;
    if (k && v && value && (SEVERITY_OVERRIDES as readonly string[]).includes(value)) severity[String(k.value).toUpperCase()] = value as SeverityOverride;
    else if (v) bad(v, `The severity of ${String(k?.value)} must be "error", "warning", "information", "hint" or "off".`);
  }
  const policyTypes: { glob: string; type: PolicyType }[] = [];
  const pt = child(root, 'policyTypes');
  if (pt && pt.type !== 'object') bad(pt, 'policyTypes must be an object of glob -> policy type.');
  for (const p of pt?.type === 'object' ? pt.children ?? [] : []) {
    const [k, v] = p.children ?? [];
    const value = typeof v?.value === 'string' ? v.value.toUpperCase() : undefined;
    if (k && value && (POLICY_TYPES as readonly string[]).includes(value)) policyTypes.push({ glob: String(k.value), type: value as PolicyType });
    else if (v) bad(v, `The policy type for ${String(k?.value)} must be one of ${POLICY_TYPES.join(', ')}.`);
  }
  const accountIds = strings(child(root, 'accountIds'), 'accountIds').filter((id, i, all) => {
    if (/^\d{12}$/.test(id)) return true;
    const n = child(root, 'accountIds')?.children?.filter((c) => c.value === id)[0];
    if (n && all.indexOf(id) === i) bad(n, `"${id}" is not a 12-digit AWS account ID.`);
    return false;
  });
  const suppressions: Suppression[] = [];
  const sup = child(root, 'suppressions');
  if (sup && sup.type !== 'array') bad(sup, 'suppressions must be an array of { file, issueCode, sid?, reason }.');
  for (const s of sup?.type === 'array' ? sup.children ?? [] : []) {
    const field = (name: string): string | undefined => {
      const v = s.type === 'object' ? child(s, name) : undefined;
      return typeof v?.value === 'string' && v.value.trim() ? v.value : undefined;
    };
    const file = field('file');
    const issueCode = field('issueCode');
    const reason = field('reason');
    if (!file || !issueCode || !reason) {
      bad(s, `A suppression needs "file" (a glob), "issueCode" and a "reason"${!reason && file && issueCode ? ': say why this finding is accepted' : ''}.`);
      continue;
    }
    suppressions.push({ file, issueCode: issueCode.toUpperCase(), sid: field('sid'), reason });
  }
  return { config: { severity, policyTypes, ignore: strings(child(root, 'ignore'), 'ignore'), accountIds, suppressions }, problems };
}

const matchers = new Map<string, (path: string) => boolean>();

/**
 * Whether a path relative to the project file's folder (with / separators) matches a glob. A glob
 * without a slash matches the file name in any folder, as in .gitignore.
 */
export function globMatches(glob: string, relativePath: string): boolean {
  let m = matchers.get(glob);
  if (!m) {
    try {
      m = picomatch(glob, { dot: true, basename: !glob.includes('/') });
    } catch {
      m = () => false;
    }
    if (matchers.size > 1000) matchers.clear();
    matchers.set(glob, m);
  }
  return m(relativePath);
}
