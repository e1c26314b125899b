// The words of Evaluation Results and policy test results, built in src/core, follow VS Code's display
// language through @vscode/l10n, with their values in place; without a bundle they read as before.
import * as assert from 'assert';
import { resultDocument, resultSummary } from '../../src/core/debugging/resultText';
import { resultTree } from '../../src/core/debugging/resultTree';
import { evaluate } from '../../src/core/evaluation';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';

const scp = '{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideUsEast1","Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}]}';
const allowAll = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/a.csv', context: { 'aws:RequestedRegion': 'eu-west-1' } };
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
  });
});
