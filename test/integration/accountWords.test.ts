// The words of an answer read from an account ("Not evaluated" rows, notes, why a principal's policies cannot
// be read) and the rows of Who Can Assume This Role follow VS Code's display language, with their values in
// place; without a bundle they read as before. The account reader builds its words in a bundle of its own
// (dist/accountPolicies.js), which takes the display language's words as the editor loads it.
import * as assert from 'assert';
import * as path from 'path';
import { evaluate } from '../../src/core/evaluation';
import { unreadPart } from '../../src/core/debugging/accountPolicySet';
import { principalTarget } from '../../src/core/debugging/targets';
import { assumeCandidates, assumeRow } from '../../src/core/debugging/whoCanAssume';
import { accountPoliciesBundle } from '../../src/vscode/bundles';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';
import { useBundleDirectory } from '../../src/vscode/lazyBundle';
import { repoRoot } from '../unit/fixtures';

const ROLE = 'arn:aws:iam::123456789012:role/app';
const TRUST = {
  name: 'trust.json',
  text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'CiRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' }] }),
};
const GERMAN = {
  '{0} was denied: {1} not evaluated': '{0} wurde verweigert: {1} nicht ausgewertet',
  '{0} failed ({1}): {2} not evaluated': '{0} fehlgeschlagen ({1}): {2} nicht ausgewertet',
  'SCPs': 'SCPs',
  'permissions boundary of {0}': 'Berechtigungsgrenze von {0}',
  '{0} is not an IAM user, role or assumed-role session.': '{0} ist weder IAM-Benutzer noch Rolle noch übernommene Rollensitzung.',
  'allowed by {0}': 'erlaubt durch {0}',
  'statement "{0}"': 'Anweisung "{0}"',
  'web identity {0}': 'Web-Identität {0}',
  'SAML {0}': 'SAML {0}',
  'identity unknown': 'Identität unbekannt',
  'not evaluated': 'nicht ausgewertet',
};

const rows = () => assumeCandidates(ROLE, TRUST, [{ label: 'ci', arn: 'arn:aws:sts::123456789012:assumed-role/ci/build-42' }, { label: 'broken' }], {
  webIdentity: { provider: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', claims: {} },
  saml: { provider: 'arn:aws:iam::123456789012:saml-provider/okta', keys: {} },
}).map((c) => [c.label, assumeRow(c, c.input ? evaluate(c.input) : undefined).because]);

/** The account reader from dist/, as the editor loads it, asked for a principal whose policies it cannot read. */
async function readFromDist() {
  useBundleDirectory(path.join(repoRoot(), 'dist'));
  try {
    const reader = accountPoliciesBundle.load();
    assert.ok(require.cache[path.join(repoRoot(), 'dist', 'accountPolicies.js')], 'the reader is dist/accountPolicies.js, with its own copy of @vscode/l10n');
    // A group is no principal: nothing is sent anywhere.
    const set = await reader.readAccountPolicies({ target: { region: 'us-east-1' }, credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'example' } }, { principal: 'arn:aws:iam::123456789012:group/devs', action: 's3:GetObject', resource: '*' });
    return set.notes;
  } finally {
    useBundleDirectory(undefined);
  }
}

describe('words of answers read from an account, and of Who Can Assume This Role, in the editor', () => {
  afterEach(() => useDisplayLanguageForCoreWords());

  it('takes the Not evaluated rows, the refusals and the rows from the display language\'s bundle, with their values in place', () => {
    useDisplayLanguageForCoreWords(GERMAN);
    assert.strictEqual(unreadPart('organizations:ListPoliciesForTarget', 'SCPs', true).text, 'organizations:ListPoliciesForTarget wurde verweigert: SCPs nicht ausgewertet');
    assert.strictEqual(unreadPart('iam:GetRole', 'Berechtigungsgrenze von role/ci', false, 'Throttling: slow down').text, 'iam:GetRole fehlgeschlagen (Throttling: slow down): Berechtigungsgrenze von role/ci nicht ausgewertet');
    assert.deepStrictEqual(principalTarget('arn:aws:iam::123456789012:group/devs'), { problem: 'arn:aws:iam::123456789012:group/devs ist weder IAM-Benutzer noch Rolle noch übernommene Rollensitzung.' });
    const labelled = rows();
    assert.deepStrictEqual(labelled.map((r) => r[0]), ['ci', 'broken', 'Web-Identität arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', 'SAML arn:aws:iam::123456789012:saml-provider/okta']);
    assert.deepStrictEqual(labelled.slice(0, 2).map((r) => r[1]), ['erlaubt durch Anweisung "CiRole"', 'Identität unbekannt']);
  });

  it('gives the account reader\'s own bundle the display language\'s words as it loads, and English again without a bundle', async () => {
    useDisplayLanguageForCoreWords(GERMAN);
    assert.deepStrictEqual(await readFromDist(), ['arn:aws:iam::123456789012:group/devs ist weder IAM-Benutzer noch Rolle noch übernommene Rollensitzung.']);
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(await readFromDist(), ['arn:aws:iam::123456789012:group/devs is not an IAM user, role or assumed-role session.']);
  });

  it('says what a trust statement trusts when the caller\'s own policies decide, naming its condition keys, in the display language', () => {
    const open = {
      name: 'open.json',
      text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] }),
    };
    const because = () => assumeCandidates(ROLE, open, [{ label: 'ops', arn: 'arn:aws:iam::210987654321:user/ops' }], { mfa: true }).map((c) => assumeRow(c, c.input ? evaluate(c.input) : undefined).because);
    useDisplayLanguageForCoreWords({
      ...GERMAN,
      '{0} trusts any principal, subject to its conditions on {1}; its own policies must also allow sts:AssumeRole':
        '{0} vertraut jedem Prinzipal, sofern seine Bedingungen zu {1} erfüllt sind; seine eigenen Richtlinien müssen sts:AssumeRole ebenfalls erlauben',
    });
    assert.deepStrictEqual(because(), ['Anweisung "Org" vertraut jedem Prinzipal, sofern seine Bedingungen zu aws:PrincipalOrgID, aws:MultiFactorAuthPresent erfüllt sind; seine eigenen Richtlinien müssen sts:AssumeRole ebenfalls erlauben']);
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(because(), ['statement "Org" trusts any principal, subject to its conditions on aws:PrincipalOrgID, aws:MultiFactorAuthPresent; its own policies must also allow sts:AssumeRole']);
  });

  it('reads English in VS Code\'s English, where there is no bundle', () => {
    useDisplayLanguageForCoreWords();
    assert.strictEqual(unreadPart('organizations:ListPoliciesForTarget', 'SCPs', true).text, 'organizations:ListPoliciesForTarget was denied: SCPs not evaluated');
    assert.strictEqual(unreadPart('iam:GetRole', 'permissions boundary of role/ci', false, 'Throttling: slow down').text, 'iam:GetRole failed (Throttling: slow down): permissions boundary of role/ci not evaluated');
    assert.strictEqual(unreadPart('iam:GetRole', 'permissions boundary of role/ci', false).text, 'iam:GetRole failed: permissions boundary of role/ci not evaluated');
    assert.deepStrictEqual(principalTarget('arn:aws:iam::123456789012:group/devs'), { problem: 'arn:aws:iam::123456789012:group/devs is not an IAM user, role or assumed-role session.' });
    assert.deepStrictEqual(rows().slice(0, 3).map((r) => r[0]), ['ci', 'broken', 'web identity arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com']);
    assert.deepStrictEqual(rows().slice(0, 2).map((r) => r[1]), ['allowed by statement "CiRole"', 'identity unknown']);
  });
});
