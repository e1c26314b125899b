// sso-session graphs a hostile or careless ~/.aws/config can hold, through the config linter (the
// editor's Problems and the check made before a call) and the sign-ins of the IAM Identity Center view.
import * as assert from 'assert';
import { lintAwsConfig } from '../../../src/core/profiles/configLint';
import { nameSuggester } from '../../../src/core/profiles/configLintSuggest';
import { MAX_LISTED_PER_KIND } from '../../../src/core/notListed';
import { buildProfilesModel, type IniSections } from '../../../src/core/profiles/model';
import { LISTED_PROFILES, listedProfiles, signInEntries } from '../../../src/core/sso/signInEntries';

const session = (name: string) => `[sso-session ${name}]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`;
const profile = (name: string, sessionName: string) => `[profile ${name}]\nsso_session = ${sessionName}\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n`;
const sessionValues = { sso_start_url: 'https://corp.awsapps.com/start', sso_region: 'us-east-1' };
const profileValues = (sessionName: string) => ({ sso_session: sessionName, sso_account_id: '123456789012', sso_role_name: 'ReadOnly' });

describe('sso-session graphs in the AWS config', function () {
  this.timeout(30_000);

  /** s0 … s9999 defined, and p0 … p9999 naming x0 … x9999, none of which exists. */
  function allMissing(n: number): string {
    let text = '';
    for (let i = 0; i < n; i++) text += session(`s${i}`);
    for (let i = 0; i < n; i++) text += profile(`p${i}`, `x${i}`);
    return text;
  }

  it('10,000 profiles naming missing sso-sessions among 10,000 others: the first 101 listed, each with its did-you-mean', () => {
    const findings = lintAwsConfig(allMissing(10_000), 'config').filter((f) => f.code === 'missing-sso-session');
    assert.strictEqual(findings.length, MAX_LISTED_PER_KIND + 1);
    assert.strictEqual(findings[0].message, 'sso_session = x0 refers to an [sso-session x0] section that the config file does not have. Did you mean "s0"?');
    assert.deepStrictEqual(findings[0].fix?.edits.map((e) => e.newText), ['s0']);
    assert.strictEqual(findings[MAX_LISTED_PER_KIND].message, 'sso_session = x100 refers to an [sso-session x100] section that the config file does not have. Did you mean "s100"? 9,899 more findings like this one after it are not listed.');
  });

  it('the check before a call, which lists every finding, stops looking for did-you-means past a bound but names every missing sso-session', () => {
    const findings = lintAwsConfig(allMissing(10_000), 'config', { listedPerCode: Infinity }).filter((f) => f.code === 'missing-sso-session');
    assert.strictEqual(findings.length, 10_000);
    assert.match(findings[0].message, /Did you mean "s0"\?$/);
    assert.strictEqual(findings[9_999].message, 'sso_session = x9999 refers to an [sso-session x9999] section that the config file does not have.');
  });

  it('10,000 profiles with a missing source_profile among 10,000 others stop looking for did-you-means past the same bound', () => {
    let text = '';
    for (let i = 0; i < 10_000; i++) text += `[profile q${i}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n`;
    for (let i = 0; i < 10_000; i++) text += `[profile r${i}]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = z${i}\n`;
    const findings = lintAwsConfig(text, 'config', { listedPerCode: Infinity }).filter((f) => f.code === 'missing-source-profile');
    assert.strictEqual(findings.length, 10_000);
    assert.strictEqual(findings[0].message, 'source_profile "z0" is not defined in the config or credentials file. Did you mean "q0"?');
    assert.strictEqual(findings[9_999].message, 'source_profile "z9999" is not defined in the config or credentials file.');
  });

  it('suggests as before: another case first, then the nearest name, the earlier of equals, never the name itself', () => {
    const suggest = nameSuggester(['prod', 'Dev', 'stage1', 'stage2', 'deployment']);
    assert.strictEqual(suggest('dev'), 'Dev');
    assert.strictEqual(suggest('prdo'), 'prod');
    assert.strictEqual(suggest('stage3'), 'stage1');
    assert.strictEqual(suggest('deploymnet'), 'deployment');
    assert.strictEqual(suggest('deploy'), undefined);
    assert.strictEqual(nameSuggester(['a', 'b'])('a'), 'b');
    assert.strictEqual(nameSuggester(['Prod', 'prod'])('prod'), 'Prod');
  });

  it('a suggester compares at most the names it was given leave to, then suggests nothing', () => {
    const suggest = nameSuggester(['alpha', 'bravo', 'charlie'], 3);
    assert.strictEqual(suggest('alpah'), 'alpha');
    assert.strictEqual(suggest('bravp'), undefined);
  });

  it('two [sso-session] sections of one name are one error, and sso_session values with odd bytes are named missing', () => {
    const text = `${session('corp')}${session('corp')}${profile('a', 'corp')}${profile('b', 'co\u0000rp')}${profile('c', '\u202ecorp')}`;
    const findings = lintAwsConfig(text, 'config');
    assert.deepStrictEqual(findings.map((f) => f.code), ['duplicate-section', 'missing-sso-session', 'missing-sso-session']);
    assert.strictEqual(findings[0].message, '[sso-session corp] is already defined on line 1. The AWS CLI refuses to read a file with a repeated section; other SDKs silently merge the two.');
    assert.match(findings[1].message, /Did you mean "corp"\?$/);
  });

  it('10,000 sso-sessions of one profile each: each sign-in lists its own profile', () => {
    const config: IniSections = {};
    for (let i = 0; i < 10_000; i++) config[`sso-session.s${i}`] = sessionValues;
    for (let i = 0; i < 10_000; i++) config[`p${i}`] = profileValues(`s${i}`);
    const entries = signInEntries(buildProfilesModel(config, {}));
    assert.strictEqual(entries.length, 10_000);
    assert.ok(entries.every((e, i) => e.id === `session:s${i}` && e.profiles.length === 1 && e.profiles[0] === `p${i}`));
  });

  it('10,000 profiles of one sso-session: one sign-in, whose tooltip names 20 and counts the rest', () => {
    const config: IniSections = { 'sso-session.corp': sessionValues, 'sso-session.empty': sessionValues };
    for (let i = 0; i < 10_000; i++) config[`p${i}`] = profileValues('corp');
    config.orphan = profileValues('gone');
    const entries = signInEntries(buildProfilesModel(config, {}));
    assert.deepStrictEqual(entries.map((e) => [e.id, e.profiles.length]), [['session:corp', 10_000], ['session:empty', 0]]);
    const listed = listedProfiles(entries[0]);
    assert.strictEqual(listed.names.length, LISTED_PROFILES);
    assert.strictEqual(listed.names[LISTED_PROFILES - 1], `p${LISTED_PROFILES - 1}`);
    assert.strictEqual(listed.more, 10_000 - LISTED_PROFILES);
    assert.deepStrictEqual(listedProfiles(entries[1]), { names: [], more: 0 });
  });
});
