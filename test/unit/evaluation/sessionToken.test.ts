// Credentials from GetSessionToken: the IAM user's (or root user's) permissions, less what STS documents.
import * as assert from 'assert';
import { evaluate, parseScenario, type EvaluationRequest } from '../../../src/core/evaluation';
import { sessionTokenRequest } from '../../../src/core/evaluation/sessionLimits';
import { credentialsText } from '../../../src/core/debugging/resultText';
import { ACCOUNT, BUCKET_OBJECT, USER, allow, decision, deny, policy, req, run } from './helpers';

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const TARGET = `arn:aws:iam::${ACCOUNT}:role/Deploy`;
const all = policy(allow('*'));
const gst = (principal: string, action: string, resource = '*', context?: EvaluationRequest['context']): EvaluationRequest => ({ ...req(principal, action, resource, context), credentials: 'GetSessionToken' });
const MFA = { 'aws:MultiFactorAuthPresent': true };

describe('evaluation: credentials from GetSessionToken', () => {
  it('AWS STS API reference, GetSessionToken: "You cannot call any IAM API operations unless MFA authentication information is included in the request." — without MFA an iam: action is refused whatever the policies allow', () => {
    const r = run(gst(USER, 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/bob`), { identity: [all] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.reasons.join(' '), /GetSessionToken cannot call IAM operations unless .*MFA/);
    assert.strictEqual(decision(gst(USER, 'iam:ListUsers', '*', { 'aws:MultiFactorAuthPresent': 'false' }), { identity: [all] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(gst(ROOT, 'iam:ListUsers')), 'ImplicitlyDenied', 'the root user\'s session too');
    // With MFA the user's own permissions decide; its long-term keys were never limited.
    assert.strictEqual(decision(gst(USER, 'iam:ListUsers', '*', MFA), { identity: [all] }), 'Allowed');
    assert.strictEqual(decision(gst(USER, 'iam:ListUsers', '*', MFA)), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(USER, 'iam:ListUsers'), { identity: [all] }), 'Allowed');
    assert.strictEqual(decision(gst(USER, 's3:GetObject', BUCKET_OBJECT), { identity: [all] }), 'Allowed', 'other services need no MFA');
  });

  it('AWS STS API reference, GetSessionToken: "You cannot call any STS API except AssumeRole or GetCallerIdentity." — other STS operations are refused, AssumeRole still follows the trust policy', () => {
    for (const action of ['sts:GetSessionToken', 'sts:GetFederationToken', 'sts:DecodeAuthorizationMessage', 'sts:GetAccessKeyInfo']) {
      const r = run(gst(USER, action, '*', MFA), { identity: [all] });
      assert.strictEqual(r.decision, 'ImplicitlyDenied', action);
      assert.match(r.reasons.join(' '), /GetSessionToken cannot call STS operations other than AssumeRole and GetCallerIdentity/);
    }
    const trust = policy({ Effect: 'Allow', Principal: { AWS: USER }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
    assert.strictEqual(decision(gst(USER, 'sts:AssumeRole', TARGET), { identity: [all], resource: [trust] }), 'Allowed');
    assert.strictEqual(decision(gst(USER, 'sts:TagSession', TARGET), { identity: [all], resource: [trust] }), 'Allowed', 'AssumeRole with session tags asks for sts:TagSession');
    assert.strictEqual(decision(gst(USER, 'sts:AssumeRole', TARGET)), 'ImplicitlyDenied');
    assert.strictEqual(decision(gst(USER, 'sts:GetCallerIdentity')), 'Allowed');
    assert.strictEqual(decision(req(USER, 'sts:DecodeAuthorizationMessage'), { identity: [all] }), 'Allowed', 'long-term keys may');
  });

  it('AWS global condition keys, aws:MultiFactorAuthPresent: "This key is present in the request context when the principal uses temporary credentials to make the request." — a session made without MFA has it false', () => {
    const denyWithoutMfa = policy(allow('s3:*'), deny('s3:DeleteObject', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }));
    assert.strictEqual(decision(gst(USER, 's3:DeleteObject', BUCKET_OBJECT), { identity: [denyWithoutMfa] }), 'ExplicitlyDenied');
    assert.strictEqual(decision(gst(USER, 's3:DeleteObject', BUCKET_OBJECT, MFA), { identity: [denyWithoutMfa] }), 'Allowed');
    assert.strictEqual(decision(req(USER, 's3:DeleteObject', BUCKET_OBJECT), { identity: [denyWithoutMfa] }), 'Allowed', 'long-term keys carry no such key');
  });

  it('AWS STS API reference, GetSessionToken: "You cannot call any IAM API operations unless MFA authentication information is included in the request." — a session made with MFA states it in the request, unless the context already names the key', () => {
    const withMfa = sessionTokenRequest(true, {});
    assert.deepStrictEqual(withMfa, { credentials: 'GetSessionToken', context: MFA });
    assert.strictEqual(decision({ ...req(USER, 'iam:ListUsers'), ...withMfa }, { identity: [all] }), 'Allowed');
    const without = sessionTokenRequest(false, {});
    assert.deepStrictEqual(without, { credentials: 'GetSessionToken' });
    assert.strictEqual(decision({ ...req(USER, 'iam:ListUsers'), ...without }, { identity: [all] }), 'ImplicitlyDenied');
    // A context that says otherwise, in any case of the key, is kept as given.
    assert.deepStrictEqual(sessionTokenRequest(true, { 'AWS:MultiFactorAuthPresent': false }).context, { 'AWS:MultiFactorAuthPresent': false });
    // The words for each are the ones the result and the principal step show.
    assert.deepStrictEqual([credentialsText({ ...req(USER, 'iam:ListUsers'), ...withMfa }), credentialsText({ ...req(USER, 'iam:ListUsers'), ...without })], ['a GetSessionToken session, with MFA', 'a GetSessionToken session, without MFA']);
  });

  it('a scenario says so with request.credentials, for an IAM user or the root user only', () => {
    const scenario = (request: object) => parseScenario(JSON.stringify({ request, identityPolicies: [all] }), '/r/a.json', () => undefined);
    const ok = scenario({ principal: USER, action: 'iam:ListUsers', credentials: 'GetSessionToken' });
    assert.deepStrictEqual(ok.problems, []);
    assert.strictEqual(evaluate(ok.input!).decision, 'ImplicitlyDenied');
    assert.strictEqual(evaluate(scenario({ principal: USER, action: 'iam:ListUsers', credentials: 'getsessiontoken', context: MFA }).input!).decision, 'Allowed');
    assert.match(scenario({ principal: USER, action: 'iam:ListUsers', credentials: 'AssumeRole' }).problems.join(' '), /request\.credentials must be "GetSessionToken"/);
    assert.match(scenario({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`, action: 'iam:ListUsers', credentials: 'GetSessionToken' }).problems.join(' '), /needs an IAM user or the root user/);
  });
});
