// Whether a Resource pattern can name a resource of an ARN format is whether some string matches
// both. These compare resourceMatchesFormat with a search over the pairs of positions of the two
// (a string is read character by character, through both at once), for every short pattern.
import * as assert from 'assert';
import { resourceMatchesFormat } from '../../../src/core/policy/checks/arnFormats';

const ANY = -1;
const STAR = -2;

/** A pattern's tokens: `*` any run, `?` any one character, other characters themselves. */
const patternTokens = (p: string): number[] => [...p].map((c) => (c === '*' ? STAR : c === '?' ? ANY : c.charCodeAt(0)));

/** A format's resource part as tokens: a placeholder is one or more characters of any kind. */
const formatTokens = (resource: string): number[] => resource.split(/(\$\{\w+\})/).flatMap((part) => (part.startsWith('${') ? [ANY, STAR] : patternTokens(part)));

/** Whether some string over `alphabet` is read to the end by both token lists. */
function someStringOfBoth(a: number[], b: number[], alphabet: number[]): boolean {
  const close = (i: number, j: number, out: Set<number>) => {
    const stack = [[i, j]];
    while (stack.length) {
      const [x, y] = stack.pop()!;
      const k = x * 1000 + y;
      if (out.has(k)) continue;
      out.add(k);
      if (a[x] === STAR) stack.push([x + 1, y]);
      if (b[y] === STAR) stack.push([x, y + 1]);
    }
  };
  const step = (t: number[], i: number, c: number): number | undefined => (t[i] === STAR ? i : t[i] === ANY || t[i] === c ? i + 1 : undefined);
  const seen = new Set<number>();
  let frontier = new Set<number>();
  close(0, 0, frontier);
  while (frontier.size) {
    const next = new Set<number>();
    for (const k of frontier) {
      if (seen.has(k)) continue;
      seen.add(k);
      const i = Math.floor(k / 1000);
      const j = k % 1000;
      if (i === a.length && j === b.length) return true;
      for (const c of alphabet) {
        const x = i < a.length ? step(a, i, c) : undefined;
        const y = j < b.length ? step(b, j, c) : undefined;
        if (x !== undefined && y !== undefined) close(x, y, next);
      }
    }
    frontier = next;
  }
  return false;
}

const words = (alphabet: string, max: number) => {
  const out = [''];
  for (let at = 0; out[at].length < max; at++) for (const c of alphabet) out.push(out[at] + c);
  return out;
};

describe('Resource patterns against ARN formats', () => {
  it('a pattern names a resource of a format exactly when some string matches both, for every pattern of up to 5 characters', () => {
    const parts = ['${Name}', 'a${Name}', '${Name}/${Key}', 'a${Name}/b', '${Name}ab${Key}', 'ab/${Name}/b/${Key}a', '${Name}${Key}', 'b/a', 'a${Name}b${Key}/${Id}ab'];
    // Every character the patterns and formats hold, and one neither holds.
    const alphabet = [...'ab/x'].map((c) => c.charCodeAt(0));
    for (const part of parts) {
      const format = `arn:\${Partition}:svc:\${Region}:\${Account}:${part}`;
      for (const p of words('ab/*?', 5)) {
        const expected = someStringOfBoth(patternTokens(p), formatTokens(part), alphabet);
        assert.strictEqual(resourceMatchesFormat(p, format), expected, `${p} against ${part}`);
      }
    }
  });

  it('literal beginnings agree the same way whichever pattern was tested before, with variables and a plain $ in the pattern', () => {
    const parts = ['ab/${Name}', 'a${Name}', 'b/a', '${Name}', 'ab$/${Name}', 'abab/b'];
    const patterns = ['ab/x', 'ab', 'a${aws:username}', 'ab/${aws:username}/b', '$x', 'ab$/x', 'ab$', '', 'b', 'abab/b', 'a*', '?b/a'];
    const alphabet = [...'ab/x$'].map((c) => c.charCodeAt(0));
    // A policy variable stands for any run, as the check reads it.
    const expected = (p: string, part: string) => someStringOfBoth(patternTokens(p.replace(/\$\{[^}]*\}/g, '*')), formatTokens(part), alphabet);
    // One pattern against every format in a row, then every pattern against one format.
    for (const p of patterns) for (const part of parts) assert.strictEqual(resourceMatchesFormat(p, `arn:aws:svc:::${part}`), expected(p, part), `${p} against ${part}`);
    for (const part of parts) for (const p of patterns) assert.strictEqual(resourceMatchesFormat(p, `arn:aws:svc:::${part}`), expected(p, part), `${p} against ${part}`);
  });

  it('a pattern with a star is held to the characters on both sides of its runs', () => {
    const format = 'arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/documentation/parts/${DocumentationPartId}';
    assert.ok(resourceMatchesFormat('/restapis/*/deployments', format));
    assert.ok(resourceMatchesFormat('/restapis/*', format));
    assert.ok(resourceMatchesFormat('*/parts/*', format));
    // The last placeholder takes any characters, "/" too.
    assert.ok(resourceMatchesFormat('*/documentation/parts/', format));
    assert.ok(!resourceMatchesFormat('/apis/*', format));
    assert.ok(!resourceMatchesFormat('/restapis/*/b', 'arn:${Partition}:svc:${Region}:${Account}:/restapis/${Id}/a'));
  });
});
