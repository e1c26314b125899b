// The explanation of a decoded authorization message is built in src/core/authz (no vscode): in the editor its
// words follow VS Code's bundle for the display language, values and Markdown escaping in place, and stay English without one.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeDecodeFailure } from '../../src/core/authz/decodeErrors';
import { explainDecodedMessage, type AuthorizationExplanation } from '../../src/core/authz/explain';
import { renderExplanationMarkdown, renderExplanationText } from '../../src/core/authz/render';
import type { StatedDenial } from '../../src/core/authz/statedDenial';
import { decodedHoverMarkdown } from '../../src/vscode/authz/providers';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';
import { bundleKey } from '../unit/l10n/bundleKeys';

/** A region guardrail's explicit deny, unprefixed action, a Sid with Markdown characters in it. */
const DECODED = {
  allowed: false,
  explicitDeny: true,
  matchedStatements: { items: [{ statementId: 'Deny_Outside*Regions', effect: 'DENY', actions: { items: [{ value: 'ec2:*' }] }, resources: { items: [{ value: '*' }] }, conditions: { items: [{ key: 'aws:RequestedRegion', values: { items: [{ value: 'eu-west-1' }] } }] } }] },
  failures: { items: [] },
  context: {
    principal: { id: 'AROAEXAMPLE:alice', arn: 'arn:aws:sts::111122223333:assumed-role/PowerUser/alice' },
    action: 'CreateVpc',
    resource: 'arn:aws:ec2:ap-southeast-2:111122223333:vpc/*',
    conditions: { items: [{ key: 'aws:RequestedRegion', values: { items: [{ value: 'ap-southeast-2' }] } }] },
  },
};
const STATED: StatedDenial = { start: 0, end: 1, principal: 'arn:aws:sts::111122223333:assumed-role/PowerUser/alice', action: 'ec2:CreateVpc', kind: 'explicit', policyType: 'service control policy' };
const UNREACHABLE = { identity: 'dev', region: 'eu-west-1', timeoutSeconds: 15, code: 'ENOTFOUND' };

function explain(): AuthorizationExplanation {
  const r = explainDecodedMessage(JSON.stringify(DECODED), STATED);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.explanation;
}

describe('words of decoded authorization message explanations in the editor', () => {
  afterEach(() => useDisplayLanguageForCoreWords());

  it('counts the request context\'s keys with the display language\'s singular, and English says "1 key"', () => {
    useDisplayLanguageForCoreWords({ 'Request context ({0} key)': 'Anfragekontext ({0} Schlüssel)', 'Request context ({0} keys)': 'Anfragekontext ({0} Schlüssel, mehrere)' });
    assert.match(renderExplanationText(explain()).text, /^## Anfragekontext \(1 Schlüssel\)$/m);
    useDisplayLanguageForCoreWords();
    assert.match(renderExplanationText(explain()).text, /^## Request context \(1 key\)$/m);
  });

  it('takes the explanation\'s words from the display language\'s bundle, with the request\'s values in place and escaped as before', () => {
    useDisplayLanguageForCoreWords({
      [bundleKey('DENIED {0} on {1} — explicit deny by {2}')]: 'VERWEIGERT {0} auf {1} — ausdrückliche Verweigerung durch {2}',
      'statement {0}': 'Anweisung {0}',
      'Explicitly denied': 'Ausdrücklich verweigert',
      Principal: 'Prinzipal',
      Action: 'Aktion',
      '(prefix restored from the {0})': '(Präfix aus dem {0} ergänzt)',
      'resource ARN': 'Ressourcen-ARN',
      'statement {0} on {1} when {2}': 'Anweisung {0} für {1}, wenn {2}',
      'Context key': 'Kontextschlüssel',
      Value: 'Wert',
      'The deny depends on {0}; this request had {0} = {1}.': 'Das Deny hängt von {0} ab; diese Anfrage hatte {1}.',
      'Authorization failure: {0}': 'Autorisierungsfehler: {0}',
      Request: 'Anfrage',
      Verdict: 'Urteil',
      'Could not reach STS in {0} ({1}). Check the endpoint_url of {2}, the stsLens.sts.endpoint setting and the network, then retry.': 'STS in {0} nicht erreichbar ({1}). Prüfen Sie endpoint_url von {2}.',
    });
    const ex = explain();
    assert.strictEqual(ex.summary, 'VERWEIGERT ec2:CreateVpc auf vpc/* — ausdrückliche Verweigerung durch Anweisung Deny_Outside*Regions');
    assert.ok(ex.advice.includes('Das Deny hängt von aws:RequestedRegion ab; diese Anfrage hatte ap-southeast-2.'), ex.advice.join('\n'));

    const hover = decodedHoverMarkdown({ id: 7, explanation: ex, decodedAs: 'dev' });
    const lines = hover.split('\n');
    assert.strictEqual(lines[0], '**Ausdrücklich verweigert**: VERWEIGERT ec2:CreateVpc auf vpc/\\* — ausdrückliche Verweigerung durch Anweisung Deny\\_Outside\\*Regions');
    assert.ok(lines.includes('- **Prinzipal**: `arn:aws:sts::111122223333:assumed-role/PowerUser/alice`'), hover);
    assert.ok(lines.includes('- **Aktion**: `ec2:CreateVpc` (Präfix aus dem Ressourcen-ARN ergänzt)'), hover);
    assert.ok(lines.includes('- **Deny** Anweisung `Deny_Outside*Regions` für `ec2:*`, wenn `aws:RequestedRegion=eu-west-1`'), hover);
    assert.ok(lines.includes('| Kontextschlüssel | Wert |'), hover);
    // Words without a translation stay English.
    assert.ok(lines.includes('- **Policy**: explicit deny in a service control policy (from the error text)'), hover);

    const text = renderExplanationText(ex).text.split('\n');
    assert.deepStrictEqual(text.slice(0, 6), ['# Autorisierungsfehler: Ausdrücklich verweigert', '', 'VERWEIGERT ec2:CreateVpc auf vpc/* — ausdrückliche Verweigerung durch Anweisung Deny_Outside*Regions', '', '## Anfrage', 'Urteil      Ausdrücklich verweigert']);
    assert.strictEqual(text[6], 'Prinzipal   arn:aws:sts::111122223333:assumed-role/PowerUser/alice');

    assert.strictEqual(describeDecodeFailure('unreachable', UNREACHABLE).message, 'STS in eu-west-1 nicht erreichbar (ENOTFOUND). Prüfen Sie endpoint_url von dev.');
  });

  it('reads English in VS Code\'s English, where there is no bundle', () => {
    assert.strictEqual(vscode.l10n.bundle, undefined, 'the test host runs in English');
    useDisplayLanguageForCoreWords();
    const ex = explain();
    assert.strictEqual(ex.summary, 'DENIED ec2:CreateVpc on vpc/* — explicit deny by statement Deny_Outside*Regions');
    assert.deepStrictEqual(ex.advice, [
      'An explicit Deny wins over every Allow, so adding permissions will not help.',
      "AWS's error says the explicit deny is in a service control policy: look in the organization's service control policies; they are managed in AWS Organizations by the management account or a delegated administrator.",
      'The deny depends on aws:RequestedRegion; this request had aws:RequestedRegion = ap-southeast-2.',
    ]);
    assert.strictEqual(renderExplanationMarkdown(ex), [
      '**Explicitly denied**: DENIED ec2:CreateVpc on vpc/\\* — explicit deny by statement Deny\\_Outside\\*Regions',
      '',
      '- **Principal**: `arn:aws:sts::111122223333:assumed-role/PowerUser/alice`',
      '- **Action**: `ec2:CreateVpc` (prefix restored from the resource ARN)',
      '- **Resource**: `arn:aws:ec2:ap-southeast-2:111122223333:vpc/*`',
      '- **Policy**: explicit deny in a service control policy (from the error text)',
      '- **Deny** statement `Deny_Outside*Regions` on `ec2:*` when `aws:RequestedRegion=eu-west-1`',
      '',
      '| Context key | Value |',
      '|---|---|',
      '| `aws:RequestedRegion` | ap-southeast-2 |',
      '',
      ...ex.advice.map((a) => `- ${a}`),
    ].join('\n'));
    assert.deepStrictEqual(renderExplanationText(ex).text.split('\n').slice(0, 11), [
      '# Authorization failure: Explicitly denied',
      '',
      'DENIED ec2:CreateVpc on vpc/* — explicit deny by statement Deny_Outside*Regions',
      '',
      '## Request',
      'Verdict     Explicitly denied',
      'Principal   arn:aws:sts::111122223333:assumed-role/PowerUser/alice',
      '            role PowerUser, session alice, account 111122223333, id AROAEXAMPLE:alice',
      'Action      ec2:CreateVpc   (service prefix "ec2" restored from the resource ARN; the message said "CreateVpc")',
      'Resource    arn:aws:ec2:ap-southeast-2:111122223333:vpc/*',
      'Policy      explicit deny in a service control policy (from the error text)',
    ]);
    assert.strictEqual(describeDecodeFailure('unreachable', UNREACHABLE).message, 'Could not reach STS in eu-west-1 (ENOTFOUND). Check the endpoint_url of dev, the stsLens.sts.endpoint setting and the network, then retry.');
  });
});
