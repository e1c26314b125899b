// The words of an answer read from an account (the "Not evaluated" rows of a partial answer, its notes, why a
// principal's policies cannot be read) and of Who Can Assume This Role go through @vscode/l10n. The account
// reader's words are built in its own bundle (dist/accountPolicies.js), which the editor gives the display
// language's words as it loads it (test/unit/bundles.test.ts).
import * as assert from 'assert';
import { repoRoot } from '../fixtures';
import { areaReport, unwrappedCoreStrings, type CoreWordsArea } from './coreStrings';

const ACCOUNT_FILES = [
  'src/aws/accountPolicies.ts',
  'src/aws/identityPolicies.ts',
  'src/aws/organizationPolicies.ts',
  'src/aws/policyReads.ts',
  'src/aws/resourcePolicies.ts',
  'src/core/debugging/accountPolicySet.ts',
  'src/core/debugging/targets.ts',
  'src/core/debugging/whoCanAssume.ts',
];

/** Names, not words: an inline policy's name (`role/ci inline:deploy`) and a role's name as IAM writes it. */
const ACCOUNT_AREA: CoreWordsArea = {
  names: ['`${owner} inline:${name}`', '`role/${target.roleName}`'],
  // A row of Who Can Assume This Role says why in `because`.
  shown: { arrays: ['notes', 'unread'], properties: ['because'] },
};

describe('localisation: answers read from an account and Who Can Assume This Role', () => {
  it('sends every word of the Not evaluated rows, the notes, the refusals and the rows through l10n.t', () => {
    assert.deepStrictEqual(areaReport(repoRoot(), ACCOUNT_FILES, ACCOUNT_AREA), []);
  });

  it('finds a row, a note or a part left out of l10n.t', () => {
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      "export function unreadPart(action: string, part: string, denied: boolean) {",
      "  const text = denied ? `${action} was denied: ${part} not evaluated` : l10n.t('{0} failed: {1} not evaluated', action, part);",
      '  return { part, action, denied, text };',
      '}',
      "export function notes(account: string, notes: string[]) { notes.push(`Account ${account} is in no organization.`); }",
      "const read = (unread: unknown[], owner: string) => attempt(unread, 'iam:GetRole', `permissions boundary of ${owner}`, () => undefined);",
      "export const row = (label: string) => ({ label: `web identity ${label}`, verdict: 'can', because: 'allowed' });",
      // Names the area excuses, and a translated row: not reported.
      "export const inline = (owner: string, name: string) => ({ name: `${owner} inline:${name}`, because: l10n.t('allowed') });",
    ].join('\n');
    assert.deepStrictEqual(unwrappedCoreStrings('sample.ts', sample, ACCOUNT_AREA).map((u) => `${u.line} ${u.text}`), [
      '3 `${action} was denied: ${part} not evaluated`',
      '6 `Account ${account} is in no organization.`',
      '7 `permissions boundary of ${owner}`',
      '8 `web identity ${label}`',
      "8 'allowed'",
    ]);
  });
});
