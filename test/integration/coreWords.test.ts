// Words built in src/core (no vscode) go through @vscode/l10n: in the editor they follow VS Code's bundle for
// the display language, and stay English without one, as in the command line.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { endpointVerdict } from '../../src/core/profiles/endpointTrust';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';

describe('words of core modules in the editor', () => {
  afterEach(() => useDisplayLanguageForCoreWords());

  it('takes a translation from the display language\'s bundle, with its values in place', () => {
    useDisplayLanguageForCoreWords({
      "Send AWS credentials to {0}? It is {1}, and it was set by {2}. Allow it only if you trust this workspace's author with your AWS session.":
        'AWS-Anmeldedaten an {0} senden? Es ist {1}, gesetzt von {2}.',
      'not an AWS endpoint': 'kein AWS-Endpunkt',
      "a workspace folder's settings (stsLens.sts.endpoint in its .vscode/settings.json)": 'den Einstellungen eines Arbeitsbereichsordners',
    });
    const verdict = endpointVerdict('https://api.example.com', 'folderSettings');
    assert.deepStrictEqual(verdict, { kind: 'confirm', message: 'AWS-Anmeldedaten an https://api.example.com/ senden? Es ist kein AWS-Endpunkt, gesetzt von den Einstellungen eines Arbeitsbereichsordners.' });
  });

  it('reads English in VS Code\'s English, where there is no bundle', () => {
    assert.strictEqual(vscode.l10n.bundle, undefined, 'the test host runs in English');
    useDisplayLanguageForCoreWords();
    const verdict = endpointVerdict('https://api.example.com', 'workspaceSettings');
    assert.strictEqual(verdict.kind, 'confirm');
    assert.strictEqual(
      verdict.kind === 'confirm' && verdict.message,
      "Send AWS credentials to https://api.example.com/? It is not an AWS endpoint, and it was set by this workspace's settings (stsLens.sts.endpoint in .vscode/settings.json or the .code-workspace file). Allow it only if you trust this workspace's author with your AWS session.",
    );
  });
});
