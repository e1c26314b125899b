import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../fixtures';
import { unwrappedStrings } from './userStrings';

const root = repoRoot();

/** Core files whose words the policy editor's CodeLenses, their tooltips and hovers show. */
const LENS_FILES = [
  'src/core/policy/insight/lensTitles.ts',
  'src/core/policy/insight/statementWords.ts',
  'src/core/policy/insight/summary.ts',
  'src/core/policy/insight/principals.ts',
];

describe('localisation: the policy editor\'s CodeLens titles, summaries and principals', () => {
  it('sends every word these core files build through l10n.t', () => {
    const found = LENS_FILES.flatMap((f) => unwrappedStrings(f, fs.readFileSync(path.join(root, f), 'utf8'), { core: true }));
    assert.deepStrictEqual(found.map((u) => `${u.file}:${u.line} ${u.where} ${u.text}`), []);
  });

  it('finds a word a core function returns, keeps in a variable, pushes to its lines or puts in a label, left out of l10n.t', () => {
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      "export function verb(effect: string): string { return effect === 'Deny' ? 'Denies' : l10n.t('Allows'); }",
      "export const count = (n: number) => `${n} action${n === 1 ? '' : 's'}`;",
      "export function where(all: boolean): string { let w = ''; if (all) w = ' on all resources'; return w; }",
      "export function lines(out: string[]): void { out.push('Who can assume this role now:', `  ${out.length}`); }",
      "export const p = { kind: 'everyone', label: 'anyone (*)', markdown: `**${x}** matches no action.` };",
      "const head = 'Can be assumed by ';",
      // Names, not words: compared, typed as names, or with nothing to translate.
      "export function level(l: string): AccessLevel { return l === 'Read' ? 'Read' : 'Write'; }",
      "const ORDER: AccessLevel[] = ['Permissions management', 'Write'];",
      "export const joined = (a: string[]) => a.join(', ');",
      "export const fine = (n: number) => (n === 1 ? l10n.t('{0} action', n) : l10n.t('{0} actions', n));",
    ].join('\n');
    const found = unwrappedStrings('sample.ts', sample, { core: true }).map((u) => `${u.line} ${u.text}`);
    assert.deepStrictEqual(found, [
      "2 'Denies'",
      "3 `${n} action${n === 1 ? '' : 's'}`",
      "4 ' on all resources'",
      "5 'Who can assume this role now:'",
      "6 'anyone (*)'", '6 `**${x}** matches no action.`',
      "7 'Can be assumed by '",
    ]);
  });
});
