// The findings of ~/.aws/config and ~/.aws/credentials, their hover and completion words, and the endpoint problems
// are built in src/core: each text a person reads there goes through @vscode/l10n's t.
import * as assert from 'assert';
import { repoRoot } from '../fixtures';
import { areaReport, unwrappedCoreStrings, type CoreWordsArea } from './coreStrings';

const CONFIG_FILE_WORDS = [
  'src/core/profiles/configLint.ts',
  'src/core/profiles/configLintComplete.ts',
  'src/core/profiles/configLintCycles.ts',
  'src/core/profiles/configLintDocs.ts',
  'src/core/profiles/configLintHeaders.ts',
  'src/core/profiles/configLintModel.ts',
  'src/core/profiles/configLintPlaces.ts',
  'src/core/profiles/configLintProfiles.ts',
  'src/core/profiles/configLintSections.ts',
  'src/core/profiles/configLintSso.ts',
  'src/core/profiles/configLintValues.ts',
  'src/core/profiles/endpoint.ts',
  'src/core/profiles/fileProblems.ts',
  'src/core/profiles/iniPositions.ts',
  'src/core/profiles/iniSyntax.ts',
];

/**
 * Names, not words: the settings a finding names (put into its template as values), the profile named
 * "default", and the sample values a finding offers to write (ARNs, an MFA serial, a Region, an endpoint).
 */
const CONFIG_AREA: CoreWordsArea = {
  names: [
    "'aws_access_key_id'", "'aws_secret_access_key'", "'credential_process'", "'sso_account_id'", "'sso_role_name'", "'default'",
    '`arn:${arn.partition}:iam::${arn.account}:role/${role}`', "'arn:aws:iam::123456789012:mfa/NAME'", "'GAHT12345678'",
    "`arn:${arn.partition}:iam::${arn.account}:mfa/${rest[rest.length - 1] ?? 'NAME'}`", "'us-east-1'", "'https://sts.eu-west-1.amazonaws.com'",
  ],
};

const unwrapped = (file: string, text: string) => unwrappedCoreStrings(file, text, CONFIG_AREA);

describe('localisation: AWS config file findings and endpoint problems', () => {
  it('sends every text of the config findings and endpoint problems through l10n.t', () => {
    assert.deepStrictEqual(areaReport(repoRoot(), CONFIG_FILE_WORDS, CONFIG_AREA), []);
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
      // A case label and a setting name the area excuses are not words; a word next to them is.
      "const kind = (k: Kind) => { switch (k) { case 'sso session': return l10n.t('a session'); default: return 'a profile'; } };",
      "const pair = l10n.t('{0} needs {1}.', 'aws_access_key_id', 'the secret key');",
    ].join('\n');
    assert.deepStrictEqual(unwrapped('sample.ts', sample).map((u) => `${u.line} ${u.text}`), [
      '4 `"${value}" is not a Region.`',
      "5 'an Availability Zone'",
      "7 'access keys'",
      "8 ' and '",
      '10 `${names(0, 5)} → … ${n} more …`',
      '11 `Unknown ${key}`',
      "13 'a profile'",
      "14 'the secret key'",
    ]);
  });
});
