// Why a glob, a policy document, an STS request, an AWS file, a shell line or a sign-in is refused is built outside src/vscode
// (src/core, src/node): in the editor it follows VS Code's bundle for the display language, with its
// values in place, and reads exactly as before without one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintPolicy } from '../../src/core/policy';
import { parseProjectConfig } from '../../src/core/policy/config/projectConfig';
import { MAX_POLICY_TEXT_LENGTH } from '../../src/core/policy/limits';
import { validateAssumeRole } from '../../src/core/sessions/limits';
import { setLine } from '../../src/core/sessions/shellQuote';
import { afterPollError } from '../../src/core/sso/deviceFlow';
import { createIamCatalog } from '../../src/node/iamData';
import { loadAwsFiles, readSecretFile } from '../../src/node/awsFiles';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';
import { checkSettingGlobs } from '../../src/vscode/settingGlobs';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';

describe('why a glob, a policy document, an STS request or an AWS file is refused, in the editor', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-limit-words-'));
    // A config file saved by Windows PowerShell's `>`: UTF-16 with a byte order mark.
    fs.writeFileSync(path.join(dir, 'config'), Buffer.from([0xff, 0xfe, 0x5b, 0x00]));
    fs.writeFileSync(path.join(dir, 'token'), 'x'.repeat(300_000));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => useDisplayLanguageForCoreWords());

  const deepGlob = `${'{a,'.repeat(9)}b${'}'.repeat(9)}`;

  it('says why a glob is refused, in a setting and in a project file, in the display language', () => {
    const refused = () => checkSettingGlobs('stsLens.policyTests.files', ['', deepGlob, `${'a'.repeat(1100)}`]).refused.map((r) => r.message);
    const project = () => parseProjectConfig(JSON.stringify({ ignore: [deepGlob] })).problems.map((p) => p.message);
    useDisplayLanguageForCoreWords({
      'The glob is empty.': 'Der Glob ist leer.',
      'Braces nest more than {0} deep; a glob may nest {1} alternatives at most {0} levels.': 'Klammern sind tiefer als {0} verschachtelt; {1} höchstens {0} Ebenen.',
      'The glob is {0} characters long; a glob may have at most {1}.': 'Der Glob hat {0} Zeichen; erlaubt sind {1}.',
      '{0}: {1} This glob is not applied.': '{0}: {1} Dieser Glob gilt nicht.',
    });
    assert.deepStrictEqual(refused(), ['Der Glob ist leer.', 'Klammern sind tiefer als 8 verschachtelt; {a,b} höchstens 8 Ebenen.', 'Der Glob hat 1,100 Zeichen; erlaubt sind 1,024.']);
    assert.deepStrictEqual(project(), ['ignore: Klammern sind tiefer als 8 verschachtelt; {a,b} höchstens 8 Ebenen. Dieser Glob gilt nicht.']);

    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(refused(), [
      'The glob is empty.',
      'Braces nest more than 8 deep; a glob may nest {a,b} alternatives at most 8 levels.',
      'The glob is 1,100 characters long; a glob may have at most 1,024.',
    ]);
    assert.deepStrictEqual(project(), ['ignore: Braces nest more than 8 deep; a glob may nest {a,b} alternatives at most 8 levels. This glob is not applied.']);
  });

  it('says that a policy document is too large to be checked (POLICY_DOCUMENT_TOO_LARGE) in the display language, its sizes in place', () => {
    const handle = createIamCatalog();
    const huge = `{"Version": "2012-10-17", "Statement": [], "Id": "${'x'.repeat(MAX_POLICY_TEXT_LENGTH)}"}`;
    const tooLarge = () => lintPolicy(huge, { policyType: 'IDENTITY_POLICY', catalog: handle.catalog }).findings.map((f) => `${f.issueCode} ${f.findingDetails}`);
    useDisplayLanguageForCoreWords({
      "The document is {0}, far beyond IAM's policy size quotas (6,144 characters for a managed policy, 20,480 for the largest resource policies), so it was not checked. Documents over {1} are not linted; split it into policies of the size AWS accepts.":
        'Das Dokument hat {0} und wurde nicht geprüft; Dokumente über {1} werden nicht geprüft.',
      '{0} MB': '{0} MByte',
    });
    assert.deepStrictEqual(tooLarge(), ['POLICY_DOCUMENT_TOO_LARGE Das Dokument hat 1.0 MByte und wurde nicht geprüft; Dokumente über 1.0 MByte werden nicht geprüft.']);
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(tooLarge(), [
      "POLICY_DOCUMENT_TOO_LARGE The document is 1.0 MB, far beyond IAM's policy size quotas (6,144 characters for a managed policy, 20,480 for the largest resource policies), so it was not checked. Documents over 1.0 MB are not linted; split it into policies of the size AWS accepts.",
    ]);
  });

  it('says which STS limit a request breaks in the display language, the reason for a duration cap included', () => {
    const problems = () => validateAssumeRole({ roleArn: ROLE, sessionName: 'a', durationSeconds: 7200, tags: [{ key: 'aws:x', value: '1' }] }, { chained: true });
    useDisplayLanguageForCoreWords({
      'session name must be {0}–{1} characters long (it is {2})': 'Der Sitzungsname muss {0}–{1} Zeichen lang sein (er hat {2})',
      'duration must be at most {0} seconds ({1}); {2} is too long/{1} says why, e.g. "role chaining caps sessions at 1 hour" or "the STS maximum of 12 hours".': {
        message: 'die Dauer darf höchstens {0} Sekunden sein ({1}); {2} ist zu lang',
        comment: ['{1} says why'],
      },
      'role chaining caps sessions at 1 hour': 'verkettete Rollen sind auf 1 Stunde begrenzt',
      'tag key "{0}" may not start with "aws:"': 'der Tag-Schlüssel „{0}“ darf nicht mit „aws:“ beginnen',
    });
    assert.deepStrictEqual(problems(), [
      'Der Sitzungsname muss 2–64 Zeichen lang sein (er hat 1)',
      'die Dauer darf höchstens 3600 Sekunden sein (verkettete Rollen sind auf 1 Stunde begrenzt); 7200 ist zu lang',
      'der Tag-Schlüssel „aws:x“ darf nicht mit „aws:“ beginnen',
    ]);
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(problems(), [
      'session name must be 2–64 characters long (it is 1)',
      'duration must be at most 3600 seconds (role chaining caps sessions at 1 hour); 7200 is too long',
      'tag key "aws:x" may not start with "aws:"',
    ]);
  });

  it('says why an AWS config file or a token file is not read in the display language', async () => {
    const configError = async () => (await loadAwsFiles({ config: path.join(dir, 'config'), credentials: path.join(dir, 'missing') })).config.error;
    const tokenError = () => readSecretFile(path.join(dir, 'token')).then(() => 'read', (e: Error) => e.message);
    useDisplayLanguageForCoreWords({
      'it is saved as UTF-16, and the AWS CLI and SDKs read only UTF-8: save it again as UTF-8': 'sie ist als UTF-16 gespeichert; speichern Sie sie als UTF-8',
      '{0}: it is {1}, larger than any STS token or assertion': '{0}: {1}, größer als jedes STS-Token',
      '{0} KB': '{0} KByte',
    });
    assert.strictEqual(await configError(), 'sie ist als UTF-16 gespeichert; speichern Sie sie als UTF-8');
    assert.strictEqual(await tokenError(), `${path.join(dir, 'token')}: 293 KByte, größer als jedes STS-Token`);
    useDisplayLanguageForCoreWords();
    assert.strictEqual(await configError(), 'it is saved as UTF-16, and the AWS CLI and SDKs read only UTF-8: save it again as UTF-8');
    assert.strictEqual(await tokenError(), `${path.join(dir, 'token')}: it is 293 KB, larger than any STS token or assertion`);
  });

  it('says why a value cannot be copied as a shell line, and why an IAM Identity Center sign-in stopped, in the display language', () => {
    const refusal = () => {
      try {
        return setLine('AWS_SESSION_TOKEN', 'a%b', 'cmd');
      } catch (e) {
        return (e as Error).message;
      }
    };
    const stopped = () => afterPollError({ intervalSeconds: 5, expiresAt: 0 }, 'weird_error', 0);
    useDisplayLanguageForCoreWords({
      '{0} cannot be written safely as a {1} line: it contains the character {2}, which cmd expands or uses to end a quote. Copy the lines for another shell, or use a credential terminal.':
        '{0} lässt sich nicht sicher als {1}-Zeile schreiben: das Zeichen {2} wird von cmd ersetzt.',
      'IAM Identity Center refused the sign-in ({0}). Sign in again; if it keeps failing, check the start URL and region of the sso-session.': 'IAM Identity Center hat die Anmeldung abgelehnt ({0}).',
    });
    assert.strictEqual(refusal(), 'AWS_SESSION_TOKEN lässt sich nicht sicher als cmd-Zeile schreiben: das Zeichen % wird von cmd ersetzt.');
    assert.deepStrictEqual(stopped(), { kind: 'fail', message: 'IAM Identity Center hat die Anmeldung abgelehnt (weird_error).' });
    useDisplayLanguageForCoreWords();
    assert.strictEqual(refusal(), 'AWS_SESSION_TOKEN cannot be written safely as a cmd line: it contains the character %, which cmd expands or uses to end a quote. Copy the lines for another shell, or use a credential terminal.');
    assert.deepStrictEqual(stopped(), { kind: 'fail', message: 'IAM Identity Center refused the sign-in (weird_error). Sign in again; if it keeps failing, check the start URL and region of the sso-session.' });
  });
});
