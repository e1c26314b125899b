import * as assert from 'assert';
import { ChainConfigErrors, MAX_KEPT_CONFIG_ERRORS, type ProfileConfigError } from '../../../src/core/profiles/chainConfigErrors';
import { lintAwsConfig } from '../../../src/core/profiles/configLint';

const CONFIG = '[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\nduration_seconds = 50000\n\n[profile b]\nregion = eu-west-1\nrole_arn = not-an-arn\n\n[profile c]\nregion = us-east-1\n';
const errorsOf = (config: string) => (): ProfileConfigError[] =>
  lintAwsConfig(config, 'config', { listedPerCode: Infinity }).flatMap((f) => (f.severity === 'error' && f.profile ? [{ profile: f.profile, message: f.message, line: f.range.startLine }] : []));

describe('the config errors checked before each STS call, kept while the config is unchanged', () => {
  it('an unchanged config is linted once for any number of checks, each chain getting its own profiles\' errors', () => {
    const kept = new ChainConfigErrors();
    const chainAB = kept.of('k1', errorsOf(CONFIG), new Set(['a', 'b']));
    assert.deepStrictEqual(chainAB.map((e) => [e.profile, e.line]), [['a', 3], ['b', 7], ['b', 7]]);
    assert.match(chainAB[0].message, /duration_seconds/);
    assert.deepStrictEqual(kept.of('k1', errorsOf(CONFIG), new Set(['b'])).map((e) => e.profile), ['b', 'b']);
    assert.deepStrictEqual(kept.of('k1', errorsOf(CONFIG), new Set(['c'])), []);
    assert.strictEqual(kept.lints, 1);
  });

  it('a changed config (another key) is linted again, and its errors replace the old ones', () => {
    const kept = new ChainConfigErrors();
    assert.strictEqual(kept.of('k1', errorsOf(CONFIG), new Set(['a'])).length, 1);
    const fixed = CONFIG.replace('50000', '3600');
    assert.deepStrictEqual(kept.of('k2', errorsOf(fixed), new Set(['a'])), []);
    assert.strictEqual(kept.lints, 2);
    // Back to the first text: its key is no longer the one kept.
    assert.strictEqual(kept.of('k1', errorsOf(CONFIG), new Set(['a'])).length, 1);
    assert.strictEqual(kept.lints, 3);
  });

  it(`more than ${MAX_KEPT_CONFIG_ERRORS} errors are not kept: the config is linted at each check, with the same answer`, () => {
    const kept = new ChainConfigErrors();
    const many = () => Array.from({ length: MAX_KEPT_CONFIG_ERRORS + 1 }, (_, i) => ({ profile: `p${i}`, message: 'bad', line: i }));
    assert.deepStrictEqual(kept.of('k', many, new Set(['p7'])), [{ profile: 'p7', message: 'bad', line: 7 }]);
    assert.deepStrictEqual(kept.of('k', many, new Set(['p7'])), [{ profile: 'p7', message: 'bad', line: 7 }]);
    assert.strictEqual(kept.lints, 2);
  });
});
