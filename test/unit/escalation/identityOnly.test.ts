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

/** A role's trust policy that trusts its account, as the escalation decision gives every role it asks sts:AssumeRole of. */
const TRUST = { name: 'trust', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }) };

function engineAnswer(texts: readonly string[], action: string, resource: string, context: Record<string, ContextValue>): string {
  const resourcePolicies = action === 'sts:AssumeRole' ? [TRUST] : undefined;
  const r = evaluate({ request: { principal: USER_ARN, action, resource, resourceAccount: ACCOUNT, context }, identityPolicies: texts.map((text, i) => ({ name: String(i), text })), resourcePolicies }, undefined, { decisionOnly: true });
  return JSON.stringify(answerOf(r));
}

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app-1`;
const ALLOW = (action: string | string[], condition?: object, resource: string | string[] = '*') => ({ Effect: 'Allow', Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) });

const DENY = (action: string | string[], condition?: object, resource: string | string[] = '*') => ({ ...ALLOW(action, condition, resource), Effect: 'Deny' });

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

/** Asks every request in every context of the identity-only answer and of the engine, which must agree; the decisions seen. */
function answersAsEngine(texts: readonly string[], requests: readonly [string, string][], contexts: readonly Record<string, ContextValue>[]): Set<string> {
  const subject = subjectOf(texts);
  const decisions = new Set<string>();
  for (const [action, resource] of requests) {
    for (const context of contexts) {
      const answer = identityOnlyAnswer(subject, action, resource, context);
      assert.notStrictEqual(answer, undefined, `${action} on ${resource}: left to the engine`);
      assert.strictEqual(JSON.stringify(answer), engineAnswer(texts, action, resource, context), `${action} on ${resource} in ${JSON.stringify(context)}`);
      decisions.add(answer!.decision);
    }
  }
  return decisions;
}

describe('escalation requests answered from the identity statements alone', () => {
  for (const s of SUBJECTS) {
    it(`answers as the engine does: ${s.name}`, () => {
      const decisions = answersAsEngine(s.texts, REQUESTS, CONTEXTS);
      assert.ok(decisions.has('Allowed') && decisions.has('ImplicitlyDenied'), 'some requests are allowed and some are not');
    });
  }

  // Deny statements: those the action and resource reach decide as the engine's explicit deny does,
  // with the same condition traces; the others are left out, as the engine leaves them.
  const DENY_SUBJECTS: { name: string; texts: string[] }[] = [
    {
      name: 'session isolation: StringNotEquals against ${aws:SourceIdentity} on request and resource tags',
      texts: [doc([ALLOW(['iam:*', 'glue:*', 'ec2:RunInstances']), DENY(['glue:CreateSession', 'glue:RunStatement'], { StringNotEquals: { 'aws:RequestTag/Owner': '${aws:SourceIdentity}', 'aws:ResourceTag/Owner': '${aws:SourceIdentity}' } }, ['arn:aws:glue:*:*:session/*']), DENY('iam:PassRole', { StringNotEquals: { 'aws:ResourceTag/team': 'ops' } }, 'arn:aws:iam::*:role/admin-*')])],
    },
    {
      name: 'IMDSv2 required: RunInstances denied unless ec2:MetadataHttpTokens is "required"',
      texts: [doc([ALLOW(['ec2:RunInstances', 'iam:PassRole', 'iam:AttachRolePolicy']), DENY('ec2:RunInstances', { StringLike: { 'aws:RequestTag/kind': ['custom-*'] }, StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } }, 'arn:aws:ec2:*:*:instance/*')])],
    },
    {
      name: 'unconditional, NotAction and NotResource denies across two policies',
      texts: [
        doc([ALLOW('iam:*', { StringEqualsIfExists: { 'aws:ResourceTag/team': 'ops' } }), DENY('iam:PassRole', undefined, 'arn:aws:iam::*:role/admin-*'), DENY('s3:*')]),
        doc([ALLOW(['ec2:*', 'glue:*']), { Effect: 'Deny', NotAction: ['iam:*', 'glue:*'], NotResource: 'arn:aws:ec2:eu-west-1:*:instance/*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }, DENY('iam:AttachRolePolicy', { StringEquals: { 'aws:ResourceTag/team': 'ops' } })]),
      ],
    },
  ];
  const DENY_REQUESTS: [string, string][] = [...REQUESTS.filter(([, resource]) => resource !== '*'), ['glue:CreateSession', `arn:aws:glue:us-east-1:${ACCOUNT}:session/s1`], ['glue:RunStatement', `arn:aws:glue:us-east-1:${ACCOUNT}:session/s1`]];
  const DENY_CONTEXTS: Record<string, ContextValue>[] = [
    ...CONTEXTS,
    { 'aws:SourceIdentity': 'me', 'aws:RequestTag/Owner': 'me', 'aws:ResourceTag/Owner': 'me', 'aws:MultiFactorAuthPresent': 'false' },
    { 'aws:SourceIdentity': 'me', 'aws:RequestTag/Owner': 'you', 'ec2:MetadataHttpTokens': 'required', 'aws:RequestTag/kind': 'custom-oracle' },
    { 'ec2:MetadataHttpTokens': 'optional', 'aws:RequestTag/kind': 'custom-oracle', 'aws:ResourceTag/team': 'dev' },
  ];
  for (const s of DENY_SUBJECTS) {
    it(`answers as the engine does with Deny statements: ${s.name}`, () => {
      assert.strictEqual(subjectOf(s.texts).allowOnly, false);
      const decisions = answersAsEngine(s.texts, DENY_REQUESTS, DENY_CONTEXTS);
      assert.deepStrictEqual([...decisions].sort(), ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied'], 'some requests are allowed, some denied explicitly, some implicitly');
    });
  }

  it('AWS: "If AWS cannot resolve a variable this might cause the entire statement to be invalid." — variables in Resource and NotResource take their values from the context, as in the engine', () => {
    const texts = [
      doc([ALLOW('iam:PassRole', undefined, 'arn:aws:iam::*:role/${aws:PrincipalTag/path}'), ALLOW('iam:AttachRolePolicy', undefined, ['arn:aws:iam::*:role/${aws:username}', "arn:aws:iam::*:role/${aws:PrincipalTag/team, 'app-1'}"]), DENY('iam:AttachRolePolicy', undefined, 'arn:aws:iam::*:role/${aws:PrincipalTag/team}')]),
      doc([{ Effect: 'Allow', Action: 'ec2:RunInstances', NotResource: 'arn:aws:ec2:*:*:instance/${aws:PrincipalTag/x}' }, ALLOW('lambda:CreateFunction', undefined, 'arn:aws:lambda:*:*:function:${aws:username}')]),
      doc([ALLOW('iam:PassRole', undefined, 'arn:aws:iam::*:role/${aws:PrincipalTag/path}')], '2008-10-17'),
    ];
    const requests: [string, string][] = [...REQUESTS, ['iam:AttachRolePolicy', `arn:aws:iam::${ACCOUNT}:role/sts-lens-caller`], ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/\${aws:PrincipalTag/path}`], ['ec2:RunInstances', `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-2`], ['lambda:CreateFunction', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:sts-lens-caller`]];
    const contexts: Record<string, ContextValue>[] = [{}, { 'aws:PrincipalTag/path': 'app-1' }, { 'aws:PrincipalTag/team': 'app-1' }, { 'aws:PrincipalTag/team': 'ops', 'aws:PrincipalTag/x': 'i-2' }];
    const decisions = answersAsEngine(texts, requests, contexts);
    assert.deepStrictEqual([...decisions].sort(), ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']);
  });

  const all = [doc([ALLOW('iam:*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })])];

  it('answers as the engine does when the context states the caller\'s ARN or the resource\'s account: the engine reads no other IAM user or role from them, and the request names the account', () => {
    const texts = [doc([ALLOW('iam:*', { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/other' } }), ALLOW('ec2:*', { StringEquals: { 'aws:ResourceAccount': '999999999999' } }), DENY('lambda:*', { StringNotEquals: { 'aws:PrincipalArn': USER_ARN } })])];
    const decisions = answersAsEngine(texts, REQUESTS.filter(([, resource]) => resource !== '*'), [{}, { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/other' }, { 'AWS:ResourceAccount': '999999999999' }, { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:user/x' }]);
    assert.deepStrictEqual([...decisions].sort(), ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']);
  });

  it('answers sts:AssumeRole as the engine does against a trust policy that names only the account, which leaves the decision to identity-based policies', () => {
    const texts = [doc([ALLOW('sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, 'arn:aws:iam::*:role/app-*'), DENY('sts:AssumeRole', { StringEquals: { 'aws:ResourceTag/team': 'ops' } }, 'arn:aws:iam::*:role/app-9')])];
    const requests: [string, string][] = [['sts:AssumeRole', ROLE_ARN], ['sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/app-9`], ['sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/web`]];
    const decisions = answersAsEngine(texts, requests, [{}, { 'aws:MultiFactorAuthPresent': 'true' }, { 'aws:MultiFactorAuthPresent': 'true', 'aws:ResourceTag/team': 'ops' }]);
    assert.deepStrictEqual([...decisions].sort(), ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']);
  });
  const UNANSWERED: { name: string; texts: string[]; action?: string; resource?: string; context?: Record<string, ContextValue>; more?: Partial<IdentityOnlySubject> }[] = [
    { name: 'a Deny covering the action, on the resource *', texts: [doc([ALLOW('lambda:*'), DENY('lambda:CreateFunction', { StringEquals: { 'aws:ResourceTag/x': '1' } }, 'arn:aws:lambda:*:*:function:*')])], action: 'lambda:CreateFunction', resource: '*' },
    { name: 'a Principal in a Deny statement reached', texts: [doc([ALLOW('iam:*'), { ...DENY('iam:PassRole'), Principal: '*' }])] },
    { name: 'a Deny Condition that is not an object', texts: [doc([ALLOW('iam:*'), DENY('iam:PassRole', ['x'] as unknown as object)])] },
    { name: 'a permissions boundary', texts: all, more: { allowOnly: false, bounded: true } },
    { name: 'a caller of another account', texts: all, more: { sameAccount: false } },
    { name: 'a Principal in a statement reached', texts: [doc([{ ...ALLOW('iam:*'), Principal: '*' }])] },
    { name: 'a Condition that is not an object', texts: [doc([ALLOW('iam:*', ['x'] as unknown as object)])] },
    { name: 'an operator whose value is not an object', texts: [doc([ALLOW('iam:*', { StringEquals: 'x' })])] },
    { name: 'a trust policy that must allow it too, which the question does not give', texts: [doc([ALLOW('sts:TagSession', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })])], action: 'sts:TagSession' },
    { name: 'a key policy that must allow it too', texts: [doc([ALLOW('kms:Decrypt')])], action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k-1` },
    { name: 'a resource pattern', texts: all, resource: 'arn:aws:iam::*:role/app-*' },
    { name: 'a document the engine cannot read', texts: ['{"Version": "2012-10-17", "Statement": ['] },
  ];
  for (const c of UNANSWERED) {
    it(`leaves ${c.name} to the engine`, () => {
      assert.strictEqual(identityOnlyAnswer(subjectOf(c.texts, c.more), c.action ?? 'iam:PassRole', c.resource ?? ROLE_ARN, c.context ?? {}), undefined);
    });
  }
});
