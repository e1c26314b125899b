// Decision-only evaluation (what escalation questions use) against the full, readable one: the
// same decision from the same statements, with the same condition tests, and nothing else.
import * as assert from 'assert';
import type { EvaluationResult, EvaluationRequest } from '../../../src/core/evaluation';
import { ACCOUNT, BUCKET_OBJECT, OTHER_SESSION, ROLE, SESSION, USER, allow, deny, policy, req, run, type Slots } from './helpers';

const tagged = { Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } };
const fromOffice = { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } };
const mfa = { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };

const CASES: { name: string; request: EvaluationRequest; slots: Slots }[] = [
  { name: 'allowed by one of several statements', request: req(USER, 's3:GetObject', BUCKET_OBJECT), slots: { identity: [policy(allow('ec2:*'), allow('s3:Get*', 'arn:aws:s3:::reports/*'), allow('s3:*', 'arn:aws:s3:::other/*'))] } },
  { name: 'denied explicitly under a condition', request: req(USER, 'iam:CreateUser', '*', { 'aws:MultiFactorAuthPresent': 'false' }), slots: { identity: [policy(allow('iam:*'), deny('iam:*', '*', mfa))] } },
  { name: 'allowed only with a tag the request lacks', request: req(SESSION, 'ec2:RunInstances', '*'), slots: { identity: [policy(allow('ec2:RunInstances', '*', tagged), allow('ec2:Describe*'))] } },
  { name: 'stopped by a source IP condition', request: req(SESSION, 's3:PutObject', BUCKET_OBJECT, { 'aws:SourceIp': '198.51.100.7' }), slots: { identity: [policy(allow('s3:PutObject', '*', fromOffice))] } },
  { name: 'bounded by a permissions boundary', request: req(ROLE, 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/x`), slots: { identity: [policy(allow('*'))], boundary: [policy(allow('iam:PassRole', '*', tagged))] } },
  { name: 'cross-account with a resource policy', request: req(OTHER_SESSION, 's3:GetObject', BUCKET_OBJECT, undefined, ACCOUNT), slots: { identity: [policy(allow('s3:*'))], resource: [policy(allow('s3:GetObject', 'arn:aws:s3:::reports/*', { Principal: { AWS: OTHER_SESSION } }))] } },
  { name: 'NotAction and NotResource', request: req(USER, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:q'), slots: { identity: [policy({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:sqs:*:*:secret' })] } },
];

/** What a decision rests on: the deciding statements and the statements a condition stopped, with their tests. */
function basis(r: EvaluationResult): unknown {
  const tests = (conditions: EvaluationResult['deciding'][number]['statement']['conditions']) => conditions.map((c) => ({ operator: c.operator, key: c.key, policyValues: c.policyValues, requestValues: c.requestValues, matched: c.matched }));
  return {
    decision: r.decision,
    deciding: r.deciding.map((d) => ({ kind: d.kind, policy: d.policy, index: d.statement.index, effect: d.statement.effect, tests: tests(d.statement.conditions) })),
    stopped: r.trace.map((t) => ({ kind: t.kind, outcome: t.outcome, statements: t.statements.filter((s) => s.mismatch === 'condition').map((s) => ({ index: s.index, effect: s.effect, tests: tests(s.conditions) })) })),
  };
}

function identityOf(r: EvaluationResult): EvaluationResult['trace'][number] {
  return r.trace.find((t) => t.kind === 'identity')!;
}

describe('evaluation: decision-only mode', () => {
  for (const c of CASES) {
    it(`decides as the full evaluation does, from the same statements and condition tests: ${c.name}`, () => {
      const full = run(c.request, c.slots);
      const lean = run(c.request, c.slots, { decisionOnly: true });
      assert.deepStrictEqual(basis(lean), basis(full));
    });
  }

  it('leaves out the statements the request does not reach, and every explanation', () => {
    const [, , stoppedCase] = CASES;
    const full = run(stoppedCase.request, stoppedCase.slots);
    const lean = run(stoppedCase.request, stoppedCase.slots, { decisionOnly: true });
    assert.strictEqual(identityOf(full).statements.length, 2, 'the full trace shows both statements');
    assert.ok(identityOf(full).statements.every((s) => s.explanation.length > 0));
    assert.deepStrictEqual(identityOf(lean).statements.map((s) => s.index), [0], 'only the statement its condition stopped');
    assert.ok(lean.trace.every((t) => t.statements.every((s) => s.explanation === '' && s.conditions.every((k) => k.explanation === ''))));
  });

  it('leaves the full evaluation as it was when no option is given', () => {
    const r = run(CASES[0].request, CASES[0].slots);
    assert.deepStrictEqual(identityOf(r).statements.map((s) => s.explanation), ['Action does not include s3:GetObject.', 'Allow applies: action, resource match.', 'Resource does not include arn:aws:s3:::reports/2026/q3.csv.']);
  });
});
