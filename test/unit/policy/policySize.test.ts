// The size quotas count characters without whitespace. These compare the count with the plain
// rule, character by character, and check the finding on both sides of the identity-policy quota.
import * as assert from 'assert';
import { policySize } from '../../../src/core/policy/checks/suggestions';
import { lint } from './catalog';

/** The whitespace the quotas leave out. */
const WHITESPACE = new Set([' ', '\n', '\r', '\t', '\v', '\f', '\u00a0', '\ufeff']);

/** The plain rule: every UTF-16 code unit that is not such whitespace counts. */
const plainSize = (text: string): number => text.split('').filter((c) => !WHITESPACE.has(c)).length;

let seed = 7;
const random = (n: number): number => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n);

describe('policy size as the quotas count it', () => {
  it('counts every character but spaces, tabs, line breaks, \\v, \\f, no-break spaces and byte-order marks', () => {
    const pool = [...WHITESPACE, 'a', '"', '{', '\u2028', '\u3000', '\ud83d', '\ude00', 'é'];
    for (let k = 0; k < 300; k++) {
      let text = '';
      const length = random(200);
      // Runs of one character as well as mixed ones: runs are where a scanner may go wrong.
      for (let i = 0; i < length; i++) text += pool[random(pool.length)].repeat(1 + random(3));
      assert.strictEqual(policySize(text), plainSize(text), JSON.stringify(text));
    }
    assert.strictEqual(policySize(''), 0);
    assert.strictEqual(policySize(' \n\t'), 0);
    assert.strictEqual(policySize('abc'), 3);
  });

  it('"IAM does not count white space when calculating the size of a policy against this limit"', () => {
    const statement = '{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}';
    const policy = (count: number, gap: string) => `{"Version":"2012-10-17","Statement":[${Array(count).fill(statement).join(`,${gap}`)}]}`;
    const over = (text: string) => lint(text, 'IDENTITY_POLICY').findings.find((f) => f.issueCode === 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA');
    // 130 statements are under 10,240 characters without whitespace, and far over with it.
    const spaced = policy(130, '\n\u00a0\t'.repeat(40));
    assert.ok(spaced.length > 20000 && plainSize(spaced) < 10240);
    assert.strictEqual(over(spaced), undefined);
    const large = policy(150, '\n  ');
    assert.ok(plainSize(large) > 10240);
    assert.match(over(large)?.findingDetails ?? '', new RegExp(`^The ${plainSize(large)} characters in the identity policy, excluding whitespace`));
  });
});
