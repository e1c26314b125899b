import * as assert from 'assert';
import { compileGlob, globMatches, globProblem, isGlobProblem, MAX_BRACE_DEPTH, MAX_GLOB_LENGTH, MAX_GLOB_WILDCARDS } from '../../../src/core/glob/boundedGlob';
import { parseProjectConfig } from '../../../src/core/policy/config/projectConfig';

/** Milliseconds a call takes, for limits far above what a linear matcher needs (never a speed assertion). */
function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe('bounded globs', () => {
  it('match as gitignore-style globs: *, **, ?, classes, braces, escapes, dot files', () => {
    const yes: [string, string][] = [
      ['*.json', 'a/b/c.json'],
      ['trust/*.json', 'trust/ci.json'],
      ['gen/**', 'gen/a/b.json'],
      ['gen/**', 'gen'],
      ['**/*.policytest.json', 'x/y/z.policytest.json'],
      ['**/*.policytest.json', 'z.policytest.json'],
      ['a/**/b', 'a/b'],
      ['a/**/b', 'a/x/y/b'],
      ['a/**/b/*.json', 'a/b/c.json'],
      ['a/**/b/*.json', 'a/b/b/c.json'],
      ['{iam,scp}/*.json', 'scp/x.json'],
      ['*.{json,yaml}', 'p.yaml'],
      ['src/{x,y/{z,w}}/*.ts', 'src/y/w/b.ts'],
      ['[abc].json', 'b.json'],
      ['[!a].json', 'b.json'],
      ['p?.json', 'p1.json'],
      ['.hidden/*', '.hidden/x'],
      ['**/.git/**', 'r/.git/c/d'],
      ['\\*.json', '*.json'],
      ['./a/*.json', 'a/x.json'],
      ['x/*\\*', 'x/a*'],
      ['a/b.json', 'a/b.json'],
    ];
    const no: [string, string][] = [
      ['trust/*.json', 'x/trust/ci.json'],
      ['a/*/c', 'a/b/b/c'],
      ['a/**/b', 'a/xb'],
      ['**/x.json', 'ax.json'],
      ['a/**/b/*.json', 'a/q/xb/c.json'],
      ['[!a].json', 'a.json'],
      ['p?.json', 'p/.json'],
      ['\\*.json', 'a.json'],
      ['*.{json,yaml}', 'p.yml'],
      ['*.json', 'a.json.bak'],
      ['x/*\\*', 'x/a'],
    ];
    for (const [g, p] of yes) assert.ok(globMatches(g, p), `${g} should match ${p}`);
    for (const [g, p] of no) assert.ok(!globMatches(g, p), `${g} should not match ${p}`);
  });

  it('the alternating *a*b* glob against a 100-character name answers at once, matching or not', () => {
    for (const name of ['ab'.repeat(50), 'a'.repeat(100), `${'ab'.repeat(49)}x`]) {
      const { ms } = timed(() => globMatches('*a*b*a*b*a*b*', name));
      assert.ok(ms < 1000, `${ms} ms`);
    }
    assert.strictEqual(globMatches('*a*b*a*b*a*b*', 'ab'.repeat(50)), true);
    assert.strictEqual(globMatches('*a*b*a*b*a*b*', 'a'.repeat(100)), false);
  });

  it('braces nested 8,000 deep are a problem that names the limit, not a crash', () => {
    const glob = `${'{a,'.repeat(100)}b${'}'.repeat(100)}`;
    const p = globProblem(glob);
    assert.ok(p);
    assert.match(p.message, new RegExp(`nest more than ${MAX_BRACE_DEPTH} deep`));
    assert.strictEqual(p.index, MAX_BRACE_DEPTH * 3);
    const huge = globProblem(`${'{'.repeat(8000)}a${'}'.repeat(8000)}`);
    assert.ok(huge);
    assert.match(huge.message, /characters long/);
  });

  it('a 65,000-character glob is a problem, not a SyntaxError', () => {
    const p = globProblem('a'.repeat(65000));
    assert.ok(p);
    assert.match(p.message, new RegExp(`65,000 characters long; a glob may have at most ${MAX_GLOB_LENGTH.toLocaleString('en-US')}`));
    assert.strictEqual(globMatches('a'.repeat(65000), 'a'.repeat(65000)), false);
  });

  it('too many wildcards, too many alternatives and empty globs are problems', () => {
    assert.match(globProblem('*a'.repeat(MAX_GLOB_WILDCARDS + 1))!.message, /more than 32 wildcards/);
    assert.strictEqual(globProblem('*a'.repeat(MAX_GLOB_WILDCARDS)), undefined);
    assert.match(globProblem('{a,b}'.repeat(9))!.message, /more than 256 alternatives/);
    assert.match(globProblem('  ')!.message, /empty/);
    assert.ok(isGlobProblem(compileGlob('{a,b}'.repeat(9))));
  });

  it('the project file reports a refused glob at its position and applies the rest', () => {
    const text = `{\n  "ignore": ["gen/**", "${'*a*b'.repeat(20)}"],\n  "policyTypes": { "${'{x,'.repeat(12)}y${'}'.repeat(12)}": "TRUST_POLICY" },\n  "suppressions": [{ "file": "${'z'.repeat(65000)}", "issueCode": "X", "reason": "r" }]\n}`;
    const { config, problems } = parseProjectConfig(text);
    assert.deepStrictEqual(config.ignore, ['gen/**']);
    assert.deepStrictEqual(config.policyTypes, []);
    assert.deepStrictEqual(config.suppressions, []);
    assert.deepStrictEqual(problems.map((p) => [p.span.start.line, p.span.start.column + 1, p.glob]), [[2, 24, true], [3, 20, true], [4, 30, true]]);
    assert.match(problems[0].message, /^ignore: The glob has more than 32 wildcards.*This glob is not applied\.$/);
    assert.match(problems[1].message, /^policyTypes: Braces nest more than 8 deep/);
    assert.match(problems[2].message, /^suppressions: file: The glob is 65,000 characters long/);
  });
});
