import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listConfiguredProfiles } from '../../../src/aws/decodeAuthorizationMessage';
import { loadAwsFiles } from '../../../src/node/awsFiles';

describe('the profiles offered to decode a message as', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-decode-profiles-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are the profiles of both files with their kind, Region and STS endpoint, sso-session and services sections left out', async () => {
    fs.writeFileSync(
      path.join(dir, 'config'),
      '[default]\nregion = eu-west-1\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = default\nservices = local\n[sso-session corp]\nsso_region = eu-west-1\n[services local]\nsts =\n  endpoint_url = http://localhost:4566\n',
    );
    fs.writeFileSync(path.join(dir, 'credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n');
    const profiles = listConfiguredProfiles(await loadAwsFiles({ config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') }));
    assert.deepStrictEqual(profiles, [
      { name: 'default', region: 'eu-west-1', endpoint: undefined, kind: 'keys' },
      { name: 'deploy', region: undefined, endpoint: 'http://localhost:4566', kind: 'role' },
    ]);
  });

  it('a config file that is a link to /dev/zero is not read whole: the credentials file still gives its profiles', async function () {
    try {
      fs.symlinkSync('/dev/zero', path.join(dir, 'config'));
    } catch {
      this.skip(); // no /dev/zero or no right to make links (Windows)
    }
    fs.writeFileSync(path.join(dir, 'credentials'), '[ci]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n');
    const files = await loadAwsFiles({ config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') });
    assert.match(files.config.error ?? '', /larger than/);
    assert.deepStrictEqual(listConfiguredProfiles(files).map((p) => p.name), ['ci']);
  });
});
