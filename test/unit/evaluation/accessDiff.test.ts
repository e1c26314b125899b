import * as assert from 'assert';
import { actionCount, diffSummary, renderAccessDocument } from '../../../src/core/evaluation/access';
import { access, diff, doc, lines } from './accessHelpers';

const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });
const BUCKET = 'arn:aws:s3:::example-bucket';

describe('access diff: refactors that change nothing', () => {
  it('reordering statements is no change', () => {
    const a = doc(allow('s3:GetObject', `${BUCKET}/*`), allow('ec2:DescribeInstances'));
    const b = doc(allow('ec2:DescribeInstances'), allow('s3:GetObject', `${BUCKET}/*`));
    assert.deepStrictEqual(diff(a, b), { added: [], removed: [], denied: [], noLongerDenied: [] });
  });

  it('splitting one statement into two, and merging them back, is no change', () => {
    const merged = doc(allow(['s3:GetObject', 's3:PutObject'], [`${BUCKET}/a/*`, `${BUCKET}/b/*`]));
    const split = doc(allow('s3:GetObject', [`${BUCKET}/a/*`, `${BUCKET}/b/*`]), allow('s3:PutObject', `${BUCKET}/a/*`), allow('s3:PutObject', `${BUCKET}/b/*`));
    assert.deepStrictEqual(diff(merged, split), { added: [], removed: [], denied: [], noLongerDenied: [] });
    assert.deepStrictEqual(diff(split, merged), { added: [], removed: [], denied: [], noLongerDenied: [] });
  });

  it('case in action names, duplicates and a single value instead of an array are no change', () => {
    const a = doc(allow(['s3:GetObject'], [`${BUCKET}/*`]));
    const b = doc(allow(['S3:getobject', 's3:GetObject', 's3:GETOBJECT'], `${BUCKET}/*`));
    assert.deepStrictEqual(diff(a, b), { added: [], removed: [], denied: [], noLongerDenied: [] });
  });

  it('a wildcard and the actions it stands for are the same access', () => {
    const a = doc(allow('iam:ListRole*'));
    const b = doc(allow(['iam:ListRoles', 'iam:ListRolePolicies', 'iam:ListRoleTags']));
    assert.deepStrictEqual(diff(a, b), { added: [], removed: [], denied: [], noLongerDenied: [] });
  });

  it('an account ID and its root ARN are the same principal; "*" and {"AWS": "*"} are the same', () => {
    const a = doc({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
    const b = doc({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:principalorgid': ['o-a1b2c3d4e5'] } } });
    assert.deepStrictEqual(diff(a, b, 'TRUST_POLICY'), { added: [], removed: [], denied: [], noLongerDenied: [] });
  });

  it('a resource already covered by a broader one adds nothing', () => {
    const a = doc(allow('s3:GetObject', `${BUCKET}/*`));
    const b = doc(allow('s3:GetObject', [`${BUCKET}/*`, `${BUCKET}/reports/2026.csv`]));
    assert.deepStrictEqual(diff(a, b), { added: [], removed: [], denied: [], noLongerDenied: [] });
  });

  it('Allow * with a Deny on every other service grants what Allow s3:* grants; "An explicit deny in any of these policies overrides the allow", so the other services are newly denied', () => {
    const a = doc(allow('s3:*'));
    const b = doc(allow('*'), { Effect: 'Deny', NotAction: 's3:*', Resource: '*' });
    const d = diff(a, b);
    assert.deepStrictEqual([...d.added, ...d.removed, ...d.noLongerDenied], []);
    assert.ok(lines(d.denied).includes('ec2:RunInstances on *'));
    assert.ok(!d.denied.some((i) => i.action.startsWith('s3:')));
  });
});

describe('access diff: one-word changes that change much', () => {
  it('s3:* to s3:Get* removes s3:PutObject and keeps s3:GetObject', () => {
    const d = diff(doc(allow('s3:*', `${BUCKET}/*`)), doc(allow('s3:Get*', `${BUCKET}/*`)));
    assert.deepStrictEqual(d.added, []);
    const removed = d.removed.map((i) => i.action);
    assert.ok(removed.includes('s3:PutObject'), removed.join(', '));
    assert.ok(!removed.includes('s3:GetObject'));
    assert.ok(!removed.some((a) => a.startsWith('s3:Get')));
  });

  it('Action to NotAction grants every other action of every service', () => {
    const d = diff(doc(allow('s3:GetObject')), doc({ Effect: 'Allow', NotAction: 's3:GetObject', Resource: '*' }));
    assert.ok(d.added.some((i) => i.action === 'iam:CreateUser'));
    assert.ok(actionCount(d.added) > 10000, `${actionCount(d.added)}`);
    assert.deepStrictEqual(lines(d.removed), ['s3:GetObject on *']);
  });

  it('Deny to Allow adds what was denied; the items name IAM actions as IAM spells them', () => {
    const base = doc(allow('sqs:*'), deny('sqs:deletequeue'));
    const d = diff(base, doc(allow('sqs:*'), allow('sqs:deletequeue')));
    assert.deepStrictEqual(lines(d.noLongerDenied), ['sqs:DeleteQueue on *']);
    assert.deepStrictEqual([...d.added, ...d.removed, ...d.denied], []);
  });

  it('a resource widened by one character is added access on the wider pattern', () => {
    const d = diff(doc(allow('s3:DeleteObject', `${BUCKET}/tmp/*`)), doc(allow('s3:DeleteObject', `${BUCKET}/*`)));
    assert.deepStrictEqual(lines(d.added), [`s3:DeleteObject on ${BUCKET}/*`]);
    assert.deepStrictEqual(lines(d.removed), []);
  });

  it('Resource to NotResource grants everything but the listed resources', () => {
    const d = diff(doc(allow('s3:GetObject', `${BUCKET}/*`)), doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${BUCKET}/*` }));
    assert.deepStrictEqual(lines(d.added), [`s3:GetObject on * except ${BUCKET}/*`]);
    assert.deepStrictEqual(lines(d.removed), [`s3:GetObject on ${BUCKET}/*`]);
  });

  it('a NotResource that excludes one more value, with that value allowed by another statement, is no change', () => {
    const OTHER = 'arn:aws:s3:::other-bucket/*';
    const notOne = doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${BUCKET}/*` });
    const split = doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: [`${BUCKET}/*`, OTHER] }, allow('s3:GetObject', OTHER));
    assert.deepStrictEqual(diff(notOne, split), { added: [], removed: [], denied: [], noLongerDenied: [] });
    assert.deepStrictEqual(diff(split, notOne), { added: [], removed: [], denied: [], noLongerDenied: [] });
    assert.deepStrictEqual(diff(doc(allow('s3:GetObject')), doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: OTHER }, allow('s3:GetObject', OTHER))), { added: [], removed: [], denied: [], noLongerDenied: [] });
    // Allowed only under a condition, the excluded value is narrower access.
    const onlyTagged = doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: [`${BUCKET}/*`, OTHER] }, allow('s3:GetObject', OTHER, { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }));
    assert.deepStrictEqual(lines(diff(notOne, onlyTagged).removed), [`s3:GetObject on * except ${BUCKET}/*`]);
  });
});

describe('access diff: conditions', () => {
  const cond = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };

  it('Boolean conditions compare "a key to "true" or "false"": "True" is the same value, and a value that is neither adds no access', () => {
    const mfa = (v: unknown) => doc(allow('s3:GetObject', `${BUCKET}/*`, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': v } } }));
    for (const next of [['true', 'True'], 'TRUE', ['true', 'truex']]) {
      const d = diff(mfa('true'), mfa(next));
      assert.deepStrictEqual([lines(d.added), lines(d.removed)], [[], []], JSON.stringify(next));
    }
    assert.deepStrictEqual(lines(diff(mfa('true'), mfa(['true', 'false'])).added), [`s3:GetObject on ${BUCKET}/* if {"Bool":{"aws:MultiFactorAuthPresent":["false","true"]}}`]);
  });

  it('a condition added is narrower access: removed, with the condition now required', () => {
    const d = diff(doc(allow('s3:GetObject', `${BUCKET}/*`)), doc(allow('s3:GetObject', `${BUCKET}/*`, { Condition: cond })));
    assert.deepStrictEqual(d.added, []);
    assert.deepStrictEqual(lines(d.removed), [`s3:GetObject on ${BUCKET}/*`]);
    assert.deepStrictEqual(d.removed[0].nowOnlyWhen, { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } });
  });

  it('a condition removed is broader access: added', () => {
    const d = diff(doc(allow('s3:GetObject', `${BUCKET}/*`, { Condition: cond })), doc(allow('s3:GetObject', `${BUCKET}/*`)));
    assert.deepStrictEqual(lines(d.added), [`s3:GetObject on ${BUCKET}/*`]);
    assert.deepStrictEqual(d.removed, []);
  });

  it('a changed condition is reported as both, each with its condition', () => {
    const d = diff(doc(allow('s3:GetObject', '*', { Condition: cond })), doc(allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } })));
    assert.deepStrictEqual(lines(d.added), ['s3:GetObject on * if {"IpAddress":{"aws:SourceIp":["198.51.100.0/24"]}}']);
    assert.deepStrictEqual(lines(d.removed), ['s3:GetObject on * if {"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}']);
  });

  it('one more allowed value of a positive condition is added access; one more excluded value of a negated one is not', () => {
    const one = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } };
    const two = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } };
    assert.strictEqual(diff(doc(allow('ec2:RunInstances', '*', { Condition: one })), doc(allow('ec2:RunInstances', '*', { Condition: two }))).added.length, 1);
    const notOne = { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } };
    const notTwo = { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } };
    const d = diff(doc(allow('ec2:RunInstances', '*', { Condition: notOne })), doc(allow('ec2:RunInstances', '*', { Condition: notTwo })));
    assert.deepStrictEqual(d.added, []);
    assert.strictEqual(d.removed.length, 1);
  });

  it('a conditional Deny added is newly denied where it applies, with its condition shown', () => {
    const d = diff(doc(allow('s3:*', '*')), doc(allow('s3:*', '*'), deny('s3:DeleteBucket', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })));
    assert.deepStrictEqual([...d.added, ...d.removed], []);
    assert.deepStrictEqual(lines(d.denied), ['s3:DeleteBucket on * if {"Bool":{"aws:MultiFactorAuthPresent":["false"]}}']);
    assert.strictEqual(d.denied[0].cause, 'deny');
  });

  it('"An explicit deny in any of these policies overrides the allow": a Deny removed is no longer denied for every action it named, whichever policy allows it', () => {
    const d = diff(doc(allow('s3:GetObject', `${BUCKET}/*`), deny('s3:*', `${BUCKET}/private/*`)), doc(allow('s3:GetObject', `${BUCKET}/*`)));
    assert.ok(lines(d.noLongerDenied).includes(`s3:GetObject on ${BUCKET}/private/*`));
    assert.ok(lines(d.noLongerDenied).includes(`s3:DeleteObject on ${BUCKET}/private/*`));
    assert.deepStrictEqual([...d.added, ...d.removed, ...d.denied], []);
  });

  it('"An explicit deny in any of these policies overrides the allow": a Deny s3:* on a bucket added to a policy that allows no S3 action is newly denied, with its statement and line', () => {
    const d = diff(doc(allow('sqs:SendMessage')), doc(allow('sqs:SendMessage'), { Sid: 'NoBucket', ...deny('s3:*', [BUCKET, `${BUCKET}/*`]) }));
    assert.deepStrictEqual([...d.added, ...d.removed, ...d.noLongerDenied], []);
    assert.ok(lines(d.denied).includes(`s3:DeleteObject on ${BUCKET}/*`));
    assert.ok(lines(d.denied).includes(`s3:DeleteBucket on ${BUCKET}`));
    assert.ok(!lines(d.denied).includes(`s3:DeleteBucket on ${BUCKET}/*`), 'an object ARN names no bucket');
    assert.deepStrictEqual([...new Set(d.denied.map((i) => `${i.statement.sid} line ${i.statement.line} ${i.side}`))], ['NoBucket line 9 new']);
  });

  it('a Deny narrowed to a condition is no longer denied without it, and says when it still is', () => {
    const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } };
    const d = diff(doc(deny('s3:DeleteBucket')), doc(deny('s3:DeleteBucket', '*', mfa)));
    assert.deepStrictEqual(lines(d.noLongerDenied), ['s3:DeleteBucket on *']);
    assert.deepStrictEqual(d.noLongerDenied[0].nowOnlyWhen, { Bool: { 'aws:MultiFactorAuthPresent': ['false'] } });
    assert.deepStrictEqual([...d.added, ...d.removed, ...d.denied], []);
  });
});

describe('access diff: trust and bucket policies (the principal is part of the access)', () => {
  const trust = (...principals: object[]) => doc(...principals.map((Principal) => ({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' })));

  it('a new account that can assume the role is added; the old one removed', () => {
    const d = diff(trust({ AWS: 'arn:aws:iam::111122223333:root' }), trust({ AWS: 'arn:aws:iam::444455556666:root' }), 'TRUST_POLICY');
    assert.deepStrictEqual(lines(d.added), ['sts:AssumeRole on * for arn:aws:iam::444455556666:root']);
    assert.deepStrictEqual(lines(d.removed), ['sts:AssumeRole on * for arn:aws:iam::111122223333:root']);
  });

  it('naming a role of a trusted account instead of the account is narrower, not new access', () => {
    const d = diff(trust({ AWS: '111122223333' }), trust({ AWS: 'arn:aws:iam::111122223333:role/deploy' }), 'TRUST_POLICY');
    assert.deepStrictEqual(d.added, []);
    assert.deepStrictEqual(lines(d.removed), ['sts:AssumeRole on * for arn:aws:iam::111122223333:root']);
  });

  it('a bucket made public: the principal "*" is added access for everyone', () => {
    const base = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const next = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const d = diff(base, next, 'RESOURCE_POLICY');
    assert.deepStrictEqual(lines(d.added), [`s3:GetObject on ${BUCKET}/* for *`]);
    assert.deepStrictEqual(d.removed, []);
  });

  it('a GitHub OIDC trust whose sub condition is widened from one branch to any ref is added access', () => {
    const stmt = (sub: string) => ({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': sub } } });
    const d = diff(doc(stmt('repo:octo-org/octo-repo:ref:refs/heads/main')), doc(stmt('repo:octo-org/octo-repo:*')), 'TRUST_POLICY');
    assert.strictEqual(d.added.length, 1);
    assert.strictEqual(d.added[0].principal, 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
  });
});

describe('access diff summary', () => {
  it('reads "+N actions, −M" in distinct actions, or "no change"', () => {
    const d = diff(doc(allow(['s3:GetObject', 's3:PutObject'])), doc(allow(['s3:GetObject', 'sqs:SendMessage', 'sqs:ReceiveMessage', 'sns:Publish'])));
    assert.strictEqual(diffSummary(d), '+3 actions, \u22121');
    assert.strictEqual(diffSummary({ added: [], removed: [], denied: [], noLongerDenied: [] }), 'no change');
  });

  it('"An explicit deny in any of these policies overrides the allow": the lens counts what is newly denied, and the editor\'s document lists it in its own section, each action a link to its Deny', () => {
    const d = diff(doc(allow('s3:GetObject', `${BUCKET}/*`)), doc(allow('s3:GetObject', `${BUCKET}/*`), { Sid: 'KeepData', ...deny(['s3:DeleteObject', 's3:PutObject'], `${BUCKET}/*`) }));
    assert.strictEqual(diffSummary(d), '2 newly denied');
    const { text, links } = renderAccessDocument({ file: 'p.json', base: 'HEAD', policyType: 'IDENTITY_POLICY', diff: d });
    const rows = text.split('\n');
    const at = rows.indexOf('Newly denied, whichever policy allows it (2 actions)');
    assert.ok(at > 0, text);
    assert.deepStrictEqual(rows.slice(at + 1, at + 5), ['  s3 \u2014 2 actions', `    - on ${BUCKET}/*`, '        s3:DeleteObject  \u2190 statement "KeepData", line 9', '        s3:PutObject  \u2190 statement "KeepData", line 9']);
    assert.deepStrictEqual(links.map((l) => [l.line, l.side, l.statementStart]), [[at + 3, 'new', d.denied[0].statement.start], [at + 4, 'new', d.denied[0].statement.start]]);
    assert.strictEqual(diffSummary(diff(doc(deny('s3:DeleteObject', `${BUCKET}/*`)), doc())), '1 no longer denied');
  });

  it('a policy that is not valid JSON says why, so it is never read as granting nothing', () => {
    assert.match(access('{"Version": "2012-10-17", "Statement": [').error ?? '', /not valid JSON/);
    assert.match(access('[]').error ?? '', /must be a JSON object/);
  });

  it('names a JSON syntax error in words, with its line and column, not by jsonc-parser\'s code (PropertyNameExpected)', () => {
    assert.strictEqual(access('{\n  "Version": "2012-10-17",,\n  "Statement": []\n}').error, 'the document is not valid JSON (property name expected at line 2, column 27)');
    assert.strictEqual(access('{"Version": "2012-10-17" "Statement": []}').error, 'the document is not valid JSON (comma expected at line 1, column 26)');
    assert.strictEqual(access('{"Version": "2012-10-17", "Statement": [').error, 'the document is not valid JSON (closing bracket expected at line 1, column 41)');
  });
});
