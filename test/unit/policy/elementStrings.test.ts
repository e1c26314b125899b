// The node-level readers of an element's strings give what stringValues gives, without the wrappers.
import * as assert from 'assert';
import { plainStrings, someString } from '../../../src/core/policy/elementStrings';
import { parsePolicy, stringValues } from '../../../src/core/policy/parse';

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
});
