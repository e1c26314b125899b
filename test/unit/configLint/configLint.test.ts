import * as assert from 'assert';
import * as fs from 'fs';
import { ConfigFileKind, ConfigFinding, ConfigFix, LintOptions, lintAwsConfig, profileNamesOf } from '../../../src/core/profiles/configLint';
import { splitLines } from '../../../src/core/profiles/iniPositions';
import { fixturePath } from '../fixtures';

function read(name: string): string {
  return fs.readFileSync(fixturePath('aws-config-lint', name), 'utf8');
}

function lintFixture(name: string, options?: LintOptions): ConfigFinding[] {
  const kind: ConfigFileKind = name.endsWith('.credentials') ? 'credentials' : 'config';
  return lintAwsConfig(read(name), kind, options);
}

/** `severity code @line:start-end`, 1-based lines as an editor shows them, 0-based columns. */
function summary(f: ConfigFinding): string {
  const r = f.range;
  return `${f.severity} ${f.code} @${r.startLine + 1}:${r.startColumn}-${r.endColumn}`;
}

function assertFindings(name: string, expected: string[], options?: LintOptions): ConfigFinding[] {
  const findings = lintFixture(name, options);
  assert.deepStrictEqual(findings.map(summary), expected, findings.map((f) => `${summary(f)} ${f.message}`).join('\n'));
  return findings;
}

/** The text under a finding's range. */
function textAt(text: string, f: ConfigFinding): string {
  const lines = splitLines(text);
  assert.strictEqual(f.range.startLine, f.range.endLine, 'single-line range');
  return lines[f.range.startLine].slice(f.range.startColumn, f.range.endColumn);
}

/** Applies a fix's edits (non-overlapping) from last to first. */
function applyFix(text: string, fix: ConfigFix): string {
  const lines = splitLines(text);
  const offset = (line: number, column: number): number => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + column;
  const edits = [...fix.edits].sort((a, b) => offset(b.range.startLine, b.range.startColumn) - offset(a.range.startLine, a.range.startColumn));
  let out = lines.join('\n');
  for (const e of edits) {
    const start = offset(e.range.startLine, e.range.startColumn);
    const end = offset(e.range.endLine, e.range.endColumn);
    out = out.slice(0, start) + e.newText + out.slice(end);
  }
  return out;
}

describe('lintAwsConfig', () => {
  describe('a correct file', () => {
    it('reports nothing for a config using every kind of profile', () => {
      const otherFileProfiles = profileNamesOf(read('clean.credentials'), 'credentials');
      assertFindings('clean.config', [], { otherFileProfiles });
    });

    it('reports nothing for a correct credentials file', () => {
      assertFindings('clean.credentials', []);
    });

    it('reports nothing for an empty file', () => {
      assert.deepStrictEqual(lintAwsConfig('', 'config'), []);
      assert.deepStrictEqual(lintAwsConfig('\n# only a comment\n', 'credentials'), []);
    });
  });

  describe('source_profile chains', () => {
    it('reports a two-profile cycle on each source_profile value', () => {
      const text = read('cycle.config');
      const findings = assertFindings('cycle.config', ['error source-profile-cycle @3:17-18', 'error source-profile-cycle @7:17-18']);
      assert.match(findings[0].message, /a → b → a/);
      assert.strictEqual(textAt(text, findings[0]), 'b');
    });

    it('reports a profile that names itself without static keys', () => {
      const [f] = assertFindings('cycle-self.config', ['error source-profile-cycle @3:17-21']);
      assert.match(f.message, /its own source_profile/);
    });

    it('accepts a profile that names itself when its keys are in the credentials file', () => {
      assertFindings('cycle-self-static.config', ['error source-profile-cycle @4:17-21']);
      assertFindings('cycle-self-static.config', [], { otherFileProfiles: ['keys'] });
    });

    it('accepts a profile that names itself when it holds static keys', () => {
      assertFindings('cycle-self-inline-keys.config', ['warning secret-in-config @3:0-21']);
    });

    it('reports a loop that only static keys end as a warning about the AWS CLI', () => {
      const [f] = assertFindings('cycle-broken-by-static.config', ['warning source-profile-cycle @8:17-18', 'warning secret-in-config @10:0-21']);
      assert.match(f.message, /AWS CLI and boto3 stop/);
    });

    it('finds the same loops whatever order the profiles come in', () => {
      const sections = [
        '[profile p2]\nrole_arn = arn:aws:iam::123456789012:role/P2\nsource_profile = p1\n',
        '[profile p1]\nrole_arn = arn:aws:iam::123456789012:role/P1\nsource_profile = p0\n',
        '[profile p0]\nrole_arn = arn:aws:iam::123456789012:role/P0\nsource_profile = s\n',
        '[profile s]\nrole_arn = arn:aws:iam::123456789012:role/S\nsource_profile = p2\n',
      ];
      for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]]) {
        const text = order.map((i) => sections[i]).join('\n');
        const loops = lintAwsConfig(text, 'config', { otherFileProfiles: ['s'] }).filter((f) => f.code === 'source-profile-cycle');
        assert.deepStrictEqual(loops.map((f) => `${f.profile} ${f.severity}`), ['s warning'], `order ${order.join(',')}`);
        assert.match(loops[0].message, /s → p2 → p1 → p0 → s/);
      }
    });

    it('reports a profile that leads into a cycle', () => {
      const [entry] = assertFindings('cycle-into-loop.config', [
        'error source-profile-cycle @3:17-18',
        'error source-profile-cycle @7:17-18',
        'error source-profile-cycle @11:17-18',
      ]);
      assert.match(entry.message, /entry → x → y → x/);
    });

    it('reports a missing source profile, with a suggestion, unless the other file has it', () => {
      const text = read('missing-source.config');
      const [typo, nowhere] = assertFindings(
        'missing-source.config',
        ['error missing-source-profile @6:17-21', 'error missing-source-profile @10:17-26'],
        { otherFileProfiles: ['keys-only'] },
      );
      assert.match(typo.message, /Did you mean "base"/);
      assert.ok(typo.fix);
      assert.match(applyFix(text, typo.fix), /source_profile = base\n/);
      assert.strictEqual(nowhere.fix, undefined);
      assert.strictEqual(lintFixture('missing-source.config').filter((f) => f.code === 'missing-source-profile').length, 3);
    });

    it('warns about a source profile that has no credentials, unless the credentials file has it', () => {
      const [regionOnly] = assertFindings('source-without-credentials.config', ['warning source-without-credentials @6:17-28', 'warning source-without-credentials @10:17-21']);
      assert.match(regionOnly.message, /"region-only" has no credentials/);
      assertFindings('source-without-credentials.config', ['warning source-without-credentials @6:17-28'], { otherFileProfiles: ['keys'] });
    });

    it('reports source_profile with credential_source, and role_arn with neither', () => {
      assertFindings('source-conflict.config', [
        'warning source-without-credentials @3:17-21',
        'error source-conflict @4:0-17',
        'error role-without-source @7:0-8',
        'warning setting-without-role @11:0-11',
        'warning setting-without-role @12:0-14',
      ]);
    });
  });

  describe('durations', () => {
    it('reports durations outside 900–43200 seconds and non-integers', () => {
      const [short, long, word] = assertFindings('duration.config', [
        'error invalid-duration @4:19-22',
        'error invalid-duration @9:19-24',
        'error invalid-duration @14:19-21',
      ]);
      assert.match(short.message, /600/);
      assert.match(long.message, /50000/);
      assert.match(word.message, /whole number/);
    });

    it('reports chained sessions longer than one hour, from a role, SSO or web identity source', () => {
      const text = read('chained-duration.config');
      const findings = assertFindings(
        'chained-duration.config',
        ['error chained-duration @10:19-23', 'error chained-duration @20:19-24', 'error chained-duration @25:19-23'],
        { otherFileProfiles: ['user'] },
      );
      assert.match(findings[0].message, /"second".*"first".*role chaining/);
      assert.match(findings[1].message, /IAM Identity Center/);
      const fixed = applyFix(text, findings[0].fix as ConfigFix);
      assert.deepStrictEqual(lintAwsConfig(fixed, 'config', { otherFileProfiles: ['user'] }).map(summary), [
        'error chained-duration @20:19-24',
        'error chained-duration @25:19-23',
      ]);
    });
  });

  describe('ARNs and MFA', () => {
    it('reports malformed role ARNs with the reason', () => {
      const findings = assertFindings('role-arn.config', [
        'error invalid-role-arn @2:11-61',
        'error invalid-role-arn @6:11-47',
        'error invalid-role-arn @10:11-46',
        'error invalid-role-arn @14:11-56',
        'error invalid-role-arn @18:11-16',
        'error invalid-role-arn @22:11-50',
        'error invalid-role-arn @26:11-52',
      ]);
      const messages = findings.map((f) => f.message);
      assert.match(messages[0], /role session.*arn:aws:iam::123456789012:role\/Admin/);
      assert.match(messages[1], /IAM user/);
      assert.match(messages[2], /12 digits/);
      assert.match(messages[3], /no Region/);
      assert.match(messages[4], /not an ARN/);
      assert.match(messages[5], /partition/);
      assert.match(messages[6], /characters IAM does not allow/);
    });

    it('reports malformed mfa_serial values and accepts device ARNs and hardware serials', () => {
      const findings = assertFindings('mfa-serial.config', [
        'error invalid-mfa-serial @4:13-49',
        'error invalid-mfa-serial @9:13-64',
        'error invalid-mfa-serial @14:13-18',
        'error invalid-mfa-serial @19:13-40',
      ]);
      assert.match(findings[0].message, /arn:aws:iam::123456789012:mfa\/alice/);
      assert.match(findings[1].message, /security key/);
    });

    it('reports mfa_serial where the SDKs ignore it, naming the role profiles that need it', () => {
      const [onUser, onSso, onWeb] = assertFindings(
        'mfa-unused.config',
        ['info mfa-serial-unused @3:0-10', 'warning mfa-serial-unused @13:0-10', 'warning mfa-serial-unused @18:0-10'],
        { otherFileProfiles: ['user'] },
      );
      assert.match(onUser.message, /set mfa_serial on "admin"/);
      assert.match(onSso.message, /another way/);
      assert.match(onWeb.message, /AssumeRoleWithWebIdentity/);
      assert.ok(onSso.unnecessary);
    });
  });

  describe('keys and values', () => {
    it('reports unknown keys with a did-you-mean and leaves other tools’ keys (aws-vault, aws-azure-login, aws-google-auth) alone', () => {
      const text = read('unknown-keys.config');
      const findings = assertFindings('unknown-keys.config', [
        'warning unknown-key @2:0-8',
        'warning unknown-key @3:0-14',
        'warning unknown-key @4:0-6',
        'warning unknown-key @5:0-6',
        'warning unknown-key @6:0-7',
        'warning unknown-key @7:0-23',
        'warning unknown-key @10:2-24',
      ]);
      const suggestions = findings.map((f) => f.fix?.edits[0].newText);
      assert.deepStrictEqual(suggestions, ['role_arn', 'source_profile', 'region', 'region', 'mfa_serial', undefined, 'max_concurrent_requests']);
      assert.match(applyFix(text, findings[0].fix as ConfigFix), /^\[profile typos\]\nrole_arn = arn/);
    });

    it('reports values outside what the settings accept', () => {
      const text = read('values.config');
      const findings = assertFindings('values.config', [
        'warning invalid-value @2:9-12',
        'warning invalid-value @3:9-19',
        'warning invalid-value @4:25-31',
        'warning invalid-value @5:13-21',
        'warning invalid-value @6:20-23',
        'warning invalid-value @7:15-16',
        'warning invalid-value @8:15-29',
        'warning invalid-value @9:17-21',
        'error invalid-credential-source @13:20-31',
        'error invalid-value @14:20-30',
        'error invalid-value @15:14-15',
        'warning quoted-value @18:9-20',
      ]);
      assert.match(findings[1].message, /Availability Zone.*"us-east-1"/);
      assert.match(applyFix(text, findings[8].fix as ConfigFix), /credential_source = Environment\n/);
      assert.match(applyFix(text, findings[11].fix as ConfigFix), /region = us-east-1\n/);
    });

    it('warns about secrets in the config file without repeating them', () => {
      const findings = assertFindings('secrets-in-config.config', ['warning secret-in-config @3:0-21', 'warning secret-in-config @4:0-17']);
      const text = read('secrets-in-config.config');
      for (const secret of ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'IQoJb3JpZ2luX2VjEXAMPLETOKEN', 'ASIAIOSFODNN7EXAMPLE']) {
        assert.ok(text.includes(secret));
        for (const f of findings) assert.ok(!f.message.includes(secret), f.message);
      }
    });

    it('reports incomplete SSO settings and missing sso-session or services sections', () => {
      const [missing] = assertFindings('sso.config', [
        'error missing-sso-session @2:14-18',
        'error incomplete-sso @8:0-14',
        'error incomplete-sso @11:0-13',
        'error missing-services-section @16:11-18',
        'error incomplete-sso @22:0-19',
      ]);
      assert.match(missing.message, /Did you mean "corp"/);
    });

    it('reports an SSO start URL that contradicts the profile\'s sso-session', () => {
      const [f] = assertFindings('sso-conflict.config', ['error sso-session-conflict @3:16-47']);
      assert.match(f.message, /\[sso-session corp\] \(line 9\)/);
    });
  });

  describe('syntax', () => {
    it('reports duplicate sections, profiles and keys', () => {
      assertFindings('duplicates.config', ['error duplicate-key @3:0-6', 'error duplicate-section @5:0-11', 'warning duplicate-profile @11:0-17']);
    });

    it('reports section headers the SDKs skip, with fixes', () => {
      const text = read('headers.config');
      const findings = assertFindings('headers.config', [
        'warning missing-profile-prefix @1:0-5',
        'warning malformed-section-header @4:0-13',
        'warning malformed-section-header @7:0-17',
        'warning invalid-profile-name @10:10-19',
        'error malformed-section-header @13:0-9',
        'warning unknown-section @16:0-17',
        'error malformed-section-header @25:19-23',
        'error malformed-section-header @28:0-17',
        'warning malformed-section-header @31:0-11',
      ]);
      assert.match(applyFix(text, findings[0].fix as ConfigFix), /^\[profile dev\]\n/);
      assert.match(applyFix(text, findings[1].fix as ConfigFix), /\n\[profile ops\]\n/);
      assert.match(applyFix(text, findings[2].fix as ConfigFix), /\n\[profile spaced\]\n/);
      assert.match(applyFix(text, findings[8].fix as ConfigFix), /\n\[default\]\nregion = us-east-1\n$/);
    });

    it('reports lines outside any section', () => {
      const [f] = assertFindings('outside-section.config', ['error outside-section @1:0-18']);
      assert.match(f.message, /outside any \[section\]/);
    });

    it('reports lines that are not key = value, saying why', () => {
      const [noEquals, noKey] = assertFindings('malformed-lines.config', ['error malformed-line @3:0-20', 'error malformed-line @4:0-19']);
      assert.match(noEquals.message, /not "key = value"/);
      assert.match(noKey.message, /no key/);
      assert.ok(!noEquals.message.includes('AKIA'), 'a stray line may be a secret, so it is not quoted');
    });

    it('reports indented lines that continue a value, and accepts nested s3 settings', () => {
      assertFindings('continuation.config', ['warning continuation-line @3:2-15', 'info nested-without-parent @8:3-21']);
    });

    it('reports inline comments and moves them to their own line', () => {
      const text = read('inline-comment.config');
      const [comment] = assertFindings('inline-comment.config', ['warning inline-comment @2:19-32', 'warning invalid-value @3:9-27']);
      assert.strictEqual(textAt(text, comment), '# N. Virginia');
      assert.match(applyFix(text, comment.fix as ConfigFix), /^\[default\]\n# N\. Virginia\nregion = us-east-1\n/);
    });

    it('reads ":" as a delimiter like the AWS CLI and reports it', () => {
      const text = '[default]\nregion: us-east-1\n';
      const [f] = lintAwsConfig(text, 'config');
      assert.strictEqual(summary(f), 'warning colon-delimiter @2:6-7');
      assert.strictEqual(applyFix(text, f.fix as ConfigFix), '[default]\nregion = us-east-1\n');
    });

    it('keeps positions right with CRLF line ends', () => {
      const text = read('duration.config').replace(/\n/g, '\r\n');
      assert.deepStrictEqual(lintAwsConfig(text, 'config').map(summary), lintFixture('duration.config').map(summary));
    });

    it('never throws on arbitrary input', () => {
      let seed = 7;
      const alphabet = '[]=:#; \t\nabcprofile_-"\'\r';
      for (let n = 0; n < 300; n++) {
        let s = '';
        for (let i = 0; i < 80; i++) {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          s += alphabet[seed % alphabet.length];
        }
        for (const kind of ['config', 'credentials'] as const) {
          for (const f of lintAwsConfig(s, kind)) {
            assert.ok(f.range.startLine >= 0 && f.range.startColumn >= 0 && f.range.endColumn >= f.range.startColumn, JSON.stringify(f));
          }
        }
      }
    });
  });

  describe('the credentials file', () => {
    it('reports the profile prefix, names with blanks and config-only sections', () => {
      const text = read('profile-prefix.credentials');
      const [prefix] = assertFindings('profile-prefix.credentials', [
        'warning unexpected-profile-prefix @1:0-13',
        'warning invalid-profile-name @5:1-10',
        'warning unknown-section @9:0-18',
        'info credentials-file-setting @10:0-10',
      ]);
      assert.match(applyFix(text, prefix.fix as ConfigFix), /^\[dev\]\n/);
    });

    it('reports config settings, misspelt keys, incomplete or mismatched keys and malformed key IDs', () => {
      const findings = assertFindings('settings.credentials', [
        'info credentials-file-setting @4:0-6',
        'warning unknown-key @5:0-20',
        'error incomplete-static-keys @8:0-17',
        'error incomplete-static-keys @11:0-17',
        'warning invalid-value @14:20-29',
        'error incomplete-static-keys @18:0-17',
        'warning incomplete-static-keys @24:0-17',
      ]);
      assert.match(findings[5].message, /ASIA…\) but no aws_session_token/);
      assert.strictEqual(findings[1].fix?.edits[0].newText, 'aws_secret_access_key');
    });
  });

  describe('profileNamesOf', () => {
    it('names profiles as the SDKs do in each file', () => {
      assert.deepStrictEqual(profileNamesOf('[default]\n[profile a]\n[sso-session s]\n[services x]\n[b]\n', 'config'), ['default', 'a']);
      assert.deepStrictEqual(profileNamesOf('[default]\n[a]\n[profile b]\n', 'credentials'), ['default', 'a', 'profile b']);
    });
  });
});
