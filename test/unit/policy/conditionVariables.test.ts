// A condition value under a non-String, non-ARN operator is reported as a policy variable exactly
// when findVariables finds one in it: any `${`, closed or not. A shortcut for that test (such as
// reading "holds `${`") must agree on every kind of string, with and without braces.
import * as assert from 'assert';
import { findVariables } from '../../../src/core/policy/checks/variables';
import { lint } from './catalog';

const VALUES = ['${aws:username}', '12${aws:MultiFactorAuthAge}', '${', '${${', 'a${', '$', '{}', '$ {aws:username}', '}${', '$$', '{$}', '60', '', '${aws:username', 'x}${y}'];

describe('policy variables in condition values', () => {
  it('a value is reported as a variable under a numeric operator exactly when findVariables finds one', () => {
    for (const value of VALUES) {
      const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': value } } }] });
      const reported = lint(text, 'IDENTITY_POLICY').findings.some((f) => f.issueCode === 'INVALID_VARIABLE_FOR_OPERATOR');
      assert.strictEqual(reported, findVariables(value).length > 0, JSON.stringify(value));
    }
  });
});
