import * as assert from 'assert';
import { plainGrant, settledOn, type SettlingSubject } from '../../../src/core/evaluation/escalation/settled';
import { on, passRole, ROLE, USER, type PathRequest } from '../../../src/core/evaluation/escalation/types';
import { evaluate } from '../../../src/core/evaluation';
import { parsePolicy } from '../../../src/core/policy/parse';

// The shortcuts of src/core/evaluation/escalation/settled.ts against the engine they stand for:
// whatever a shortcut settles, the engine decides the same way, with the same first statement.

const ACCOUNT = '111122223333';
const CALLER = `arn:aws:iam::${ACCOUNT}:user/sts-lens-caller`;

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function subject(texts: readonly string[], more: Partial<SettlingSubject> = {}): SettlingSubject {
  const parsed = texts.map((t) => parsePolicy(t));
  const allowOnly = parsed.every((p) => p.statements.every((st) => st.effect?.valueNode.value !== 'Deny'));
  return { parsed, covered: [], allowOnly, sameAccount: true, ...more };
}

/** The engine's answer as the escalation check reads it: the first identity statement that allows the request, or null. */
function engine(texts: readonly string[], action: string, resource: string): { policy: number; statement: number } | null {
  const r = evaluate({ request: { principal: CALLER, action, resource, resourceAccount: ACCOUNT, context: {} }, identityPolicies: texts.map((text, i) => ({ name: String(i), text })) }, undefined, { decisionOnly: true });
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
  { name: 'an action without resource types, on *', texts: [policy({ Effect: 'Allow', Action: 'glue:CreateDevEndpoint', Resource: 'arn:aws:glue:*:*:devEndpoint/*' }, { Effect: 'Allow', Action: 'glue:*', Resource: '*' })], req: on('glue:CreateDevEndpoint', '*'), resources: ['*'] },
];

/** Shapes only the engine can decide: the shortcut must leave them to it. */
const UNSETTLED: { name: string; texts: string[]; req: PathRequest; resource: string; more?: Partial<SettlingSubject> }[] = [
  { name: 'a condition on the statement that applies', texts: [policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } })], req: pass, resource: role('a') },
  { name: 'a Deny', texts: [policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:AttachRolePolicy', Resource: role('a') })], req: attach, resource: role('a') },
  { name: 'a permissions boundary', texts: [policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })], req: attach, resource: role('a'), more: { allowOnly: false } },
  { name: 'a policy variable in Resource', texts: [policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:user/${aws:username}' })], req: createKey, resource: `arn:aws:iam::${ACCOUNT}:user/bob` },
  { name: 'a caller of another account', texts: [policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })], req: attach, resource: role('a'), more: { sameAccount: false } },
  { name: 'an action whose resource policy must allow it', texts: [policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })], req: on('sts:AssumeRole', ROLE), resource: role('a') },
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
