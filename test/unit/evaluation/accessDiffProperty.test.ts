import * as assert from 'assert';
import { diff, doc, lines, pick, rng, some, type Rand } from './accessHelpers';

// Property: a random policy and a randomly rewritten equivalent of it (statements reordered,
// split, merged, duplicated; actions in another case or expanded; conditions spelled otherwise or
// their values spread over statements) diff to nothing, whichever is the base.

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'sqs:SendMessage', 'iam:ListRole*', 'ec2:DescribeInstances'];
const LIST_ROLE = ['iam:ListRoles', 'iam:ListRolePolicies', 'iam:ListRoleTags'];
const RESOURCES = ['*', 'arn:aws:s3:::a/*', 'arn:aws:s3:::b/*', 'arn:aws:sqs:us-east-1:111122223333:q'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1', 'sa-east-1'];

const arr = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

function condition(r: Rand): Statement['Condition'] {
  switch (Math.floor(r() * 5)) {
    case 0:
      return { StringEquals: { 'aws:RequestedRegion': some(r, REGIONS, 3) } };
    case 1:
      return { Bool: { 'aws:SecureTransport': 'true' } };
    case 2:
      return { StringLike: { 'aws:PrincipalTag/team': some(r, ['ops*', 'pay*', 'data'], 2) }, StringEquals: { 'aws:RequestedRegion': pick(r, REGIONS) } };
    default:
      return undefined;
  }
}

function randomPolicy(r: Rand): Statement[] {
  return Array.from({ length: 1 + Math.floor(r() * 5) }, () => {
    const Condition = condition(r);
    return { Effect: r() < 0.8 ? 'Allow' : 'Deny', Action: some(r, ACTIONS, 3), Resource: some(r, RESOURCES, 2), ...(Condition ? { Condition } : {}) };
  });
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** One rewrite that keeps the access: returns the new statement list. */
function rewrite(r: Rand, sts: Statement[]): Statement[] {
  const i = Math.floor(r() * sts.length);
  const s = sts[i];
  const rest = sts.filter((_, j) => j !== i);
  const acts = arr(s.Action);
  const res = arr(s.Resource);
  switch (Math.floor(r() * 9)) {
    case 0: // reorder
      return [...sts].sort(() => r() - 0.5);
    case 1: // split the actions
      if (acts.length < 2) return sts;
      return [...rest, { ...clone(s), Action: acts.slice(0, 1) }, { ...clone(s), Action: acts.slice(1) }];
    case 2: // split the resources
      if (res.length < 2) return sts;
      return [...rest, { ...clone(s), Resource: res.slice(1) }, { ...clone(s), Resource: res[0] }];
    case 3: {
      // spread a positive condition's values over two statements
      const values = s.Condition?.StringEquals?.['aws:RequestedRegion'];
      if (!Array.isArray(values) || values.length < 2 || Object.keys(s.Condition ?? {}).length !== 1) return sts;
      const half = (v: string[]) => ({ ...clone(s), Condition: { StringEquals: { 'aws:RequestedRegion': v } } });
      return [half(values.slice(1)), ...rest, half(values.slice(0, 1))];
    }
    case 4: // expand a wildcard, or write the actions in another case
      return [...rest, { ...s, Action: acts.flatMap((a) => (a === 'iam:ListRole*' && r() < 0.5 ? LIST_ROLE : [r() < 0.5 ? a.toUpperCase() : a.toLowerCase()])) }];
    case 5: {
      // spell the condition otherwise: operator and key case, ForAnyValue before a positive operator, value order, one value as a string
      if (!s.Condition) return sts;
      const c: NonNullable<Statement['Condition']> = {};
      for (const [op, keys] of Object.entries(s.Condition).reverse()) {
        const written = /^String(?:Equals|Like)$/.test(op) && r() < 0.5 ? `ForAnyValue:${op}` : r() < 0.5 ? op.toLowerCase() : op;
        c[written] = {};
        for (const [k, v] of Object.entries(keys)) {
          const values = [...arr(v)].reverse();
          c[written][r() < 0.5 ? k.toUpperCase() : k] = values.length === 1 && r() < 0.5 ? values[0] : [...values, values[0]];
        }
      }
      return [...rest, { ...s, Condition: c }];
    }
    case 6: {
      // merge two statements that differ only in their actions
      const j = sts.findIndex((t, k) => k !== i && t.Effect === s.Effect && JSON.stringify([t.Resource, t.Condition]) === JSON.stringify([s.Resource, s.Condition]));
      if (j < 0) return sts;
      return [...sts.filter((_, k) => k !== i && k !== j), { ...s, Action: [...arr(sts[j].Action), ...acts] }];
    }
    case 7: // duplicate a statement
      return [...sts, clone(s)];
    default: // a single value instead of a one-element array
      return [...rest, { ...s, Action: acts.length === 1 ? acts[0] : acts, Resource: res.length === 1 ? res[0] : res }];
  }
}

describe('access diff: property: a policy and a rewritten equivalent diff to nothing', () => {
  it('200 random policies, each against 1-6 random rewrites that keep its access, both ways', function () {
    this.timeout(120000);
    let rewrites = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const base = randomPolicy(r);
      let next = clone(base);
      const steps = 1 + Math.floor(r() * 6);
      for (let k = 0; k < steps; k++) next = rewrite(r, next);
      rewrites += steps;
      for (const [a, b] of [[base, next], [next, base]]) {
        const d = diff(doc(...a), doc(...b));
        assert.deepStrictEqual({ added: lines(d.added), removed: lines(d.removed), denied: lines(d.denied), noLongerDenied: lines(d.noLongerDenied) }, { added: [], removed: [], denied: [], noLongerDenied: [] }, `seed ${seed}:\n${JSON.stringify(a)}\n->\n${JSON.stringify(b)}`);
      }
    }
    assert.ok(rewrites > 400, `${rewrites}`);
  });

  it('the same generator finds real changes: dropping a statement that grants something no other does is reported', () => {
    const base = doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }, ...randomPolicy(rng(7)).filter((s) => s.Effect === 'Allow' && !arr(s.Action).includes('sqs:SendMessage')));
    const d = diff(base, doc(...base.Statement.slice(1)));
    assert.deepStrictEqual(lines(d.removed), ['sqs:SendMessage on *']);
  });
});
