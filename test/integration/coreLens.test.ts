// The policy editor's CodeLens titles and summaries are built in src/core and go through @vscode/l10n:
// with a bundle for the display language they read translated, with their counts and names in place,
// and without one they read the English they always did.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { assumers, diffAccess, readAccess, renderAccessDocument, type FileDiff } from '../../src/core/evaluation/access';
import { hoverAt, statementLensTitle, summarizeStatements, summarizeTrust, trustLensTitle } from '../../src/core/policy/insight';
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

function catalog() {
  const handle = createIamCatalog();
  handle.ensureServicesSync(new Set(['s3', 'sts']));
  return handle.catalog;
}

function statement() {
  return summarizeStatements(IDENTITY, catalog())[0];
}

/** The identity policy at HEAD: one action fewer, without the condition. */
const BASE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] }] });
const TRUST_BASE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc', 'aws:PrincipalAccount': '111122223333' } } }] });

function accessDocument(): string {
  const c = catalog();
  const f: FileDiff = { file: 'policy.json', base: 'HEAD', policyType: 'IDENTITY_POLICY', diff: diffAccess(readAccess(BASE, 'IDENTITY_POLICY', c), readAccess(IDENTITY, 'IDENTITY_POLICY', c)) };
  return renderAccessDocument(f).text;
}

function trustDocument(): string {
  const c = catalog();
  const [base, next] = [readAccess(TRUST_BASE, 'TRUST_POLICY', c), readAccess(TRUST, 'TRUST_POLICY', c)];
  const f: FileDiff = { file: 'trust.json', base: 'HEAD', policyType: 'TRUST_POLICY', diff: diffAccess(base, next) };
  return renderAccessDocument(f, { now: assumers(next), before: assumers(base) }).text;
}

describe('CodeLens words of the policy editor in the display language', () => {
  afterEach(() => useDisplayLanguageForCoreWords());

  it('takes the titles and summaries from the bundle, with counts, principals and the Sid in place', () => {
    useDisplayLanguageForCoreWords({
      // The key of a template with a translator's comment is the template, a slash and the comment.
      '{0}: {1}/A CodeLens title: {0} is a statement\'s Sid or name, {1} what the statement does, e.g. "ReadLogs: Allows 2 actions".': '{0} → {1}',
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

  it('takes the access diff\'s words from the bundle, with actions, statements and conditions in place', () => {
    useDisplayLanguageForCoreWords({
      'Access of {0} since {1}: {2}': 'Zugriff von {0} seit {1}: {2}',
      '+{0} action': '+{0} Aktion',
      '{0}, \u2212{1}': '{0}, \u2212{1} entfernt',
      'Removed ({0} actions)': 'Entfernt ({0} Aktionen)',
      'statement {0}, line {1} at {2}': 'Anweisung {0}, Zeile {1} in {2}',
      'now only if {0}': 'jetzt nur wenn {0}',
      'Added ({0} action)': 'Hinzugefügt ({0} Aktion)',
      '{0} \u2014 {1} action': '{0} \u2014 {1} Aktion',
      'on {0}': 'auf {0}',
      'statement {0}, line {1}': 'Anweisung {0}, Zeile {1}',
      'if {0}': 'wenn {0}',
      'anyone (*)': 'jeder (*)',
      '{0} \u2014 {1} if {2}': '{0} \u2014 {1} wenn {2}',
      '{0} and {1}/Joins the conditions of a policy as written, e.g. "StringEquals aws:SourceVpce vpce-1 and Bool aws:SecureTransport true"; {0} may already join several.': '{0} und {1}',
      'Who can assume this role now:': 'Wer diese Rolle jetzt übernehmen kann:',
    });
    const text = accessDocument().split('\n');
    assert.strictEqual(text[0], 'Zugriff von policy.json seit HEAD: +1 Aktion, -2 entfernt');
    assert.ok(text.includes('Hinzugefügt (1 Aktion)'), text.join('\n'));
    assert.ok(text.includes('  s3 \u2014 1 Aktion'), text.join('\n'));
    assert.ok(text.some((l) => /^ {4}\+ auf arn:aws:s3:::reports/.test(l)), text.join('\n'));
    assert.ok(text.includes('        s3:PutObject  \u2190 Anweisung "ReadReports", Zeile 1; wenn Bool aws:SecureTransport true'), text.join('\n'));
    assert.ok(text.includes('Entfernt (2 Aktionen)'), text.join('\n'));
    assert.ok(text.includes('        s3:GetObject  \u2190 Anweisung #1, Zeile 1 in HEAD; jetzt nur wenn Bool aws:SecureTransport true'), text.join('\n'));
    const trust = trustDocument().split('\n');
    assert.ok(trust.includes('Wer diese Rolle jetzt übernehmen kann:'), trust.join('\n'));
    assert.ok(trust.includes('  jeder (*) \u2014 sts:AssumeRole wenn StringEquals aws:PrincipalOrgID o-abc und StringEquals aws:PrincipalAccount 111122223333'), trust.join('\n'));
  });

  it('reads the access diff in English where there is no bundle', () => {
    useDisplayLanguageForCoreWords();
    const text = accessDocument().split('\n');
    assert.strictEqual(text[0], 'Access of policy.json since HEAD: +1 action, -2');
    assert.strictEqual(text[1], 'Identity policy. Each action leads to the statement that causes the change; + is added access, - removed.');
    assert.ok(text.includes('Added (1 action)'), text.join('\n'));
    assert.ok(text.includes('        s3:PutObject  \u2190 statement "ReadReports", line 1; if Bool aws:SecureTransport true'), text.join('\n'));
    assert.ok(text.includes('Removed (2 actions)'), text.join('\n'));
    assert.ok(text.includes('        s3:GetObject  \u2190 statement #1, line 1 at HEAD; now only if Bool aws:SecureTransport true'), text.join('\n'));
    const trust = trustDocument().split('\n');
    assert.ok(trust.includes('  anyone (*) \u2014 sts:AssumeRole if StringEquals aws:PrincipalOrgID o-abc and StringEquals aws:PrincipalAccount 111122223333'), trust.join('\n'));
  });

  it('takes the hovers\' words from the bundle, with names and counts in place, and reads English without one', () => {
    const c = catalog();
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*', Principal: { AWS: '111122223333' } }] });
    const hoverOf = (needle: string, text = policy) => hoverAt(text, text.indexOf(needle) + 1, c)?.markdown ?? '';
    const conditioned = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringLikeIfExists: { 's3:prefix': 'home/*' } } }] });
    useDisplayLanguageForCoreWords({
      '**{0}** matches {1} actions ({2})': '**{0}** passt auf {1} Aktionen ({2})',
      '{0} read': '{0} Lesen',
      '- … and {0} more': '- … und {0} weitere',
      '**{0} principal**': '**{0}-Prinzipal**',
      'account {0}': 'Konto {0}',
      'Account {0}: any principal in that account whose own identity policy allows the action.': 'Konto {0}: jeder Prinzipal dieses Kontos, dem seine eigene Richtlinie die Aktion erlaubt.',
      '**{0}**: condition operator ({1})': '**{0}**: Bedingungsoperator ({1})',
      'Case-sensitive match with `*` and `?` wildcards anywhere in the value.': 'Vergleich mit `*` und `?`, Groß- und Kleinschreibung zählt.',
    });
    assert.match(hoverOf('StringLikeIfExists', conditioned), /^\*\*StringLikeIfExists\*\*: Bedingungsoperator \(String\)\n\nVergleich mit `\*` und `\?`, Groß- und Kleinschreibung zählt\.\n\n`\.\.\.IfExists`: when the key/);
    const wildcard = hoverOf('s3:Get*');
    assert.match(wildcard, /^\*\*s3:Get\\\*\*\* passt auf \d+ Aktionen \(\d+ Lesen/);
    assert.match(wildcard, /\n- … und \d+ weitere$/);
    assert.strictEqual(hoverOf('111122223333'), '**AWS-Prinzipal** · Konto 111122223333\n\nKonto 111122223333: jeder Prinzipal dieses Kontos, dem seine eigene Richtlinie die Aktion erlaubt.');
    useDisplayLanguageForCoreWords();
    assert.match(hoverOf('StringLikeIfExists', conditioned), /^\*\*StringLikeIfExists\*\*: condition operator \(String\)\n\nCase-sensitive match with `\*` and `\?` wildcards anywhere in the value\.\n\n/);
    assert.match(hoverOf('s3:Get*'), /^\*\*s3:Get\\\*\*\* matches \d+ actions \(\d+ read/);
    assert.strictEqual(hoverOf('111122223333'), '**AWS principal** · account 111122223333\n\nAccount 111122223333: any principal in that account whose own identity policy allows the action.');
  });

  it('says why the access diff cannot read a policy in the display language, and in English without a bundle', () => {
    const errors = () => ['[1]', '{"Version": "2012-10-17"}', '{"Statement": ['].map((text) => readAccess(text, 'IDENTITY_POLICY', catalog()).error);
    useDisplayLanguageForCoreWords({
      'a policy must be a JSON object': 'eine Richtlinie muss ein JSON-Objekt sein',
      'the policy has no Statement element': 'die Richtlinie hat kein Statement-Element',
      'the document is not valid JSON ({0} at line {1}, column {2})': 'das Dokument ist kein gültiges JSON ({0} in Zeile {1}, Spalte {2})',
      'closing bracket expected': 'schließende eckige Klammer erwartet',
    });
    const german = errors();
    assert.deepStrictEqual(german.slice(0, 2), ['eine Richtlinie muss ein JSON-Objekt sein', 'die Richtlinie hat kein Statement-Element']);
    assert.strictEqual(german[2], 'das Dokument ist kein gültiges JSON (schließende eckige Klammer erwartet in Zeile 1, Spalte 16)');
    useDisplayLanguageForCoreWords();
    const english = errors();
    assert.deepStrictEqual(english.slice(0, 2), ['a policy must be a JSON object', 'the policy has no Statement element']);
    assert.strictEqual(english[2], 'the document is not valid JSON (closing bracket expected at line 1, column 16)');
  });
});
