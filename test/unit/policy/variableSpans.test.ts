import * as assert from 'assert';
import { replaceVariables, splitAtVariables, variableSpans, withoutFirstPlaceholder } from '../../../src/core/policy/variableSpans';
import { lint } from './catalog';

const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', ...statement }] });

describe('policy variable spans (one pass, as /\\$\\{[^}]*\\}/g reads them)', () => {
  const samples = ['', 'plain', '${a}', 'x${a}y${b,\'d\'}z', '${a${b}c}', '${', '${a', '}${}', '$${a}}', 'arn:${aws:username}/${', '${${${x}'];

  it('finds what the regular expression finds, on ordinary and broken strings', () => {
    for (const s of samples) {
      const expected = [...s.matchAll(/\$\{[^}]*\}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, inner: m[0].slice(2, -1) }));
      assert.deepStrictEqual(variableSpans(s), expected, s);
      assert.deepStrictEqual(splitAtVariables(s), s.split(/\$\{[^}]*\}/), s);
      assert.strictEqual(replaceVariables(s, (v) => `<${v}>`), s.replace(/\$\{([^}]*)\}/g, (_m, v: string) => `<${v}>`), s);
    }
  });

  it('reads a run of 200,000 unterminated "${" as no variable at all', () => {
    const s = `arn:aws:s3:::b/${'${'.repeat(200_000)}`;
    assert.deepStrictEqual(variableSpans(s), []);
    assert.strictEqual(replaceVariables(s, () => '*'), s);
    assert.deepStrictEqual(splitAtVariables(s), [s]);
  });

  it('closes a run of "${" at its one "}", as a single span', () => {
    const s = `${'${'.repeat(100_000)}x}tail`;
    assert.deepStrictEqual(variableSpans(s).map((v) => [v.start, v.end]), [[0, s.length - 4]]);
    assert.strictEqual(replaceVariables(s, () => '*'), '*tail');
  });
});

describe('policy variables in hostile policies', () => {
  it('reports a missing brace in a Resource of 100,000 unterminated "${", a bounded number of times', () => {
    const { findings } = lint(policy({ Resource: `arn:aws:s3:::b/${'${'.repeat(100_000)}` }));
    const missing = findings.filter((f) => f.issueCode === 'MISSING_BRACE_IN_VARIABLE');
    assert.ok(missing.length > 0 && missing.length <= 100, `${missing.length} MISSING_BRACE_IN_VARIABLE findings`);
  });

  it('still reads the variables of a long Condition value with unclosed ones among them', () => {
    const value = `${'${aws:username}/'.repeat(3)}${'${'.repeat(50_000)}`;
    const { findings } = lint(policy({ Resource: '*', Condition: { StringLike: { 's3:prefix': value } } }));
    assert.ok(findings.some((f) => f.issueCode === 'MISSING_BRACE_IN_VARIABLE'));
    assert.ok(!findings.some((f) => f.issueCode === 'UNKNOWN_POLICY_VARIABLE'), 'aws:username is a known variable');
  });
});

describe('key names from templates (the simulate prompt\'s first guess)', () => {
  it('removes the first placeholder, ${…} or <key> in any case, as the regex /\\$\\{[^}]*\\}|<key>/i did', () => {
    const samples = ['aws:RequestTag/${TagKey}', 'aws:ResourceTag/<key>', 'aws:ResourceTag/<KEY>', 'a/<key>/${b}', 'a/${b}/<key>', 'no placeholder', 'a/${unclosed', '${x}${y}', '${<key>}'];
    for (const s of samples) assert.strictEqual(withoutFirstPlaceholder(s), s.replace(/\$\{[^}]*\}|<key>/i, ''), s);
  });

  it('reads a key of 100,000 unterminated "${" in one pass', () => {
    const s = `aws:RequestTag/${'${'.repeat(100_000)}<key>`;
    assert.strictEqual(withoutFirstPlaceholder(s), s.slice(0, -5));
  });
});
