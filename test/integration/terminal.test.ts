import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, command, ok, waitFor, type Session } from './profilesHelpers';
import { testWorld } from './world';

interface Opened { name: string; mode: 'static' | 'refreshing'; sessionId: string }

/**
 * The AWS CLI's absolute path. The harness gives the extension host a throwaway HOME, so the login
 * shell that VS Code resolves the environment from may not have the user's PATH additions (pyenv,
 * ~/.local/bin); those are found from the account's real home directory.
 */
function awsCli(): string {
  const home = os.userInfo().homedir;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), path.join(home, '.pyenv', 'shims'), path.join(home, '.local', 'bin'), '/usr/local/bin', '/usr/bin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'aws');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  throw new Error('the AWS CLI (aws) is not on PATH');
}

/** Runs the AWS CLI in the terminal and returns the caller ARN it printed. */
async function callerArnFrom(terminal: vscode.Terminal, dir: string, tag: string): Promise<string> {
  const out = path.join(dir, `${tag}.json`);
  const err = path.join(dir, `${tag}.err`);
  const done = path.join(dir, `${tag}.done`);
  terminal.sendText(`'${awsCli()}' sts get-caller-identity --output json > '${out}' 2> '${err}'; echo $? > '${done}'`);
  const code = await waitFor(`the AWS CLI in "${terminal.name}" (${tag})`, () => (fs.existsSync(done) && fs.readFileSync(done, 'utf8').trim()) || undefined, 60000);
  assert.strictEqual(code, '0', `aws exited ${code}: ${fs.existsSync(err) ? fs.readFileSync(err, 'utf8') : ''}`);
  return (JSON.parse(fs.readFileSync(out, 'utf8')) as { Arn: string }).Arn;
}

function terminalNamed(name: string): Promise<vscode.Terminal> {
  return waitFor(`terminal ${name}`, () => vscode.window.terminals.find((t) => t.name === name));
}

describe('credential terminals running the AWS CLI', () => {
  const world = testWorld();
  let dir: string;
  before(async () => {
    await activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-terminal-'));
  });
  after(async () => {
    await command('stsLens.internal.setClockOffset', 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('static keys: the CLI acts as the assumed role', async () => {
    const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: world.roles.sts_role.arn, sessionName: 'static-term' });
    const opened = await ok<Opened>('stsLens.openTerminal', { sessionId: s.id, mode: 'static', cwd: dir });
    assert.strictEqual(opened.mode, 'static');
    const terminal = await terminalNamed(opened.name);
    assert.strictEqual(await callerArnFrom(terminal, dir, 'static'), `arn:aws:sts::${world.accountId}:assumed-role/sts_role/static-term`);
    terminal.dispose();
  });

  it('refreshing credentials through the loopback endpoint, renewed after the first ones expire, revoked on close', async () => {
    const s = await ok<Session>('stsLens.startSession', { profile: 'sts-role' });
    const grantsBefore = (await command<{ credentialGrants: number }>('stsLens.internal.state')).credentialGrants;
    const opened = await ok<Opened>('stsLens.openTerminal', { sessionId: s.id, cwd: dir });
    assert.strictEqual(opened.mode, 'refreshing', 'a session that renews without a prompt gets a refreshing terminal by default');
    const terminal = await terminalNamed(opened.name);
    const expectedArn = `arn:aws:sts::${world.accountId}:assumed-role/sts_role/sts-lens`;
    assert.strictEqual(await callerArnFrom(terminal, dir, 'first'), expectedArn);
    const firstKey = (await command<Session[]>('stsLens.internal.listSessions')).find((x) => x.id === s.id)!.accessKeyId;

    // Move the extension's clock past the first credentials' expiry: the endpoint must renew them.
    await command('stsLens.internal.setClockOffset', s.expiration! - Date.now() + 60_000);
    assert.strictEqual(await callerArnFrom(terminal, dir, 'second'), expectedArn);
    const renewed = (await command<Session[]>('stsLens.internal.listSessions')).find((x) => x.id === s.id)!;
    assert.notStrictEqual(renewed.accessKeyId, firstKey, 'the session was renewed');
    assert.ok(renewed.expiration! > s.expiration!);
    await command('stsLens.internal.setClockOffset', 0);

    assert.strictEqual((await command<{ credentialGrants: number }>('stsLens.internal.state')).credentialGrants, grantsBefore + 1);
    terminal.dispose();
    await waitFor('the grant to be revoked', async () => ((await command<{ credentialGrants: number }>('stsLens.internal.state')).credentialGrants === grantsBefore ? true : undefined));
  });

  it('follows the stsLens.terminal.refreshingCredentials setting', async () => {
    const s = await ok<Session>('stsLens.startSession', { profile: 'sts-role' });
    const config = vscode.workspace.getConfiguration('stsLens');
    await config.update('terminal.refreshingCredentials', 'static', vscode.ConfigurationTarget.Global);
    try {
      const opened = await ok<Opened>('stsLens.openTerminal', { sessionId: s.id, cwd: dir });
      assert.strictEqual(opened.mode, 'static');
      (await terminalNamed(opened.name)).dispose();
    } finally {
      await config.update('terminal.refreshingCredentials', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('an MFA session gets fixed keys by default', async () => {
    const s = await ok<Session>('stsLens.startSession', { profile: 'mfa-role', mfaCode: '123456' });
    const opened = await ok<Opened>('stsLens.openTerminal', { sessionId: s.id, cwd: dir });
    assert.strictEqual(opened.mode, 'static');
    const terminal = await terminalNamed(opened.name);
    assert.match(await callerArnFrom(terminal, dir, 'mfa'), /assumed-role\/mfa_role\//);
    terminal.dispose();
  });
});
