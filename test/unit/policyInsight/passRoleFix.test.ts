import * as assert from 'assert';
import { fixTitleEnglish } from '../../../src/core/fixTitle';
import { run, req, policy, allow } from '../evaluation/helpers';
import { lintPolicy } from '../../../src/core/policy';
import { applyTextEdits, quickFixesFor } from '../../../src/core/policy/insight';
import { PASSED_TO_SERVICE_PLACEHOLDER } from '../../../src/core/policy/insight/passRoleFix';
import { catalogFor, strictParse } from './helpers';

const USER = 'arn:aws:iam::111122223333:user/deployer';
const ROLE = 'arn:aws:iam::111122223333:role/app';

/** The text's PASS_ROLE_WITH_STAR_IN_RESOURCE fixes, from the real linter's finding. */
function passRoleFixes(text: string) {
  const catalog = catalogFor(text);
  const finding = lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog }).findings.find((f) => f.issueCode === 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
  assert.ok(finding, 'the linter reports iam:PassRole on "*"');
  return quickFixesFor(text, finding);
}

function codesAfter(text: string): string[] {
  return lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog: catalogFor(text) }).findings.map((f) => f.issueCode);
}

/** The engine's decision for the deployer on `action` against the policy text. */
function decide(text: string, action: string, resource: string, context?: Record<string, string>): string {
  return run(req(USER, action, resource, context), { identity: [text] }).decision;
}

const mixed = JSON.stringify(policy(allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'iam:PassRole'], '*', { Sid: 'Deploy' })), null, 2);

describe('quick fixes: iam:PassRole on every role', () => {
  it('moves iam:PassRole out of a statement with other actions before adding iam:PassedToService ("This condition key applies only to the PassRole action in a policy. It can\'t be used to limit any other action.")', () => {
    const fixes = passRoleFixes(mixed);
    assert.deepStrictEqual(fixes.map((f) => [fixTitleEnglish(f.title), f.isPreferred]), [['Move iam:PassRole to its own statement, passing roles only to lambda.amazonaws.com', true]]);
    const out = applyTextEdits(mixed, fixes[0].edits);
    const doc = strictParse(out) as { Statement: Record<string, unknown>[] };
    assert.deepStrictEqual(doc.Statement[0].Action, ['lambda:CreateFunction', 'lambda:InvokeFunction']);
    assert.deepStrictEqual(doc.Statement[1], { Sid: 'DeployPassRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } });
    assert.ok(!codesAfter(out).includes('PASS_ROLE_WITH_STAR_IN_RESOURCE'), out);
    // What the statement still grants, and what passing a role now needs.
    assert.strictEqual(decide(out, 'lambda:CreateFunction', 'arn:aws:lambda:us-east-1:111122223333:function:f'), 'Allowed');
    assert.strictEqual(decide(out, 'iam:PassRole', ROLE, { 'iam:PassedToService': 'lambda.amazonaws.com' }), 'Allowed');
    assert.strictEqual(decide(out, 'iam:PassRole', ROLE, { 'iam:PassedToService': 'ec2.amazonaws.com' }), 'ImplicitlyDenied');
  });

  it('moves iam:PassRole out of an Action list written on one line, where it is the last element', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid": "Deploy",\n      "Effect": "Allow",\n      "Action": ["lambda:CreateFunction", "lambda:InvokeFunction", "iam:PassRole"],\n      "Resource": "*"\n    }\n  ]\n}\n';
    const out = applyTextEdits(text, passRoleFixes(text)[0].edits);
    const doc = strictParse(out) as { Statement: Record<string, unknown>[] };
    assert.deepStrictEqual(doc.Statement.map((s) => s.Action), [['lambda:CreateFunction', 'lambda:InvokeFunction'], 'iam:PassRole']);
    assert.ok(out.includes('"Action": ["lambda:CreateFunction", "lambda:InvokeFunction"],'), `the list keeps its line:\n${out}`);
  });

  it('would have cost the other actions had the condition gone on their statement: the request context of lambda:CreateFunction has no iam:PassedToService', () => {
    const naive = JSON.stringify(policy(allow(['lambda:CreateFunction', 'iam:PassRole'], '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } })));
    assert.strictEqual(decide(naive, 'lambda:CreateFunction', 'arn:aws:lambda:us-east-1:111122223333:function:f'), 'ImplicitlyDenied');
  });

  it('adds the condition in place to a statement that grants only iam:PassRole, one fix per service the policy works with', () => {
    const text = JSON.stringify(policy(allow('ecs:RunTask'), allow('iam:PassRole'), allow('ec2:RunInstances')), null, 4);
    const fixes = passRoleFixes(text);
    assert.deepStrictEqual(fixes.map((f) => fixTitleEnglish(f.title)), ['Allow passing roles only to ecs-tasks.amazonaws.com (iam:PassedToService)', 'Allow passing roles only to ec2.amazonaws.com (iam:PassedToService)']);
    const out = applyTextEdits(text, fixes[1].edits);
    const doc = strictParse(out) as { Statement: Record<string, unknown>[] };
    assert.deepStrictEqual(doc.Statement[1], { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } });
    assert.match(out, /\n {20}"iam:PassedToService": "ec2\.amazonaws\.com"/, 'the inserted lines follow the file\'s four-space indent');
    assert.ok(!codesAfter(out).includes('PASS_ROLE_WITH_STAR_IN_RESOURCE'));
  });

  it('keeps the statement\'s own conditions on the moved iam:PassRole, and turns a single statement object into a list', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['glue:CreateJob', 'iam:PassRole'], Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } } }, null, 2);
    const out = applyTextEdits(text, passRoleFixes(text)[0].edits);
    const doc = strictParse(out) as { Statement: Record<string, unknown>[] };
    assert.ok(Array.isArray(doc.Statement) && doc.Statement.length === 2, out);
    assert.deepStrictEqual(doc.Statement[0].Action, ['glue:CreateJob']);
    assert.deepStrictEqual(doc.Statement[1].Condition, { StringEquals: { 'aws:RequestedRegion': 'eu-west-1', 'iam:PassedToService': 'glue.amazonaws.com' } });
    assert.strictEqual(decide(out, 'iam:PassRole', ROLE, { 'iam:PassedToService': 'glue.amazonaws.com', 'aws:RequestedRegion': 'us-east-1' }), 'ImplicitlyDenied');
  });

  it('asks for the service when the policy names none that takes a role', () => {
    const text = JSON.stringify(policy(allow(['s3:GetObject', 'iam:PassRole'])), null, 2);
    const fixes = passRoleFixes(text);
    assert.deepStrictEqual(fixes.map((f) => fixTitleEnglish(f.title)), ['Move iam:PassRole to its own statement, passing roles only to one service']);
    assert.ok(applyTextEdits(text, fixes[0].edits).includes(`"iam:PassedToService": "${PASSED_TO_SERVICE_PLACEHOLDER}"`));
  });

  it('offers nothing for iam:* (iam:PassRole cannot be taken out of a wildcard)', () => {
    const text = JSON.stringify(policy(allow(['lambda:CreateFunction', 'iam:*'])), null, 2);
    const catalog = catalogFor(text);
    const finding = lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog }).findings.find((f) => f.issueCode.startsWith('PASS_ROLE_WITH_STAR'));
    assert.ok(finding);
    assert.deepStrictEqual(quickFixesFor(text, finding).map((f) => fixTitleEnglish(f.title)), []);
  });
});
