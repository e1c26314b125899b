/**
 * Finds lines of an AWS config or credentials file that the SDK's ini loader would silently
 * drop, so a broken file shows where it is broken instead of an empty or partial tree.
 */

import * as l10n from '@vscode/l10n';
import { MAX_LISTED_PER_KIND, notListedText } from '../notListed';
import { OTHER_CONFIG_SECTIONS } from './configLintKeys';

export type AwsFileKind = 'config' | 'credentials';

export interface IniSyntaxProblem {
  /** 0-based line. */
  readonly line: number;
  /** 0-based column. */
  readonly column: number;
  readonly message: string;
}

type ProblemKind = 'unclosed' | 'after-header' | 'no-name' | 'header' | 'credentials-prefix' | 'not-a-setting' | 'no-key' | 'before-section';

/**
 * The lines the SDK drops, in line order: the first MAX_LISTED_PER_KIND + 1 of each kind, the last of
 * them saying how many more there are. A file of a million stray lines would otherwise make a million
 * messages and a million nodes in the Profiles view.
 */
export function checkIniSyntax(text: string, fileKind: AwsFileKind): IniSyntaxProblem[] {
  const problems: IniSyntaxProblem[] = [];
  const listed = new Map<ProblemKind, number>();
  const more = new Map<ProblemKind, number>();
  // Where the last listed problem of each kind is, to add the count of the rest to it.
  const last = new Map<ProblemKind, number>();
  const report = (kind: ProblemKind, line: number, column: number, message: () => string): void => {
    const n = listed.get(kind) ?? 0;
    if (n > MAX_LISTED_PER_KIND) {
      more.set(kind, (more.get(kind) ?? 0) + 1);
      return;
    }
    listed.set(kind, n + 1);
    problems.push({ line, column, message: message() });
    last.set(kind, problems.length - 1);
  };
  const lines = text.split(/\r?\n/);
  let inSection = false;
  let lastKeyLine = -1;
  lines.forEach((raw, line) => {
    const trimmed = raw.trim();
    const column = raw.length - raw.trimStart().length;
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (trimmed.startsWith('[')) {
      lastKeyLine = -1;
      const close = trimmed.indexOf(']');
      if (close < 0) {
        report('unclosed', line, column, () => l10n.t('section header has no closing "]"'));
        // Its settings are lost with it; the header is the one problem to report.
        inSection = true;
        return;
      }
      const rest = trimmed.slice(close + 1).trim();
      if (rest && !rest.startsWith('#') && !rest.startsWith(';')) {
        report('after-header', line, column + close + 1, () => l10n.t('unexpected text "{0}" after the section header', rest));
      }
      const name = trimmed.slice(1, close).trim();
      inSection = true;
      if (!name) {
        report('no-name', line, column, () => l10n.t('section header has no name'));
      } else if (fileKind === 'config' && name !== 'default' && !OTHER_CONFIG_SECTIONS.includes(name) && !/^(?:profile|sso-session|services)\s+\S/.test(name)) {
        report('header', line, column, () => (/^(?:profile|sso-session|services)$/.test(name) ? l10n.t('"[{0}]" needs a name after "{0}"', name) : l10n.t('"[{0}]" is ignored by the SDK in the config file: write "[profile {0}]"', name)));
      } else if (fileKind === 'credentials' && /^profile\s/.test(name)) {
        report('credentials-prefix', line, column, () => l10n.t('the credentials file names profiles without the "profile " prefix: write "[{0}]"', name.replace(/^profile\s+/, '')));
      }
      return;
    }
    if (column > 0 && lastKeyLine >= 0) return; // a continuation or a nested sub-property
    const eq = trimmed.indexOf('=');
    if (eq < 0) {
      // The text itself is not quoted: a stray line is often a pasted secret.
      report('not-a-setting', line, column, () => l10n.t('this line is not "key = value", a [section] header or a comment, so the SDK ignores it'));
      return;
    }
    if (eq === 0) {
      report('no-key', line, column, () => l10n.t('setting has no key before "="'));
      return;
    }
    if (!inSection) {
      report('before-section', line, column, () => l10n.t('setting appears before any [section] header'));
      return;
    }
    lastKeyLine = line;
  });
  for (const [kind, n] of more) {
    const i = last.get(kind)!;
    // The problems read as phrases, without a full stop.
    problems[i] = { ...problems[i], message: `${problems[i].message}. ${notListedText('finding', n).replace(/\.$/, '')}` };
  }
  return problems;
}
