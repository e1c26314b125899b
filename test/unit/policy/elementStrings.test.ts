// The node-level readers of an element's strings give what stringValues gives, without the wrappers.
import * as assert from 'assert';
import { elementText, plainStrings, someString, textMayHoldWildcard } from '../../../src/core/policy/elementStrings';
import { parsePolicy, stringValues } from '../../../src/core/policy/parse';
import { lint } from './catalog';

const doc = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::a/*', 7, null, { x: 1 }, ['nested'], 'arn:aws:s3:::b'] },
    { Effect: 'Deny', Action: ['iam:*', true, '*'], NotResource: { not: 'a list' } },
    { Effect: 'Allow', Action: 12, Resource: [] },
  ],
});

describe('policy: element strings read from the nodes', () => {
  const elements = parsePolicy(doc).statements.flatMap((st) => [st.action, st.resource, st.notResource]).filter((el) => el !== undefined);

  it('gives the same strings in the same order as stringValues, skipping numbers, booleans, null, objects and nested lists', () => {
    assert.strictEqual(elements.length, 6);
    for (const el of elements) assert.deepStrictEqual(plainStrings(el), stringValues(el).map((v) => v.value), el.key);
    assert.deepStrictEqual(plainStrings(elements[1]), ['arn:aws:s3:::a/*', 'arn:aws:s3:::b']);
  });

  it('finds a string that passes a test only among those strings', () => {
    const [action0, resource0, action1] = elements;
    assert.strictEqual(someString(action1, (v) => v === '*'), true);
    assert.strictEqual(someString(action0, (v) => v === '*'), false);
    assert.strictEqual(someString(resource0, (v) => v === 'nested'), false, 'a string inside a nested list is not one of the values');
    assert.strictEqual(someString(resource0, (v) => v.endsWith(':::b')), true);
  });

  it("reads an element's text as written, which holds a wildcard or an escape whenever one of its strings holds a wildcard", () => {
    const [action0, resource0, action1] = elements;
    assert.strictEqual(elementText(doc, action0), '"s3:GetObject"');
    assert.strictEqual(textMayHoldWildcard(elementText(doc, action0)), false);
    assert.strictEqual(textMayHoldWildcard(elementText(doc, resource0)), true);
    assert.strictEqual(textMayHoldWildcard(elementText(doc, action1)), true);
    const escaped = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get\\u002a"], "Resource": "*"}]}';
    const action = parsePolicy(escaped).statements[0].action!;
    assert.deepStrictEqual(plainStrings(action), ['s3:GetObject', 's3:Get*']);
    assert.strictEqual(textMayHoldWildcard(elementText(escaped, action)), true);
  });

  it('still finds redundant actions when the wildcard that covers them is spelled with an escape', () => {
    const escaped = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get\\u002a"], "Resource": "*"}]}';
    const redundant = lint(escaped, 'IDENTITY_POLICY').findings.filter((f) => f.issueCode === 'REDUNDANT_ACTION');
    assert.strictEqual(redundant.length, 1);
    assert.strictEqual(redundant[0].locations.length, 2);
  });
});
