// Malformed parts of scenarios and policies give a specific answer instead of being silently dropped.
import * as assert from 'assert';
import { parseScenario } from '../../../src/core/evaluation';
import { USER, allow, deny, policy, req, run } from './helpers';

const read = () => undefined;
const scenario = (extra: string) => parseScenario(`{"request": {"principal": "${USER}", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}, "identityPolicies": [], ${extra}}`, '/r/a.json', read);

describe('evaluation: malformed input', () => {
  it('a Condition that is not an object of operators, each an object of keys, never applies (the linter reports it as a data type mismatch)', () => {
    for (const condition of ['x', 7, null, true, [{ StringEquals: { 'aws:username': 'alice' } }], { StringEquals: 'alice' }, { StringEquals: ['aws:username', 'alice'] }]) {
      const r = run(req(USER, 's3:GetObject', 'arn:aws:s3:::b/k', { 'aws:username': 'alice' }), { identity: [policy(allow('s3:GetObject', '*', { Condition: condition }))] });
      assert.strictEqual(r.decision, 'ImplicitlyDenied', JSON.stringify(condition));
      const st = r.trace[0].statements[0];
      assert.strictEqual(st.mismatch, 'condition');
      assert.match(st.explanation, /Condition element is not valid policy syntax/);
      // A Deny with it never applies either.
      assert.strictEqual(run(req(USER, 's3:GetObject', 'arn:aws:s3:::b/k'), { identity: [policy(allow('s3:*'), deny('s3:GetObject', '*', { Condition: condition }))] }).decision, 'Allowed');
    }
    // An empty Condition is no condition, as before.
    assert.strictEqual(run(req(USER, 's3:GetObject', 'arn:aws:s3:::b/k'), { identity: [policy(allow('s3:GetObject', '*', { Condition: {} }))] }).decision, 'Allowed');
  });

  it('a scenario whose "now" is no time, or whose managementAccount is no account ID, is a problem rather than ignored', () => {
    assert.match(scenario('"now": "yesterday"').problems.join(' '), /"now" must be an ISO 8601 time, such as 2026-06-01T12:00:00Z; got "yesterday"/);
    assert.match(scenario('"managementAccount": "x"').problems.join(' '), /"managementAccount" must be a 12-digit account ID; got "x"/);
    assert.deepStrictEqual(scenario('"now": "2026-06-01T12:00:00Z", "managementAccount": "111122223333"').problems, []);
  });
});
