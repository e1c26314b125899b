// Every resolution of a profile's credentials goes through the caller's local steps before the SDK:
// the Profiles view's (Start Session and the rest) and decoding with a profile alike. A step's refusal
// reaches the person in its own words.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveProfileCredentials } from '../../../src/aws/credentials';
import { identityFromProfile } from '../../../src/aws/decodeAuthorizationMessage';
import { CredentialSourceError, type LocalCredentialSteps } from '../../../src/core/profiles/localCredentials';
import { processChainPlan } from '../../../src/core/profiles/processChain';
import { buildProfilesModel } from '../../../src/core/profiles/model';
import { localCredentialStepsOnDisk } from '../../../src/node/credentialSteps';

describe('the local steps before the SDK', () => {
  let dir: string;
  let token: string;
  let paths: { config: string; credentials: string };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-local-steps-'));
    token = path.join(dir, 'token');
    fs.symlinkSync('/dev/zero', token);
    paths = { config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') };
    fs.writeFileSync(paths.config, `[profile web]\nrole_arn = arn:aws:iam::123456789012:role/W\nweb_identity_token_file = ${token}\nregion = us-east-1\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/D\nsource_profile = web\nregion = us-east-1\n`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const refusal = () => `The web identity token file of profile web cannot be used: ${token}: it is larger than 195 KB, larger than any STS token or assertion`;

  it('Start Session and the rest: a token file linked to /dev/zero is refused in its own words, never read by the SDK', async () => {
    const asked: string[] = [];
    const local = localCredentialStepsOnDisk(paths);
    const watched: LocalCredentialSteps = { prepare: (p) => (asked.push(p), local.prepare(p)) };
    await assert.rejects(resolveProfileCredentials({ profile: 'deploy', configFilepath: paths.config, filepath: paths.credentials, local: watched, target: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' } }), (e: Error) => {
      assert.strictEqual(e.name, 'CredentialSourceError');
      assert.strictEqual(e.message, refusal());
      return true;
    });
    assert.deepStrictEqual(asked, ['deploy']);
  });

  it('decoding with a profile goes through the same steps', async () => {
    const previous = [process.env.AWS_CONFIG_FILE, process.env.AWS_SHARED_CREDENTIALS_FILE];
    process.env.AWS_CONFIG_FILE = paths.config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = paths.credentials;
    try {
      const id = identityFromProfile({ name: 'deploy', kind: 'role', region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }, { local: localCredentialStepsOnDisk(paths) });
      await assert.rejects(id.getCredentials(), { name: 'CredentialSourceError', message: refusal() });
      const refused = new CredentialSourceError('refused here');
      const other = identityFromProfile({ name: 'deploy', kind: 'role' }, { local: { prepare: () => Promise.reject(refused) } });
      await assert.rejects(other.getCredentials(), (e) => e === refused);
    } finally {
      for (const [key, value] of [['AWS_CONFIG_FILE', previous[0]], ['AWS_SHARED_CREDENTIALS_FILE', previous[1]]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe('chains that start at a credential_process', () => {
  const model = buildProfilesModel(
    {
      vault: { credential_process: 'aws-vault export --format=json base' },
      helper: { credential_process: '/usr/bin/aws_signing_helper credential-process --certificate c.pem' },
      deploy: { role_arn: 'arn:aws:iam::111122223333:role/deploy', source_profile: 'vault', role_session_name: 'me', external_id: 'ext', duration_seconds: '1800' },
      admin: { role_arn: 'arn:aws:iam::111122223333:role/admin', source_profile: 'deploy', mfa_serial: 'arn:aws:iam::111122223333:mfa/me' },
      keyed: { role_arn: 'arn:aws:iam::111122223333:role/k', source_profile: 'both' },
      both: { credential_process: 'never-run', aws_access_key_id: 'AKIA', aws_secret_access_key: 's' },
      loop: { role_arn: 'arn:aws:iam::111122223333:role/l', source_profile: 'loop2' },
      loop2: { role_arn: 'arn:aws:iam::111122223333:role/l2', source_profile: 'loop', credential_process: 'x' },
      sso: { sso_session: 's', sso_account_id: '111122223333', sso_role_name: 'R' },
    },
    {},
  );

  it('a process profile itself: its command and no roles', () => {
    assert.deepStrictEqual(processChainPlan(model, 'vault'), { profile: 'vault', command: 'aws-vault export --format=json base', roles: [] });
    assert.strictEqual(processChainPlan(model, 'helper')?.profile, 'helper');
  });

  it('roles on top of a process, base first, with what each role profile sets', () => {
    assert.deepStrictEqual(processChainPlan(model, 'admin'), {
      profile: 'vault',
      command: 'aws-vault export --format=json base',
      roles: [
        { profile: 'deploy', roleArn: 'arn:aws:iam::111122223333:role/deploy', roleSessionName: 'me', externalId: 'ext', durationSeconds: 1800, mfaSerial: undefined },
        { profile: 'admin', roleArn: 'arn:aws:iam::111122223333:role/admin', roleSessionName: undefined, externalId: undefined, durationSeconds: undefined, mfaSerial: 'arn:aws:iam::111122223333:mfa/me' },
      ],
    });
  });

  it('none for chains the SDK resolves: static keys that win over a process, a loop, SSO, a missing profile', () => {
    for (const name of ['keyed', 'loop', 'sso', 'nowhere']) assert.strictEqual(processChainPlan(model, name), undefined, name);
  });
});
