/**
 * Config and credentials files as AWS documents them and as real tools write them (aws configure sso,
 * granted, aws-vault, IAM Roles Anywhere, EKS IRSA, Windows editors), read through the SDK's own ini
 * loader into the profiles model, and linted: what a person sees in the tree and in the editor.
 */
import * as assert from 'assert';
import { lintAwsConfig } from '../../../src/core/profiles/configLint';
import { chainWords, buildProfilesModel, chainText, profileChain } from '../../../src/core/profiles/model';
import { model, profile, summary, findings, lint, lintLines, assertNoTreeProblems } from './helpers';

describe('real-world AWS config files', () => {
  describe('IAM Identity Center', () => {
    it('reads profiles as "aws configure sso" writes them, with an sso-session', async () => {
      const m = await model('sso-session.config');
      assert.deepStrictEqual([...m.profiles.keys()].sort(), ['default', 'my-dev-profile']);
      assert.strictEqual(summary(m, 'default'), 'IAM Identity Center (SSO) | us-west-2 | no MFA');
      assert.strictEqual(summary(m, 'my-dev-profile'), 'IAM Identity Center (SSO) | us-east-1 | no MFA');
      const p = profile(m, 'my-dev-profile');
      assert.strictEqual(p.ssoSession, 'my-sso');
      assert.strictEqual(p.ssoStartUrl, 'https://my-sso-portal.awsapps.com/start', 'the start URL comes from the sso-session');
      assert.strictEqual(p.ssoAccountId, '444455556666');
      assert.strictEqual(p.ssoRoleName, 'SampleRole');
      assert.deepStrictEqual(m.ssoSessions.get('my-sso'), { name: 'my-sso', startUrl: 'https://my-sso-portal.awsapps.com/start', region: 'us-east-1', registrationScopes: 'sso:account:access' });
      assert.deepStrictEqual(lint('sso-session.config'), []);
      assertNoTreeProblems('sso-session.config');
    });

    it('reads legacy SSO profiles that carry sso_start_url and sso_region themselves', async () => {
      const m = await model('sso-legacy.config');
      assert.strictEqual(summary(m, 'my-legacy-sso'), 'IAM Identity Center (SSO) | eu-west-1 | no MFA');
      assert.strictEqual(profile(m, 'my-legacy-sso').ssoStartUrl, 'https://d-92671207e4.awsapps.com/start');
      assert.deepStrictEqual(lint('sso-legacy.config'), []);
    });

    it('reads a large organisation config of 56 SSO profiles and a role on top of one', async () => {
      const m = await model('big-org.config');
      assert.strictEqual(m.profiles.size, 58);
      const sso = [...m.profiles.values()].filter((p) => p.kind === 'sso');
      assert.strictEqual(sso.length, 56);
      assert.ok(sso.every((p) => p.ssoStartUrl === 'https://d-9067abcdef.awsapps.com/start' && /^\d{12}$/.test(p.ssoAccountId ?? '')));
      assert.strictEqual(summary(m, 'payments-prod-ReadOnlyAccess'), 'IAM Identity Center (SSO) | eu-west-1 | no MFA');
      const chain = profileChain(m, 'payments-prod-deploy');
      assert.strictEqual(chain.roleHops, 1);
      assert.strictEqual(chainText(chain, chainWords()), 'shared-services-AdministratorAccess → payments-prod-deploy (Deployer @ 777777777777)');
      assert.deepStrictEqual(lint('big-org.config'), []);
      assertNoTreeProblems('big-org.config');
    });
  });

  describe('credential providers and tools', () => {
    it('recognises IAM Roles Anywhere signing helpers on Linux and Windows', async () => {
      const m = await model('roles-anywhere.config');
      assert.strictEqual(summary(m, 'roles-anywhere'), 'IAM Roles Anywhere | us-east-1 | no MFA');
      assert.strictEqual(summary(m, 'roles-anywhere-windows'), 'IAM Roles Anywhere | eu-west-1 | no MFA');
      assert.match(profile(m, 'roles-anywhere').credentialProcess ?? '', /--role-arn arn:aws:iam::111122223333:role\/RolesAnywhereWorkload$/);
      assert.deepStrictEqual(lint('roles-anywhere.config'), [], 'the quoted Windows program path is not a quoted value');
    });

    it('reads granted profiles as credential_process and leaves granted_* keys alone', async () => {
      const m = await model('granted.config');
      assert.strictEqual(summary(m, 'granted-dev'), 'credential_process | ap-southeast-2 | no MFA');
      assert.strictEqual(profile(m, 'granted-dev').credentialProcess, 'granted credential-process --profile granted-dev');
      assert.deepStrictEqual(lint('granted.config'), []);
    });

    it('reads an aws-vault config: keys in the vault, roles with MFA, credential_process wrappers', async () => {
      const m = await model('aws-vault.config');
      assert.strictEqual(summary(m, 'foo-readonly'), 'role | - | MFA');
      assert.strictEqual(summary(m, 'vault-jonsmith'), 'credential_process | us-east-1 | no MFA');
      assert.strictEqual(summary(m, 'vault-foo-readonly'), 'credential_process | - | no MFA', 'aws-vault asks for the code itself');
      assert.strictEqual(chainText(profileChain(m, 'foo-readonly'), chainWords()), 'jonsmith → foo-readonly (ReadOnly @ 222222222222)');
      // aws-vault keeps jonsmith's keys in its own store: a hint and a warning naming aws-vault, no error.
      const f = findings('aws-vault.config');
      assert.deepStrictEqual(lintLines(f), ['info mfa-serial-unused @5', 'warning source-without-credentials @8']);
      assert.match(f[0].message, /aws-vault/);
      assert.match(f[1].message, /aws-vault/);
    });

    it('reads an "aws login" console sign-in profile, and a role assumed from it', async () => {
      const m = await model('aws-login.config');
      assert.strictEqual(summary(m, 'default'), 'AWS sign-in (aws login) | us-east-1 | no MFA');
      assert.strictEqual(profile(m, 'default').loginSession, 'arn:aws:iam::111122223333:user/alice');
      assert.strictEqual(chainText(profileChain(m, 'admin-from-login'), chainWords()), 'default → admin-from-login (Admin @ 444455556666)');
      assert.deepStrictEqual(lint('aws-login.config'), []);
    });

    it('reads temporary keys that saml2aws writes, with its own x_ keys', async () => {
      const m = await model(undefined, 'saml2aws.credentials');
      assert.strictEqual(summary(m, 'saml'), 'access keys | - | no MFA');
      assert.ok(profile(m, 'saml').hasSessionToken);
      assert.deepStrictEqual(lint('saml2aws.credentials'), []);
      assertNoTreeProblems('saml2aws.credentials');
    });
  });

  describe('profiles with two ways to get credentials', () => {
    it('shows old access keys left beside SSO settings as what STS Lens uses, and warns that the AWS CLI differs', async () => {
      const m = await model('sso-stale-keys.config', 'sso-stale-keys.credentials');
      assert.strictEqual(summary(m, 'dev'), 'access keys | us-east-1 | no MFA', 'fromIni takes static keys before SSO');
      const f = findings('sso-stale-keys.config', 'sso-stale-keys.credentials');
      assert.deepStrictEqual(lintLines(f), ['warning mixed-credentials @2']);
      assert.match(f[0].message, /JavaScript \(and STS Lens\) uses the access keys, the AWS CLI the IAM Identity Center \(SSO\) settings/);
      assert.match(f[0].message, /credentials file/);
      assert.deepStrictEqual(lint('sso-stale-keys.credentials', 'sso-stale-keys.config'), []);
    });

    it('says which one wins when both tools agree', () => {
      const f = lintAwsConfig('[q]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\ncredential_process = aws-vault exec q --json\n', 'credentials');
      assert.deepStrictEqual(lintLines(f).filter((l) => l.includes('mixed')), ['warning mixed-credentials @4']);
      assert.match(f.find((x) => x.code === 'mixed-credentials')?.message ?? '', /use only the access keys/);
    });

    it('accepts aws-sso-util profiles: dotted names, credential_process beside the SSO settings', async () => {
      const m = await model('aws-sso-util.config');
      assert.deepStrictEqual([...m.profiles.keys()].sort(), ['111122223333.AdministratorAccess', '444455556666.ReadOnlyAccess']);
      assert.strictEqual(summary(m, '111122223333.AdministratorAccess'), 'credential_process | us-east-1 | no MFA');
      assert.strictEqual(summary(m, '444455556666.ReadOnlyAccess'), 'IAM Identity Center (SSO) | eu-west-1 | no MFA');
      assert.deepStrictEqual(lint('aws-sso-util.config'), []);
      assertNoTreeProblems('aws-sso-util.config');
    });

    it('leaves a role profile alone: its source keys are how it assumes the role', () => {
      const text = '[profile r]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n';
      assert.deepStrictEqual(lintLines(lintAwsConfig(text, 'config')).filter((l) => l.includes('mixed')), []);
    });
  });

  describe('roles', () => {
    it('reads EKS IRSA style web identity profiles', async () => {
      const m = await model('web-identity.config');
      assert.strictEqual(summary(m, 'irsa'), 'web identity | us-west-2 | no MFA');
      const p = profile(m, 'irsa');
      assert.strictEqual(p.webIdentityTokenFile, '/var/run/secrets/eks.amazonaws.com/serviceaccount/token');
      assert.strictEqual(p.roleSessionName, 'app-pod');
      assert.strictEqual(profileChain(m, 'irsa').roleHops, 1);
      assert.deepStrictEqual(lint('web-identity.config'), []);
    });

    it('starts chains at Ec2InstanceMetadata, EcsContainer and Environment', async () => {
      const m = await model('credential-source.config');
      assert.strictEqual(summary(m, 'from-ec2'), 'role | us-east-1 | no MFA');
      assert.strictEqual(chainText(profileChain(m, 'from-ec2'), chainWords()), 'Ec2InstanceMetadata → from-ec2 (AppRole @ 111122223333)');
      assert.strictEqual(chainText(profileChain(m, 'from-ecs'), chainWords()), 'EcsContainer → from-ecs (TaskChainRole @ 111122223333)');
      assert.strictEqual(chainText(profileChain(m, 'from-env'), chainWords()), 'Environment → from-env (CiDeploy @ 111122223333)');
      assert.strictEqual(profile(m, 'from-ec2').durationSeconds, 3600);
      assert.deepStrictEqual(lint('credential-source.config'), [], 'one hour from an instance profile is allowed');
    });

    it('follows a role chain three deep from static keys, with MFA on the first hop', async () => {
      const m = await model('role-chain.config', 'role-chain.credentials');
      assert.strictEqual(summary(m, 'base'), 'access keys | us-east-1 | no MFA');
      assert.deepStrictEqual(profile(m, 'base').files, ['config', 'credentials']);
      assert.strictEqual(summary(m, 'hop3'), 'role | eu-central-1 | MFA');
      const chain = profileChain(m, 'hop3');
      assert.strictEqual(chain.roleHops, 3);
      assert.deepStrictEqual(chain.steps.map((s) => s.profile), ['base', 'hop1', 'hop2', 'hop3']);
      assert.strictEqual(chainText(chain, chainWords()), 'base → hop1 (OrgAccess @ 111111111111) → hop2 (SecurityAudit @ 222222222222) → hop3 (Deployer @ 333333333333)');
      const hop3 = profile(m, 'hop3');
      assert.strictEqual(hop3.roleSessionName, 'alice@example.com');
      assert.strictEqual(hop3.externalId, '3rd-party-Ext_ID=1');
      assert.deepStrictEqual(lint('role-chain.config', 'role-chain.credentials'), [], 'duration_seconds = 3600 is the chaining cap, not over it');
      assert.deepStrictEqual(lint('role-chain.credentials', 'role-chain.config'), []);
      assertNoTreeProblems('role-chain.config', 'role-chain.credentials');
    });

    it('ends a chain at a source profile whose static keys win over its own role_arn', async () => {
      const m = buildProfilesModel(
        {
          top: { role_arn: 'arn:aws:iam::111122223333:role/Top', source_profile: 'mid' },
          mid: { role_arn: 'arn:aws:iam::111122223333:role/Mid', source_profile: 'top', aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'x' },
        },
        {},
      );
      const top = profileChain(m, 'top');
      assert.strictEqual(top.cycle, undefined);
      assert.strictEqual(chainText(top, chainWords()), 'mid → top (Top @ 111122223333)');
      assert.strictEqual(top.roleHops, 1);
      assert.deepStrictEqual(profileChain(m, 'mid').cycle, undefined, 'from mid, the loop back reaches mid\'s own keys');
      assert.strictEqual(chainText(profileChain(m, 'mid'), chainWords()), 'mid → top (Top @ 111122223333) → mid (Mid @ 111122223333)');
    });

    it('reads GovCloud and China partition roles and MFA devices', async () => {
      const m = await model('govcloud-china.config', 'govcloud-china.credentials');
      assert.strictEqual(summary(m, 'gov-admin'), 'role | us-gov-west-1 | MFA');
      assert.strictEqual(chainText(profileChain(m, 'gov-admin'), chainWords()), 'gov-keys → gov-admin (GovAdmin @ 123456789012)');
      assert.strictEqual(profile(m, 'gov-admin').stsRegionalEndpoints, 'regional');
      assert.strictEqual(summary(m, 'cn-ops'), 'role | cn-north-1 | no MFA');
      assert.strictEqual(chainText(profileChain(m, 'cn-ops'), chainWords()), 'cn-keys → cn-ops (Ops @ 210987654321)');
      assert.deepStrictEqual(lint('govcloud-china.config', 'govcloud-china.credentials'), []);
    });

    it('accepts virtual and hardware MFA serials, and rejects a FIDO security key', async () => {
      const m = await model('mfa-devices.config', 'mfa-devices.credentials');
      for (const name of ['virtual-mfa', 'hardware-mfa', 'path-mfa']) assert.strictEqual(summary(m, name), 'role | - | MFA');
      assert.strictEqual(profile(m, 'hardware-mfa').mfaSerial, 'GAHT12345678');
      const f = findings('mfa-devices.config', 'mfa-devices.credentials');
      assert.deepStrictEqual(lintLines(f), ['error invalid-mfa-serial @19']);
      assert.match(f[0].message, /FIDO security key/);
    });

    it('reads external_id, role_session_name and a 12-hour duration, and notes that source_identity is not a setting', async () => {
      const m = await model('role-options.config', 'role-options.credentials');
      const p = profile(m, 'partner');
      assert.strictEqual(summary(m, 'partner'), 'role | us-east-2 | no MFA');
      assert.deepStrictEqual([p.externalId, p.roleSessionName, p.durationSeconds], ['Unique-ID-from-partner_42', 'alice.smith@example.com', 43200]);
      const f = findings('role-options.config', 'role-options.credentials');
      assert.deepStrictEqual(lintLines(f), ['info unknown-key @7']);
      assert.match(f[0].message, /do not read source_identity/);
      assert.ok(f[0].unnecessary);
    });
  });

});
