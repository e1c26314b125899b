import * as assert from 'assert';
import { diff, diffsReportEngineChanges, doc, lines, pick, some, type EngineWitness, type Rand } from './accessHelpers';
import { decision, USER } from './helpers';

// Property: whatever two policies are, a request the evaluation engine allows under the new one
// and not under the base one is access the diff reports as added for that action (and the other
// way round as removed). Patterns with `*` and `?`, and negated operators spread over statements,
// are where a comparison of the text alone goes wrong.

const WILDCARDS = 'IAM User Guide: "You can use wildcard characters (* and ?) within the individual segments of an ARN (the parts separated by colons)"';
const NOR = 'IAM User Guide: "If a single negated matching condition operator includes multiple values for a context key, those values are evaluated using a logical NOR."';

const PATTERNS = ['a*', 'ab*', 'abc', 'a?c', 'a*c', '*c', 'a??', '?b*'];
const NAMES = ['abc', 'abd', 'axc', 'a', 'ab', 'abbc', 'ac', 'xyz', 'a*c', 'a?c', 'ABC'];
const BUCKET = 'arn:aws:s3:::bucket/';
const OPERATORS = ['StringLike', 'StringNotLike', 'StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringEquals', 'ArnNotLike', 'ArnLike', 'ArnNotEquals', 'StringNotLikeIfExists', 'ForAnyValue:StringNotLike'];
const ARN_KEY = 'aws:SourceArn';
const TAG_KEY = 'aws:PrincipalTag/team';
const ARN_OF = (name: string) => `arn:aws:sqs:us-east-1:111122223333:${name}`;
const ACTIONS = ['s3:GetObject', 's3:Get*', 's3:*Object', 's3:*', 's3:GetObjec?', 's3:Put*', 'S3:getobject', 's3:DeleteObject'];
const REQUESTED = ['s3:GetObject', 's3:PutObject', 's3:GetObjectAcl', 's3:DeleteObject'];

function statement(r: Rand, operator: string): object {
  const arn = operator.startsWith('Arn');
  const Condition = r() < 0.85 ? { [operator]: { [arn ? ARN_KEY : TAG_KEY]: some(r, PATTERNS, 2).map((p) => (arn ? ARN_OF(p) : p)) } } : undefined;
  const Effect = r() < 0.2 ? 'Deny' : 'Allow';
  const resources = some(r, PATTERNS, 2).map((p) => BUCKET + p);
  const actions = some(r, ACTIONS, 2);
  return { Effect, ...(r() < 0.1 ? { NotAction: actions } : { Action: actions }), ...(r() < 0.15 ? { NotResource: resources } : { Resource: resources }), ...(Condition ? { Condition } : {}) };
}

/** One to three statements sharing one operator, so their values meet across statements. */
function policy(r: Rand, operator: string): object {
  return doc(...Array.from({ length: 1 + Math.floor(r() * 3) }, () => statement(r, operator)));
}

/** `ABSENT`: a request without the condition keys. */
const ABSENT = '(absent)';

function allowed(p: object, action: string, resource: string, value: string): boolean {
  const context: Record<string, string> = value === ABSENT ? {} : { [TAG_KEY]: value, [ARN_KEY]: ARN_OF(value) };
  return decision({ principal: USER, action, resource, context }, { identity: [p] }) === 'Allowed';
}

/** The first request the engine decides differently for the two policies, if any. */
function witness(base: object, next: object): EngineWitness | undefined {
  for (const action of REQUESTED) {
    for (const name of NAMES) {
      for (const value of [...NAMES, ABSENT]) {
        const resource = BUCKET + name;
        const a = allowed(base, action, resource, value);
        const b = allowed(next, action, resource, value);
        if (a !== b) return { action, added: b, request: `on ${resource} with ${value}` };
      }
    }
  }
  return undefined;
}

describe('access diff: property: every change the engine sees is reported', () => {
  it(`${WILDCARDS}; ${NOR} — 300 random pairs of policies: a request allowed by one and not the other is added or removed access`, function () {
    this.timeout(120000);
    const changed = diffsReportEngineChanges(Number(process.env.SEEDS ?? 300), (r) => {
      const operator = pick(r, OPERATORS);
      const base = policy(r, operator);
      const next = policy(r, operator);
      return { base, next, witness: witness(base, next) };
    });
    assert.ok(changed > 150, `${changed}`);
  });

  it(`${WILDCARDS} — a Resource of a?c widened to a*c is added access, and narrowed back is removed`, () => {
    const one = (resource: string) => doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET + resource });
    assert.deepStrictEqual(lines(diff(one('a?c'), one('a*c')).added), [`s3:GetObject on ${BUCKET}a*c`]);
    assert.deepStrictEqual(lines(diff(one('a*c'), one('a?c')).removed), [`s3:GetObject on ${BUCKET}a*c`]);
    assert.deepStrictEqual(diff(one('a?c'), one('a??')).added.length, 1);
  });

  it(`${NOR} — StringNotLike a* in one statement and ab* in another allow all but ab*: replacing StringNotLike abc with them removes access, and back adds it`, () => {
    const notLike = (...values: string[]) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringNotLike: { [TAG_KEY]: values } } });
    const spread = doc(notLike('a*'), notLike('ab*'));
    assert.strictEqual(diff(doc(notLike('abc')), spread).removed.length, 1);
    assert.strictEqual(diff(spread, doc(notLike('abc'))).added.length, 1);
    // Literal values still meet as text: NOT (abc or x) or NOT (abc or y) is NOT abc.
    assert.deepStrictEqual(diff(doc(notLike('abc')), doc(notLike('abc', 'x'), notLike('abc', 'y'))).removed, []);
  });
});
