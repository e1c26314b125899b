import * as assert from 'assert';
import { plainGrant, reachSignature, settledOn, settledPassedTo, type SettlingSubject } from '../../../src/core/evaluation/escalation/settled';
import { on, passRole, ROLE, USER, type PathRequest } from '../../../src/core/evaluation/escalation/types';
import { evaluate } from '../../../src/core/evaluation';
import { documentError } from '../../../src/core/evaluation/compiledPolicy';
import { answerOf } from '../../../src/core/evaluation/escalation/identityOnly';
import { parsePolicy } from '../../../src/core/policy/parse';

// The shortcuts of src/core/evaluation/escalation/settled.ts against the engine they stand for:
// whatever a shortcut settles, the engine decides the same way, with the same first statement. An
// iam:PassRole request of a path that may pass the role to several services is allowed by the first
// statement the engine finds in the first service, in order, where the engine allows it.

const ACCOUNT = '111122223333';
const CALLER = `arn:aws:iam::${ACCOUNT}:user/sts-lens-caller`;

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function subject(texts: readonly string[], more: Partial<SettlingSubject> = {}): SettlingSubject {
  const parsed = texts.map((t) => parsePolicy(t));
  const allowOnly = parsed.every((p) => p.statements.every((st) => st.effect?.valueNode.value !== 'Deny'));
  return { parsed, covered: [], allowOnly, bounded: false, sameAccount: true, readable: parsed.every((p) => documentError(p) === undefined), ...more };
}

/** For sts:AssumeRole, the trust policy the escalation decision gives every role: it names only the caller's account. */
function trustFor(action: string): { name: string; text: string }[] | undefined {
  return action === 'sts:AssumeRole' ? [{ name: 'trust', text: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }) }] : undefined;
}

/** The engine's answer as the escalation check reads it: the first identity statement that allows the request, or null. */
function engine(texts: readonly string[], action: string, resource: string): { policy: number; statement: number } | null {
  const r = evaluate({ request: { principal: CALLER, action, resource, resourceAccount: ACCOUNT, context: {} }, identityPolicies: texts.map((text, i) => ({ name: String(i), text })), resourcePolicies: trustFor(action) }, undefined, { decisionOnly: true });
  if (r.decision !== 'Allowed') return null;
  const first = r.deciding.find((d) => d.kind === 'identity');
  return first ? { policy: Number(first.policy), statement: first.statement.index } : null;
}

const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const attach = on('iam:AttachRolePolicy', ROLE);
const createKey = on('iam:CreateAccessKey', USER, { target: 'other' });
const pass = passRole('ec2.amazonaws.com');

/** Shapes the shortcut settles, each with a request and the resources it is tried on. */
const SETTLED: { name: string; texts: string[]; req: PathRequest; resources: string[] }[] = [
  { name: 'an Allow on a pattern the resource matches', texts: [policy({ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: 'arn:aws:iam::*:role/app-*' })], req: attach, resources: [role('app-x'), role('other')] },
  { name: 'an Allow on a pattern the resource does not match', texts: [policy({ Effect: 'Allow', Action: 'iam:Attach*', Resource: `arn:aws:iam::${ACCOUNT}:role/ops/*` })], req: attach, resources: [role('sts-lens-probe')] },
  { name: 'NotResource that leaves the resource in, and one that takes it out', texts: [policy({ Effect: 'Allow', Action: 'iam:*', NotResource: 'arn:aws:iam::*:role/admin*' })], req: attach, resources: [role('app'), role('admin-1')] },
  { name: 'NotAction that leaves the action in', texts: [policy({ Effect: 'Allow', NotAction: 's3:*', Resource: 'arn:aws:iam::*:role/*' })], req: attach, resources: [role('app')] },
  { name: 'NotAction that takes the action out', texts: [policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], req: attach, resources: [role('app')] },
  {
    name: 'the first of several statements that apply, in order, across policies',
    texts: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/svc-*' }), policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })],
    req: pass,
    resources: [role('svc-a'), role('web')],
  },
  {
    name: 'a statement with a condition whose Resource does not reach the resource',
    texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/x-*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }, { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/y-*' })],
    req: pass,
    resources: [role('y-1'), role('z')],
  },
  { name: 'another user', texts: [policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:user/team/*' })], req: createKey, resources: [`arn:aws:iam::${ACCOUNT}:user/team/bob`, `arn:aws:iam::${ACCOUNT}:user/bob`] },
  { name: 'sts:AssumeRole against a trust policy that names only the account', texts: [policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/app-*' }, { Effect: 'Allow', Action: 'sts:*', Resource: '*' })], req: on('sts:AssumeRole', ROLE), resources: [role('app-1'), role('web')] },
  { name: 'an action without resource types, on *', texts: [policy({ Effect: 'Allow', Action: 'glue:CreateDevEndpoint', Resource: 'arn:aws:glue:*:*:devEndpoint/*' }, { Effect: 'Allow', Action: 'glue:*', Resource: '*' })], req: on('glue:CreateDevEndpoint', '*'), resources: ['*'] },
];

/** Shapes only the engine can decide: the shortcut must leave them to it. */
const UNSETTLED: { name: string; texts: string[]; req: PathRequest; resource: string; more?: Partial<SettlingSubject> }[] = [
  { name: 'a condition on the statement that applies', texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } })], req: pass, resource: role('a') },
  { name: 'a Deny', texts: [policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:AttachRolePolicy', Resource: role('a') })], req: attach, resource: role('a') },
  { name: 'a permissions boundary', texts: [policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })], req: attach, resource: role('a'), more: { allowOnly: false, bounded: true } },
  { name: 'a policy variable in Resource', texts: [policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:user/${aws:username}' })], req: createKey, resource: `arn:aws:iam::${ACCOUNT}:user/bob` },
  { name: 'a caller of another account', texts: [policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })], req: attach, resource: role('a'), more: { sameAccount: false } },
  { name: 'an action whose trust policy must allow it, which the question does not give', texts: [policy({ Effect: 'Allow', Action: 'sts:TagSession', Resource: '*' })], req: on('sts:TagSession', ROLE), resource: role('a') },
  { name: 'an action whose key policy must allow it', texts: [policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })], req: on('kms:Decrypt', '*'), resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k` },
  { name: 'a resource AWS owns', texts: [policy({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' })], req: on('iam:CreatePolicyVersion', 'arn:aws:iam::{account}:policy/{name}'), resource: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  { name: 'a document the engine cannot read', texts: ['{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}'], req: attach, resource: role('a') },
];

describe('escalation requests settled without the engine', () => {
  for (const c of SETTLED) {
    it(`settles ${c.name} as the engine does`, () => {
      for (const resource of c.resources) {
        const settled = settledOn(c.req, resource, subject(c.texts));
        assert.notStrictEqual(settled, undefined, `${resource}: left to the engine`);
        assert.deepStrictEqual(settled, engine(c.texts, c.req.action, resource), resource);
      }
    });
  }

  for (const c of UNSETTLED) {
    it(`leaves ${c.name} to the engine`, () => {
      assert.strictEqual(settledOn(c.req, c.resource, subject(c.texts, c.more)), undefined);
    });
  }

  it('plainGrant: an unconditional Allow on every resource is the engine\'s first allowing statement', () => {
    const texts = [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' })];
    assert.deepStrictEqual(plainGrant(pass, subject(texts)), engine(texts, 'iam:PassRole', role('sts-lens-probe')));
    assert.strictEqual(plainGrant(pass, subject([policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, { Effect: 'Deny', Action: 's3:*', Resource: '*' })])), undefined);
  });
});

/** The engine's whole decision-only answer, as allowedWithChoices reads it: decision, deciding statements and traces. */
function engineAnswer(texts: readonly string[], action: string, resource: string, context: Record<string, string>): string {
  const r = evaluate({ request: { principal: CALLER, action, resource, resourceAccount: ACCOUNT, context }, identityPolicies: texts.map((text, i) => ({ name: String(i), text })) }, undefined, { decisionOnly: true });
  return JSON.stringify({ decision: r.decision, deciding: r.deciding, trace: r.trace });
}

describe('escalation requests decided once per reach signature', () => {
  // Subjects whose statements reach some of the requests below, under conditions the caller does not control.
  const SUBJECTS: { name: string; texts: string[] }[] = [
    { name: 'one conditional Allow of every action', texts: [policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:IsMcpServiceAction': 'true' } } })] },
    {
      name: 'a Deny with a condition, NotResource and NotAction',
      texts: [
        policy(
          { Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::*:role/app-*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
          { Effect: 'Deny', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/team': 'ops' } } },
          { Effect: 'Allow', NotAction: 's3:*', NotResource: 'arn:aws:iam::*:role/admin*', Condition: { Null: { 'aws:ResourceTag/x': 'false' } } },
        ),
      ],
    },
    { name: 'a condition on the Region', texts: [policy({ Effect: 'Allow', Action: ['ec2:RunInstances', 'lambda:CreateFunction'], Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })] },
  ];
  const REQUESTS: [string, string][] = [
    ['iam:AttachRolePolicy', role('app-1')],
    ['iam:PutRolePolicy', role('app-2')],
    ['iam:PassRole', role('app-1')],
    ['iam:PassRole', role('admin-1')],
    ['iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/bob`],
    ['s3:PutObject', 'arn:aws:s3:::bucket/key'],
    ['ec2:RunInstances', `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`],
    ['ec2:RunInstances', `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`],
    ['lambda:CreateFunction', `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f`],
    ['lambda:CreateFunction', '*'],
  ];
  const CONTEXTS: Record<string, string>[] = [{}, { 'iam:PassedToService': 'ec2.amazonaws.com' }, { 'aws:IsMcpServiceAction': 'true', 'aws:ResourceTag/team': 'ops' }];

  for (const s of SUBJECTS) {
    it(`gives requests with the same signature the same engine answer: ${s.name}`, () => {
      const bySignature = new Map<string, [string, string]>();
      let shared = 0;
      for (const [action, resource] of REQUESTS) {
        const signature = reachSignature(on(action, resource), resource, subject(s.texts))?.signature;
        assert.notStrictEqual(signature, undefined, `${action} on ${resource}`);
        const first = bySignature.get(signature!);
        if (!first) {
          bySignature.set(signature!, [action, resource]);
          continue;
        }
        shared++;
        for (const context of CONTEXTS) assert.strictEqual(engineAnswer(s.texts, action, resource, context), engineAnswer(s.texts, first[0], first[1], context), `${action} on ${resource} against ${first.join(' on ')}`);
      }
      assert.ok(shared > 0 && bySignature.size > 1, 'some requests share a signature and some do not');
    });
  }

  it('gives sts:AssumeRole the answer of the other actions with its signature, as the escalation decision reads answers', () => {
    for (const s of SUBJECTS) {
      const assume = on('sts:AssumeRole', ROLE);
      for (const resource of [role('app-1'), role('admin-1')]) {
        const signature = reachSignature(assume, resource, subject(s.texts))?.signature;
        assert.notStrictEqual(signature, undefined, `${s.name}: ${resource}`);
        const others = REQUESTS.filter(([action, r]) => reachSignature(on(action, r), r, subject(s.texts))?.signature === signature);
        assert.ok(others.length > 0, `${s.name}: ${resource} shares its signature`);
        for (const [action, r] of others) {
          for (const context of CONTEXTS) {
            const read = (a: string, on: string) => JSON.stringify(answerOf(evaluate({ request: { principal: CALLER, action: a, resource: on, resourceAccount: ACCOUNT, context }, identityPolicies: s.texts.map((text, i) => ({ name: String(i), text })), resourcePolicies: trustFor(a) }, undefined, { decisionOnly: true })));
            assert.strictEqual(read('sts:AssumeRole', resource), read(action, r), `${s.name}: ${resource} against ${action} on ${r}`);
          }
        }
      }
    }
  });

  it('tells apart requests in different Regions and requests that reach different statements', () => {
    const region = subject(SUBJECTS[2].texts);
    const run = on('ec2:RunInstances', '*');
    assert.notStrictEqual(reachSignature(run, `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`, region)?.signature, reachSignature(run, `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`, region)?.signature);
    const mixed = subject(SUBJECTS[1].texts);
    assert.notStrictEqual(reachSignature(attach, role('app-1'), mixed)?.signature, reachSignature(attach, role('admin-1'), mixed)?.signature);
    assert.notStrictEqual(reachSignature(attach, role('app-1'), mixed)?.signature, reachSignature(on('iam:PutRolePolicy', ROLE), role('app-1'), mixed)?.signature);
  });

  it('leaves to the engine the requests whose answer depends on more than the statements reached', () => {
    const all = [policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:IsMcpServiceAction': 'true' } } })];
    assert.strictEqual(reachSignature(attach, role('a'), subject(all, { bounded: true })), undefined, 'a permissions boundary');
    assert.strictEqual(reachSignature(attach, role('a'), subject(all, { sameAccount: false })), undefined, 'a caller of another account');
    assert.strictEqual(reachSignature(on('sts:TagSession', ROLE), role('a'), subject(all)), undefined, 'a trust policy the question does not give must allow it');
    assert.strictEqual(reachSignature(on('kms:Decrypt', '*'), `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`, subject(all)), undefined, 'a key policy must allow it');
    assert.strictEqual(reachSignature(attach, 'arn:aws:iam::*:role/app-*', subject(all)), undefined, 'a resource pattern');
    assert.strictEqual(reachSignature(on('iam:CreatePolicyVersion', 'arn:aws:iam::{account}:policy/{name}'), 'arn:aws:iam::aws:policy/AdministratorAccess', subject(all)), undefined, 'a resource AWS owns');
    assert.strictEqual(reachSignature(attach, role('a'), subject(['{"Statement": ['])), undefined, 'a document the engine cannot read');
    const variable = [policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:user/${aws:username}', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })];
    assert.strictEqual(reachSignature(createKey, `arn:aws:iam::${ACCOUNT}:user/bob`, subject(variable)), undefined, 'a policy variable in Resource');
  });

  describe('the context the path fixes', () => {
    const PASSED = ['iam:passedtoservice'];
    const contexts: Record<string, string>[] = [{}, { 'iam:PassedToService': 'ec2.amazonaws.com' }, { 'iam:PassedToService': 'lambda.amazonaws.com' }];
    const CASES: { name: string; statement: object; reads: boolean }[] = [
      { name: 'no condition', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, reads: false },
      { name: 'a condition on another key', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { Bool: { 'aws:IsMcpServiceAction': 'true' } } }, reads: false },
      { name: 'a Deny with a condition on another key', statement: { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/team': 'ops' } } }, reads: false },
      { name: 'a condition on the fixed key', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }, reads: true },
      { name: 'a condition on the fixed key spelt in another case', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringLike: { 'IAM:passedToService': 'lambda.*' } } }, reads: true },
      { name: 'a Deny with a condition on the fixed key', statement: { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }, reads: true },
      { name: 'a condition whose value holds a policy variable', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/svc': '${iam:PassedToService}' } } }, reads: true },
    ];
    for (const c of CASES) {
      it(`${c.reads ? 'counts' : 'leaves out'} the context for ${c.name}`, () => {
        const texts = [policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'dev' } } }, c.statement)];
        const reach = reachSignature(pass, role('a'), subject(texts), PASSED);
        assert.strictEqual(reach?.readsFixed, c.reads);
        const answers = new Set(contexts.map((context) => engineAnswer(texts, 'iam:PassRole', role('a'), context)));
        // Read or not, the engine confirms it: the same answer in every context only when no statement reads the key.
        assert.strictEqual(answers.size === 1, !c.reads);
      });
    }

    it('leaves out the context when only a statement the resource does not reach reads the key', () => {
      const texts = [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/app-*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }, { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { Bool: { 'aws:IsMcpServiceAction': 'true' } } })];
      assert.strictEqual(reachSignature(pass, role('web'), subject(texts), PASSED)?.readsFixed, false);
      assert.strictEqual(new Set(contexts.map((context) => engineAnswer(texts, 'iam:PassRole', role('web'), context))).size, 1);
      assert.strictEqual(reachSignature(pass, role('app-1'), subject(texts), PASSED)?.readsFixed, true);
    });
  });
});

/** The engine's answer, service by service in order: the first identity statement that allows passing the role, or null. */
function engineIn(texts: readonly string[], services: readonly string[], resource: string): { policy: number; statement: number } | null {
  for (const service of services) {
    const r = evaluate({ request: { principal: CALLER, action: 'iam:PassRole', resource, resourceAccount: ACCOUNT, context: { 'iam:PassedToService': service } }, identityPolicies: texts.map((text, i) => ({ name: String(i), text })) }, undefined, { decisionOnly: true });
    const first = r.decision === 'Allowed' ? r.deciding.find((d) => d.kind === 'identity') : undefined;
    if (first) return { policy: Number(first.policy), statement: first.statement.index };
  }
  return null;
}

const PASS = (s: string) => ({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': s } } });
const ECS: PathRequest = passRole('ecs-tasks.amazonaws.com');
const TWO: PathRequest = passRole('tasks.apprunner.amazonaws.com', 'apprunner.amazonaws.com');

/** iam:PassRole shapes settled without the engine (settledPassedTo), each with the resources tried. */
const PASSED_SETTLED: { name: string; texts: string[]; req: PathRequest; resources: string[] }[] = [
  { name: 'StringEquals naming the service', texts: [policy(PASS('ecs-tasks.amazonaws.com'))], req: ECS, resources: [role('a')] },
  { name: 'StringEquals naming another service', texts: [policy(PASS('ec2.amazonaws.com'))], req: ECS, resources: [role('a')] },
  { name: 'a list of services, one of them', texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] } } })], req: ECS, resources: [role('a')] },
  { name: 'StringLike with a wildcard', texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } } })], req: ECS, resources: [role('a')] },
  { name: 'StringLike that does not match', texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringLike: { 'iam:PassedToService': 'lambda.*' } } })], req: ECS, resources: [role('a')] },
  { name: 'StringEquals in another case, which does not match', texts: [policy(PASS('ECS-Tasks.amazonaws.com'))], req: ECS, resources: [role('a')] },
  { name: 'the key spelt in another case and IfExists', texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEqualsIfExists: { 'IAM:passedtoservice': 'ecs-tasks.amazonaws.com' } } })], req: ECS, resources: [role('a')] },
  { name: 'two operators on the key, both needed', texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringLike: { 'iam:PassedToService': 'ecs*' }, StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }, PASS('ecs-tasks.amazonaws.com'))], req: ECS, resources: [role('a')] },
  { name: 'an empty list of values', texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': [] } } })], req: ECS, resources: [role('a')] },
  {
    name: 'the second service of the path, where only it is named',
    texts: [policy(PASS('apprunner.amazonaws.com'), PASS('tasks.apprunner.amazonaws.com'))],
    req: TWO,
    resources: [role('a')],
  },
  {
    name: 'an earlier statement of another policy, and a statement the resource does not reach',
    texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/svc-*', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }, { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), policy(PASS('ecs-tasks.amazonaws.com'), { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })],
    req: ECS,
    resources: [role('svc-1'), role('web')],
  },
];

/** iam:PassRole shapes only the engine can decide. */
const PASSED_UNSETTLED: { name: string; statement: object; more?: Partial<SettlingSubject> }[] = [
  { name: 'another key beside the service', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com', 'aws:ResourceAccount': ACCOUNT } } } },
  { name: 'a negated operator', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } } },
  { name: 'a set qualifier', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } } },
  { name: 'a policy variable in the value', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': '${aws:PrincipalTag/svc}' } } } },
  { name: 'a value that is not a string', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 1 } } } },
  { name: 'an empty Condition', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: {} } },
  { name: 'a Condition that is not an object', statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: [] } },
  { name: 'a Deny', statement: { Effect: 'Deny', Action: 'iam:PassRole', Resource: role('admin') } },
  { name: 'a permissions boundary', statement: PASS('ecs-tasks.amazonaws.com'), more: { allowOnly: false, bounded: true } },
  { name: 'a caller of another account', statement: PASS('ecs-tasks.amazonaws.com'), more: { sameAccount: false } },
];

describe('iam:PassRole requests settled on iam:PassedToService without the engine', () => {
  for (const c of PASSED_SETTLED) {
    it(`settles ${c.name} as the engine does`, () => {
      for (const resource of c.resources) {
        const settled = settledPassedTo(c.req, resource, c.req.passedTo!, subject(c.texts));
        assert.notStrictEqual(settled, undefined, `${resource}: left to the engine`);
        assert.deepStrictEqual(settled, engineIn(c.texts, c.req.passedTo!, resource), resource);
      }
    });
  }

  for (const c of PASSED_UNSETTLED) {
    it(`leaves ${c.name} to the engine`, () => {
      const texts = [policy(PASS('ec2.amazonaws.com'), c.statement)];
      assert.strictEqual(settledPassedTo(ECS, role('a'), ECS.passedTo!, subject(texts, c.more)), undefined);
    });
  }
});
