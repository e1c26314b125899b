import * as assert from 'assert';
import { ChainConfigErrors, MAX_KEPT_CHAINS, MAX_KEPT_CONFIG_ERRORS, type ProfileConfigError } from '../../../src/core/profiles/chainConfigErrors';
import { lintAwsConfigErrorsOf } from '../../../src/core/profiles/configLintChain';

const CONFIG = '[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\nduration_seconds = 50000\n\n[profile b]\nregion = eu-west-1\nrole_arn = not-an-arn\n\n[profile c]\nregion = us-east-1\n';
const errorsOf = (config: string) => (profiles: ReadonlySet<string>): ProfileConfigError[] =>
  lintAwsConfigErrorsOf(config, 'config', profiles).map((f) => ({ profile: f.profile!, message: f.message, line: f.range.startLine }));

describe('the config errors checked before each STS call, kept while the config is unchanged', async () => {
  it('an unchanged config is checked once per chain for any number of starts, each chain getting its own profiles\' errors', async () => {
    const kept = new ChainConfigErrors();
    const chainAB = await kept.of('k1', new Set(['a', 'b']), errorsOf(CONFIG));
    assert.deepStrictEqual(chainAB.map((e) => [e.profile, e.line]), [['a', 3], ['b', 7], ['b', 7]]);
    assert.match(chainAB[0].message, /duration_seconds/);
    assert.strictEqual(await kept.of('k1', new Set(['b', 'a']), errorsOf(CONFIG)), chainAB);
    assert.deepStrictEqual((await kept.of('k1', new Set(['b']), errorsOf(CONFIG))).map((e) => e.profile), ['b', 'b']);
    assert.deepStrictEqual((await kept.of('k1', new Set(['b']), errorsOf(CONFIG))).map((e) => e.profile), ['b', 'b']);
    assert.deepStrictEqual(await kept.of('k1', new Set(['c']), errorsOf(CONFIG)), []);
    assert.strictEqual(kept.lints, 3);
  });

  it('a changed config (another key) is checked again, and its errors replace the old ones', async () => {
    const kept = new ChainConfigErrors();
    assert.strictEqual((await kept.of('k1', new Set(['a']), errorsOf(CONFIG))).length, 1);
    const fixed = CONFIG.replace('50000', '3600');
    assert.deepStrictEqual(await kept.of('k2', new Set(['a']), errorsOf(fixed)), []);
    assert.strictEqual(kept.lints, 2);
    // Back to the first text: its key is no longer the one kept.
    assert.strictEqual((await kept.of('k1', new Set(['a']), errorsOf(CONFIG))).length, 1);
    assert.strictEqual(kept.lints, 3);
  });

  it(`more than ${MAX_KEPT_CONFIG_ERRORS} errors are not kept: the config is checked at each start, with the same answer`, async () => {
    const kept = new ChainConfigErrors();
    const many = () => Array.from({ length: MAX_KEPT_CONFIG_ERRORS + 1 }, (_, i) => ({ profile: 'p7', message: 'bad', line: i }));
    assert.strictEqual((await kept.of('k', new Set(['p7']), many)).length, MAX_KEPT_CONFIG_ERRORS + 1);
    assert.strictEqual((await kept.of('k', new Set(['p7']), many)).length, MAX_KEPT_CONFIG_ERRORS + 1);
    assert.strictEqual(kept.lints, 2);
  });

  it(`the errors of ${MAX_KEPT_CHAINS} chains are kept; a further chain is checked at each start`, async () => {
    const kept = new ChainConfigErrors();
    const one = (profiles: ReadonlySet<string>) => [...profiles].map((profile) => ({ profile, message: 'bad', line: 0 }));
    for (let i = 0; i <= MAX_KEPT_CHAINS; i++) await kept.of('k', new Set([`p${i}`]), one);
    for (let i = 0; i <= MAX_KEPT_CHAINS; i++) assert.deepStrictEqual(await kept.of('k', new Set([`p${i}`]), one), [{ profile: `p${i}`, message: 'bad', line: 0 }]);
    assert.strictEqual(kept.lints, MAX_KEPT_CHAINS + 2);
  });
});
