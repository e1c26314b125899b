// Profiles whose credentials come from a credential_process, in the real editor against moto: one that
// never ends shows a cancellable progress and is stopped on Cancel; one that prints too much is refused
// by its size; one that prints keys starts sessions, alone and as the source of a role.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { activate, command, failure, ok, waitFor, type Session } from './profilesHelpers';
import { processAlive as alive } from '../unit/fixtures';
import { testWorld } from './world';

/** A section of an ini file's text, as key/value pairs. */
function iniSection(text: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inside = false;
  for (const line of text.split('\n')) {
    const header = /^\s*\[(.+)\]\s*$/.exec(line);
    if (header) inside = header[1].trim() === name;
    else if (inside && line.includes('=')) out[line.slice(0, line.indexOf('=')).trim()] = line.slice(line.indexOf('=') + 1).trim();
  }
  return out;
}

describe('profiles whose credentials come from a credential_process', function () {
  this.timeout(120_000);
  const world = testWorld();
  const original = process.env.AWS_CONFIG_FILE;
  let dir: string;
  const pidFile = () => path.join(dir, 'hang.pid');

  before(async () => {
    await activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-credential-process-'));
    const script = (name: string, body: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o700 });
      return file;
    };
    const keys = iniSection(fs.readFileSync(world.credentialsFile, 'utf8'), 'sts-user');
    const hang = script('hang.sh', `echo $$ > ${pidFile()}\nexec sleep 3600`);
    const flood = script('flood.sh', "head -c 3000000 /dev/zero | tr '\\000' 'S'");
    const print = script('keys.sh', `echo '${JSON.stringify({ Version: 1, AccessKeyId: keys.aws_access_key_id, SecretAccessKey: keys.aws_secret_access_key })}'`);
    const where = `endpoint_url = ${world.endpointUrl}\nregion = ${world.region}\n`;
    const config = path.join(dir, 'config');
    fs.writeFileSync(config, [
      fs.readFileSync(world.configFile, 'utf8'),
      `[profile proc-hang]\ncredential_process = ${hang} --token SECRET-ARGUMENT\n${where}`,
      `[profile proc-flood]\ncredential_process = ${flood}\n${where}`,
      `[profile proc-keys]\ncredential_process = ${print}\n${where}`,
      `[profile proc-role]\nrole_arn = ${world.roles.sts_role.arn}\nsource_profile = proc-keys\n${where}`,
    ].join('\n'));
    process.env.AWS_CONFIG_FILE = config;
    await command('stsLens.refreshProfiles');
  });

  after(async () => {
    process.env.AWS_CONFIG_FILE = original;
    await command('stsLens.refreshProfiles');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a command that never ends: Start Session shows a cancellable progress, and Cancel stops the process and says nothing', async () => {
    const started = command<unknown>('stsLens.startSession', { profile: 'proc-hang' });
    const titles = await waitFor('the progress notification', async () => {
      const t = (await command<{ credentialProgress: string[] }>('stsLens.internal.state')).credentialProgress;
      return t.length ? t : undefined;
    });
    assert.deepStrictEqual(titles, ['Getting credentials for profile proc-hang…']);
    const pid = await waitFor('the process to start', () => (fs.existsSync(pidFile()) && fs.readFileSync(pidFile(), 'utf8').trim() ? Number(fs.readFileSync(pidFile(), 'utf8')) : undefined));
    assert.ok(alive(pid));
    await command('stsLens.internal.cancelCredentialProgress');
    assert.strictEqual(await started, undefined, 'a cancelled request reports nothing');
    await waitFor('the process to be stopped', () => (alive(pid) ? undefined : true));
    assert.deepStrictEqual((await command<{ credentialProgress: string[] }>('stsLens.internal.state')).credentialProgress, []);
  });

  it('an output over 1 MB is refused by its size, with what a valid output is and none of what it printed', async () => {
    const e = await failure('stsLens.startSession', { profile: 'proc-flood' });
    assert.strictEqual(e.kind, 'noCredentials');
    assert.strictEqual(e.message, `The credential_process of profile proc-flood (${path.join(dir, 'flood.sh')}) printed more than 1.0 MB, the most that is read; a valid output is one JSON object of a few hundred bytes: {"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…", "Expiration": "2026-01-01T00:00:00Z"}.`);
    assert.deepStrictEqual(e.actions, ['openConfig', 'showLog']);
  });

  it('keys a credential_process prints start a session, alone and as the source of a role', async () => {
    const own = await ok<Session>('stsLens.startSession', { profile: 'proc-keys' });
    assert.strictEqual(own.arn, world.users['sts-user'].arn);
    const role = await ok<Session>('stsLens.startSession', { profile: 'proc-role' });
    assert.match(role.arn ?? '', /:assumed-role\/sts_role\//);
    for (const s of [own, role]) await command('stsLens.forgetSession', { sessionId: s.id });
  });
});
