// The findings of ~/.aws/config and ~/.aws/credentials, their hover and completion words, and the endpoint problems
// are built in src/core: each text a person reads there goes through @vscode/l10n's t.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../fixtures';
import { unwrappedStrings, unwrappedWords } from './userStrings';

const CONFIG_FILE_WORDS = [
  'src/core/profiles/configLint.ts',
  'src/core/profiles/configLintComplete.ts',
  'src/core/profiles/configLintCycles.ts',
  'src/core/profiles/configLintDocs.ts',
  'src/core/profiles/configLintModel.ts',
  'src/core/profiles/configLintProfiles.ts',
  'src/core/profiles/configLintSections.ts',
  'src/core/profiles/configLintSso.ts',
  'src/core/profiles/configLintValues.ts',
  'src/core/profiles/endpoint.ts',
  'src/core/profiles/fileProblems.ts',
  'src/core/profiles/iniPositions.ts',
  'src/core/profiles/iniSyntax.ts',
];

const unwrapped = (file: string, text: string) => [...unwrappedStrings(file, text), ...unwrappedWords(file, text)];

describe('localisation: AWS config file findings and endpoint problems', () => {
  it('sends every text of the config findings and endpoint problems through l10n.t', () => {
    const found = CONFIG_FILE_WORDS.flatMap((f) => unwrapped(f, fs.readFileSync(path.join(repoRoot(), f), 'utf8')));
    assert.deepStrictEqual(found.map((u) => `${u.file}:${u.line} ${u.where} ${u.text}`), []);
  });

  it('finds words that a core module returns, keeps in a record or glues together outside l10n.t', () => {
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      "import { type Add } from './configLintModel';",
      'export function regionProblem(value: string): string | undefined {',
      '  if (!value) return `"${value}" is not a Region.`;',
      "  return value.endsWith('a') ? 'an Availability Zone' : undefined;",
      '}',
      "const WORDS: Record<string, string> = { static: 'access keys', sso: l10n.t('IAM Identity Center') };",
      "const hint = l10n.t('{0} needs {1}.', name, keys.join(' and '));",
      "add({ code: 'x', message: l10n.t('Profile \"{0}\" is broken.', name), fix: { title: { kind: 'changeTo', value: `[profile ${name}]` }, edits: [{ range, newText: `[profile ${name}]` }] } });",
      "const list = `${names(0, 5)} → … ${n} more …`;",
      "add({ code: 'y', message: `Unknown ${key}` });",
      "type Kind = 'sso session' | 'profile';",
    ].join('\n');
    assert.deepStrictEqual(unwrapped('sample.ts', sample).map((u) => `${u.line} ${u.text}`), [
      "11 `Unknown ${key}`",
      '4 `"${value}" is not a Region.`',
      "5 'an Availability Zone'",
      "7 'access keys'",
      "8 ' and '",
      '10 `${names(0, 5)} → … ${n} more …`',
      '11 `Unknown ${key}`',
    ]);
  });
});
