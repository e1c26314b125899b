// The findings of ~/.aws/config and ~/.aws/credentials and the endpoint problems are built in src/core: in the
// editor they follow VS Code's bundle for the display language, and read exactly as before without one.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { lintAwsConfig } from '../../src/core/profiles/configLint';
import { completeAt } from '../../src/core/profiles/configLintComplete';
import { endpointVerdict } from '../../src/core/profiles/endpointTrust';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';

const CONFIG = ['[profile deploy]', 'role_arn = arn:aws:iam::12345:role/Deploy', 'source_profile = base', 'duration_seconds = 60', 'regoin = us-east-1', '[profile b', ''].join('\n');
const messages = (text: string) => lintAwsConfig(text, 'config', { otherFileProfiles: ['base'] }).map((f) => `${f.code}: ${f.message}`);

describe('words of AWS config file findings in the editor', () => {
  afterEach(() => useDisplayLanguageForCoreWords());

  it('takes a translation from the display language\'s bundle, with its values in place', () => {
    useDisplayLanguageForCoreWords({
      'The account ID "{0}" is not 12 digits; expected {1}.': 'Die Konto-ID "{0}" hat nicht 12 Ziffern; erwartet: {1}.',
      'duration_seconds is {0}, outside the {1}–{2} seconds (15 minutes to 12 hours) that AssumeRole accepts; the call fails.':
        'duration_seconds ist {0}, außerhalb der {1}–{2} Sekunden, die AssumeRole annimmt.',
      '"{0}" must start with https:// (or http:// for a local endpoint)': '"{0}" muss mit https:// beginnen',
      'Unknown setting "{0}" in a profile. Did you mean "{1}"?': 'Unbekannte Einstellung "{0}" in einem Profil. Meinten Sie "{1}"?',
      'The section header has no closing "]".': 'Dem Abschnittskopf fehlt die schließende "]".',
      'Default AWS Region for requests made with this profile, such as us-east-1.': 'Standardregion für Anfragen mit diesem Profil, etwa us-east-1.',
    });
    assert.deepStrictEqual(messages(CONFIG), [
      'invalid-role-arn: Die Konto-ID "12345" hat nicht 12 Ziffern; erwartet: arn:aws:iam::123456789012:role/NAME.',
      'invalid-duration: duration_seconds ist 60, außerhalb der 900–43200 Sekunden, die AssumeRole annimmt.',
      'unknown-key: Unbekannte Einstellung "regoin" in einem Profil. Meinten Sie "region"?',
      'malformed-section-header: Dem Abschnittskopf fehlt die schließende "]".',
    ]);
    const region = completeAt('[profile a]\nreg', 'config', 1, 3)?.items.find((i) => i.label === 'region');
    assert.strictEqual(region?.documentation, 'Standardregion für Anfragen mit diesem Profil, etwa us-east-1.');
    const refusal = endpointVerdict('ftp://sts.example.com', 'userSettings');
    assert.strictEqual(refusal.kind === 'refuse' && refusal.message, 'The STS endpoint from your user settings (stsLens.sts.endpoint) was not used: "ftp://sts.example.com" muss mit https:// beginnen.');
  });

  it('words an unknown setting with a sentence of its own for each place, so a translation can inflect the place', () => {
    const text = ['[profile a]', 'regoin = us-east-1', 's3 =', '  addressing_styel = path', '[sso-session corp]', 'sso_regoin = us-east-1', ''].join('\n');
    useDisplayLanguageForCoreWords({
      'Unknown setting "{0}" in a profile. Did you mean "{1}"?': 'Unbekannte Einstellung "{0}" in einem Profil. Meinten Sie "{1}"?',
      'Unknown setting "{0}" under s3. Did you mean "{1}"?': 'Unbekannte Einstellung "{0}" unter s3. Meinten Sie "{1}"?',
      'Unknown setting "{0}" in an sso-session section. Did you mean "{1}"?': 'Unbekannte Einstellung "{0}" in einem sso-session-Abschnitt. Meinten Sie "{1}"?',
    });
    assert.deepStrictEqual(messages(text).filter((m) => m.startsWith('unknown-key')), [
      'unknown-key: Unbekannte Einstellung "regoin" in einem Profil. Meinten Sie "region"?',
      'unknown-key: Unbekannte Einstellung "addressing_styel" unter s3. Meinten Sie "addressing_style"?',
      'unknown-key: Unbekannte Einstellung "sso_regoin" in einem sso-session-Abschnitt. Meinten Sie "sso_region"?',
    ]);
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(messages(text).filter((m) => m.startsWith('unknown-key')), [
      'unknown-key: Unknown setting "regoin" in a profile. Did you mean "region"?',
      'unknown-key: Unknown setting "addressing_styel" under s3. Did you mean "addressing_style"?',
      'unknown-key: Unknown setting "sso_regoin" in an sso-session section. Did you mean "sso_region"?',
    ]);
  });

  it('reads English in VS Code\'s English, where there is no bundle', () => {
    assert.strictEqual(vscode.l10n.bundle, undefined, 'the test host runs in English');
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(messages(CONFIG), [
      'invalid-role-arn: The account ID "12345" is not 12 digits; expected arn:aws:iam::123456789012:role/NAME.',
      'invalid-duration: duration_seconds is 60, outside the 900–43200 seconds (15 minutes to 12 hours) that AssumeRole accepts; the call fails.',
      'unknown-key: Unknown setting "regoin" in a profile. Did you mean "region"?',
      'malformed-section-header: The section header has no closing "]".',
    ]);
    const region = completeAt('[profile a]\nreg', 'config', 1, 3)?.items.find((i) => i.label === 'region');
    assert.strictEqual(region?.documentation, 'Default AWS Region for requests made with this profile, such as us-east-1.');
    const refusal = endpointVerdict('ftp://sts.example.com', 'userSettings');
    assert.strictEqual(refusal.kind === 'refuse' && refusal.message, 'The STS endpoint from your user settings (stsLens.sts.endpoint) was not used: "ftp://sts.example.com" must start with https:// (or http:// for a local endpoint).');
  });
});
