import * as assert from 'assert';
import { lintAwsConfig } from '../../../src/core/profiles/configLint';
import { suggestKey } from '../../../src/core/profiles/configLintSuggest';
import { MAX_LISTED_PER_KIND } from '../../../src/core/notListed';
import { buildProfilesModel, chainBase, chainStepCount, chainWords, chainText, isBrokenChain, needsMfa, profileChain, shortChainText, type IniSections } from '../../../src/core/profiles/model';

const ROLE = 'arn:aws:iam::123456789012:role/Deploy';

/** p0 with static keys, then p1 … p(n-1), each a role whose source is the one before. */
function lineOfRoles(n: number) {
  const sections: IniSections = { p0: { aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'x' } };
  for (let i = 1; i < n; i++) sections[`p${i}`] = { role_arn: ROLE, source_profile: `p${i - 1}` };
  return buildProfilesModel(sections, {});
}

describe('config lint on adversarial files', function () {
  this.timeout(30_000);

  it('an unknown key of 100,000 characters is reported without a suggestion', () => {
    const findings = lintAwsConfig(`[profile a]\n${'x'.repeat(100_000)} = 1\n`, 'config');
    assert.strictEqual(findings.length, 1);
    assert.doesNotMatch(findings[0].message, /Did you mean/);
    // The Problems panel gets a short message; the finding's range marks the key itself.
    assert.strictEqual(findings[0].message, 'Unknown setting "…" (100,000 characters) in a profile; the AWS CLI and SDKs ignore it.');
    assert.strictEqual(findings[0].range.endColumn - findings[0].range.startColumn, 100_000);
  });

  it('a long value is not repeated in its message, a short one is', () => {
    const long = lintAwsConfig(`[profile a]
region = ${'y'.repeat(5_000)}
`, 'config');
    assert.match(long[0].message, /^"…" \(5,000 characters\) does not look like an AWS Region code/);
    const short = lintAwsConfig('[profile a]\nregion = mars-1\n', 'config');
    assert.match(short[0].message, /^"mars-1" does not look like an AWS Region code/);
  });

  it('did-you-mean still suggests for a misspelt key', () => {
    assert.strictEqual(suggestKey('regoin', ['region', 'output']), 'region');
  });

  it('a cycle of 2,000 profiles is reported on each, its path shortened to its ends', () => {
    const n = 2000;
    let text = '';
    for (let i = 0; i < n; i++) text += `[profile p${i}]\nrole_arn = ${ROLE}\nsource_profile = p${(i + 1) % n}\n`;
    const cycles = lintAwsConfig(text, 'config', { listedPerCode: Infinity }).filter((f) => f.code === 'source-profile-cycle');
    assert.strictEqual(cycles.length, n);
    const p5 = cycles.find((f) => f.profile === 'p5');
    assert.strictEqual(p5?.message, 'source_profile cycle: p5 → p6 → p7 → p8 → p9 → … 1,991 more … → p1 → p2 → p3 → p4 → p5. No profile in the loop has static keys to start from, so the SDKs stop with a cycle error.');
  });

  it('a line of 10,000 profiles into a loop of 10,000 is reported on each, each path shortened to its ends', () => {
    const n = 10_000;
    let text = '';
    // t0 → t1 → … → t9999 → c0 → c1 → … → c9999 → c0
    for (let i = 0; i < n; i++) text += `[profile t${i}]\nrole_arn = ${ROLE}\nsource_profile = ${i + 1 < n ? `t${i + 1}` : 'c0'}\n`;
    for (let i = 0; i < n; i++) text += `[profile c${i}]\nrole_arn = ${ROLE}\nsource_profile = c${(i + 1) % n}\n`;
    const cycles = lintAwsConfig(text, 'config', { listedPerCode: Infinity }).filter((f) => f.code === 'source-profile-cycle');
    assert.strictEqual(cycles.length, 2 * n);
    const message = (name: string) => cycles.find((f) => f.profile === name)?.message.split('. No profile')[0];
    assert.strictEqual(message('t0'), 'source_profile cycle: t0 → t1 → t2 → t3 → t4 → … 19,991 more … → c9996 → c9997 → c9998 → c9999 → c0');
    assert.strictEqual(message('t9998'), 'source_profile cycle: t9998 → t9999 → c0 → c1 → c2 → … 9,993 more … → c9996 → c9997 → c9998 → c9999 → c0');
    assert.strictEqual(message('c5'), 'source_profile cycle: c5 → c6 → c7 → c8 → c9 → … 9,991 more … → c1 → c2 → c3 → c4 → c5');
  });

  it('lists the first 101 findings of each code of a million indented lines, the last saying how many more there are', () => {
    const text = `[profile a]\nregion = us-east-1\n${' x\n'.repeat(1_000_000)}[profile b]\nregoin = 1\n`;
    const findings = lintAwsConfig(text, 'config');
    const continued = findings.filter((f) => f.code === 'continuation-line');
    assert.strictEqual(continued.length, MAX_LISTED_PER_KIND + 1);
    // The 101st indented line is line 103 (0-based 102), after the header and region.
    assert.strictEqual(continued[MAX_LISTED_PER_KIND].range.startLine, MAX_LISTED_PER_KIND + 2);
    assert.strictEqual(continued[MAX_LISTED_PER_KIND].message, 'This indented line continues the value of "region" for the AWS CLI (its value becomes two lines), while the JavaScript SDK reads it as a separate setting. Remove the indentation, or put it under a key with an empty value. 999,899 more findings like this one after it are not listed.');
    assert.ok(continued.slice(0, MAX_LISTED_PER_KIND).every((f) => !f.message.includes('not listed')));
    // Other codes are listed as before.
    assert.deepStrictEqual(findings.filter((f) => f.code === 'unknown-key').map((f) => f.message), ['Unknown setting "regoin" in a profile. Did you mean "region"?']);
  });

  it('counts findings of one code the linter makes across the file, 101 listed by position', () => {
    const n = 5000;
    let text = '';
    for (let i = 0; i < n; i++) text += `[profile p${i}]\nrole_arn = ${ROLE}\nsource_profile = p${(i + 1) % n}\n`;
    const cycles = lintAwsConfig(text, 'config').filter((f) => f.code === 'source-profile-cycle');
    assert.deepStrictEqual(cycles.map((f) => f.profile), Array.from({ length: MAX_LISTED_PER_KIND + 1 }, (_, i) => `p${i}`));
    assert.match(cycles[MAX_LISTED_PER_KIND].message, /stop with a cycle error\. 4,899 more findings like this one after it are not listed\.$/);
  });

  it('lists every one of 101 findings of a code, without a count', () => {
    const findings = lintAwsConfig(`[profile a]\nregion = us-east-1\n${' x\n'.repeat(101)}`, 'config').filter((f) => f.code === 'continuation-line');
    assert.strictEqual(findings.length, 101);
    assert.ok(findings.every((f) => !f.message.includes('not listed')));
  });

  it('counts problems the reader only counted with the ones it made, whatever the limit asked', () => {
    const findings = lintAwsConfig(`[profile a]\nregion = us-east-1\n${' x\n'.repeat(300)}`, 'config', { listedPerCode: Infinity }).filter((f) => f.code === 'continuation-line');
    assert.strictEqual(findings.length, MAX_LISTED_PER_KIND + 1);
    assert.match(findings[MAX_LISTED_PER_KIND].message, / 199 more findings like this one after it are not listed\.$/);
  });

  it('a short cycle still lists every profile', () => {
    const text = `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\nrole_arn = ${ROLE}\nsource_profile = a\n`;
    assert.deepStrictEqual(lintAwsConfig(text, 'config').filter((f) => f.code === 'source-profile-cycle').map((f) => f.message.split('.')[0]), ['source_profile cycle: a → b → a', 'source_profile cycle: b → a → b']);
  });
});

describe('profile chains of a long line of roles', function () {
  this.timeout(30_000);
  const n = 2000;
  const model = lineOfRoles(n);

  it('every chain runs from the static keys to the profile itself', () => {
    for (const name of model.profiles.keys()) {
      const chain = profileChain(model, name);
      assert.strictEqual(chain.steps[0].profile, 'p0');
      assert.strictEqual(chain.steps[chain.steps.length - 1].profile, name);
      assert.strictEqual(chain.steps.length, Number(name.slice(1)) + 1);
    }
    assert.strictEqual(profileChain(model, 'p1999').roleHops, 1999);
  });

  it('the chain text of a long chain shows its ends', () => {
    assert.match(chainText(profileChain(model, 'p1999'), chainWords()), /^p0 → p1 \(Deploy @ 123456789012\) → .* → … 1,990 more … → .*p1999 \(Deploy @ 123456789012\)$/);
  });
});

describe('profile chains of a loop of 20,000 profiles', function () {
  this.timeout(60_000);
  const n = 20_000;
  const sections: IniSections = {};
  for (let i = 0; i < n; i++) sections[`p${i}`] = { role_arn: ROLE, source_profile: `p${(i + 1) % n}`, ...(i === 7 ? { mfa_serial: 'arn:aws:iam::123456789012:mfa/u' } : {}) };
  // A profile leading into the loop.
  sections.tail = { role_arn: ROLE, source_profile: 'p3' };
  const model = buildProfilesModel(sections, {});

  it('every profile on it, and one leading into it, has a chain that names the loop by its ends', () => {
    let longest = 0;
    for (const name of model.profiles.keys()) {
      const chain = profileChain(model, name);
      assert.ok(isBrokenChain(chain), name);
      longest = Math.max(longest, chainText(chain, chainWords()).length, shortChainText(chain, chainWords()).length);
      assert.strictEqual(needsMfa(model, name), true, name);
    }
    // Ten steps and ten names of the loop at most, whatever its size.
    assert.ok(longest < 600, `a chain text of ${longest} characters`);
    assert.strictEqual(
      chainText(profileChain(model, 'p5'), chainWords()).replace(/ \(Deploy @ 123456789012\)/g, ''),
      'p4 → p3 → p2 → p1 → p0 → … 19,990 more … → p9 → p8 → p7 → p6 → p5 → cycle: p5 → p6 → p7 → p8 → p9 → … 19,991 more … → p1 → p2 → p3 → p4 → p5',
    );
    assert.strictEqual(chainStepCount(profileChain(model, 'tail')), n + 1);
    assert.match(chainText(profileChain(model, 'tail'), chainWords()), /→ p3 \(Deploy @ 123456789012\) → tail \(Deploy @ 123456789012\) → cycle: p3 → p4 → /);
  });

  it("a chain's whole list of steps and its cycle are still there when read", () => {
    const chain = profileChain(model, 'p19999');
    assert.strictEqual(chain.steps.length, n);
    assert.deepStrictEqual([chain.steps[0].profile, chain.steps[n - 1].profile], ['p19998', 'p19999']);
    assert.deepStrictEqual([chain.cycle?.length, chain.cycle?.[0], chain.cycle?.[1], chain.cycle?.[n]], [n + 1, 'p19999', 'p0', 'p19999']);
    assert.strictEqual(chain.roleHops, n);
  });
});

describe('profile chains of a line of 20,000 roles', function () {
  this.timeout(60_000);
  const n = 20_000;
  const model = lineOfRoles(n);

  it('every chain starts at the static keys and its texts show its ends', () => {
    let longest = 0;
    for (const name of model.profiles.keys()) {
      const chain = profileChain(model, name);
      assert.strictEqual(chainBase(chain)?.profile, 'p0');
      assert.strictEqual(chainStepCount(chain), Number(name.slice(1)) + 1);
      longest = Math.max(longest, chainText(chain, chainWords()).length, shortChainText(chain, chainWords()).length);
    }
    assert.ok(longest < 400, `a chain text of ${longest} characters`);
    assert.strictEqual(shortChainText(profileChain(model, 'p19999'), chainWords()), 'p0 → Deploy → Deploy → Deploy → Deploy → … 19,990 more … → Deploy → Deploy → Deploy → Deploy → Deploy');
    const steps = profileChain(model, 'p19999').steps;
    assert.deepStrictEqual([steps.length, steps[0].profile, steps[10_000].profile, steps[n - 1].profile], [n, 'p0', 'p10000', 'p19999']);
  });
});

