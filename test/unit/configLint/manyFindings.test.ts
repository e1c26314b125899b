import * as assert from 'assert';
import { lintAwsConfig, type ConfigFinding } from '../../../src/core/profiles/configLint';
import { fileProblems } from '../../../src/core/profiles/fileProblems';
import { MAX_LISTED_PER_KIND } from '../../../src/core/notListed';

/** `[default]` then `n` settings no SDK knows, line i+2 holding `kk<i> = v` unless `at` puts another line there. */
function unknownSettings(n: number, at: Record<number, string> = {}): string {
  const lines = ['[default]'];
  for (let i = 0; i < n; i++) lines.push(at[i] ?? `kk${i} = v`);
  return `${lines.join('\n')}\n`;
}

const ofCode = (findings: ConfigFinding[], code: string) => findings.filter((f) => f.code === code);

describe('config lint of a file with thousands of findings of one kind', function () {
  this.timeout(60_000);

  it('lists the first 101 unknown settings by line, each worded as in a small file, the last counting the rest', () => {
    const text = unknownSettings(20_000, { 3: 'regoin = eu-west-1', 7: 'FwoGZXIvYXdzEJr//////////wEaDOb=' });
    const unknown = ofCode(lintAwsConfig(text, 'config'), 'unknown-key');
    assert.strictEqual(unknown.length, MAX_LISTED_PER_KIND + 1);
    assert.deepStrictEqual(unknown.map((f) => f.range.startLine), Array.from({ length: MAX_LISTED_PER_KIND + 1 }, (_, i) => i + 1));
    // A misspelt setting keeps its "Did you mean" and its quick fix, as it has in a file of three lines.
    const small = ofCode(lintAwsConfig('[default]\nregoin = eu-west-1\n', 'config'), 'unknown-key')[0];
    assert.strictEqual(unknown[3].message, small.message);
    assert.strictEqual(unknown[3].message, 'Unknown setting "regoin" in a profile. Did you mean "region"?');
    assert.deepStrictEqual(unknown[3].fix, { title: { kind: 'renameTo', value: 'region' }, edits: [{ range: unknown[3].range, newText: 'region' }] });
    // A wrapped piece of a session token is not quoted back, and gets no fix.
    assert.match(unknown[7].message, /^This line in a profile is not a setting: it looks like part of a credential/);
    assert.strictEqual(unknown[7].fix, undefined);
    assert.strictEqual(unknown[0].message, 'Unknown setting "kk0" in a profile; the AWS CLI and SDKs ignore it.');
    assert.strictEqual(unknown[MAX_LISTED_PER_KIND].message, 'Unknown setting "kk100" in a profile; the AWS CLI and SDKs ignore it. 19,899 more findings like this one after it are not listed.');
  });

  it('lists the same findings whatever the number of unknown settings after the ones listed', () => {
    const at = { 40: 'Region = eu-west-1', 41: 'output: json', 42: 'cli_pager = less # no pager' };
    // 100 unknown settings and one in capitals: the 101 a kind lists.
    const small = lintAwsConfig(unknownSettings(103, at), 'config');
    const large = lintAwsConfig(unknownSettings(20_000, at), 'config');
    const withoutCount = (f: ConfigFinding) => ({ ...f, message: f.message.replace(/ [\d,]+ more findings like this one after it are not listed\.$/, '') });
    assert.deepStrictEqual(large.map(withoutCount), small.map(withoutCount));
    assert.deepStrictEqual(large.map((f) => f.code), [...Array(41).fill('unknown-key'), 'colon-delimiter', 'inline-comment', ...Array(60).fill('unknown-key')]);
    assert.strictEqual(large[40].message, 'Setting names are lower case: the AWS CLI reads "Region" as "region", but the AWS SDK for JavaScript, which STS Lens uses, ignores it.');
    assert.match(large[large.length - 1].message, / 19,897 more findings like this one after it are not listed\.$/);
    assert.ok(!small[small.length - 1].message.includes('not listed'));
  });

  it('lists every finding of a profile, however many, when a check asks for all of them', () => {
    const unknown = ofCode(lintAwsConfig(unknownSettings(5_000, { 4_999: 'regoin = x' }), 'config', { listedPerCode: Infinity }), 'unknown-key');
    assert.strictEqual(unknown.length, 5_000);
    assert.strictEqual(unknown[4_999].message, 'Unknown setting "regoin" in a profile. Did you mean "region"?');
  });

  it('repeated headers, sections and settings are listed 101 of each, the last counting the rest', () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `[Profile p${i}]\n[profile a]\nregion = eu-west-1\nregion = eu-west-2\n`).join('');
    const findings = lintAwsConfig(text, 'config');
    for (const [code, more] of [['malformed-section-header', 1_899], ['duplicate-section', 1_898], ['duplicate-key', 1_899]] as const) {
      const listed = ofCode(findings, code);
      assert.strictEqual(listed.length, MAX_LISTED_PER_KIND + 1, code);
      assert.ok(listed[MAX_LISTED_PER_KIND].message.endsWith(` ${more.toLocaleString('en-US')} more findings like this one after it are not listed.`), listed[MAX_LISTED_PER_KIND].message);
    }
    assert.strictEqual(ofCode(findings, 'malformed-section-header')[0].message, 'The section prefix is "profile", in lower case; the SDKs ignore [Profile p0].');
    assert.strictEqual(ofCode(findings, 'duplicate-section')[0].message, '[profile a] is already defined on line 2. The AWS CLI refuses to read a file with a repeated section; other SDKs silently merge the two.');
  });

  it('lines the parser cannot read are worded only when listed, each naming its own line\'s text and key', () => {
    const text = Array.from({ length: 3_000 }, (_, i) => `[profile p${i}] x${i}\nk${i} = v\n  more${i}\n`).join('');
    const findings = lintAwsConfig(text, 'config');
    const trailing = ofCode(findings, 'malformed-section-header');
    assert.strictEqual(trailing.length, MAX_LISTED_PER_KIND + 1);
    assert.strictEqual(trailing[7].message, 'Unexpected text "x7" after the section header: the AWS CLI ignores it, but the AWS SDK for JavaScript does not read this line as a header, so it puts the settings below into the previous section.');
    assert.match(trailing[MAX_LISTED_PER_KIND].message, /^Unexpected text "x100" .* 2,899 more findings like this one after it are not listed\.$/);
    const continued = ofCode(findings, 'continuation-line');
    assert.strictEqual(continued.length, MAX_LISTED_PER_KIND + 1);
    assert.ok(continued.every((f, i) => f.message.startsWith(`This indented line continues the value of "k${i}" for the AWS CLI`)), continued[1].message);
  });

  it('the Profiles view names the broken lines of a file of unknown settings as the editor does', () => {
    const text = `${unknownSettings(20_000, { 10: '[Profile x]', 20: 'no delimiter here' })}`;
    const editor = lintAwsConfig(text, 'config').filter((f) => f.code === 'malformed-section-header' || f.code === 'malformed-line');
    assert.deepStrictEqual(fileProblems(text, 'config'), editor.map((f) => ({ line: f.range.startLine, column: f.range.startColumn, message: f.message.replace(/\.$/, '') })));
  });
});
