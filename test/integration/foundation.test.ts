import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { issueEncodedMessage, testWorld } from './world';

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

  describe('the seeded world (the contract other integration tests rely on)', () => {
    const clients: STSClient[] = [];
    const sts = (profile: string): STSClient => {
      const world = testWorld();
      const client = new STSClient({ region: world.region, endpoint: world.endpointUrl, maxAttempts: 1, credentials: fromIni({ profile, clientConfig: { endpoint: world.endpointUrl } }) });
      clients.push(client);
      return client;
    };
    after(() => clients.forEach((c) => c.destroy()));

    it('decodes a message the responder issued, through the profile endpoint', async () => {
      const world = testWorld();
      const decoded = await sts('sts-user').send(new DecodeAuthorizationMessageCommand({ EncodedMessage: world.specialMessages.sample }));
      assert.strictEqual(JSON.parse(decoded.DecodedMessage ?? '{}').context.action, 'ec2:RunInstances');
    });

    it('decodes a message issued on demand over HTTP', async () => {
      const encoded = await issueEncodedMessage({ allowed: false, context: { action: 's3:PutObject' } });
      const decoded = await sts('sts-user').send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
      assert.deepStrictEqual(JSON.parse(decoded.DecodedMessage ?? '{}'), { allowed: false, context: { action: 's3:PutObject' } });
    });

    it('rejects messages it never issued, and answers AccessDenied for the denied token and for no-trust-user', async () => {
      const world = testWorld();
      await assert.rejects(sts('sts-user').send(new DecodeAuthorizationMessageCommand({ EncodedMessage: world.specialMessages.unknown })), { name: 'InvalidAuthorizationMessageException' });
      await assert.rejects(sts('sts-user').send(new DecodeAuthorizationMessageCommand({ EncodedMessage: world.specialMessages.accessDenied })), { name: 'AccessDenied' });
      await assert.rejects(sts('no-trust-user').send(new DecodeAuthorizationMessageCommand({ EncodedMessage: world.specialMessages.sample })), { name: 'AccessDenied' });
    });

    it('enforces the external ID, the MFA requirement and the trust policy on AssumeRole', async () => {
      const world = testWorld();
      const user = sts('sts-user');
      const assume = (roleArn: string, extra: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) =>
        user.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'foundation', ...extra }));
      await assert.rejects(assume(world.roles.cross_account_role.arn), { name: 'AccessDenied' });
      const cross = await assume(world.roles.cross_account_role.arn, { ExternalId: world.roles.cross_account_role.externalId });
      assert.match(cross.AssumedRoleUser?.Arn ?? '', /assumed-role\/cross_account_role\/foundation$/);
      await assert.rejects(assume(world.roles.mfa_role.arn), { name: 'AccessDenied' });
      await assert.rejects(assume(world.roles.mfa_role.arn, { SerialNumber: world.users['sts-user'].mfaSerial, TokenCode: '000000' }), { name: 'AccessDenied' });
      const mfa = await assume(world.roles.mfa_role.arn, { SerialNumber: world.users['sts-user'].mfaSerial, TokenCode: '123456' });
      assert.ok(mfa.Credentials?.SessionToken);
      await assert.rejects(sts('no-trust-user').send(new AssumeRoleCommand({ RoleArn: world.roles.sts_role.arn, RoleSessionName: 'x' })), { name: 'AccessDenied' });
    });

    it('resolves the chained profile (sts-user -> sts_role -> chained_role)', async () => {
      const world = testWorld();
      const who = await sts('chained-role').send(new GetCallerIdentityCommand({}));
      assert.match(who.Arn ?? '', new RegExp(`^arn:aws:sts::${world.accountId}:assumed-role/chained_role/`));
    });
  });
});
