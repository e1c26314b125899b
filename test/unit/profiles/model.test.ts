import * as assert from 'assert';
import { loadAwsFiles } from '../../../src/node/awsFiles';
import { chainWords, buildProfilesModel, chainText, needsMfa, profileChain, shortRoleArn, type ProfilesModel } from '../../../src/core/profiles/model';
import { fixturePath } from '../fixtures';

async function model(config: string, credentials = 'none'): Promise<ProfilesModel> {
  const files = await loadAwsFiles({ config: fixturePath('aws-config', config), credentials: fixturePath('aws-config', credentials) });
  return buildProfilesModel(files.configSections, files.credentialsSections);
}

describe('profiles model (parsed by the SDK loader)', () => {
  let m: ProfilesModel;
  before(async () => {
    m = await model('kinds.config', 'kinds.credentials');
  });

  it('gives each profile its kind', () => {
    const kinds = Object.fromEntries([...m.profiles.values()].map((p) => [p.name, p.kind]));
    assert.deepStrictEqual(kinds, {
      default: 'regionOnly', base: 'static', admin: 'role', deploy: 'role', ec2: 'role', 'sso-new': 'sso', 'sso-legacy': 'sso',
      anywhere: 'rolesAnywhere', vault: 'process', web: 'webIdentity', local: 'regionOnly', legacy: 'role', temp: 'static',
    });
  });

  it('merges config and credentials sections of the same profile', () => {
    const base = m.profiles.get('base')!;
    assert.deepStrictEqual(base.files, ['config', 'credentials']);
    assert.strictEqual(base.region, 'us-east-1');
    assert.strictEqual(base.hasStaticKeys, true);
    assert.strictEqual(m.profiles.get('temp')!.hasSessionToken, true);
  });

  it('a profile in both files reads each setting from the credentials file first, as the SDK merges them, however many settings it has', () => {
    const config: Record<string, string> = { region: 'eu-west-1', role_arn: 'arn:aws:iam::123456789012:role/A', source_profile: 'x', mfa_serial: 'arn:aws:iam::123456789012:mfa/me', duration_seconds: '900', external_id: 'e', role_session_name: 'r', sso_session: 's', sso_start_url: 'https://a.awsapps.com/start', sso_account_id: '1', sso_role_name: 'n', sso_region: 'eu-west-1', credential_process: 'p', web_identity_token_file: '/t', login_session: 'l', endpoint_url: 'https://e', ignore_configured_endpoint_urls: 'true', sts_regional_endpoints: 'legacy', credential_source: 'Environment' };
    const credentials: Record<string, string> = { aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'x', aws_session_token: 't', region: 'us-west-2', role_arn: 'arn:aws:iam::123456789012:role/B', duration_seconds: '3600', sts_regional_endpoints: 'regional' };
    for (let i = 0; i < 100_000; i++) config[`kk${i}`] = 'v';
    const both = buildProfilesModel({ p: config }, { p: credentials }).profiles.get('p')!;
    const one = buildProfilesModel({ p: { ...config, ...credentials } }, {}).profiles.get('p')!;
    assert.deepStrictEqual({ ...both, files: undefined }, { ...one, files: undefined });
    assert.deepStrictEqual(both.files, ['config', 'credentials']);
    assert.strictEqual(both.roleArn, 'arn:aws:iam::123456789012:role/B');
    assert.strictEqual(both.durationSeconds, 3600);
  });

  it('resolves the sso-session start URL and the services STS endpoint', () => {
    assert.strictEqual(m.profiles.get('sso-new')!.ssoStartUrl, 'https://corp.awsapps.com/start');
    assert.strictEqual(m.ssoSessions.get('corp')!.region, 'eu-west-1');
    const local = m.profiles.get('local')!;
    assert.strictEqual(local.endpointUrl, 'http://127.0.0.1:5000');
    assert.strictEqual(local.stsEndpointUrl, 'http://127.0.0.1:4566');
    assert.strictEqual(m.profiles.get('legacy')!.stsRegionalEndpoints, 'legacy');
  });

  it('follows a chain source → role → role and counts role hops', () => {
    const c = profileChain(m, 'deploy');
    assert.deepStrictEqual(c.steps.map((s) => s.profile), ['base', 'admin', 'deploy']);
    assert.strictEqual(c.roleHops, 2);
    assert.strictEqual(c.cycle, undefined);
    assert.match(chainText(c, chainWords()), /^base → admin \(Admin @ 111122223333\) → deploy \(Deploy @ 444455556666\)$/);
  });

  it('starts a credential_source chain at the source', () => {
    const c = profileChain(m, 'ec2');
    assert.strictEqual(c.steps[0].credentialSource, 'Ec2InstanceMetadata');
    assert.strictEqual(chainText(c, chainWords()), 'Ec2InstanceMetadata → ec2 (FromInstance @ 111122223333)');
    assert.strictEqual(c.roleHops, 1);
  });

  it('knows which profiles need MFA, including through their chain', () => {
    assert.strictEqual(needsMfa(m, 'admin'), true);
    assert.strictEqual(needsMfa(m, 'deploy'), true);
    assert.strictEqual(needsMfa(m, 'base'), false);
    assert.strictEqual(needsMfa(m, 'legacy'), false);
  });

  it('shortens ARNs', () => {
    assert.strictEqual(shortRoleArn('arn:aws:iam::444455556666:role/path/Deploy'), 'Deploy @ 444455556666');
    assert.strictEqual(shortRoleArn('arn:aws:sts::111122223333:assumed-role/Admin/me'), 'Admin @ 111122223333');
    assert.strictEqual(shortRoleArn('not an arn'), 'not an arn');
  });
});

describe('profile chains: cycles and missing sources', () => {
  let m: ProfilesModel;
  before(async () => {
    m = await model('cycle.config');
  });

  it('detects a source_profile cycle and names its members', () => {
    const c = profileChain(m, 'a');
    assert.deepStrictEqual(c.cycle, ['a', 'b', 'c', 'a']);
    assert.match(chainText(c, chainWords()), /cycle: a → b → c → a/);
  });

  it('reports a source_profile that names no profile', () => {
    assert.strictEqual(profileChain(m, 'orphan').missingProfile, 'nowhere');
  });

  it('accepts a role profile that is its own source with static keys, but not without', () => {
    const self = profileChain(m, 'self');
    assert.strictEqual(self.cycle, undefined);
    assert.deepStrictEqual(self.steps.map((s) => s.kind), ['static', 'role']);
    assert.deepStrictEqual(profileChain(m, 'selfloop').cycle, ['selfloop', 'selfloop']);
  });
});
