import * as assert from 'assert';
import fc from 'fast-check';
import type { Decision, EvaluationRequest } from '../../../src/core/evaluation';
import { policy, run, type Slots, type Statement } from './helpers';

// Metamorphic properties of the engine over generated scenarios: each compares two evaluations
// that AWS's evaluation logic says must relate, so no expected decision is written by hand.
const SEED = 20261205;
const RUNS = 1000;

const ACCOUNT = '111122223333';
const ACTIONS = ['s3:GetObject', 's3:PutObject', 'iam:PassRole', 'ec2:RunInstances'];
const RESOURCES = ['arn:aws:s3:::reports/q1.csv', 'arn:aws:s3:::logs/app.log', `arn:aws:iam::${ACCOUNT}:role/app`, `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`];
const ACTION_PATTERNS = [...ACTIONS, 's3:*', 's3:Get*', 'iam:*', 'ec2:Run?nstances', '*'];
const RESOURCE_PATTERNS = [...RESOURCES, 'arn:aws:s3:::reports/*', 'arn:aws:s3:::*', `arn:aws:iam::*:role/*`, '*'];
const CONDITIONS: (object | undefined)[] = [
  undefined,
  { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
  { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  { StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
];

const list = <T>(a: fc.Arbitrary<T>, max: number) => fc.array(a, { minLength: 1, maxLength: max });

const statement = (effect: 'Allow' | 'Deny' | fc.Arbitrary<'Allow' | 'Deny'>): fc.Arbitrary<Statement> =>
  fc.record({
    effect: typeof effect === 'string' ? fc.constant(effect) : effect,
    not: fc.boolean(),
    notResource: fc.boolean(),
    actions: list(fc.constantFrom(...ACTION_PATTERNS), 3),
    resources: list(fc.constantFrom(...RESOURCE_PATTERNS), 2),
    condition: fc.constantFrom(...CONDITIONS),
  }).map((s) => ({
    Effect: s.effect,
    [s.not && s.actions[0] !== '*' ? 'NotAction' : 'Action']: s.actions,
    [s.notResource && s.resources[0] !== '*' ? 'NotResource' : 'Resource']: s.resources,
    ...(s.condition ? { Condition: s.condition } : {}),
  }));

const anyEffect = statement(fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'));
const documentOf = (statements: Statement[]) => policy(...statements);

interface Scenario {
  request: EvaluationRequest;
  identity: Statement[][];
  boundary?: Statement[];
  scps?: Statement[][];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  team: fc.constantFrom(undefined, 'blue', 'red'),
  ip: fc.constantFrom(undefined, '203.0.113.9', '198.51.100.1'),
  passedTo: fc.constantFrom(undefined, 'lambda.amazonaws.com', 'ec2.amazonaws.com'),
  mfa: fc.constantFrom(undefined, true, false),
  identity: fc.array(fc.array(anyEffect, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  boundary: fc.option(fc.array(anyEffect, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  scps: fc.option(fc.array(fc.array(anyEffect, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
}).map((g) => {
  const context: Record<string, string | boolean> = {};
  if (g.team) context['aws:PrincipalTag/team'] = g.team;
  if (g.ip) context['aws:SourceIp'] = g.ip;
  if (g.passedTo && g.action === 'iam:PassRole') context['iam:PassedToService'] = g.passedTo;
  if (g.mfa !== undefined) context['aws:MultiFactorAuthPresent'] = g.mfa;
  return { request: { principal: `arn:aws:iam::${ACCOUNT}:user/alice`, action: g.action, resource: g.resource, context }, identity: g.identity, boundary: g.boundary, scps: g.scps };
});

function decide(s: Scenario): Decision {
  const slots: Slots = { identity: s.identity.map(documentOf), ...(s.boundary ? { boundary: [documentOf(s.boundary)] } : {}), ...(s.scps ? { scps: s.scps.map((l) => [documentOf(l)]) } : {}) };
  return run(s.request, slots).decision;
}

const allowed = (s: Scenario) => decide(s) === 'Allowed';
const params = { seed: SEED, numRuns: RUNS };

/** Puts a statement into one of the scenario's identity policies. */
function withIdentityStatement(s: Scenario, st: Statement, at: number): Scenario {
  const i = at % s.identity.length;
  return { ...s, identity: s.identity.map((p, k) => (k === i ? [...p, st] : p)) };
}

describe('evaluation: metamorphic properties over generated scenarios', () => {
  it('adding a Deny statement never adds access', () => {
    fc.assert(fc.property(scenario, statement('Deny'), fc.nat(), (s, d, at) => !allowed(withIdentityStatement(s, d, at)) || allowed(s)), params);
  });

  it('adding a Deny to the boundary or an SCP never adds access', () => {
    fc.assert(fc.property(scenario, statement('Deny'), (s, d) => {
      const bounded = s.boundary ? { ...s, boundary: [...s.boundary, d] } : s;
      const scp = s.scps ? { ...s, scps: s.scps.map((l, i) => (i === 0 ? [...l, d] : l)) } : s;
      return (!allowed(bounded) || allowed(s)) && (!allowed(scp) || allowed(s));
    }), params);
  });

  it('adding an Allow statement never removes access', () => {
    fc.assert(fc.property(scenario, statement('Allow'), fc.nat(), (s, a, at) => !allowed(s) || allowed(withIdentityStatement(s, a, at))), params);
  });

  it('reordering statements and policies changes nothing', () => {
    fc.assert(fc.property(scenario, (s) => {
      const reversed: Scenario = { ...s, identity: [...s.identity].reverse().map((p) => [...p].reverse()), boundary: s.boundary && [...s.boundary].reverse(), scps: s.scps?.map((l) => [...l].reverse()) };
      return decide(reversed) === decide(s);
    }), params);
  });

  it('an SCP level holding only FullAWSAccess changes nothing', () => {
    const fullAwsAccess = { Effect: 'Allow', Action: '*', Resource: '*' };
    fc.assert(fc.property(scenario, fc.nat(), (s, at) => {
      const levels = s.scps ?? [];
      const i = at % (levels.length + 1);
      const more: Scenario = { ...s, scps: [...levels.slice(0, i), [fullAwsAccess], ...levels.slice(i)] };
      return decide(more) === decide(s);
    }), params);
  });

  it('widening an Allow\'s action or resource pattern allows at least as much', () => {
    fc.assert(fc.property(scenario, fc.nat(), fc.nat(), fc.constantFrom('Action', 'Resource'), (s, p, k, element) => {
      const i = p % s.identity.length;
      const j = k % s.identity[i].length;
      const st = s.identity[i][j];
      if (st.Effect !== 'Allow' || !(element in st)) return true;
      const widened = { ...st, [element]: '*' };
      const wider: Scenario = { ...s, identity: s.identity.map((pol, x) => (x === i ? pol.map((y, z) => (z === j ? widened : y)) : pol)) };
      return !allowed(s) || allowed(wider);
    }), params);
  });

  it('the generated scenarios reach every decision, so the properties are not vacuous', () => {
    const seen = new Set(fc.sample(scenario, { seed: SEED, numRuns: 400 }).map(decide));
    assert.deepStrictEqual([...seen].sort(), ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']);
  });
});
