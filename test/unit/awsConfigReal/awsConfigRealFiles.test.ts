/**
 * Config and credentials files as real tools and editors write them: settings and endpoints, encodings,
 * names, and deliberate mistakes, read through the SDK's own ini loader and linted.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { loadAwsFiles } from '../../../src/node/awsFiles';
import { lintAwsConfig, type ConfigFinding } from '../../../src/core/profiles/configLint';
import { resolveStsEndpoint } from '../../../src/core/profiles/endpoint';
import { chainWords, buildProfilesModel, chainText, profileChain } from '../../../src/core/profiles/model';
import { fixturePath } from '../fixtures';
import { AREA, MISSING, fixture, model, profile, summary, findings, lint, lintLines, assertNoTreeProblems } from './helpers';

describe('real-world AWS config files: settings, encodings and mistakes', () => {
  describe('settings and endpoints', () => {
    it('reads [services] sts endpoints, sts_regional_endpoints, endpoint_url and ignore_configured_endpoint_urls', async () => {
      const m = await model('services.config');
      const d = profile(m, 'default');
      assert.strictEqual(d.stsEndpointUrl, 'http://127.0.0.1:5000');
      assert.strictEqual(d.stsRegionalEndpoints, 'regional');
      assert.strictEqual(summary(m, 'localstack'), 'access keys | us-east-1 | no MFA');
      assert.strictEqual(profile(m, 'localstack').endpointUrl, 'http://localhost:4566');
      assert.deepStrictEqual(resolveStsEndpoint(d, undefined), { endpoint: 'http://127.0.0.1:5000', source: 'profile-services', useGlobalEndpoint: false, region: 'us-west-2' });
      assert.strictEqual(resolveStsEndpoint(profile(m, 'localstack'), undefined).endpoint, 'http://localhost:4566');
      assert.deepStrictEqual(resolveStsEndpoint(profile(m, 'real-aws'), undefined), { source: 'regional', useGlobalEndpoint: false, region: 'eu-west-1' }, 'ignore_configured_endpoint_urls drops the services endpoint');
      // LocalStack's dummy keys are not AWS key shapes, and they sit in the config file: warnings only.
      assert.deepStrictEqual(lint('services.config'), ['warning invalid-value @9', 'warning secret-in-config @10']);
      assertNoTreeProblems('services.config');
    });

    it('accepts nested s3 settings and AWS CLI settings without findings', async () => {
      const m = await model('s3-nested.config');
      assert.strictEqual(summary(m, 'default'), 'settings only | us-east-1 | no MFA');
      assert.deepStrictEqual(lint('s3-nested.config'), []);
      const cli = await model('cli-settings.config');
      assert.strictEqual(summary(cli, 'default'), 'settings only | us-east-1 | no MFA');
      assert.deepStrictEqual(lint('cli-settings.config'), [], 'an empty cli_pager is how the pager is turned off');
      assertNoTreeProblems('s3-nested.config', 'cli-settings.config');
    });

    it('leaves the AWS CLI [plugins] and [preview] sections alone', async () => {
      const m = await model('cli-plugins.config');
      assert.deepStrictEqual([...m.profiles.keys()], ['default']);
      assert.deepStrictEqual(lint('cli-plugins.config'), []);
      assertNoTreeProblems('cli-plugins.config');
    });

    it('skips # and ; comments, including commented-out sections and a comment after a header', async () => {
      const m = await model('comments.config');
      assert.deepStrictEqual([...m.profiles.keys()].sort(), ['ci', 'default']);
      assert.strictEqual(summary(m, 'default'), 'settings only | eu-west-2 | no MFA');
      assert.strictEqual(chainText(profileChain(m, 'ci'), chainWords()), 'Environment → ci (Ci @ 111122223333)');
      assert.deepStrictEqual(lint('comments.config'), []);
      assertNoTreeProblems('comments.config');
    });
  });

  describe('file encodings and names', () => {
    it('reads files with a UTF-8 BOM, CRLF line ends and tabs', async () => {
      const raw = fs.readFileSync(fixturePath(AREA, 'windows-bom-crlf.config'));
      assert.deepStrictEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the fixture keeps its BOM');
      assert.ok(raw.includes('\r\n'), 'the fixture keeps its CRLF line ends');
      const m = await model('windows-bom-crlf.config', 'windows-bom-crlf.credentials');
      assert.strictEqual(summary(m, 'default'), 'access keys | us-east-1 | no MFA');
      assert.strictEqual(summary(m, 'win-role'), 'role | - | MFA');
      assert.strictEqual(chainText(profileChain(m, 'win-role'), chainWords()), 'default → win-role (WinRole @ 111122223333)');
      assert.deepStrictEqual(lint('windows-bom-crlf.credentials', 'windows-bom-crlf.config'), []);
      // Both readers take an indented first setting; it is only a style note, and no tree error.
      const f = findings('windows-bom-crlf.config', 'windows-bom-crlf.credentials');
      assert.deepStrictEqual(lintLines(f), ['info nested-without-parent @7']);
      assertNoTreeProblems('windows-bom-crlf.config', 'windows-bom-crlf.credentials');
    });

    it('says a UTF-16 file (as Windows PowerShell writes it) cannot be read, instead of showing no profiles', async () => {
      const files = await loadAwsFiles({ config: fixture('powershell-utf16.config'), credentials: MISSING });
      assert.strictEqual(files.config.text, undefined);
      assert.match(files.config.error ?? '', /UTF-16.*save it again as UTF-8/);
      assert.strictEqual(files.credentials.error, undefined);
    });

    it('keeps profiles whose names contain dots or @, in both files', async () => {
      const m = await model('dotted-names.config', 'dotted-names.credentials');
      assert.deepStrictEqual([...m.profiles.keys()].sort(), ['acme.prod', 'acme.prod.admin', 'jane@example.com', 'legacy.keys']);
      assert.strictEqual(summary(m, 'acme.prod'), 'IAM Identity Center (SSO) | us-east-1 | no MFA');
      assert.strictEqual(profile(m, 'acme.prod').ssoStartUrl, 'https://acme.awsapps.com/start');
      assert.strictEqual(chainText(profileChain(m, 'acme.prod.admin'), chainWords()), 'acme.prod → acme.prod.admin (Admin @ 111122223333)');
      assert.strictEqual(summary(m, 'legacy.keys'), 'access keys | - | no MFA');
      assert.deepStrictEqual(lint('dotted-names.config', 'dotted-names.credentials'), []);
    });

    it('reads quoted section names as both the AWS CLI and the JavaScript SDK do', async () => {
      const m = await model('quoted-names.config');
      assert.deepStrictEqual([...m.profiles.keys()].sort(), ['ops', 'ops-admin']);
      assert.strictEqual(summary(m, 'ops'), 'IAM Identity Center (SSO) | eu-west-1 | no MFA');
      assert.strictEqual(profile(m, 'ops').ssoStartUrl, 'https://corp.awsapps.com/start');
      assert.strictEqual(chainText(profileChain(m, 'ops-admin'), chainWords()), 'ops → ops-admin (Admin @ 111122223333)');
      assert.deepStrictEqual(lint('quoted-names.config'), [], 'the quotes are not part of the name');
      assertNoTreeProblems('quoted-names.config');
    });

    it('ignores a [profile x] section in the credentials file, as the SDK does', () => {
      const m = buildProfilesModel({}, { 'profile.x': { aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'x' }, 'sso-session.s': { sso_region: 'us-east-1' } });
      assert.deepStrictEqual([...m.profiles.keys()], []);
    });

    it('shows one "default" for a credentials [default] and a config [profile default]', async () => {
      const keysOnly = await model(undefined, 'default-only.credentials');
      assert.deepStrictEqual([...keysOnly.profiles.keys()], ['default']);
      assert.strictEqual(summary(keysOnly, 'default'), 'access keys | - | no MFA');
      assert.deepStrictEqual(profile(keysOnly, 'default').files, ['credentials']);

      const both = await model('profile-default.config', 'default-only.credentials');
      assert.deepStrictEqual([...both.profiles.keys()], ['default']);
      assert.strictEqual(summary(both, 'default'), 'access keys | ap-northeast-1 | no MFA');
      assert.deepStrictEqual(profile(both, 'default').files, ['config', 'credentials']);
      assert.strictEqual(chainText(profileChain(both, 'default'), chainWords()), 'default');
      assert.deepStrictEqual(lint('profile-default.config', 'default-only.credentials'), []);
      assert.deepStrictEqual(lint('default-only.credentials', 'profile-default.config'), []);
      assertNoTreeProblems('profile-default.config', 'default-only.credentials');
    });

    it('shows one "default" for [default] and [profile default] in one config, with a warning on the second', async () => {
      const m = await model('default-twice.config');
      assert.deepStrictEqual([...m.profiles.keys()], ['default']);
      assert.strictEqual(profile(m, 'default').region, 'eu-west-1', 'the JavaScript SDK takes [profile default] whole');
      const f = findings('default-twice.config');
      assert.deepStrictEqual(lintLines(f), ['warning duplicate-profile @5']);
      assert.match(f[0].message, /line 1/);
    });

    it('reports upper- and mixed-case keys, which only the AWS CLI reads', async () => {
      const m = await model('mixed-case-keys.config');
      assert.strictEqual(profile(m, 'upper').kind, 'regionOnly', 'the JavaScript SDK does not see ROLE_ARN');
      assert.strictEqual(profile(m, 'upper').region, undefined);
      const f = findings('mixed-case-keys.config').filter((x) => x.code === 'unknown-key');
      assert.deepStrictEqual(f.map((x) => `${x.severity} @${x.range.startLine + 1} ${x.fix?.edits[0].newText}`), ['warning @2 region', 'warning @3 role_arn']);
      assert.match(f[1].message, /AWS CLI reads "ROLE_ARN" as "role_arn"/);
    });
  });

  describe('deliberate mistakes', () => {
    it('reports each one on its line, and nothing else', async () => {
      assert.deepStrictEqual(lint('mistakes.config', 'mistakes.credentials'), [
        'warning missing-profile-prefix @4',
        'error role-without-source @8',
        'error invalid-credential-source @12',
        'error missing-sso-session @15',
        'error missing-source-profile @25',
        'error chained-duration @34',
        'error invalid-role-arn @37',
      ]);
      const f = findings('mistakes.config', 'mistakes.credentials');
      const by = (line: number) => f.find((x) => x.range.startLine === line - 1) as ConfigFinding;
      assert.strictEqual(by(12).fix?.edits[0].newText, 'Ec2InstanceMetadata');
      assert.strictEqual(by(15).fix?.edits[0].newText, 'my-sso');
      assert.strictEqual(by(25).fix?.edits[0].newText, 'default');
      assert.match(by(34).message, /from "from-instance"/);
      assert.strictEqual(by(34).fix?.edits[0].newText, '3600');
      const m = await model('mistakes.config', 'mistakes.credentials');
      assert.ok(!m.profiles.has('dev'), 'the SDK ignores [dev] in the config file');
      assert.strictEqual(profileChain(m, 'missing-src').missingProfile, 'defualt');
      assert.strictEqual(profileChain(m, 'chained-too-long').roleHops, 2);
    });

    it('reports [DEFAULT], which is not the default profile', async () => {
      const m = await model(undefined, 'uppercase-default.credentials');
      assert.deepStrictEqual([...m.profiles.keys()].sort(), ['DEFAULT', 'ci'], 'the JavaScript SDK reads it as a profile named "DEFAULT"');
      const f = findings('uppercase-default.credentials');
      assert.deepStrictEqual(lintLines(f), ['warning malformed-section-header @1']);
      assert.strictEqual(f[0].fix?.edits[0].newText, '[default]');
      assert.deepStrictEqual(lintLines(lintAwsConfig('[Default]\nregion = us-east-1\n', 'config')), ['warning malformed-section-header @1']);
    });

    it('does not call a role assumed from a credential source chained: AWS does not count EC2 instance roles', () => {
      for (const source of ['Environment', 'Ec2InstanceMetadata']) {
        const text = `[profile ci]\nrole_arn = arn:aws:iam::111122223333:role/Ci\ncredential_source = ${source}\nduration_seconds = 7200\n`;
        assert.deepStrictEqual(lintAwsConfig(text, 'config'), [], source);
      }
    });
  });
});
