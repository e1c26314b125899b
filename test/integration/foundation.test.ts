import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { testWorld } from './world';

const EXTENSION_ID = 'sts-lens.sts-lens';

describe('foundation: the extension in a real VS Code', () => {
  let extension: vscode.Extension<unknown>;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded in the extension host`);
    extension = found;
    await extension.activate();
  });

  it('activates', () => {
    assert.strictEqual(extension.isActive, true);
  });

  it('registers every command it contributes', async () => {
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('gives every command the stsLens. prefix and the STS Lens category', () => {
    const commands = extension.packageJSON.contributes.commands as { command: string; category?: string }[];
    assert.deepStrictEqual(commands.filter((c) => !c.command.startsWith('stsLens.') || c.category !== 'STS Lens').map((c) => c.command), []);
  });

  it('contributes the STS Lens view container, which opens', async () => {
    const containers = extension.packageJSON.contributes.viewsContainers.activitybar as { id: string; title: string }[];
    assert.ok(containers.some((c) => c.id === 'stsLens' && c.title === 'STS Lens'));
    await vscode.commands.executeCommand('workbench.view.extension.stsLens');
  });

  it('runs with a throwaway HOME and AWS files from the harness, never the real ones', () => {
    const world = testWorld();
    assert.strictEqual(process.env.AWS_CONFIG_FILE, world.configFile);
    assert.strictEqual(process.env.AWS_SHARED_CREDENTIALS_FILE, world.credentialsFile);
    assert.ok(world.configFile.startsWith(os.homedir()), `${world.configFile} is not under HOME=${os.homedir()}`);
    assert.match(fs.readFileSync(world.configFile, 'utf8'), /\[profile sts-role\]/);
  });

  it('reaches the local STS as sts-user through the profile files (GetCallerIdentity)', async () => {
    const world = testWorld();
    const sts = new STSClient({ region: world.region, endpoint: world.profiles['sts-user'].endpoint_url, maxAttempts: 1, credentials: fromIni({ profile: 'sts-user' }) });
    try {
      const who = await sts.send(new GetCallerIdentityCommand({}));
      assert.strictEqual(who.Account, world.accountId);
      assert.strictEqual(who.Arn, world.users['sts-user'].arn);
    } finally {
      sts.destroy();
    }
  });
});
