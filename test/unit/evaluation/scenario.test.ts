import * as assert from 'assert';
import { evaluate, parseScenario } from '../../../src/core/evaluation';
import { resolveRelative } from '../../../src/core/evaluation/scenario';

const files: Record<string, string> = {
  '/repo/policies/dev.json': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}',
};
const read = (p: string) => files[p];

describe('evaluation: scenario files', () => {
  it('reads inline documents (keeping their text for locations) and paths relative to the scenario', () => {
    const text = `{
  // a comment
  "request": {"principal": "arn:aws:iam::111122223333:user/bob", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
  "identityPolicies": ["../policies/dev.json"],
  "permissionsBoundaries": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}],
  "serviceControlPolicies": [[], [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}]],
  "expect": "ImplicitlyDenied",
}`;
    const s = parseScenario(text, '/repo/scenarios/a.json', read);
    assert.deepStrictEqual(s.problems, []);
    assert.strictEqual(s.expect, 'ImplicitlyDenied');
    assert.strictEqual(s.input!.identityPolicies![0].name, '../policies/dev.json');
    assert.strictEqual(s.input!.identityPolicies![0].file, '/repo/policies/dev.json');
    const boundary = s.input!.permissionsBoundaries![0];
    assert.strictEqual(text.slice(boundary.offset!, boundary.offset! + boundary.text.length), boundary.text);
    assert.ok(boundary.text.startsWith('{"Version"'));
    assert.strictEqual(s.input!.serviceControlPolicies!.length, 2);
    assert.strictEqual(evaluate(s.input!).decision, 'ImplicitlyDenied', 'the empty root SCP level allows nothing');
  });

  it('reads a flat list of SCPs as one level', () => {
    const full = '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}';
    const denyIam = '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}}';
    const s = parseScenario(`{"request": {"principal": "arn:aws:iam::111122223333:user/bob", "action": "s3:GetObject"}, "identityPolicies": [${full}], "serviceControlPolicies": [${full}, ${denyIam}]}`, '/r/a.json', read);
    assert.strictEqual(s.input!.serviceControlPolicies!.length, 1);
    assert.strictEqual(evaluate(s.input!).decision, 'Allowed');
  });

  it('says what is wrong with a malformed scenario, and never throws', () => {
    assert.match(parseScenario('{ "request": ', 'a.json', read).problems[0], /^not valid JSON: .* line 1/);
    assert.match(parseScenario('[]', 'a.json', read).problems[0], /must be a JSON object/);
    assert.match(parseScenario('{}', 'a.json', read).problems.join('\n'), /"request" is missing/);
    const bad = parseScenario('{"request": {"principal": "x", "action": "GetObject", "context": {"k": {"a": 1}}}, "expect": "Allow", "identityPolicies": [5, "nope.json"], "serviceControlPolicies": {}}', '/r/a.json', read);
    const msg = bad.problems.join('\n');
    assert.match(msg, /request\.action "GetObject" must be service:Action/);
    assert.match(msg, /request\.context\["k"\] must be a string/);
    assert.match(msg, /"expect" must be one of Allowed, ExplicitlyDenied, ImplicitlyDenied; got "Allow"/);
    assert.match(msg, /identityPolicies\[0\]: a policy must be a JSON object or a path/);
    assert.match(msg, /cannot read the policy file nope\.json \(looked for \/r\/nope\.json\)/);
    assert.match(msg, /"serviceControlPolicies" must be an array of levels/);
    assert.strictEqual(bad.input, undefined);
  });

  it('rejects a misspelt slot but ignores fields of the author\'s own', () => {
    const base = '"request": {"principal": "arn:aws:iam::111122223333:user/bob", "action": "s3:GetObject"}';
    assert.match(parseScenario(`{${base}, "identityPolices": []}`, '/r/a.json', read).problems.join(), /Unknown scenario field "identityPolices"/);
    assert.match(parseScenario(`{${base}, "resourcePolicys": []}`, '/r/a.json', read).problems.join(), /Unknown scenario field "resourcePolicys"/);
    assert.strictEqual(parseScenario(`{${base}, "expected": "Allowed"}`, '/r/a.json', read).expect, 'Allowed');
    assert.deepStrictEqual(parseScenario(`{${base}, "category": "s3", "links": ["https://example.com"], "constructor": 1, "__proto__": {}}`, '/r/a.json', read).problems, []);
  });

  it('joins relative paths purely, for POSIX and Windows scenario paths', () => {
    assert.strictEqual(resolveRelative('/repo/scenarios/a.json', '../policies/p.json'), '/repo/policies/p.json');
    assert.strictEqual(resolveRelative('/repo/a.json', './p.json'), '/repo/p.json');
    assert.strictEqual(resolveRelative('C:\\repo\\s\\a.json', '..\\p.json'), 'C:\\repo\\p.json');
    assert.strictEqual(resolveRelative('/repo/a.json', '/abs/p.json'), '/abs/p.json');
  });
});
