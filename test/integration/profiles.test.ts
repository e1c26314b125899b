import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { fixturePath } from '../unit/fixtures';
import { activate, command } from './profilesHelpers';
import { testWorld } from './world';

interface TreeNode { label: string; description?: string; contextValue?: string; children: TreeNode[] }

const find = (nodes: TreeNode[], label: string) => nodes.find((n) => n.label === label);

describe('profiles tree in VS Code', () => {
  before(activate);

  it('lists the seeded profiles with their kind, region, MFA and chain', async () => {
    await command('workbench.view.extension.stsLens');
    const tree = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
    for (const name of Object.keys(testWorld().profiles)) assert.ok(find(tree, name), `profile ${name} missing from ${tree.map((n) => n.label).join(', ')}`);
    const mfa = find(tree, 'mfa-role')!;
    assert.match(mfa.description!, /^role · us-east-1 · MFA$/);
    assert.strictEqual(mfa.contextValue, 'stsLens.profile.role.mfa');
    assert.strictEqual(find(tree, 'sts-user')!.contextValue, 'stsLens.profile.static');
    const chained = find(tree, 'chained-role')!;
    assert.ok(chained.children.some((c) => c.label === 'sts-user → sts_role → chained_role'), JSON.stringify(chained.children));
  });

  it('shows sessions from the AWS CLI cache and SSO token expiry read-only, without secrets', async () => {
    const home = os.homedir();
    const cli = path.join(home, '.aws', 'cli', 'cache');
    const sso = path.join(home, '.aws', 'sso', 'cache');
    fs.mkdirSync(cli, { recursive: true });
    fs.mkdirSync(sso, { recursive: true });
    const expires = new Date(Date.now() + 30 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const entry = JSON.parse(fs.readFileSync(fixturePath('aws-config', 'cli-cache-assumed.json'), 'utf8'));
    entry.Credentials.Expiration = expires;
    fs.writeFileSync(path.join(cli, 'test-entry.json'), JSON.stringify(entry));
    const token = JSON.parse(fs.readFileSync(fixturePath('aws-config', 'sso-cache-token.json'), 'utf8'));
    token.expiresAt = expires;
    fs.writeFileSync(path.join(sso, 'test-token.json'), JSON.stringify(token));
    try {
      await command('stsLens.refreshProfiles');
      const tree = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
      const cached = find(tree, 'AWS CLI cache')!.children[0];
      assert.strictEqual(cached.label, 'Admin/botocore-session-1');
      assert.match(cached.description!, /^(29|30)m left · read-only$/);
      assert.strictEqual(cached.contextValue, 'stsLens.session.readonly');
      assert.match(find(tree, 'SSO sign-ins')!.children[0].label, /corp\.awsapps\.com/);
      assert.ok(!JSON.stringify(tree).includes('wJalr') && !JSON.stringify(tree).includes('aoaAAAA'));
    } finally {
      fs.rmSync(path.join(cli, 'test-entry.json'));
      fs.rmSync(path.join(sso, 'test-token.json'));
      await command('stsLens.refreshProfiles');
    }
  });

  describe('with another config file', () => {
    const original = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    let dir: string;

    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-profiles-'));
    });
    after(async () => {
      process.env.AWS_CONFIG_FILE = original.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = original.credentials;
      await command('stsLens.refreshProfiles');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('shows an error node naming the line and the reason for a broken file, and still the valid profiles', async () => {
      const config = path.join(dir, 'config');
      fs.copyFileSync(fixturePath('aws-config', 'broken.config'), config);
      process.env.AWS_CONFIG_FILE = config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'missing-credentials');
      await command('stsLens.refreshProfiles');
      const tree = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
      const errors = tree.filter((n) => n.contextValue === 'stsLens.problem').map((n) => n.label);
      assert.strictEqual(errors.length, 3, errors.join('\n'));
      assert.match(errors[0], /^config line 6: .*not "key = value"/);
      assert.match(errors[1], /^config line 7: .*no closing "\]"/);
      assert.match(errors[2], /^config line 10: .*\[profile dev\]/);
      assert.ok(find(tree, 'ok'), 'the valid profile is still listed');
      assert.ok(!JSON.stringify(tree).includes('wJalr'), 'a stray secret line is never shown');
    });

    it('reloads when the watched file changes', async () => {
      const config = path.join(dir, 'config');
      fs.writeFileSync(config, '[profile first]\nregion = eu-west-1\n');
      process.env.AWS_CONFIG_FILE = config;
      await command('stsLens.refreshProfiles');
      assert.ok(find(await command<TreeNode[]>('stsLens.internal.treeSnapshot'), 'first'));
      fs.writeFileSync(config, '[profile first]\nregion = eu-west-1\n\n[profile second]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = first\n');
      const tree = await waitForTree((t) => !!find(t, 'second'));
      assert.match(find(tree, 'second')!.description!, /^role/);
    });

    it('a refresh that finds the config file unchanged does not parse it again; a save of the same size is picked up', async () => {
      const config = path.join(dir, 'config');
      fs.writeFileSync(config, '[profile same]\nregion = eu-west-1\n');
      process.env.AWS_CONFIG_FILE = config;
      await command('stsLens.refreshProfiles');
      const parsed = async () => (await command<{ awsFilesParsed: number }>('stsLens.internal.state')).awsFilesParsed;
      const before = await parsed();
      await command('stsLens.refreshProfiles');
      assert.strictEqual(await parsed(), before, 'the unchanged file was parsed again');
      assert.match(find(await command<TreeNode[]>('stsLens.internal.treeSnapshot'), 'same')!.description!, /eu-west-1/);
      fs.writeFileSync(config, '[profile same]\nregion = eu-west-2\n');
      await command('stsLens.refreshProfiles');
      assert.match(find(await command<TreeNode[]>('stsLens.internal.treeSnapshot'), 'same')!.description!, /eu-west-2/);
      assert.ok(await parsed() > before);
    });

    it('answers hovers while a changed config file of 12 MB is parsed, then lists its profiles', async function () {
      this.timeout(180_000);
      const config = path.join(dir, 'config');
      // 12 MB: seconds of the SDK's parse and of the line check; a few profiles for the tree.
      const settings = Array.from({ length: 1_000_000 }, (_, i) => `kk${i} = v\n`).join('');
      fs.writeFileSync(config, `[profile huge]\nregion = eu-west-1\n${settings}[profile after]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = huge\n[Profile skipped]\n`);
      process.env.AWS_CONFIG_FILE = config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'missing-credentials');
      const hovered = path.join(dir, 'hovered.config');
      fs.writeFileSync(hovered, '[profile x]\nrole_arn = arn:aws:iam::123456789012:role/x\n');
      const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(hovered), 'aws-config');
      let reloaded = false;
      const reload = command('stsLens.refreshProfiles').then(() => (reloaded = true));
      // Each hover goes from the extension host to the window and back: it is answered only on a
      // turn of the host's event loop, which a parse on the host's thread holds for seconds at a time.
      for (let i = 0; i < 10; i++) {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 3));
        assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /ARN of the IAM role to assume/);
      }
      assert.strictEqual(reloaded, false, 'ten hovers were answered before the tree was updated');
      await reload;
      const tree = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
      assert.match(find(tree, 'huge')!.description!, /eu-west-1/);
      assert.ok(find(tree, 'after')!.children.some((c) => c.label === 'huge → x'), JSON.stringify(find(tree, 'after')!.children));
      assert.ok(tree.some((n) => n.contextValue === 'stsLens.problem' && /^config line 1000006: /.test(n.label)), 'the line the SDK drops is shown');
    });

    it('shows kinds for every profile type and cycles as broken chains', async () => {
      const config = path.join(dir, 'config');
      fs.writeFileSync(config, fs.readFileSync(fixturePath('aws-config', 'kinds.config'), 'utf8') + '\n' + fs.readFileSync(fixturePath('aws-config', 'cycle.config'), 'utf8'));
      process.env.AWS_CONFIG_FILE = config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = fixturePath('aws-config', 'kinds.credentials');
      await command('stsLens.refreshProfiles');
      const tree = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
      const ctx = (n: string) => find(tree, n)?.contextValue;
      assert.deepStrictEqual(['base', 'admin', 'sso-new', 'anywhere', 'vault', 'web'].map(ctx), [
        'stsLens.profile.static', 'stsLens.profile.role.mfa', 'stsLens.profile.sso', 'stsLens.profile.rolesAnywhere', 'stsLens.profile.process', 'stsLens.profile.webIdentity',
      ]);
      assert.ok(find(tree, 'a')!.children.some((c) => c.label.includes('cycle: a → b → c → a') && c.contextValue === 'stsLens.chain'));
    });
  });
});

async function waitForTree(ready: (t: TreeNode[]) => boolean): Promise<TreeNode[]> {
  const deadline = Date.now() + 20000;
  for (;;) {
    const t = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
    if (ready(t)) return t;
    if (Date.now() > deadline) throw new Error(`the tree did not reload: ${t.map((n) => n.label).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
