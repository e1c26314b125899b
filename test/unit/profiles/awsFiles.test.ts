import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { awsFileEncodingProblem } from '../../../src/core/profiles/awsFileEncoding';
import { awsFilePaths, checkChainTokenFile, loadAwsFiles, MAX_CACHE_ENTRIES, MAX_CACHE_FILES, readAwsFile, readDiskSessions, readSecretFile } from '../../../src/node/awsFiles';
import { localCredentialStepsOnDisk } from '../../../src/node/credentialSteps';
import { buildProfilesModel } from '../../../src/core/profiles/model';
import { listNamesBounded } from '../../../src/node/boundedRead';
import { watchTargets } from '../../../src/node/fileWatch';
import { fixturePath } from '../fixtures';

describe('AWS file locations and readers', () => {
  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else HOME/.aws', () => {
    assert.deepStrictEqual(awsFilePaths({ HOME: '/home/me' }), { config: '/home/me/.aws/config', credentials: '/home/me/.aws/credentials' });
    assert.deepStrictEqual(awsFilePaths({ HOME: '/home/me', AWS_CONFIG_FILE: '~/cfg', AWS_SHARED_CREDENTIALS_FILE: '/etc/creds' }), { config: '/home/me/cfg', credentials: '/etc/creds' });
  });

  it('treats missing files as empty and reports unreadable ones', async () => {
    const missing = await loadAwsFiles({ config: '/nonexistent/config', credentials: '/nonexistent/credentials' });
    assert.strictEqual(missing.config.text, undefined);
    assert.strictEqual(missing.config.error, undefined);
    assert.deepStrictEqual(missing.configSections, {});
    const dir = await loadAwsFiles({ config: os.tmpdir(), credentials: '/nonexistent/credentials' });
    assert.match(dir.config.error!, /folder/);
  });

  it('does not read a config file that never ends (a link to /dev/zero): it says so, and the credentials file still gives its profiles', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-aws-'));
    try {
      fs.symlinkSync('/dev/zero', path.join(dir, 'config'));
      fs.writeFileSync(path.join(dir, 'credentials'), '[work]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n');
      const files = await loadAwsFiles({ config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') });
      assert.strictEqual(files.config.text, undefined);
      assert.match(files.config.error!, /^it is larger than 16\.0 MB, far more than any AWS config or credentials file holds/);
      assert.deepStrictEqual(Object.keys(files.credentialsSections), ['work']);
      assert.deepStrictEqual(files.configSections, {});
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a web identity token or SAML assertion file that never ends is refused with its path, not read without end', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-aws-'));
    try {
      const token = path.join(dir, 'token');
      fs.symlinkSync('/dev/zero', token);
      await assert.rejects(readSecretFile(token), { message: `${token}: it is larger than 195 KB, larger than any STS token or assertion` });
      fs.rmSync(token);
      fs.writeFileSync(token, ' eyJhbGciOi.token \n');
      assert.strictEqual(await readSecretFile(token), 'eyJhbGciOi.token');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a web identity token file that never ends, or a pipe, is refused before the SDK reads it whole, naming the profile whose chain starts from it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-aws-'));
    try {
      const token = path.join(dir, 'token');
      fs.symlinkSync('/dev/zero', token);
      const model = buildProfilesModel({ web: { role_arn: 'arn:aws:iam::123456789012:role/W', web_identity_token_file: token }, deploy: { role_arn: 'arn:aws:iam::123456789012:role/D', source_profile: 'web' }, plain: { region: 'us-east-1' } }, {});
      const refusal = `The web identity token file of profile web cannot be used: ${token}: it is larger than 195 KB, larger than any STS token or assertion`;
      await assert.rejects(checkChainTokenFile(model, 'web'), { message: refusal });
      await assert.rejects(checkChainTokenFile(model, 'deploy'), { message: refusal });
      await checkChainTokenFile(model, 'plain');
      fs.rmSync(token);
      execFileSync('mkfifo', [token]);
      await assert.rejects(checkChainTokenFile(model, 'deploy'), { message: `The web identity token file of profile web cannot be used: ${token}: it is a pipe or socket, not a file: write the token or assertion to a file` });
      // The same from the files on disk, as the decoding of a message with a profile reads them.
      fs.writeFileSync(path.join(dir, 'config'), `[profile web]\nrole_arn = arn:aws:iam::123456789012:role/W\nweb_identity_token_file = ${token}\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/D\nsource_profile = web\n`);
      await assert.rejects(localCredentialStepsOnDisk({ config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') }).prepare('deploy'), { message: `The web identity token file of profile web cannot be used: ${token}: it is a pipe or socket, not a file: write the token or assertion to a file` });
      fs.rmSync(token);
      fs.writeFileSync(token, 'eyJhbGciOi.token\n');
      await checkChainTokenFile(model, 'deploy');
      await localCredentialStepsOnDisk({ config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') }).prepare('deploy');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a pipe that no one writes to, named as a config file or a token file, is refused at once instead of holding a file thread for good', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-aws-'));
    try {
      const fifo = path.join(dir, 'config');
      execFileSync('mkfifo', [fifo]);
      assert.deepStrictEqual(await readAwsFile(fifo), { path: fifo, error: 'it is a pipe or socket, not a file' });
      await assert.rejects(readSecretFile(fifo), { message: `${fifo}: it is a pipe or socket, not a file: write the token or assertion to a file` });
      // The credentials file beside it still gives its profiles.
      fs.writeFileSync(path.join(dir, 'credentials'), '[work]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n');
      const loaded = await loadAwsFiles({ config: fifo, credentials: path.join(dir, 'credentials') });
      assert.strictEqual(loaded.config.error, 'it is a pipe or socket, not a file');
      assert.deepStrictEqual(Object.keys(loaded.credentialsSections), ['work']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the config file read to check a profile before a call is read up to the limit: a link to /dev/zero is refused with its size', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-aws-'));
    try {
      fs.symlinkSync('/dev/zero', path.join(dir, 'config'));
      const zero = await readAwsFile(path.join(dir, 'config'));
      assert.strictEqual(zero.text, undefined);
      assert.match(zero.error!, /^it is larger than 16\.0 MB/);
      assert.deepStrictEqual(await readAwsFile(path.join(dir, 'missing')), { path: path.join(dir, 'missing') });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a UTF-16 config file, with or without a byte order mark, is refused with the same reason by every reader', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-aws-'));
    try {
      const text = '[profile dev]\nregion = eu-west-1\n';
      const reason = 'it is saved as UTF-16, and the AWS CLI and SDKs read only UTF-8: save it again as UTF-8';
      const files = {
        le: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
        be: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
        noMark: Buffer.from(text, 'utf16le'),
      };
      for (const [name, bytes] of Object.entries(files)) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, bytes);
        assert.deepStrictEqual(await readAwsFile(file), { path: file, error: reason }, name);
        const loaded = await loadAwsFiles({ config: file, credentials: path.join(dir, 'missing') });
        assert.strictEqual(loaded.config.error, reason, name);
        assert.deepStrictEqual(loaded.configSections, {}, name);
      }
      // As the editor decodes it: the text is clean, the encoding says UTF-16.
      assert.strictEqual(awsFileEncodingProblem(text, 'utf16le'), reason);
      assert.strictEqual(awsFileEncodingProblem(files.noMark.toString('utf8'), 'utf8'), reason);
      assert.strictEqual(awsFileEncodingProblem(text, 'utf8'), undefined);
      assert.strictEqual(awsFileEncodingProblem('\0'.repeat(100), 'utf8'), undefined, 'NULs alone (a file cut short by a crash) are no UTF-16 text');
      const utf8 = path.join(dir, 'utf8');
      fs.writeFileSync(utf8, text);
      assert.deepStrictEqual(await readAwsFile(utf8), { path: utf8, text });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads CLI and SSO caches under a home folder', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-home-'));
    try {
      fs.mkdirSync(path.join(home, '.aws', 'cli', 'cache'), { recursive: true });
      fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
      fs.copyFileSync(fixturePath('aws-config', 'cli-cache-assumed.json'), path.join(home, '.aws', 'cli', 'cache', 'a.json'));
      fs.copyFileSync(fixturePath('aws-config', 'sso-cache-token.json'), path.join(home, '.aws', 'sso', 'cache', 'b.json'));
      fs.writeFileSync(path.join(home, '.aws', 'sso', 'cache', 'client.json'), '{"clientId":"x","clientSecret":"y"}');
      const { sessions, partlyRead } = await readDiskSessions('eu-west-1', home);
      assert.deepStrictEqual(sessions.map((s) => s.operation).sort(), ['cliCache', 'ssoToken']);
      assert.deepStrictEqual(partlyRead, []);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('reads the first 200 files of a cache folder of thousands, and says the folder held more', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-home-'));
    try {
      const cli = path.join(home, '.aws', 'cli', 'cache');
      fs.mkdirSync(cli, { recursive: true });
      const entry = fs.readFileSync(fixturePath('aws-config', 'cli-cache-assumed.json'));
      for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(cli, `c${i}.json`), entry);
      const { sessions, partlyRead } = await readDiskSessions('eu-west-1', home);
      assert.strictEqual(sessions.length, MAX_CACHE_FILES);
      assert.deepStrictEqual(partlyRead, [cli]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('a folder listing stops at its bound: of 3,000 entries that are not cache files, 2,000 are looked at', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-list-'));
    try {
      for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(dir, `x${i}.tmp`), '');
      const listing = await listNamesBounded(dir, (n) => n.endsWith('.json'), MAX_CACHE_FILES, MAX_CACHE_ENTRIES);
      assert.deepStrictEqual(listing, { names: [], scanned: MAX_CACHE_ENTRIES, more: true });
      const whole = await listNamesBounded(dir, (n) => n.endsWith('.tmp'), 5000, 5000);
      assert.deepStrictEqual({ names: whole.names.length, scanned: whole.scanned, more: whole.more }, { names: 3000, scanned: 3000, more: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('watches a file by its folder, so atomic saves are seen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-watch-'));
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[default]\n');
    let changes = 0;
    const watcher = watchTargets([{ dir, file: 'config' }, { dir: path.join(dir, 'missing') }], () => changes++);
    try {
      const seen = new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (changes > 0) {
            clearInterval(poll);
            resolve();
          }
        }, 10);
      });
      fs.writeFileSync(`${file}.tmp`, '[default]\nregion = eu-west-1\n');
      fs.renameSync(`${file}.tmp`, file);
      await seen;
      assert.ok(changes > 0);
    } finally {
      watcher.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
