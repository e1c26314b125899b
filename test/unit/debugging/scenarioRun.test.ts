import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCase, scenarioCases, principalProblem, decidingLocation } from '../../../src/core/debugging/scenarioRun';
import { MAX_SCENARIOS_PER_FILE, topLevelValues } from '../../../src/core/evaluation/scenario';
import { fixturePath } from '../fixtures';
import { testCatalog } from '../policy/catalog';

const read = (abs: string) => {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
};

describe('debugging: policy tests from scenario files', () => {
  const h = testCatalog();
  const ensure = (s: string[]) => h.ensureServicesSync(s);
  const dir = fixturePath('workspace', 'policy-tests');

  function runFile(name: string) {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    return { file, text, outcomes: scenarioCases(text).map((c) => runCase(c, file, read, h.catalog, ensure)) };
  }

  it('passes the example tests and fails the wrong expectation at the statement that denies it', () => {
    assert.deepStrictEqual(runFile('read-reports.policytest.json').outcomes.map((o) => o.kind === 'evaluated' && o.pass), [true]);
    assert.deepStrictEqual(runFile('write-reports.policytest.json').outcomes.map((o) => o.kind === 'evaluated' && o.pass), [true]);
    const { outcomes } = runFile('region-guardrail.policytest.json');
    assert.deepStrictEqual(outcomes.map((o) => o.kind === 'evaluated' && o.pass), [true, false]);
    const failed = outcomes[1];
    assert.ok(failed.kind === 'evaluated' && failed.result.decision === 'ExplicitlyDenied');
    const where = decidingLocation(failed.result.deciding[0], failed.input);
    assert.strictEqual(where.file, path.join(dir, 'guardrail-scp.json'));
    const scp = fs.readFileSync(where.file!, 'utf8');
    assert.match(scp.slice(where.offset + where.span.start.offset, where.offset + where.span.end.offset), /"Sid": "DenyOutsideUsEast1"/);
    assert.ok(failed.dependencies.includes(path.join(dir, 'guardrail-scp.json')));
  });

  it('keeps each case of an array at its own lines in the file', () => {
    const { text } = runFile('region-guardrail.policytest.json');
    const cases = scenarioCases(text);
    assert.strictEqual(cases.length, 2);
    // Cases share the file's text: no copy per case.
    assert.strictEqual(cases[1].body, cases[0].body);
    assert.ok(text.slice(cases[1].start).startsWith('{'));
  });

  it('reports bad input as a clear problem: missing file, a non-policy file, a principal that is not an ARN, an unknown action', () => {
    const file = path.join(dir, 'virtual.policytest.json');
    const run = (scenario: object) => runCase(scenarioCases(JSON.stringify(scenario))[0], file, read, h.catalog, ensure);
    const request = { principal: 'arn:aws:iam::123456789012:user/bob', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
    const missing = run({ request, identityPolicies: ['./no-such-policy.json'] });
    assert.ok(missing.kind === 'problem' && /cannot read the policy file \.\/no-such-policy\.json/.test(missing.problems.join()), JSON.stringify(missing));
    const notPolicy = run({ request, identityPolicies: ['./read-reports.policytest.json'] });
    assert.ok(notPolicy.kind === 'problem' && /is not a policy/.test(notPolicy.problems.join()), JSON.stringify(notPolicy));
    const notArn = run({ request: { ...request, principal: 'bob' }, identityPolicies: ['../policies/s3-read-only.json'] });
    assert.ok(notArn.kind === 'problem' && /"bob" is not an ARN/.test(notArn.problems.join()), JSON.stringify(notArn));
    const unknown = run({ request: { ...request, action: 's3:GetObjekt' }, identityPolicies: ['../policies/s3-read-only.json'] });
    assert.ok(unknown.kind === 'problem' && /no action named GetObjekt/.test(unknown.problems.join()), JSON.stringify(unknown));
    const garbage = runCase(scenarioCases('{"request": ')[0], file, read, h.catalog, ensure);
    assert.ok(garbage.kind === 'problem' && /not valid JSON/.test(garbage.problems.join()));
  });

  it('accepts ARNs, service principals, accounts and anonymous as principals', () => {
    for (const p of ['arn:aws:sts::123456789012:assumed-role/r/s', 'lambda.amazonaws.com', 'anonymous', '123456789012']) assert.strictEqual(principalProblem(p), undefined, p);
  });

  it('accepts an OIDC provider named by its host, as docs/simulate.md lists it for AssumeRoleWithWebIdentity (accounts.google.com, GitHub, an EKS cluster\'s issuer)', () => {
    for (const p of ['accounts.google.com', 'token.actions.githubusercontent.com', 'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789', 'graph.facebook.com']) assert.strictEqual(principalProblem(p), undefined, p);
    for (const p of ['bob', 'alice smith', 'arn:aws:iam::123456789012']) assert.match(principalProblem(p) ?? '', /is not an ARN/, p);
  });

  it('counts the scenarios of a file without a tree: every value of its top-level array, whatever it is, and nothing nested', () => {
    assert.strictEqual(topLevelValues('[{"a": [1, 2, {"b": "]"}]}, [], "x", 1, true, null, /* ] */ {}]'), 7);
    assert.strictEqual(topLevelValues('{"request": {}}'), 0);
    assert.strictEqual(topLevelValues('[]'), 0);
    assert.strictEqual(topLevelValues('[1, 2'), 2);
  });

  it('refuses a file of more scenarios than one file is read for, with its count, and reads one at the limit', () => {
    const over = scenarioCases(`[${'1,'.repeat(MAX_SCENARIOS_PER_FILE)}1]`);
    assert.deepStrictEqual(over.map((c) => c.problem), ['the file holds 20,001 scenarios, more than the 20,000 read from one file: split it into files of at most 20,000 scenarios.']);
    assert.strictEqual(scenarioCases(`[${'{},'.repeat(MAX_SCENARIOS_PER_FILE - 1)}{}]`).length, MAX_SCENARIOS_PER_FILE);
  });
});
