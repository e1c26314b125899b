// The policy editor's CodeLens titles and summaries are built in src/core and go through @vscode/l10n:
// with a bundle for the display language they read translated, with their counts and names in place,
// and without one they read the English they always did.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { statementLensTitle, summarizeStatements, summarizeTrust, trustLensTitle } from '../../src/core/policy/insight';
import { createIamCatalog } from '../../src/node/iamData';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';

const IDENTITY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'ReadReports', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'], Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root', Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

function statement() {
  const handle = createIamCatalog();
  handle.ensureServicesSync(new Set(['s3']));
  return summarizeStatements(IDENTITY, handle.catalog)[0];
}

describe('CodeLens words of the policy editor in the display language', () => {
  afterEach(() => useDisplayLanguageForCoreWords());

  it('takes the titles and summaries from the bundle, with counts, principals and the Sid in place', () => {
    useDisplayLanguageForCoreWords({
      '{0}: {1}': '{0} → {1}',
      'Allows {0}': 'Erlaubt {0}',
      '{0} actions': '{0} Aktionen',
      '{0} actions ({1})': '{0} Aktionen ({1})',
      '{0} write': '{0} Schreiben',
      '{0} read': '{0} Lesen',
      '{0} list': '{0} Auflisten',
      '{0} on {1} resources': '{0} auf {1} Ressourcen',
      '{0} · {1} condition': '{0} · {1} Bedingung',
      'account {0}': 'Konto {0}',
      'service {0}': 'Dienst {0}',
      '{0} (no condition)': '{0} (ohne Bedingung)',
      'Can be assumed by {0}': 'Übernehmbar durch {0}',
    });
    const s = statement();
    assert.strictEqual(statementLensTitle(s), 'ReadReports → Erlaubt 3 Aktionen · 1 Bedingung');
    assert.strictEqual(s.text, 'Erlaubt 3 Aktionen (1 Schreiben, 1 Lesen, 1 Auflisten) auf 2 Ressourcen · 1 Bedingung');
    const trust = summarizeTrust(TRUST);
    assert.strictEqual(trust.text, 'Übernehmbar durch Konto 111122223333 (ohne Bedingung), Dienst ec2.amazonaws.com (ohne Bedingung)');
    assert.ok(trustLensTitle(trust).length <= 60);
  });

  it('reads English in VS Code\'s English, where there is no bundle', () => {
    assert.strictEqual(vscode.l10n.bundle, undefined, 'the test host runs in English');
    useDisplayLanguageForCoreWords();
    const s = statement();
    assert.strictEqual(statementLensTitle(s), 'ReadReports: Allows 3 actions · 1 condition');
    assert.strictEqual(s.text, 'Allows 3 actions (1 write, 1 read, 1 list) on 2 resources · 1 condition');
    const trust = summarizeTrust(TRUST);
    assert.strictEqual(trust.text, 'Can be assumed by account 111122223333 (no condition), service ec2.amazonaws.com (no condition)');
    assert.strictEqual(trustLensTitle(trust), 'Can be assumed by 2 principals (2 with no condition)');
  });
});
