// checkSecurity first asks whether the text of a statement's Action may hold a string that covers
// an iam action ("*", an iam action, a wildcard service), then whether any Action string does, and
// leaves the statement alone when none does. These check that every kind of string that covers
// iam:PassRole or iam:CreateServiceLinkedRole is still found, wherever it stands in the list and
// however the text spells it, and that a list of other services' actions gives nothing.
import * as assert from 'assert';
import { lint } from './catalog';

const codes = (Action: string | string[]) =>
  lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource: '*' }] }), 'IDENTITY_POLICY')
    .findings.map((f) => f.issueCode)
    .filter((c) => c.startsWith('PASS_ROLE_') || c.startsWith('CREATE_SLR_'));

describe('sensitive iam actions behind the statement prefilter', () => {
  it('finds iam:PassRole and iam:CreateServiceLinkedRole however they are covered, first or last in the list', () => {
    const others = ['s3:GetObject', 'ec2:Describe*', 'lambda:InvokeFunction'];
    const cases: [string, string[]][] = [
      ['iam:PassRole', ['PASS_ROLE_WITH_STAR_IN_RESOURCE']],
      ['IAM:passrole', ['PASS_ROLE_WITH_STAR_IN_RESOURCE']],
      ['iam:Pass*', ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE']],
      ['i*:PassRole', ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE']],
      ['*:Create*', ['CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE']],
      ['iam:CreateServiceLinkedRole', ['CREATE_SLR_WITH_STAR_IN_RESOURCE']],
      ['*', ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE']],
    ];
    for (const [action, expected] of cases) {
      assert.deepStrictEqual(codes([action, ...others]).sort(), [...expected].sort(), `${action} first`);
      assert.deepStrictEqual(codes([...others, action]).sort(), [...expected].sort(), `${action} last`);
    }
  });

  it('finds them in a single string, with a ? in the service, or spelled with JSON escapes', () => {
    assert.deepStrictEqual(codes('iam:PassRole'), ['PASS_ROLE_WITH_STAR_IN_RESOURCE']);
    assert.deepStrictEqual(codes(['s3:GetObject', 'ia?:PassRole']), ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE']);
    // Neither text says "m:" nor holds a wildcard: only the decoded strings name the actions.
    const escaped = (action: string) =>
      lint(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "${action}"], "Resource": "*"}]}`, 'IDENTITY_POLICY')
        .findings.map((f) => f.issueCode)
        .filter((c) => c.startsWith('PASS_ROLE_'));
    assert.deepStrictEqual(escaped('ia\\u006d:PassRole'), ['PASS_ROLE_WITH_STAR_IN_RESOURCE']);
    assert.deepStrictEqual(escaped('ia\\u006D\\u003aPass\\u002a'), ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE']);
  });

  it('gives nothing for actions of other services, and still checks a NotAction statement', () => {
    assert.deepStrictEqual(codes(['s3:GetObject', 'ec2:Describe*', 'iam:GetRole']), []);
    const notAction = lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }] }), 'IDENTITY_POLICY').findings.map((f) => f.issueCode);
    assert.ok(notAction.includes('PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'), notAction.join(', '));
  });
});
