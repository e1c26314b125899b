// Actions, resources and policy variables. "AWS doc:" marks cases from the IAM documentation.
import * as assert from 'assert';
import { ACCOUNT, BUCKET_OBJECT, SESSION, USER, allow, decision, deny, policy, req } from './helpers';
import { globsOverlap } from '../../../src/core/evaluation/operators';
import { globMatch } from '../../../src/core/policy/actions';

describe('evaluation: actions and resources', () => {
  it('matches actions case-insensitively with * and ?; NotAction (AWS doc: Action, NotAction)', () => {
    const r = req(SESSION, 's3:GetObject', 'arn:aws:s3:::b/k');
    assert.strictEqual(decision(r, { identity: [policy(allow('S3:getobj?ct'))] }), 'Allowed');
    assert.strictEqual(decision(r, { identity: [policy(allow('s3:*Object'))] }), 'Allowed');
    assert.strictEqual(decision(r, { identity: [policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }), 'Allowed');
    assert.strictEqual(decision(r, { identity: [policy({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })] }), 'ImplicitlyDenied');
  });

  it('matches resource ARNs field by field with wildcards; NotResource (AWS doc: Resource, NotResource)', () => {
    const r = req(SESSION, 'logs:PutLogEvents', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app:log-stream:x`);
    assert.strictEqual(decision(r, { identity: [policy(allow('logs:*', `arn:aws:logs:*:${ACCOUNT}:log-group:app:*`))] }), 'Allowed');
    assert.strictEqual(decision(r, { identity: [policy(allow('logs:*', 'arn:aws:logs:*:999999999999:*'))] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(r, { identity: [policy({ Effect: 'Allow', Action: 'logs:*', NotResource: 'arn:aws:logs:*:*:log-group:other:*' })] }), 'Allowed');
    assert.strictEqual(decision(r, { identity: [policy(allow('logs:*', 'arn:aws:*'))] }), 'Allowed');
    assert.strictEqual(decision(r, { identity: [policy(allow('logs:*', 'arn:aws:logs:us-east-1:*:log-group:app'))] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(SESSION, 's3:ListAllMyBuckets', '*'), { identity: [policy(allow('s3:*', 'arn:aws:s3:::*'))] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(SESSION, 'S3:GetObject', 'arn:aws:s3:::Reports/a'), { identity: [policy(allow('s3:*', 'arn:aws:s3:::reports/*'))] }), 'ImplicitlyDenied');
  });
});

describe('evaluation: policy variables', () => {
  const user = (resource: string) => req(USER, 's3:GetObject', resource);

  it('substitutes ${aws:username} in Resource (AWS doc: IAM policy elements: variables and tags)', () => {
    const p = policy(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*'));
    assert.strictEqual(decision(user('arn:aws:s3:::home/alice/notes.txt'), { identity: [p] }), 'Allowed');
    assert.strictEqual(decision(user('arn:aws:s3:::home/bob/notes.txt'), { identity: [p] }), 'ImplicitlyDenied');
  });

  it('has no aws:username for a role session, so the value matches nothing unless it has a default (AWS doc)', () => {
    const p = policy(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*'));
    assert.strictEqual(decision(req(SESSION, 's3:GetObject', 'arn:aws:s3:::home/alice/x'), { identity: [p] }), 'ImplicitlyDenied');
    const d = policy(allow('s3:GetObject', "arn:aws:s3:::home/${aws:username, 'shared'}/*"));
    assert.strictEqual(decision(req(SESSION, 's3:GetObject', 'arn:aws:s3:::home/shared/x'), { identity: [d] }), 'Allowed');
  });

  it('${*}, ${?} and ${$} stand for the characters themselves (AWS doc: special characters)', () => {
    const p = policy(allow('s3:GetObject', 'arn:aws:s3:::b/${*}${?}${$}'));
    assert.strictEqual(decision(user('arn:aws:s3:::b/*?$'), { identity: [p] }), 'Allowed');
    assert.strictEqual(decision(user('arn:aws:s3:::b/ab$'), { identity: [p] }), 'ImplicitlyDenied');
  });

  it('substitutes tag variables in condition values; a variable value matches literally', () => {
    const p = policy(allow('ec2:StartInstances', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } }));
    const r = (team: string, tag: string) => req(SESSION, 'ec2:StartInstances', '*', { 'aws:ResourceTag/team': tag, 'aws:PrincipalTag/team': team });
    assert.strictEqual(decision(r('blue', 'blue'), { identity: [p] }), 'Allowed');
    assert.strictEqual(decision(r('blue', 'red'), { identity: [p] }), 'ImplicitlyDenied');
    const like = policy(allow('ec2:StartInstances', '*', { Condition: { StringLike: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } }));
    assert.strictEqual(decision(r('*', 'red'), { identity: [like] }), 'ImplicitlyDenied');
  });

  it('leaves ${...} literal in a policy without Version 2012-10-17 (AWS doc: policy variables need version 2012-10-17)', () => {
    const p = { Statement: [allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*')] };
    assert.strictEqual(decision(user('arn:aws:s3:::home/alice/x'), { identity: [p] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(user('arn:aws:s3:::home/${aws:username}/x'), { identity: [p] }), 'Allowed');
  });

  it('an unresolved variable in a Deny condition value never matches', () => {
    const p = policy(allow('s3:*'), deny('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:ResourceTag/team}' } } }));
    assert.strictEqual(decision(req(SESSION, 's3:GetObject', '*', { 'aws:PrincipalTag/team': 'x' }), { identity: [p] }), 'Allowed');
  });

  it('an unresolved variable makes a negated operator true and excludes nothing from NotResource: the value matches nothing, so nothing matches it', () => {
    const notEquals = policy(allow('s3:*'), deny('s3:*', '*', { Condition: { StringNotEquals: { 'aws:username': '${aws:PrincipalTag/team}' } } }));
    assert.strictEqual(decision(req(USER, 's3:GetObject', BUCKET_OBJECT), { identity: [notEquals] }), 'ExplicitlyDenied');
    assert.strictEqual(decision(req(USER, 's3:GetObject', BUCKET_OBJECT, { 'aws:PrincipalTag/team': 'alice' }), { identity: [notEquals] }), 'Allowed');
    const notResource = policy(allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::home/${aws:username}/*' });
    assert.strictEqual(decision(req(SESSION, 's3:GetObject', 'arn:aws:s3:::home/alice/x'), { identity: [notResource] }), 'ExplicitlyDenied');
    assert.strictEqual(decision(req(USER, 's3:GetObject', 'arn:aws:s3:::home/alice/x'), { identity: [notResource] }), 'Allowed');
  });
});

describe('evaluation: wildcard patterns that overlap', () => {
  it('finds a common text for two patterns, and none when they are disjoint', () => {
    assert.ok(globsOverlap('*/AWSLogs/*', 'example-bucket/*'));
    assert.ok(globsOverlap('a?c', 'ab*'));
    assert.ok(!globsOverlap('other/*', 'example/*'));
    assert.ok(!globsOverlap('abc', 'abd'));
    assert.ok(!globsOverlap('A*', 'a*'), 'case-sensitive');
  });

  it('a literal path then `*` overlaps exactly the patterns that can begin with that path', () => {
    assert.ok(globsOverlap('role/*', 'role/service-role/*'));
    assert.ok(globsOverlap('role/service-role/*', 'role/*'));
    assert.ok(!globsOverlap('role/*', 'user/*'));
    assert.ok(globsOverlap('role/*', 'ro*x'));
    assert.ok(globsOverlap('role/*', 'ro?e/x?'));
    assert.ok(!globsOverlap('role/*', 'ro?x/*'));
    assert.ok(!globsOverlap('Role/*', 'role/*'), 'case-sensitive');
    // Against every text of up to six letters: some text fits both exactly when the two overlap.
    const texts = [''];
    for (let n = 0; n < texts.length && texts[n].length < 6; n++) for (const c of 'abc') texts.push(texts[n] + c);
    const prefixes = ['*', 'a*', 'b*', 'ab*', 'ba*', 'aa*'];
    const others = [''];
    for (let n = 0; n < others.length && others[n].length < 3; n++) for (const c of 'ab*?') others.push(others[n] + c);
    for (const a of prefixes) {
      for (const b of others) {
        const common = texts.some((t) => globMatch(a, t, false) && globMatch(b, t, false));
        assert.strictEqual(globsOverlap(a, b), common, `${a} and ${b}`);
        assert.strictEqual(globsOverlap(b, a), common, `${b} and ${a}`);
      }
    }
  });
});
