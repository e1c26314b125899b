import * as assert from 'assert';
import { lintAwsConfig, type ConfigFinding } from '../../../src/core/profiles/configLint';
import { lintAwsConfigErrorsOf } from '../../../src/core/profiles/configLintChain';
import { IniOutline } from '../../../src/core/profiles/iniOutline';
import { parseIniWithPositions } from '../../../src/core/profiles/iniPositions';

/** A small seeded generator, so that a failing config can be made again from its number. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const NAMES = ['default', 'p0', 'p1', 'p2', 'p3', 'p4', 'corp', 'ops', 'x y'];
const ROLE = 'arn:aws:iam::123456789012:role/Deploy';

/** A config of sections and settings that every check of the lint has something to say about. */
function generatedConfig(seed: number): { text: string; other: string[] } {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[r(xs.length)];
  const name = () => pick(NAMES);
  const headers = [
    () => `[profile ${name()}]`, () => `[profile ${name()}]`, () => `[profile ${name()}]`, () => '[default]', () => `[${name()}]`,
    () => `[sso-session ${name()}]`, () => `[services ${name()}]`, () => `[profile  ${name()}]`, () => `[Profile ${name()}]`,
    () => '[profile]', () => `[ profile ${name()} ]`, () => `[profile ${name()}`, () => `[profile ${name()}] trailing`, () => `[profile "${name()}"]`, () => '  [profile p1]',
    () => `\t[profile ${name()}]`, () => `\u00a0[profile ${name()}]`, () => `[sso-session ${name()}] [x]`,
  ];
  const settings = [
    () => `role_arn = ${pick([ROLE, 'not-an-arn', ''])}`, () => `source_profile = ${name()}`, () => `source_profile = ${name()}`,
    () => `credential_source = ${pick(['Environment', 'Ec2InstanceMetadata', 'environment'])}`, () => 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    () => 'aws_secret_access_key = x', () => `duration_seconds = ${pick(['3600', '7200', '50000', 'abc', '100'])}`,
    () => `mfa_serial = ${pick(['arn:aws:iam::123456789012:mfa/ana', 'bad'])}`, () => `sso_session = ${name()}`, () => 'sso_account_id = 123456789012',
    () => 'sso_role_name = Admin', () => 'sso_start_url = https://corp.awsapps.com/start', () => `sso_region = ${pick(['us-east-1', 'nowhere'])}`,
    () => `services = ${name()}`, () => 'web_identity_token_file = /tmp/token', () => 'credential_process = /bin/creds',
    () => `region = ${pick(['eu-west-1', 'x1'])}`, () => `external_id = ${pick(['abc', 'a b!'])}`, () => `role_session_name = ${pick(['ok', 'no way!'])}`,
    () => 'region: eu-west-1', () => 'region = eu-west-1 # note', () => 'region = "eu-west-1"', () => '  region = eu-west-1',
    () => 's3 =\n  addressing_style = path\n  bogus = 1', () => 'sts =\n  endpoint_url = https://sts.example.com', () => 'junk line', () => '# comment', () => 'region = eu [1] [2]', () => `x = 1\u2028[profile ${name()}]`, () => '; [profile p2]', () => '', () => 'regoin = x',
  ];
  const lines: string[] = [];
  const sections = 1 + r(12);
  if (r(4) === 0) lines.push('orphan = 1');
  for (let s = 0; s < sections; s++) {
    lines.push(pick(headers)());
    // Chains of roles are what the check follows: most sections start one.
    if (r(3) > 0) lines.push(`role_arn = ${ROLE}`, `source_profile = ${name()}`);
    if (r(3) === 0) lines.push('duration_seconds = 7200');
    const n = r(6);
    for (let k = 0; k < n; k++) lines.push(pick(settings)());
  }
  const other = NAMES.filter(() => r(5) === 0);
  return { text: lines.join(r(3) === 0 ? '\r\n' : '\n'), other };
}

const wholeLint = (text: string, other: string[]) => lintAwsConfig(text, 'config', { otherFileProfiles: other, listedPerCode: Infinity });
const errorsAbout = (findings: readonly ConfigFinding[], names: ReadonlySet<string>) => findings.filter((f) => f.severity === 'error' && f.profile !== undefined && names.has(f.profile));

describe('the config errors of one chain, read from its own sections only', () => {
  it('give every profile and chain of 500 generated configs the same errors, words and lines as the lint of the whole file', () => {
    let compared = 0;
    let withErrors = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const { text, other } = generatedConfig(seed);
      const r = random(seed * 7919);
      const sets = [...NAMES.map((n) => new Set([n])), new Set(NAMES.filter(() => r(2) === 0)), new Set(NAMES)];
      const whole = wholeLint(text, other);
      for (const names of sets) {
        const expected = errorsAbout(whole, names);
        assert.deepStrictEqual(lintAwsConfigErrorsOf(text, 'config', names, other), expected, `config ${seed}, profiles ${[...names].join(', ')}:\n${text}`);
        compared++;
        if (expected.length) withErrors++;
      }
    }
    // The generator is worth its name only if most comparisons have errors to agree on.
    assert.ok(withErrors > compared / 3, `${withErrors} of ${compared} comparisons had errors`);
  });

  it('read each section the way the whole file is read (a section at a time or all at once)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { text } = generatedConfig(seed);
      const outline = new IniOutline(text);
      outline.sections.forEach((_, i) => outline.readSection(i));
      assert.deepStrictEqual(outline.sections, parseIniWithPositions(text).sections, `config ${seed}:\n${text}`);
    }
  });

  it('in a config of 10,000 profiles, a chain of three reads only its own sections and its sso-session', () => {
    const parts = ['[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n'];
    for (let i = 0; i < 10_000; i++) parts.push(`[profile p${i}]\nrole_arn = ${ROLE}\nsource_profile = p${i + 1}\nduration_seconds = 7200\n`);
    parts.push('[profile p10000]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n');
    const text = parts.join('');
    const outline = new IniOutline(text);
    const names = new Set(['p9998', 'p9999', 'p10000']);
    const errors = lintAwsConfigErrorsOf(outline, 'config', names);
    assert.deepStrictEqual(errors, errorsAbout(wholeLint(text, []), names));
    assert.deepStrictEqual(errors.map((e) => [e.code, e.profile]), [['chained-duration', 'p9998'], ['chained-duration', 'p9999']]);
    assert.match(errors[1].message, /credentials from "p10000", which are an IAM Identity Center \(SSO\) role/);
    assert.strictEqual(outline.sectionsRead, 4, 'sections read besides p9998, p9999, p10000 and [sso-session corp]');
  });
});
