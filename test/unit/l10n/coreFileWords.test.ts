// The words about files that the editor reads for people (scenario files and the policy files they name, a policy too large to be checked,
// JSON syntax errors, the problems of a project file .sts-lens.json) and a credential chain's words in the Profiles view go through @vscode/l10n: a text
// left out of l10n.t stays English in every display language.
import * as assert from 'assert';
import { repoRoot } from '../fixtures';
import { areaReport, unwrappedCoreStrings, type CoreWordsArea } from './coreStrings';

const FILE_WORDS = [
  'src/core/jsonSyntax.ts',
  'src/core/notListed.ts',
  'src/core/profiles/awsFileEncoding.ts',
  'src/core/policy/limitWords.ts',
  'src/core/policy/limits.ts',
  'src/core/policy/config/projectConfig.ts',
  'src/core/policy/parse.ts',
  'src/core/profiles/model.ts',
  'src/node/scenarioFiles.ts',
  'src/node/boundedRead.ts',
  'src/node/projectConfigFile.ts',
  'src/node/iamData.ts',
];

/**
 * Names, not words: the kinds of profile a section makes (each worded by the editor's profileKindLabel),
 * the file a profile was read from, and the JSON a project file's problem shows to write and the keys it
 * names (`notGranted "prod/*" actions`).
 */
const FILE_AREA: CoreWordsArea = {
  names: [
    "'role'", "'static'", "'webIdentity'", "'rolesAnywhere'", "'process'", "'sso'", "'login'", "'regionOnly'", "push() 'credentials'",
    `'{ "ignore": ["generated/**"] }'`, "'{ file, issueCode, sid?, reason }'", `'{ "actions": [...], "resources": [...] }'`,
    "'suppressions: file'", '`notGranted "${String(k.value)}"`', '`${where} actions`', '`${where} resources`',
  ],
};

describe('localisation: words about scenario, policy and project files, JSON syntax and credential chains', () => {
  it('sends every text of those files through l10n.t', () => {
    assert.deepStrictEqual(areaReport(repoRoot(), FILE_WORDS, FILE_AREA), []);
  });

  it('finds a refusal, a syntax word or a chain word left out of l10n.t', () => {
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      "const WORDS: Readonly<Record<string, string>> = { CommaExpected: 'comma expected' };",
      'function outside(written: string, hint: string): string {',
      "  return `the policy file ${written} is outside the folder${hint ? `; ${hint} reads it anyway` : ''}.`;",
      '}',
      "export const words = { cycle: (path: string) => `cycle: ${path}`, more: (n: number) => l10n.t('… {0} more …', n) };",
      "export function read(st: { isFile(): boolean }) { if (!st.isFile()) return { error: 'not a regular file' }; return l10n.t('no such file'); }",
      // A profile's kind is a name: excused.
      "export function kindOf(roleArn?: string) { return roleArn ? 'role' : 'static'; }",
    ].join('\n');
    assert.deepStrictEqual(unwrappedCoreStrings('sample.ts', sample, FILE_AREA).map((u) => `${u.line} ${u.text}`), [
      "2 'comma expected'",
      '4 `the policy file ${written} is outside the folder${hint ? `; ${hint} reads it anyway` : \'\'}.`',
      '4 `; ${hint} reads it anyway`',
      '6 `cycle: ${path}`',
      "7 'not a regular file'",
    ]);
  });
});
