// The words of the policy editor's CodeLenses (titles, tooltips) and hovers, the principals they name and the
// access diff's lens and document (built in src/core) go through @vscode/l10n: a text left out stays English.
import * as assert from 'assert';
import { repoRoot } from '../fixtures';
import { areaReport, unwrappedCoreStrings, type CoreWordsArea } from './coreStrings';

const root = repoRoot();

/** Core files whose words the policy editor's CodeLenses, their tooltips and hovers, and the access diff's lens and document show. */
const LENS_FILES = [
  'src/core/evaluation/access/accessWords.ts',
  'src/core/evaluation/access/conditions.ts',
  'src/core/evaluation/access/document.ts',
  'src/core/evaluation/access/model.ts',
  'src/core/policy/insight/completion.ts',
  'src/core/policy/insight/hover.ts',
  'src/core/policy/insight/lensTitles.ts',
  'src/core/policy/insight/operators.ts',
  'src/core/policy/insight/statementWords.ts',
  'src/core/policy/insight/summary.ts',
  'src/core/policy/insight/principals.ts',
];

/**
 * Names, not words: AWS's access levels (the summaries give each level its own template), the web
 * identity providers' product names, and the sample ARN parts a hover matches resource formats with
 * (and completions offer as the partition).
 */
const LENS_AREA: CoreWordsArea = {
  // The lines of a hover and of the access diff's document.
  shown: { arrays: ['lines', 'parts'] },
  names: [
    "'Permissions management'", "'Write'",
    "'Amazon Cognito identity pools'", "'Login with Amazon'", "'Facebook'", "'Google'",
    "'aws'", "'us-east-1'", "'a/b'", "'a'", "'x'",
    // An operator's name, offered as a completion, and the heading of an ARN's hover (an acronym).
    '`${op.name}IfExists`', "lines = `**ARN** · ${parts.join(' · ')}`",
  ],
};

describe('localisation: the policy editor\'s CodeLens titles, summaries and principals, and access diffs', () => {
  it('sends every word these core files build through l10n.t', () => {
    assert.deepStrictEqual(areaReport(root, LENS_FILES, LENS_AREA), []);
  });

  it('finds a word of a lens title, a summary, a principal or an access diff left out of l10n.t', () => {
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      "export function verb(effect: string): string { return effect === 'Deny' ? 'Denies' : l10n.t('Allows'); }",
      "export const count = (n: number) => `${n} action${n === 1 ? '' : 's'}`;",
      "export function lines(out: string[]): void { out.push('Who can assume this role now:', `  ${out.length}`); }",
      "export const p = { kind: 'everyone', label: 'anyone (*)' };",
      "export const cond = (c: string) => l10n.t('{0} · {1}', 'Allows', c);",
      // Already translated, or with nothing to translate: not reported.
      "export const fine = (n: number) => (n === 1 ? l10n.t('{0} action', n) : l10n.t('{0} actions', n));",
      "export const joined = (a: string[]) => a.join(', ');",
    ].join('\n');
    const found = unwrappedCoreStrings('sample.ts', sample, LENS_AREA).map((u) => `${u.line} ${u.text}`);
    assert.deepStrictEqual(found, [
      "2 'Denies'",
      "3 `${n} action${n === 1 ? '' : 's'}`",
      "4 'Who can assume this role now:'",
      "5 'anyone (*)'",
      "6 'Allows'",
    ]);
  });
});
