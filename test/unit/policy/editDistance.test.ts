// The distance behind every did-you-mean (actions, condition keys, config keys): the optimal string
// alignment distance (insertions, deletions, substitutions and swaps of neighbours), exact up to the cap.
import * as assert from 'assert';
import { editDistance } from '../../../src/core/policy/actions';

/** The whole-table definition, with nothing skipped. */
function reference(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

function allStrings(alphabet: string, maxLength: number): string[] {
  const out = [''];
  for (let k = 0; k < out.length; k++) if (out[k].length < maxLength) for (const c of alphabet) out.push(out[k] + c);
  return out;
}

describe('edit distance', () => {
  it('equals the whole-table distance for every pair of strings up to 5 characters over "abc", under every cap', () => {
    const strings = allStrings('abc', 5);
    let compared = 0;
    for (const a of strings) {
      for (const b of strings) {
        const exact = reference(a, b);
        assert.strictEqual(editDistance(a, b), exact, `${a} / ${b}`);
        for (let cap = 0; cap <= 3; cap++) {
          const capped = editDistance(a, b, cap);
          if (exact <= cap) assert.strictEqual(capped, exact, `${a} / ${b} capped at ${cap}`);
          else assert.ok(capped > cap, `${a} / ${b} capped at ${cap}: ${capped} should exceed the cap (${exact})`);
        }
        compared++;
      }
    }
    assert.strictEqual(compared, 364 * 364);
  });

  it('equals it for action names that share long starts and ends, and ignores case', () => {
    const pairs: [string, string][] = [
      ['BatchGetSecurityTestContentMetadata', 'BatchGetSecurityTestContent'],
      ['ListDocumentReviewComments', 'ListDocumentReviews'],
      ['GetObjekt', 'GetObject'],
      ['GetObejct', 'GetObject'],
      ['DescribeInstances', 'DescribeInstanceStatus'],
      ['StartPentestExecution', 'StopPentestExecution'],
      ['putbucketpolicy', 'PutBucketPolicy'],
    ];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 400; k++) {
      const base = 'DescribeSecurityGroupRules'.slice(0, 5 + Math.floor(random() * 21));
      const mutate = (x: string): string => {
        let out = x;
        for (let e = Math.floor(random() * 5); e > 0; e--) {
          const at = Math.floor(random() * (out.length + 1));
          const c = 'abcdeRS'[Math.floor(random() * 7)];
          const kind = random();
          out = kind < 0.3 ? out.slice(0, at) + c + out.slice(at) : kind < 0.6 ? out.slice(0, at) + out.slice(at + 1) : kind < 0.8 ? out.slice(0, at) + c + out.slice(at + 1) : out.slice(0, at) + out.slice(at + 1, at + 2) + out.slice(at, at + 1) + out.slice(at + 2);
        }
        return out;
      };
      pairs.push([mutate(base), mutate(base)]);
    }
    for (const [a, b] of pairs) {
      const exact = reference(a, b);
      assert.strictEqual(editDistance(a, b), exact, `${a} / ${b}`);
      for (const cap of [1, 2, 4, 8]) {
        const capped = editDistance(a, b, cap);
        assert.ok(exact <= cap ? capped === exact : capped > cap, `${a} / ${b} capped at ${cap}: ${capped} (exact ${exact})`);
      }
    }
  });

  it('equals it across the 32-character word and around letters outside ASCII, under every cap', () => {
    // Names of up to 32 characters (after their common start and end) take the bit-vector path;
    // longer ones, and names with other letters, the banded table: both must agree with the whole table.
    let seed = 11;
    const random = (n: number): number => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 * n);
    const word = (length: number, alphabet: string): string => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    const pairs: [string, string][] = [];
    for (let k = 0; k < 3000; k++) {
      const alphabet = ['ab', 'abc', 'abcdefgh', 'abé', 'aé€'][k % 5];
      const a = word(random(40), alphabet);
      // Half the pairs are near each other (a few edits apart), half are not.
      let b = k % 2 ? word(random(40), alphabet) : a;
      for (let e = k % 2 ? 0 : random(6); e > 0; e--) {
        const at = random(b.length + 1);
        const c = alphabet[random(alphabet.length)];
        const kind = random(4);
        b = kind === 0 ? b.slice(0, at) + c + b.slice(at) : kind === 1 ? b.slice(0, at) + b.slice(at + 1) : kind === 2 ? b.slice(0, at) + c + b.slice(at + 1) : b.slice(0, at) + b.slice(at + 1, at + 2) + b.slice(at, at + 1) + b.slice(at + 2);
      }
      pairs.push([a, b]);
    }
    const sizes = new Set(pairs.map(([a, b]) => Math.min(a.length, b.length) > 32));
    assert.ok(sizes.has(true) && sizes.has(false), 'pairs on both sides of 32 characters');
    for (const [a, b] of pairs) {
      const exact = reference(a, b);
      assert.strictEqual(editDistance(a, b), exact, `${a} / ${b}`);
      for (const cap of [0, 1, 2, 3, 5, 8, 13]) {
        const capped = editDistance(a, b, cap);
        assert.ok(exact <= cap ? capped === exact : capped > cap, `${a} / ${b} capped at ${cap}: ${capped} (exact ${exact})`);
      }
    }
  });
});
