// checkOperator compares a block's keys only when it holds more than one, and checkKey looks for a
// second JSON type without building a set: these hold both to the findings they must still give.
import * as assert from 'assert';
import { lint } from './catalog';

describe('condition block checks that skip work on one key or one value', () => {
  const codes = (Condition: unknown) => lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition }] }), 'IDENTITY_POLICY').findings.map((f) => f.issueCode);
  const DUPLICATE = 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE';
  const MIXED = 'INVALID_CONDITION_DATA_TYPE';

  it('a key written twice in one block with different capitals is reported, a key alone is not', () => {
    assert.ok(!codes({ StringEquals: { 'aws:PrincipalTag/team': 'a' } }).includes(DUPLICATE));
    assert.ok(!codes({ StringEquals: { 'aws:PrincipalTag/team': 'a', 'aws:SourceVpc': 'vpc-1' } }).includes(DUPLICATE));
    assert.deepStrictEqual(codes({ StringEquals: { 'aws:PrincipalTag/team': 'a', 'aws:principaltag/team': 'b' } }).filter((c) => c === DUPLICATE), [DUPLICATE]);
    assert.deepStrictEqual(codes({ StringEquals: { 'aws:SourceVpc': 'vpc-1', 'aws:PrincipalTag/team': 'a', 'AWS:PrincipalTag/team': 'b' } }).filter((c) => c === DUPLICATE), [DUPLICATE]);
    // Keys in different blocks are not compared.
    assert.ok(!codes({ StringEquals: { 'aws:PrincipalTag/team': 'a' }, StringLike: { 'aws:principaltag/team': 'b' } }).includes(DUPLICATE));
  });

  it('values of more than one JSON type in one list are reported, wherever the odd one stands', () => {
    for (const values of [[1, 'a'], ['a', 'b', 1], ['a', null], [true, 'true'], [1, 2, 'x', 3]]) assert.ok(codes({ StringEquals: { 'aws:PrincipalTag/team': values } }).includes(MIXED), JSON.stringify(values));
    for (const values of [['a'], ['a', 'b'], [1, 2], [true, false], 'a']) assert.ok(!codes({ StringEquals: { 'aws:PrincipalTag/team': values } }).includes(MIXED), JSON.stringify(values));
  });
});
