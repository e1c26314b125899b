// Why an IAM Identity Center sign-in or the console cannot go on, the page the browser shows after a
// sign-in and what the AWS CLI prints in a credential terminal when a refresh fails are built outside
// src/vscode (src/core, src/node): in the editor they follow VS Code's bundle for the display language,
// with their values in place, and read exactly as before without one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { destinationUrl } from '../../src/core/console/federation';
import { overwriteRefusal, readTokenFile, type SignInKey } from '../../src/core/sso/cacheFiles';
import { planProfiles, templateProblems } from '../../src/core/sso/profileEntries';
import { refreshFailedBody } from '../../src/node/credentialServer';
import { startLoopbackRedirect } from '../../src/node/loopbackRedirect';
import { readCacheFile } from '../../src/node/ssoCacheFiles';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';

const KEY: SignInKey = { sessionName: 'sandbox', startUrl: 'https://example.awsapps.com/start', region: 'eu-west-1' };

/** The browser's visit to the loopback redirect: the page it shows, and what the sign-in got. */
async function redirectOnce(query: string, language?: string): Promise<{ page: string; outcome: string }> {
  const redirect = await startLoopbackRedirect('s1', 30_000, language);
  const page = await (await fetch(`${redirect.redirectUri}?state=s1&${query}`)).text();
  const outcome = await redirect.code.then((code) => `code ${code}`, (e: Error) => `error: ${e.message}`);
  return { page, outcome };
}

describe('words of an IAM Identity Center sign-in and the console in the editor', function () {
  this.timeout(30_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-sign-in-words-'));
    fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => useDisplayLanguageForCoreWords());

  const noConsole = (): string => {
    try {
      destinationUrl({ kind: 'home' }, 'aws-iso', 'us-iso-east-1');
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  const cacheWords = () => [
    overwriteRefusal(readTokenFile('{', KEY), '/home/ana/.aws/sso/cache/a.json'),
    overwriteRefusal(readTokenFile(JSON.stringify({ startUrl: 'https://other.awsapps.com/start', accessToken: 't', expiresAt: '2030-01-01T00:00:00Z' }), KEY), '/home/ana/.aws/sso/cache/a.json'),
  ];
  const templateWords = () => [
    ...templateProblems('{account}-{role}'),
    ...planProfiles([{ accountId: '111122223333', accountName: 'Dev', roleName: 'Admin' }], { template: '{account_name}-{role_name}', ssoSession: 'sandbox', region: 'eu-west-1', existing: new Set(['Dev-Admin']) }).entries.map((e) => e.skipped),
  ];

  it('says why the console cannot be opened and why a cache file is not overwritten in the display language, with the values in place', () => {
    useDisplayLanguageForCoreWords({
      "the {0} partition has no AWS Management Console that STS Lens can sign in to through the public federation endpoint. Use your organization's console access for that partition.":
        'die Partition {0} hat keine AWS-Konsole, bei der STS Lens sich anmelden kann.',
      '{0} is in the SSO cache but is not a sign-in STS Lens can read ({1}). STS Lens does not overwrite it: move it aside (or delete it if you know it is stale) and sign in again.':
        '{0} liegt im SSO-Cache, ist aber keine lesbare Anmeldung ({1}).',
      'it is not JSON': 'es ist kein JSON',
      '{0} holds a sign-in for another start URL ({1}). STS Lens does not overwrite it: sign out of that one first, or move the file aside.':
        '{0} enthält eine Anmeldung für eine andere Start-URL ({1}).',
    });
    assert.strictEqual(noConsole(), 'die Partition aws-iso hat keine AWS-Konsole, bei der STS Lens sich anmelden kann.');
    assert.deepStrictEqual(cacheWords(), [
      '/home/ana/.aws/sso/cache/a.json liegt im SSO-Cache, ist aber keine lesbare Anmeldung (es ist kein JSON).',
      '/home/ana/.aws/sso/cache/a.json enthält eine Anmeldung für eine andere Start-URL (https://other.awsapps.com/start).',
    ]);

    useDisplayLanguageForCoreWords();
    assert.strictEqual(noConsole(), "the aws-iso partition has no AWS Management Console that STS Lens can sign in to through the public federation endpoint. Use your organization's console access for that partition.");
    assert.deepStrictEqual(cacheWords(), [
      '/home/ana/.aws/sso/cache/a.json is in the SSO cache but is not a sign-in STS Lens can read (it is not JSON). STS Lens does not overwrite it: move it aside (or delete it if you know it is stale) and sign in again.',
      '/home/ana/.aws/sso/cache/a.json holds a sign-in for another start URL (https://other.awsapps.com/start). STS Lens does not overwrite it: sign out of that one first, or move the file aside.',
    ]);
  });

  it('says what is wrong with a profile name template, and why a profile is not added, in the display language', () => {
    useDisplayLanguageForCoreWords({
      '{0} is not a field; use {1}': '{0} ist kein Feld; verwenden Sie {1}',
      'the template must contain {0}, or every role of an account gets the same name': 'die Vorlage muss {0} enthalten',
      'the template must contain {0} or {1}, or the same role in two accounts gets the same name': 'die Vorlage muss {0} oder {1} enthalten',
      'a profile with this name exists and is left as it is': 'ein Profil dieses Namens existiert und bleibt unverändert',
    });
    assert.deepStrictEqual(templateWords(), [
      '{account} ist kein Feld; verwenden Sie {account_name}, {account_id}, {role_name}, {sso_session}',
      '{role} ist kein Feld; verwenden Sie {account_name}, {account_id}, {role_name}, {sso_session}',
      'die Vorlage muss {role_name} enthalten',
      'die Vorlage muss {account_name} oder {account_id} enthalten',
      'ein Profil dieses Namens existiert und bleibt unverändert',
    ]);

    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(templateWords(), [
      '{account} is not a field; use {account_name}, {account_id}, {role_name}, {sso_session}',
      '{role} is not a field; use {account_name}, {account_id}, {role_name}, {sso_session}',
      'the template must contain {role_name}, or every role of an account gets the same name',
      'the template must contain {account_name} or {account_id}, or the same role in two accounts gets the same name',
      'a profile with this name exists and is left as it is',
    ]);
  });

  it('shows the page after a browser sign-in in the display language, and says why the sign-in did not complete', async () => {
    useDisplayLanguageForCoreWords({
      'Signed in': 'Angemeldet',
      'STS Lens received the sign-in. You can close this tab and return to VS Code.': 'STS Lens hat die Anmeldung erhalten. Sie können diesen Tab schließen.',
      'Sign-in not completed': 'Anmeldung nicht abgeschlossen',
      'Return to VS Code to try again.': 'Kehren Sie zu VS Code zurück, um es erneut zu versuchen.',
      'the sign-in was denied in the browser': 'die Anmeldung wurde im Browser abgelehnt',
      'the browser sign-in failed: {0} ({1})': 'die Anmeldung im Browser ist fehlgeschlagen: {0} ({1})',
    });
    const signedIn = await redirectOnce('code=c1', 'de');
    assert.match(signedIn.page, /^<!doctype html><html lang="de">.*<title>Angemeldet<\/title>.*<p>STS Lens hat die Anmeldung erhalten\. Sie können diesen Tab schließen\.<\/p>/);
    assert.strictEqual(signedIn.outcome, 'code c1');
    const denied = await redirectOnce('error=access_denied', 'de');
    assert.match(denied.page, /<h1>Anmeldung nicht abgeschlossen<\/h1><p>Kehren Sie zu VS Code zurück, um es erneut zu versuchen\.<\/p>/);
    assert.strictEqual(denied.outcome, 'error: die Anmeldung wurde im Browser abgelehnt');
    assert.strictEqual((await redirectOnce('error=server_error&error_description=try%20later', 'de')).outcome, 'error: die Anmeldung im Browser ist fehlgeschlagen: server_error (try later)');

    useDisplayLanguageForCoreWords();
    const english = await redirectOnce('code=c2');
    assert.strictEqual(english.page, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed in</title></head><body style="font:16px system-ui,sans-serif;max-width:34rem;margin:4rem auto"><h1>Signed in</h1><p>STS Lens received the sign-in. You can close this tab and return to VS Code.</p></body></html>');
    assert.strictEqual((await redirectOnce('error=access_denied')).outcome, 'error: the sign-in was denied in the browser');
    assert.strictEqual((await redirectOnce('error=server_error&error_description=try%20later')).outcome, 'error: the browser sign-in failed: server_error (try later)');
    assert.strictEqual((await redirectOnce('error=server_error')).outcome, 'error: the browser sign-in failed: server_error');
  });

  it('answers a failed refresh in a credential terminal, and says why a cache file cannot be read, in the display language', async () => {
    const unreadable = path.join(dir, 'not-a-folder');
    const readError = () => readCacheFile(unreadable, 'a.json').then(() => 'read', (e: Error) => e.message);
    useDisplayLanguageForCoreWords({
      'STS Lens could not refresh the session. See the STS Lens log in VS Code.': 'STS Lens konnte die Sitzung nicht erneuern. Siehe das STS-Lens-Protokoll in VS Code.',
      '{0} could not be read: {1}': '{0} konnte nicht gelesen werden: {1}',
      'a part of the path before its last name is a file, not a folder': 'ein Teil des Pfads vor dem letzten Namen ist eine Datei, kein Ordner',
    });
    assert.deepStrictEqual(refreshFailedBody(), { code: 'CredentialsUnavailable', message: 'STS Lens konnte die Sitzung nicht erneuern. Siehe das STS-Lens-Protokoll in VS Code.' });
    assert.strictEqual(await readError(), `${path.join(unreadable, 'a.json')} konnte nicht gelesen werden: ein Teil des Pfads vor dem letzten Namen ist eine Datei, kein Ordner`);

    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(refreshFailedBody(), { code: 'CredentialsUnavailable', message: 'STS Lens could not refresh the session. See the STS Lens log in VS Code.' });
    assert.strictEqual(await readError(), `${path.join(unreadable, 'a.json')} could not be read: a part of the path before its last name is a file, not a folder`);
  });
});
