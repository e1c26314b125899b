import * as assert from 'assert';
import { evaluate } from '../../../src/core/evaluation';
import { documentError } from '../../../src/core/evaluation/compiledPolicy';
import { answerOf, identityOnlyAnswer, type IdentityOnlySubject } from '../../../src/core/evaluation/escalation/identityOnly';
import type { ContextValue } from '../../../src/core/evaluation/types';
import { parsePolicy } from '../../../src/core/policy/parse';

// identityOnlyAnswer (src/core/evaluation/escalation/identityOnly.ts) against the engine it stands
// for: whatever it answers (decision, allowing statements, conditions that stop a statement, with
// their traces) is what the escalation decision reads of the engine's own result.

const ACCOUNT = '111122223333';
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/sts-lens-caller`;

const doc = (statements: object[], version = '2012-10-17') => JSON.stringify({ Version: version, Statement: statements });

function subjectOf(texts: readonly string[], more: Partial<IdentityOnlySubject> = {}): IdentityOnlySubject {
  const parsed = texts.map((t) => parsePolicy(t));
  return {
    parsed,
    covered: [],
    allowOnly: parsed.every((p) => p.statements.every((st) => st.effect?.valueNode.value !== 'Deny')),
    bounded: false,
    sameAccount: true,
    readable: parsed.every((p) => documentError(p) === undefined),
    caller: USER_ARN,
    account: ACCOUNT,
    ...more,
  };
}

function engineAnswer(texts: readonly string[], action: string, resource: string, context: Record<string, ContextValue>): string {
  const r = evaluate({ request: { principal: USER_ARN, action, resource, resourceAccount: ACCOUNT, context }, identityPolicies: texts.map((text, i) => ({ name: String(i), text })) }, undefined, { decisionOnly: true });
  return JSON.stringify(answerOf(r));
}

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app-1`;
const ALLOW = (action: string | string[], condition?: object, resource: string | string[] = '*') => ({ Effect: 'Allow', Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) });

const SUBJECTS: { name: string; texts: string[] }[] = [
  { name: 'the Region, derived from the resource', texts: [doc([ALLOW(['ec2:RunInstances', 'lambda:CreateFunction', 'iam:*'], { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })])] },
  {
    name: 'resource tags: absent, Null, negated and IfExists',
    texts: [doc([ALLOW('iam:*', { StringEquals: { 'aws:ResourceTag/team': 'ops' } }), ALLOW('iam:PassRole', { Null: { 'aws:ResourceTag/team': 'true' } }), ALLOW('ec2:*', { StringNotEquals: { 'aws:ResourceTag/team': 'ops' } }), ALLOW('lambda:*', { StringEqualsIfExists: { 'aws:ResourceTag/team': 'dev' } })])],
  },
  {
    name: 'a policy variable in a condition value, in both versions',
    texts: [doc([ALLOW('iam:AttachRolePolicy', { StringEquals: { 'aws:RequestTag/owner': '${aws:username}' } })]), doc([ALLOW('iam:AttachRolePolicy', { StringEquals: { 'aws:RequestTag/owner': '${aws:username}' } })], '2008-10-17')],
  },
  {
    name: 'keys derived from the caller and the account',
    texts: [doc([ALLOW('iam:PassRole', { StringEquals: { 'aws:PrincipalType': 'User', 'aws:ResourceAccount': ACCOUNT } }), ALLOW('ec2:RunInstances', { StringEquals: { 'aws:PrincipalAccount': '999999999999' } }), ALLOW('lambda:CreateFunction', { StringLike: { 'aws:username': 'sts-*' } })])],
  },
  {
    name: 'Bool, set, numeric and date operators',
    texts: [doc([ALLOW('iam:*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), ALLOW('ec2:*', { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } }), ALLOW('lambda:*', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' }, DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } })])],
  },
  {
    name: 'plain statements, NotResource and NotAction beside conditional ones',
    texts: [doc([ALLOW('iam:PassRole', { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com', 'aws:ResourceTag/x': '1' } }), { Effect: 'Allow', NotAction: 's3:*', NotResource: 'arn:aws:iam::*:role/admin*', Condition: { StringEquals: { 'aws:RequestTag/x': '1' } } }, ALLOW('ec2:RunInstances', undefined, 'arn:aws:ec2:*:*:instance/*')]), doc([ALLOW('iam:AttachRolePolicy', { StringLike: { 'iam:PolicyARN': 'arn:aws:iam::*:policy/app-*' } }), ALLOW('lambda:CreateFunction')])],
  },
  { name: 'an unknown operator and an empty Condition', texts: [doc([ALLOW('iam:*', { StringFoo: { 'aws:ResourceTag/x': '1' } }), ALLOW('ec2:*', {})])] },
];

const REQUESTS: [string, string][] = [
  ['iam:AttachRolePolicy', ROLE_ARN],
  ['iam:PassRole', ROLE_ARN],
  ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/admin-1`],
  ['ec2:RunInstances', `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`],
  ['ec2:RunInstances', `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`],
  ['lambda:CreateFunction', `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f`],
  ['lambda:CreateFunction', '*'],
];

const CONTEXTS: Record<string, ContextValue>[] = [
  {},
  { 'iam:PassedToService': 'ec2.amazonaws.com' },
  { 'aws:RequestTag/owner': 'sts-lens-caller', 'aws:RequestTag/x': '1', 'aws:ResourceTag/x': '1' },
  { 'aws:ResourceTag/team': 'ops', 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '10' },
  { 'aws:ResourceTag/team': 'dev', 'aws:CalledVia': ['cloudformation.amazonaws.com'], 'iam:PolicyARN': 'arn:aws:iam::111122223333:policy/app-x' },
];

describe('escalation requests answered from the identity statements alone', () => {
  for (const s of SUBJECTS) {
    it(`answers as the engine does: ${s.name}`, () => {
      const subject = subjectOf(s.texts);
      const decisions = new Set<string>();
      for (const [action, resource] of REQUESTS) {
        for (const context of CONTEXTS) {
          const answer = identityOnlyAnswer(subject, action, resource, context);
          assert.notStrictEqual(answer, undefined, `${action} on ${resource}: left to the engine`);
          assert.strictEqual(JSON.stringify(answer), engineAnswer(s.texts, action, resource, context), `${action} on ${resource} in ${JSON.stringify(context)}`);
          decisions.add(answer!.decision);
        }
      }
      assert.ok(decisions.has('Allowed') && decisions.has('ImplicitlyDenied'), 'some requests are allowed and some are not');
    });
  }

  const all = [doc([ALLOW('iam:*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })])];
  const UNANSWERED: { name: string; texts: string[]; action?: string; resource?: string; context?: Record<string, ContextValue>; more?: Partial<IdentityOnlySubject> }[] = [
    { name: 'a Deny', texts: [doc([ALLOW('iam:*'), { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/x': '1' } } }])] },
    { name: 'a permissions boundary', texts: all, more: { allowOnly: false, bounded: true } },
    { name: 'a caller of another account', texts: all, more: { sameAccount: false } },
    { name: 'a Principal in a statement reached', texts: [doc([{ ...ALLOW('iam:*'), Principal: '*' }])] },
    { name: 'a policy variable in a Resource', texts: [doc([ALLOW('iam:*', undefined, 'arn:aws:iam::*:role/${aws:username}')])] },
    { name: 'a Condition that is not an object', texts: [doc([ALLOW('iam:*', ['x'] as unknown as object)])] },
    { name: 'an operator whose value is not an object', texts: [doc([ALLOW('iam:*', { StringEquals: 'x' })])] },
    { name: 'a context naming the caller', texts: all, context: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/other' } },
    { name: 'a context naming the resource account', texts: all, context: { 'AWS:ResourceAccount': '999999999999' } },
    { name: 'a trust policy that must allow it too', texts: [doc([ALLOW('sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })])], action: 'sts:AssumeRole' },
    { name: 'a resource pattern', texts: all, resource: 'arn:aws:iam::*:role/app-*' },
    { name: 'a document the engine cannot read', texts: ['{"Version": "2012-10-17", "Statement": ['] },
  ];
  for (const c of UNANSWERED) {
    it(`leaves ${c.name} to the engine`, () => {
      assert.strictEqual(identityOnlyAnswer(subjectOf(c.texts, c.more), c.action ?? 'iam:PassRole', c.resource ?? ROLE_ARN, c.context ?? {}), undefined);
    });
  }
});
