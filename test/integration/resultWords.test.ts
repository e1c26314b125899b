// The words of Evaluation Results and policy test results, built in src/core, follow VS Code's display
// language through @vscode/l10n, with their values in place; without a bundle they read as before.
import * as assert from 'assert';
import { resultDocument, resultSummary } from '../../src/core/debugging/resultText';
import { resultTree } from '../../src/core/debugging/resultTree';
import { disagreementHeadline, disagreementWithDecoded } from '../../src/core/debugging/decodedRequest';
import { principalProblem } from '../../src/core/debugging/scenarioRun';
import { parseScenario, parseScenarioTree } from '../../src/core/evaluation/scenario';
import { evaluate } from '../../src/core/evaluation';
import { unsentKeysText } from '../../src/core/evaluation/unsentKeys';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';

const scp = '{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideUsEast1","Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}]}';
const allowAll = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/a.csv', context: { 'aws:RequestedRegion': 'eu-west-1' } };
// A policy of its own: statements that miss the action keep their explanation per policy text.
const regionOnly = '{"Version":"2012-10-17","Statement":[{"Sid":"OnlyUsEast1","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}';
const absentRegion = () => evaluate({ request: { ...request, context: {} }, identityPolicies: [{ name: 'region-only.json', text: regionOnly }] });
const denied = () => evaluate({ request, identityPolicies: [{ name: 'allow-all.json', text: allowAll }], serviceControlPolicies: [[{ name: 'guardrail.json', text: scp }]] });

describe('words of evaluation results in the editor', () => {
  afterEach(() => useDisplayLanguageForCoreWords());

  it('takes the results\' words from the display language\'s bundle, with their values in place', () => {
    useDisplayLanguageForCoreWords({
      'EXPLICITLY DENIED': 'AUSDRÜCKLICH VERWEIGERT',
      'Decided by': 'Entschieden durch',
      '{0} statement {1} in {2} ({3}, level {4})': '{0}-Anweisung {1} in {2} ({3}, Ebene {4})',
      SCP: 'SCP',
      '{0}: {1} on {2} by {3}': '{0}: {1} auf {2} durch {3}',
      'Trace:': 'Ablauf:',
    });
    const result = denied();
    const roots = resultTree({ request, result });
    assert.deepStrictEqual(roots.slice(0, 2).map((r) => [r.label, r.description]), [
      ['AUSDRÜCKLICH VERWEIGERT', 's3:GetObject on arn:aws:s3:::bucket/a.csv'],
      ['Entschieden durch', 'Deny-Anweisung "DenyOutsideUsEast1" in guardrail.json (SCP, Ebene 0)'],
    ]);
    assert.strictEqual(resultSummary(request, result), 'AUSDRÜCKLICH VERWEIGERT: s3:GetObject auf arn:aws:s3:::bucket/a.csv durch Deny-Anweisung "DenyOutsideUsEast1" in guardrail.json (SCP, Ebene 0)');
    assert.match(resultDocument(request, result), /^Ablauf:$/m);
  });

  it('says that the policies read now disagree with the decoded message in the display language, the notification\'s headline included', () => {
    useDisplayLanguageForCoreWords({
      'AWS decided {0}; the policies read now give {1}': 'AWS entschied {0}; die jetzt gelesenen Richtlinien ergeben {1}',
      'an explicit deny': 'eine ausdrückliche Verweigerung',
      'allowed': 'erlaubt',
      '{0}. Possible causes: {1}.': '{0}. Mögliche Ursachen: {1}.',
    });
    // The notification shows the headline alone: it is its own text, not the full text cut at English words.
    assert.strictEqual(disagreementHeadline('explicit-deny', 'Allowed'), 'AWS entschied eine ausdrückliche Verweigerung; die jetzt gelesenen Richtlinien ergeben erlaubt');
    assert.match(disagreementWithDecoded('explicit-deny', 'Allowed', 0) ?? '', /^AWS entschied eine ausdrückliche Verweigerung; die jetzt gelesenen Richtlinien ergeben erlaubt\. Mögliche Ursachen: /);
    useDisplayLanguageForCoreWords();
    assert.strictEqual(disagreementHeadline('explicit-deny', 'Allowed'), 'AWS decided an explicit deny; the policies read now give allowed');
    assert.strictEqual(disagreementWithDecoded('explicit-deny', 'Allowed', 0), 'AWS decided an explicit deny; the policies read now give allowed. Possible causes: a session policy passed when the role was assumed (IAM does not keep them); policies changed since the request was made; request context keys that AWS evaluated but the message does not list.');
  });

  it('explains a condition, the reason for a denial and a left-out key in the display language, with their values in place', () => {
    useDisplayLanguageForCoreWords({
      'absent from the request': 'fehlt in der Anfrage',
      '{0} is {1}, so {2} cannot match.': '{0} {1}, also kann {2} nicht zutreffen.',
      'Condition not met: {0}': 'Bedingung nicht erfüllt: {0}',
      'No identity-based policy allows {0} on {1}.': 'Keine identitätsbasierte Richtlinie erlaubt {0} auf {1}.',
      'Left out of the request: {0}. {1} requests never carry this key (the Service Authorization Reference does not list it for the action or its resource types), so AWS would not see it.':
        'Aus der Anfrage entfernt: {0}. {1}-Anfragen tragen diesen Schlüssel nie.',
    });
    const result = absentRegion();
    const statement = result.trace[0].statements[0];
    assert.strictEqual(statement.conditions[0].explanation, 'aws:RequestedRegion fehlt in der Anfrage, also kann StringEquals nicht zutreffen.');
    assert.strictEqual(statement.explanation, 'Bedingung nicht erfüllt: aws:RequestedRegion fehlt in der Anfrage, also kann StringEquals nicht zutreffen.');
    assert.deepStrictEqual(result.reasons, ['Keine identitätsbasierte Richtlinie erlaubt s3:GetObject auf arn:aws:s3:::bucket/a.csv.']);
    assert.strictEqual(unsentKeysText('s3:ListBucket', ['ec2:InstanceType']), 'Aus der Anfrage entfernt: ec2:InstanceType. s3:ListBucket-Anfragen tragen diesen Schlüssel nie.');
  });

  it('says what is wrong with a policy test\'s scenario in the display language, with its values in place', () => {
    useDisplayLanguageForCoreWords({
      '"{0}" must be a string.': '"{0}" muss eine Zeichenkette sein.',
      'request.principal "{0}" is not an ARN: write the caller as arn:aws:iam::ACCOUNT:user/NAME, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, a service principal such as lambda.amazonaws.com, or "anonymous".':
        'request.principal "{0}" ist kein ARN.',
    });
    assert.deepStrictEqual(parseScenario(JSON.stringify({ request, now: 5 }), 'case.json', () => undefined).problems, ['"now" muss eine Zeichenkette sein.']);
    assert.strictEqual(principalProblem('alice'), 'request.principal "alice" ist kein ARN.');
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(parseScenario(JSON.stringify({ request, now: 5 }), 'case.json', () => undefined).problems, ['"now" must be a string.']);
  });

  it('says why a scenario file is not JSON, and how long an inline policy is, in the display language', () => {
    const huge = JSON.stringify({ request, identityPolicies: [{ Version: '2012-10-17', Statement: [], Padding: 'x'.repeat(1024 * 1024) }] });
    useDisplayLanguageForCoreWords({
      'not valid JSON: {0} at line {1}, column {2}.': 'kein gültiges JSON: {0} in Zeile {1}, Spalte {2}.',
      'value expected': 'Wert erwartet',
      "{0}: the inline policy is {1}, over the {2} limit of a policy document; IAM's own limits are a few KB.": '{0}: die Inline-Richtlinie hat {1}, mehr als die {2} eines Richtliniendokuments.',
      '{0} MB': '{0} MByte',
    });
    assert.deepStrictEqual(parseScenarioTree('{"request": }'), { problem: 'kein gültiges JSON: Wert erwartet in Zeile 1, Spalte 13.' });
    assert.deepStrictEqual(parseScenario(huge, 'case.json', () => undefined).problems, ['identityPolicies[0]: die Inline-Richtlinie hat 1.0 MByte, mehr als die 1.0 MByte eines Richtliniendokuments.']);
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(parseScenarioTree('{"request": }'), { problem: 'not valid JSON: value expected at line 1, column 13.' });
    assert.deepStrictEqual(parseScenario(huge, 'case.json', () => undefined).problems, ["identityPolicies[0]: the inline policy is 1.0 MB, over the 1.0 MB limit of a policy document; IAM's own limits are a few KB."]);
  });

  it('reads English in VS Code\'s English, where there is no bundle', () => {
    useDisplayLanguageForCoreWords();
    const result = denied();
    const roots = resultTree({ request, result });
    assert.deepStrictEqual(roots.slice(0, 2).map((r) => [r.label, r.description]), [
      ['EXPLICITLY DENIED', 's3:GetObject on arn:aws:s3:::bucket/a.csv'],
      ['Decided by', 'Deny statement "DenyOutsideUsEast1" in guardrail.json (SCP, level 0)'],
    ]);
    assert.strictEqual(resultSummary(request, result), 'EXPLICITLY DENIED: s3:GetObject on arn:aws:s3:::bucket/a.csv by Deny statement "DenyOutsideUsEast1" in guardrail.json (SCP, level 0)');
    assert.strictEqual(resultDocument(request, result), [
      'EXPLICITLY DENIED',
      '',
      'Principal: arn:aws:iam::123456789012:user/alice',
      'Action:    s3:GetObject',
      'Resource:  arn:aws:s3:::bucket/a.csv',
      'Context:',
      '  aws:RequestedRegion = eu-west-1',
      '',
      'Decided by:',
      '  Deny statement "DenyOutsideUsEast1" in guardrail.json (SCP, level 0)',
      '',
      'Trace:',
      '  SCP [level 0] guardrail.json: Deny',
      '    ✔ Deny "DenyOutsideUsEast1" (line 1): Deny applies: action, resource and every condition match.',
      '        ✔ StringNotEquals aws:RequestedRegion: aws:RequestedRegion "eu-west-1" does not match "us-east-1" under StringEquals, so StringNotEquals is true.',
      '  identity policy allow-all.json: Allow',
      '    ✔ Allow #1 (line 1): Allow applies: action, resource match.',
      '',
    ].join('\n'));
    const absent = absentRegion();
    assert.strictEqual(absent.trace[0].statements[0].explanation, 'Condition not met: aws:RequestedRegion is absent from the request, so StringEquals cannot match.');
    assert.deepStrictEqual(absent.reasons, ['No identity-based policy allows s3:GetObject on arn:aws:s3:::bucket/a.csv.']);
    assert.strictEqual(
      unsentKeysText('s3:ListBucket', ['ec2:InstanceType']),
      'Left out of the request: ec2:InstanceType. s3:ListBucket requests never carry this key (the Service Authorization Reference does not list it for the action or its resource types), so AWS would not see it.',
    );
  });
});
