import * as assert from 'assert';
import { diffsReportEngineChanges, doc, pick, some, type EngineWitness, type Rand } from './accessHelpers';
import { decision, USER } from './helpers';

// Property: for policies whose statements differ only in Numeric, Date, IpAddress, NotIpAddress,
// Bool and Null conditions (with IfExists, and ForAllValues/ForAnyValue over a multivalued key), a
// request the evaluation engine allows under one version and not the other is access the diff
// reports as added or removed for that action.

const IF_EXISTS = 'IAM User Guide: "You can add IfExists to the end of any condition operator name except the Null condition ... If the policy key is present in the context of the request, process the key as specified in the policy. If the key is not present, evaluate the condition element as true."';
const SET_OPERATORS = 'IAM User Guide: "ForAllValues – Tests whether the value of every member of the request set is a subset of the condition key set." "ForAnyValue – Tests whether at least one member of the set of request values matches at least one member of the set of condition key values."';

const ABSENT = undefined;
type Value = string | string[] | undefined;

interface Family {
  key: string;
  operators: string[];
  values: string[];
  requests: Value[];
}

const comparisons = (prefix: string) => ['LessThan', 'LessThanEquals', 'GreaterThan', 'GreaterThanEquals', 'Equals', 'NotEquals'].flatMap((o) => [prefix + o, `${prefix + o}IfExists`]);

const FAMILIES: Family[] = [
  { key: 'aws:MultiFactorAuthAge', operators: comparisons('Numeric'), values: ['10', '20', '20.0', '30'], requests: ['5', '10', '15', '20', '25', '30', '35', ABSENT] },
  { key: 'aws:TokenIssueTime', operators: comparisons('Date'), values: ['2026-01-01T00:00:00Z', '2026-06-01', '1767225600', '2026-12-31T23:59:59Z'], requests: ['2025-12-31T00:00:00Z', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z', '2026-12-31T23:59:59Z', '2027-01-01T00:00:00Z', ABSENT] },
  { key: 'aws:SourceIp', operators: ['IpAddress', 'NotIpAddress', 'IpAddressIfExists', 'NotIpAddressIfExists'], values: ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.3', '10.1.2.3/32', '192.168.0.0/24', '10.1.2.0/24'], requests: ['10.1.2.3', '10.1.2.4', '10.2.0.1', '192.168.0.5', '8.8.8.8', ABSENT] },
  { key: 'aws:SecureTransport', operators: ['Bool', 'BoolIfExists', 'Null'], values: ['true', 'false', 'TRUE'], requests: ['true', 'false', ABSENT] },
  {
    key: 'aws:TagKeys',
    operators: ['ForAllValues:StringEquals', 'ForAnyValue:StringEquals', 'ForAllValues:StringLike', 'ForAnyValue:StringLike', 'ForAllValues:StringNotEquals', 'ForAnyValue:StringNotEquals', 'ForAnyValue:StringNotLike', 'ForAllValues:StringNotLike', 'ForAllValues:StringEqualsIfExists', 'Null'],
    values: ['a', 'b', 'c*', 'true', 'false'],
    requests: [[], ['a'], ['b'], ['a', 'b'], ['a', 'x'], ['x'], ['cd'], ABSENT],
  },
];

const ACTIONS = ['iam:TagRole', 'iam:UntagRole', 'iam:*Role', 'iam:Tag*'];
const REQUESTED = ['iam:TagRole', 'iam:UntagRole'];
const ROLE_ARN = 'arn:aws:iam::111122223333:role/x';

function clause(r: Rand, f: Family): Record<string, Record<string, string[]>> {
  const operator = pick(r, f.operators);
  const values = operator === 'Null' ? [pick(r, ['true', 'false'])] : some(r, f.values, 2);
  return { [operator]: { [f.key]: values } };
}

function statement(r: Rand, f: Family): object {
  const Effect = r() < 0.2 ? 'Deny' : 'Allow';
  const Condition = r() < 0.9 ? clause(r, f) : undefined;
  return { Effect, Action: some(r, ACTIONS, 2), Resource: '*', ...(Condition ? { Condition } : {}) };
}

function policy(r: Rand, f: Family): object {
  return doc(...Array.from({ length: 1 + Math.floor(r() * 3) }, () => statement(r, f)));
}

function allowed(p: object, action: string, key: string, value: Value): boolean {
  const context = value === ABSENT ? {} : { [key]: value };
  return decision({ principal: USER, action, resource: ROLE_ARN, context }, { identity: [p] }) === 'Allowed';
}

function witness(f: Family, base: object, next: object): EngineWitness | undefined {
  for (const action of REQUESTED) {
    for (const value of f.requests) {
      const a = allowed(base, action, f.key, value);
      const b = allowed(next, action, f.key, value);
      if (a !== b) return { action, added: b, request: `with ${f.key}=${JSON.stringify(value)}` };
    }
  }
  return undefined;
}

describe('access diff: property: every change of Numeric, Date, IP, Bool, Null and set conditions is reported', () => {
  it(`${IF_EXISTS}; ${SET_OPERATORS} — random pairs of policies: a request allowed by one and not the other is added or removed access`, function () {
    this.timeout(120000);
    const changed = diffsReportEngineChanges(Number(process.env.SEEDS ?? 400), (r) => {
      const f = pick(r, FAMILIES);
      const base = policy(r, f);
      const next = policy(r, f);
      return { base, next, witness: witness(f, base, next) };
    });
    assert.ok(changed > 150, `${changed}`);
  });
});
