import * as assert from 'assert';
import { lintAwsConfig, type ConfigFinding } from '../../../src/core/profiles/configLint';
import { MAX_LISTED_PER_KIND } from '../../../src/core/notListed';

/** `n` profiles p0, p1, …, each with the settings `settings(i)` gives. */
function profiles(n: number, settings: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => `[profile p${i}]\n${settings(i)}`).join('');
}

const ofCode = (findings: ConfigFinding[], code: string) => findings.filter((f) => f.code === code);
const MORE = / [\d,]+ more findings like this one after it are not listed\.$/;

describe('config lint of a file with thousands of wrong values and broken profiles', function () {
  this.timeout(60_000);

  it('words the listed value findings as in a file of one profile, the last counting the rest', () => {
    const bad = (i: number) => `role_arn = arn:aws:iam::12345:role/r${i}\nmfa_serial = arn:aws:iam::123456789012:user/u${i}\nduration_seconds = ${i + 60_000}\ncredential_source = environment\nregion = eu-west-1a\nexternal_id = x\n`;
    const many = lintAwsConfig(profiles(3_000, bad), 'config');
    const one = lintAwsConfig(profiles(1, bad), 'config');
    for (const code of ['invalid-role-arn', 'invalid-mfa-serial', 'invalid-duration', 'invalid-credential-source', 'invalid-value']) {
      const listed = ofCode(many, code);
      const single = ofCode(one, code);
      assert.ok(single.length > 0, code);
      // invalid-value: the Region and the external ID of each profile, listed together.
      const total = code === 'invalid-value' ? 6_000 : 3_000;
      assert.strictEqual(listed.length, MAX_LISTED_PER_KIND + 1, code);
      assert.deepStrictEqual(listed.slice(0, single.length), single, code);
      assert.ok(listed[MAX_LISTED_PER_KIND].message.endsWith(` ${(total - MAX_LISTED_PER_KIND - 1).toLocaleString('en-US')} more findings like this one after it are not listed.`), listed[MAX_LISTED_PER_KIND].message);
    }
    assert.strictEqual(ofCode(one, 'invalid-role-arn')[0].message, 'The account ID "12345" is not 12 digits; expected arn:aws:iam::123456789012:role/NAME.');
    assert.strictEqual(ofCode(one, 'invalid-mfa-serial')[0].message, 'This is the ARN of the IAM user, not of its MFA device; the device ARN looks like arn:aws:iam::123456789012:mfa/u0.');
    assert.strictEqual(ofCode(one, 'invalid-credential-source')[0].message, 'credential_source is "environment"; the SDKs accept only Environment, Ec2InstanceMetadata, EcsContainer (case matters). Did you mean Environment?');
    assert.deepStrictEqual(ofCode(one, 'invalid-credential-source')[0].fix?.title, { kind: 'changeTo', value: 'Environment' });
    assert.strictEqual(ofCode(one, 'invalid-value')[0].message, '"eu-west-1a" is an Availability Zone; the Region is "eu-west-1".');
  });

  it('an unused mfa_serial names the profiles that assume roles from it, listed or not the same words', () => {
    const text = `${profiles(2_000, (i) => `mfa_serial = arn:aws:iam::123456789012:mfa/m${i}\n`)}[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = p1\n`;
    const unused = ofCode(lintAwsConfig(text, 'config'), 'mfa-serial-unused');
    assert.strictEqual(unused.length, MAX_LISTED_PER_KIND + 1);
    assert.strictEqual(unused[1].message, 'The AWS CLI and SDKs use mfa_serial only on a profile with role_arn, when calling AssumeRole; on "p1" they ignore it (tools such as aws-vault use it here for GetSessionToken). To require MFA when assuming roles from it, set mfa_serial on "deploy".');
    assert.strictEqual(unused[0].message, 'The AWS CLI and SDKs use mfa_serial only on a profile with role_arn, when calling AssumeRole; on "p0" they ignore it (tools such as aws-vault use it here for GetSessionToken).');
    assert.match(unused[MAX_LISTED_PER_KIND].message, MORE);
  });

  it('a missing source_profile keeps its "Did you mean" and quick fix among thousands', () => {
    const text = profiles(2_000, (i) => `role_arn = arn:aws:iam::123456789012:role/r\nsource_profile = ${i ? `nowhere${i}` : 'p_1'}\n`);
    const missing = ofCode(lintAwsConfig(text, 'config'), 'missing-source-profile');
    assert.strictEqual(missing.length, MAX_LISTED_PER_KIND + 1);
    assert.strictEqual(missing[0].message, 'source_profile "p_1" is not defined in the config or credentials file. Did you mean "p1"?');
    assert.deepStrictEqual(missing[0].fix, { title: { kind: 'changeTo', value: 'p1' }, edits: [{ range: missing[0].range, newText: 'p1' }] });
    assert.match(missing[MAX_LISTED_PER_KIND].message, MORE);
  });
});
