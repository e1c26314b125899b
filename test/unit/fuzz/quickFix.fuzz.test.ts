import * as assert from 'assert';
import { fixTitleEnglish } from '../../../src/core/fixTitle';
import fc from 'fast-check';
import { lintPolicy } from '../../../src/core/policy';
import { applyTextEdits, quickFixesFor } from '../../../src/core/policy/insight';
import { evaluate } from '../../../src/core/evaluation';
import { testCatalog } from '../policy/catalog';
import { fuzzParameters, fuzzTimeout } from './settings';

const ACTIONS = ['iam:PassRole', 'lambda:CreateFunction', 'ec2:RunInstances', 'ecs:RunTask', 's3:GetObject', 's3:Get*', 'glue:CreateJob', 'kms:Decrypt'];

/** A policy whose statements mix iam:PassRole with other actions, in any of the layouts people write. */
const mixedPolicy = fc
  .record({
    statements: fc.array(
      fc.record({
        actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 4 }),
        single: fc.boolean(),
        sid: fc.option(fc.constantFrom('Deploy', 'Run', 'Ops'), { nil: undefined }),
        condition: fc.boolean(),
        resource: fc.constantFrom('*', ['*'], 'arn:aws:iam::111122223333:role/app'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    asObject: fc.boolean(),
    indent: fc.constantFrom(0, 2, 4, '\t'),
    inlineActions: fc.boolean(),
  })
  .map(({ statements, asObject, indent, inlineActions }) => {
    const docs = statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: 'Allow',
      Action: s.single && s.actions.length === 1 ? s.actions[0] : s.actions,
      Resource: s.resource,
      ...(s.condition ? { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } } : {}),
    }));
    const doc = { Version: '2012-10-17', Statement: asObject ? docs[0] : docs };
    let text = JSON.stringify(doc, null, indent === 0 ? undefined : indent);
    // A list of actions on one line, as people often write it.
    if (inlineActions) text = text.replace(/"Action": \[([^\]]*)\]/g, (_m, inner: string) => `"Action": [${inner.trim().split(/,\s*/).join(', ')}]`);
    return text;
  });

/** What the policy allows of each action, on any role or resource, in eu-west-1. */
function grants(text: string): string[] {
  const out: string[] = [];
  for (const action of ACTIONS.filter((a) => !a.includes('*'))) {
    for (const passedTo of action === 'iam:PassRole' ? ['lambda.amazonaws.com', 'ec2.amazonaws.com'] : ['']) {
      const request = { principal: 'arn:aws:iam::111122223333:user/u', action, resource: 'arn:aws:iam::111122223333:role/app', context: { 'aws:RequestedRegion': 'eu-west-1', ...(passedTo ? { 'iam:PassedToService': passedTo } : {}) } };
      if (evaluate({ request, identityPolicies: [{ name: 'p', text }] }).decision === 'Allowed') out.push(`${action}${passedTo ? ` to ${passedTo}` : ''}`);
    }
  }
  return out;
}

describe('fuzz: quick fixes', function () {
  this.timeout(fuzzTimeout());
  before(() => testCatalog().ensureServicesSync(['iam', 'lambda', 'ec2', 'ecs', 's3', 'glue', 'kms']));

  it('keep the JSON valid, remove their finding, and take away no access but what they say', () => {
    let passRoleFixes = 0;
    fc.assert(
      fc.property(mixedPolicy, (text) => {
        const catalog = testCatalog().catalog;
        const findings = lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog }).findings;
        const before = grants(text);
        for (const f of findings) {
          for (const fix of quickFixesFor(text, f)) {
            const out = applyTextEdits(text, fix.edits);
            assert.doesNotThrow(() => JSON.parse(out), `"${fixTitleEnglish(fix.title)}" broke the JSON:\n${out}`);
            const left = lintPolicy(out, { policyType: 'IDENTITY_POLICY', catalog }).findings.filter((x) => x.issueCode === f.issueCode).length;
            assert.ok(left < findings.filter((x) => x.issueCode === f.issueCode).length, `"${fixTitleEnglish(fix.title)}" left its ${f.issueCode}:\n${out}`);
            const after = grants(out);
            if (f.issueCode === 'PASS_ROLE_WITH_STAR_IN_RESOURCE') {
              passRoleFixes++;
              // Passing roles to the named service only, if it was allowed before; every other action as before.
              const only = `iam:PassRole to ${/only to (\S+)/.exec(fixTitleEnglish(fix.title))?.[1]}`;
              const others = (gs: string[]) => gs.filter((g) => !g.startsWith('iam:PassRole')).join();
              assert.strictEqual(others(after), others(before), `"${fixTitleEnglish(fix.title)}" changed what the other actions grant:\n${text}\n->\n${out}`);
              // Other statements may still pass roles anywhere; this one now passes them only to the service.
              const passes = (gs: string[]) => gs.filter((g) => g.startsWith('iam:PassRole'));
              assert.ok(passes(after).every((g) => before.includes(g)) && (!before.includes(only) || after.includes(only)), `"${fixTitleEnglish(fix.title)}":\n${text}\n->\n${out}`);
              if (findings.filter((x) => x.issueCode === f.issueCode).length === 1 && !/"iam:PassRole"[^{}]*"arn:aws:iam::/.test(text)) {
                assert.deepStrictEqual(passes(after), before.includes(only) ? [only] : [], `"${fixTitleEnglish(fix.title)}":\n${text}\n->\n${out}`);
              }
            } else {
              assert.deepStrictEqual(after, before, `"${fixTitleEnglish(fix.title)}" changed what the policy grants:\n${text}\n->\n${out}`);
            }
          }
        }
      }),
      fuzzParameters(150),
    );
    assert.ok(passRoleFixes > 20, `only ${passRoleFixes} iam:PassRole fixes were tried`);
  });
});
