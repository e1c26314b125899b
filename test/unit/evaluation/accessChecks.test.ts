import * as assert from 'assert';
import { notGrantedViolations, publicAccessViolations, type NotGrantedRule } from '../../../src/core/evaluation/access';
import type { PolicyType } from '../../../src/core/policy';
import { testCatalog } from '../policy/catalog';
import { access, diff, doc } from './accessHelpers';

const BUCKET = 'arn:aws:s3:::example-bucket';

function notGranted(policy: object, rule: NotGrantedRule, type?: PolicyType): string[] {
  return notGrantedViolations(access(policy, type), rule, testCatalog().catalog).map((v) => `${v.action} on ${v.resource}`);
}

function publicGrants(policy: object, type: PolicyType = 'RESOURCE_POLICY'): string[] {
  return publicAccessViolations(access(policy, type)).map((v) => v.action);
}

describe('access checks: not granted (CheckAccessNotGranted)', () => {
  it('"If only actions are specified, IAM Access Analyzer checks for access to perform at least one of the actions on any resource in the policy."', () => {
    const p = doc({ Effect: 'Allow', Action: ['s3:GetObject', 'iam:PassRole'], Resource: 'arn:aws:iam::111122223333:role/app' });
    assert.deepStrictEqual(notGranted(p, { actions: ['iam:PassRole', 'iam:CreateUser'] }), ['iam:PassRole on arn:aws:iam::111122223333:role/app']);
    assert.deepStrictEqual(notGranted(p, { actions: ['iam:CreateUser'] }), []);
  });

  it('"If only resources are specified, then IAM Access Analyzer checks for access to perform any action on at least one of the resources."', () => {
    const p = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    assert.deepStrictEqual(notGranted(p, { resources: [`${BUCKET}/secret.txt`] }), [`s3:GetObject on ${BUCKET}/secret.txt`]);
    assert.deepStrictEqual(notGranted(p, { resources: ['arn:aws:s3:::other-bucket/*'] }), []);
  });

  it('"If both actions and resources are specified, IAM Access Analyzer checks for access to perform at least one of the specified actions on at least one of the specified resources."', () => {
    const p = doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-*' });
    assert.deepStrictEqual(notGranted(p, { actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/admin'] }), []);
    assert.deepStrictEqual(notGranted(p, { actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/app-web'] }), ['iam:PassRole on arn:aws:iam::111122223333:role/app-web']);
  });

  it('a wildcard, a NotAction and a listed wildcard all grant the action', () => {
    assert.deepStrictEqual(notGranted(doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), { actions: ['iam:PassRole'] }), ['iam:PassRole on *']);
    assert.deepStrictEqual(notGranted(doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }), { actions: ['iam:PassRole'] }), ['iam:PassRole on *']);
    assert.deepStrictEqual(notGranted(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }), { actions: ['iam:Pass*'] }), ['iam:PassRole on *']);
  });

  it('an unconditional Deny takes it away; a conditional Deny or a conditional Allow does not', () => {
    const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };
    assert.deepStrictEqual(notGranted(doc(allowAll, { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }), { actions: ['iam:PassRole'] }), []);
    assert.strictEqual(notGranted(doc(allowAll, { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }), { actions: ['iam:PassRole'] }).length, 1);
    assert.strictEqual(notGranted(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }), { actions: ['iam:PassRole'] }).length, 1);
  });

  it('a Deny on the listed resource takes the action away there, not on others', () => {
    const p = doc({ Effect: 'Allow', Action: 's3:DeleteBucket', Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: BUCKET });
    assert.deepStrictEqual(notGranted(p, { actions: ['s3:DeleteBucket'], resources: [BUCKET] }), []);
    assert.deepStrictEqual(notGranted(p, { actions: ['s3:DeleteBucket'], resources: ['arn:aws:s3:::other'] }), ['s3:DeleteBucket on arn:aws:s3:::other']);
  });
});

describe('access checks: no public access (CheckNoPublicAccess)', () => {
  const stmt = (Principal: unknown, Condition?: object) => ({ Effect: 'Allow', Principal, Action: 's3:GetObject', Resource: `${BUCKET}/*`, ...(Condition ? { Condition } : {}) });

  it('"Amazon S3 considers a bucket policy public unless at least one of the following conditions is true": Principal "*" without conditions is public', () => {
    assert.deepStrictEqual(publicGrants(doc(stmt('*'))), ['s3:GetObject']);
    assert.deepStrictEqual(publicGrants(doc(stmt({ AWS: '*' }))), ['s3:GetObject']);
  });

  it('"A fixed AWS principal, user, role, or service principal" is not public', () => {
    assert.deepStrictEqual(publicGrants(doc(stmt({ AWS: 'arn:aws:iam::111122223333:role/reader' }))), []);
    assert.deepStrictEqual(publicGrants(doc(stmt({ Service: 'cloudtrail.amazonaws.com' }))), []);
  });

  it('"A fixed aws:SourceVpce", a fixed aws:PrincipalOrgID and a fixed aws:SourceAccount confine "*"', () => {
    assert.deepStrictEqual(publicGrants(doc(stmt('*', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }))), []);
    assert.deepStrictEqual(publicGrants(doc(stmt('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))), []);
    assert.deepStrictEqual(publicGrants(doc(stmt('*', { StringEquals: { 'aws:SourceAccount': '111122223333' } }))), []);
  });

  it('"The policy limits access to a set of CIDRs using aws:SourceIp" is not public; 0.0.0.0/0 is', () => {
    assert.deepStrictEqual(publicGrants(doc(stmt('*', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }))), []);
    assert.deepStrictEqual(publicGrants(doc(stmt('*', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }))), ['s3:GetObject']);
  });

  it('a wildcard value, a negated operator or an IfExists does not confine; a condition on another key does not either', () => {
    assert.deepStrictEqual(publicGrants(doc(stmt('*', { StringLike: { 'aws:PrincipalOrgID': '*' } }))), ['s3:GetObject']);
    assert.deepStrictEqual(publicGrants(doc(stmt('*', { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } }))), ['s3:GetObject']);
    assert.deepStrictEqual(publicGrants(doc(stmt('*', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }))), ['s3:GetObject']);
    assert.deepStrictEqual(publicGrants(doc(stmt('*', { Bool: { 'aws:SecureTransport': 'true' } }))), ['s3:GetObject']);
  });

  it('a Deny for everyone outside the organization takes the public Allow back', () => {
    const guard = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
    assert.deepStrictEqual(publicGrants(doc(stmt('*'), guard)), []);
  });

  it('a trust policy that lets anyone assume the role is public', () => {
    const trust = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
    assert.deepStrictEqual(publicGrants(trust, 'TRUST_POLICY'), ['sts:AssumeRole']);
    assert.deepStrictEqual(publicGrants(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }), 'TRUST_POLICY'), []);
  });

  it('identity policies are never public', () => {
    assert.deepStrictEqual(publicGrants(doc({ Effect: 'Allow', Action: '*', Resource: '*' }), 'IDENTITY_POLICY'), []);
  });
});

describe('access checks: no new access (CheckNoNewAccess)', () => {
  it('"Checks whether new access is allowed for an updated policy when compared to the existing policy."', () => {
    const existing = doc({ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' });
    const same = doc({ Effect: 'Allow', Action: 'dynamodb:Query', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' }, { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' });
    assert.deepStrictEqual(diff(existing, same).added, []);
    const wider = doc({ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/*' });
    assert.deepStrictEqual(diff(existing, wider).added.map((i) => `${i.action} on ${i.resource}`), ['dynamodb:GetItem on arn:aws:dynamodb:us-east-1:111122223333:table/*', 'dynamodb:Query on arn:aws:dynamodb:us-east-1:111122223333:table/*']);
  });
});
