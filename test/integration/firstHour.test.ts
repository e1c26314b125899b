// What a new user notices in the first hour: which identity is used, text that fits, prompts that ask.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, command, failure, ok, withoutIamEnforcement, type Session } from './profilesHelpers';
import { testWorld } from './world';

interface TreeNode { label: string; description?: string; tooltip?: string; contextValue?: string; children: TreeNode[] }

const find = (nodes: TreeNode[], pred: (n: TreeNode) => boolean): TreeNode | undefined => {
  for (const n of nodes) {
    if (pred(n)) return n;
    const inner = find(n.children, pred);
    if (inner) return inner;
  }
  return undefined;
};

/** Replaces a window prompt for the length of `fn`, recording what it was asked. */
async function withPrompt<K extends 'showQuickPick' | 'showInputBox', T>(name: K, answer: (...args: never[]) => unknown, fn: () => Promise<T>): Promise<T> {
  const win = vscode.window as unknown as Record<string, unknown>;
  const original = win[name];
  win[name] = answer;
  try {
    return await fn();
  } finally {
    win[name] = original;
  }
}

describe('the first hour', () => {
  const world = testWorld();
  const role = (n: string) => world.roles[n].arn;
  before(activate);

  it('names sessions after the local user and the minute, and shows the time left first', async () => {
    const s = await ok<Session>('stsLens.startSession', { profile: 'chained-role' });
    const name = `${os.userInfo().username}-\\d{4}T\\d{4}Z`;
    assert.match(s.arn!, new RegExp(`assumed-role/chained_role/${name}$`));
    const tree = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
    // Under the profile that names the role, the row is the session name alone.
    const row = tree.find((n) => n.label === 'chained-role')!.children.find((c) => c.contextValue === 'stsLens.session')!;
    assert.match(row.label, new RegExp(`^${name}$`));
    assert.match(row.description!, /^\d+m left/);
    assert.doesNotMatch(row.tooltip!, /— profile\b|Renews without prompting/);
  });

  it('shows chains in short form with the full chain in the tooltip', async () => {
    const tree = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
    const chained = tree.find((n) => n.label === 'chained-role')!;
    const chain = chained.children.find((c) => c.contextValue === 'stsLens.chain')!;
    assert.strictEqual(chain.label, 'sts-user → sts_role → chained_role');
    assert.match(chain.tooltip!, /sts-role \(sts_role @ 123456789012\) → chained-role \(chained_role @ 123456789012\)/);
  });

  it('lists a session assumed from sts-user under the profile that names the role', async () => {
    const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('cross_account_role'), sessionName: 'grouped', externalId: world.roles.cross_account_role.externalId });
    const tree = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
    assert.ok(tree.find((n) => n.label === 'cross-account')!.children.some((c) => c.label === 'grouped'), JSON.stringify(tree.find((n) => n.label === 'cross-account')));
    assert.ok(!tree.find((n) => n.label === 'sts-user')!.children.some((c) => c.label === 'grouped' || c.label === 'cross_account_role/grouped'));
    await command('stsLens.forgetSession', { sessionId: s.id });
  });

  it('names the likely cause of a cross-account denial and offers Retry with External ID', async () => {
    const e = await failure('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('cross_account_role'), sessionName: 'no-ext' }) as { likelyCause?: string; buttons?: string[] };
    assert.match(e.likelyCause ?? '', /cross_account_role needs an external ID.*profile "cross-account"/);
    assert.strictEqual(e.buttons?.[0], 'Retry with External ID');
  });

  it('the view-title Assume Role asks who calls, in a titled prompt, instead of using the selection', async () => {
    const asked: { title?: string; placeHolder?: string; labels: string[] }[] = [];
    const r = await withPrompt('showQuickPick', async (items: readonly vscode.QuickPickItem[], o: vscode.QuickPickOptions) => {
      asked.push({ title: o?.title, placeHolder: o?.placeHolder, labels: (await items).map((i) => i.label) });
      return undefined;
    }, () => command<unknown>('stsLens.assumeRole'));
    assert.strictEqual(r, undefined, 'a cancelled prompt is silent');
    assert.strictEqual(asked.length, 1);
    assert.match(asked[0].placeHolder!, /Call AssumeRole as/);
    assert.ok(asked[0].labels.some((l) => /sts-user/.test(l)));
  });

  it('the view-title Assume Role asks who calls even with a tree item selected, offering that item first', async () => {
    const asked: { placeHolder?: string; labels: string[] }[] = [];
    const r = await withPrompt('showQuickPick', async (items: readonly vscode.QuickPickItem[], o: vscode.QuickPickOptions) => {
      asked.push({ placeHolder: o?.placeHolder, labels: (await items).filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => i.label) });
      return undefined;
    }, () => command<unknown>('stsLens.assumeRoleAskingCaller', { type: 'profile', profile: { name: 'cross-account' } }));
    assert.strictEqual(r, undefined, 'a cancelled prompt is silent');
    assert.strictEqual(asked.length, 1, 'asked who calls instead of using the selection');
    assert.match(asked[0].placeHolder!, /Call AssumeRole as/);
    assert.match(asked[0].labels[0], /cross-account$/);
    assert.ok(asked[0].labels.some((l) => /sts-user$/.test(l)));
  });

  it('titles the role prompt with the calling identity', async () => {
    const titles: string[] = [];
    await withPrompt('showQuickPick', async (_items: unknown, o: vscode.QuickPickOptions) => {
      titles.push(o?.title ?? '');
      return undefined;
    }, () => command<unknown>('stsLens.assumeRole', { sourceProfile: 'sts-user' }));
    assert.deepStrictEqual(titles, ['AssumeRole as sts-user']);
  });

  it('reads the trust policy as the identity that was denied, and says so', async () => {
    const denied = await failure('stsLens.openTrustPolicy', { roleArn: role('sts_role'), profile: 'no-trust-user' });
    assert.match(denied.operation, /^IAM GetRole as no-trust-user/);
    assert.match(denied.message, /^IAM GetRole as no-trust-user \(reading the trust policy of sts_role\) was denied/);
    assert.strictEqual((denied as { buttons?: string[] }).buttons?.[0], 'Read as Another Identity…');
    const opened = await withoutIamEnforcement(() => ok<{ readAs: string }>('stsLens.openTrustPolicy', { roleArn: role('sts_role'), profile: 'sts-user' }));
    assert.strictEqual(opened.readAs, 'sts-user');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('makes a new session the active identity when the setting says so, and marks it in the tree', async () => {
    const config = vscode.workspace.getConfiguration('stsLens.sessions');
    await config.update('makeActive', 'always', vscode.ConfigurationTarget.Global);
    try {
      const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'made-active' });
      const label = await (async () => {
        for (let i = 0; i < 50; i++) {
          const state = await command<{ activeIdentity?: string }>('stsLens.internal.state');
          if (state.activeIdentity === 'sts_role/made-active') return state.activeIdentity;
          await new Promise((r) => setTimeout(r, 100));
        }
        return undefined;
      })();
      assert.strictEqual(label, 'sts_role/made-active');
      const row = find(await command<TreeNode[]>('stsLens.internal.treeSnapshot'), (n) => n.label === 'made-active')!;
      assert.match(row.description!, /^\d+m left · active/);
      await command('stsLens.forgetSession', { sessionId: s.id });
    } finally {
      await config.update('makeActive', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  /** Points `variable` (AWS_CONFIG_FILE by default) at a file of `contents` for the tests of the block; returns its path once written. */
  function withConfigFile(contents: () => string | Buffer, variable: 'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE' = 'AWS_CONFIG_FILE'): () => string {
    const original = process.env[variable];
    let dir: string;
    let config = '';
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-first-hour-'));
      config = path.join(dir, variable === 'AWS_CONFIG_FILE' ? 'config' : 'credentials');
      fs.writeFileSync(config, contents());
      process.env[variable] = config;
      await command('stsLens.refreshProfiles');
    });
    after(async () => {
      process.env[variable] = original;
      await command('stsLens.refreshProfiles');
      fs.rmSync(dir, { recursive: true, force: true });
    });
    return () => config;
  }

  describe('with a profile the config linter reports', () => {
    withConfigFile(() => `${fs.readFileSync(world.configFile, 'utf8')}\n[profile short-role]\nrole_arn = ${role('sts_role')}\nsource_profile = sts-user\nduration_seconds = 50\nendpoint_url = ${world.endpointUrl}\nregion = us-east-1\n`);

    it('Start Session checks duration_seconds first, in the linter\'s words, and calls nothing', async () => {
      const before = (await command<Session[]>('stsLens.internal.listSessions')).length;
      const e = await failure('stsLens.startSession', { profile: 'short-role' });
      assert.strictEqual(e.kind, 'validation');
      assert.match(e.message, /^Start Session was not sent: duration_seconds is 50, outside the 900–43200 seconds/);
      assert.match(e.message, /config line \d+\)/);
      assert.deepStrictEqual(e.actions, ['openConfig']);
      assert.strictEqual((await command<Session[]>('stsLens.internal.listSessions')).length, before);
    });
  });

  describe('with a config file saved as UTF-16', () => {
    const reason = 'it is saved as UTF-16, and the AWS CLI and SDKs read only UTF-8: save it again as UTF-8';
    // As Windows PowerShell 5's `Get-Content config > config` writes it: UTF-16 with a byte order mark.
    const configFile = withConfigFile(() => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fs.readFileSync(world.configFile, 'utf8'), 'utf16le')]));
    // A role profile that the config file does not hold, so the check before a call runs.
    withConfigFile(() => `${fs.readFileSync(world.credentialsFile, 'utf8')}\n[utf16-role]\nrole_arn = ${role('sts_role')}\nsource_profile = sts-user\n`, 'AWS_SHARED_CREDENTIALS_FILE');

    it('the Profiles view and the check before a call both say to save it again as UTF-8, and nothing is called', async () => {
      const tree = await command<TreeNode[]>('stsLens.internal.treeSnapshot');
      const problem = find(tree, (n) => n.contextValue === 'stsLens.problem');
      assert.ok(problem?.label.includes(`cannot be read: ${reason}`), JSON.stringify(problem));
      const before = (await command<Session[]>('stsLens.internal.listSessions')).length;
      const e = await failure('stsLens.startSession', { profile: 'utf16-role' });
      assert.strictEqual(e.kind, 'validation');
      assert.ok(e.message.includes(`${configFile()} cannot be read: ${reason}`), e.message);
      assert.strictEqual((await command<Session[]>('stsLens.internal.listSessions')).length, before);
    });
  });

  it('tells remote setups not to forward the terminal credential port, and uses that port', async () => {
    const attrs = vscode.workspace.getConfiguration('remote').get<Record<string, { onAutoForward?: string }>>('portsAttributes') ?? {};
    assert.strictEqual(attrs['41730-41739']?.onAutoForward, 'ignore', JSON.stringify(attrs));
    const s = await ok<Session>('stsLens.startSession', { profile: 'sts-role' });
    const opened = await ok<{ name: string; mode: string }>('stsLens.openTerminal', { sessionId: s.id, mode: 'refreshing' });
    const terminal = vscode.window.terminals.find((t) => t.name === opened.name)!;
    const env = (terminal.creationOptions as vscode.TerminalOptions).env ?? {};
    const port = Number(new URL(env.AWS_CONTAINER_CREDENTIALS_FULL_URI!).port);
    assert.ok(port >= 41730 && port <= 41739, String(port));
    terminal.dispose();
  });
});

describe('the first hour: decoded explanations', () => {
  const world = testWorld();
  before(activate);

  it('reuse one editor group, have distinct titles, and wrap', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const first = world.encodedMessages['explicit-deny-ec2-run-instances'];
    const second = world.encodedMessages['implicit-deny-pass-role'];
    assert.ok(first && second, 'the harness issued both fixtures');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-decode-')), 'deploy.log');
    fs.writeFileSync(file, `Encoded authorization failure message: ${first}\n`);
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    await command('stsLens.decodeAuthorizationMessage', { text: first, profile: 'sts-user' });
    // The explanation is now the active editor; the next decode must not open a third column.
    await command('stsLens.decodeAuthorizationMessage', { text: second, profile: 'sts-user' });
    const explanationTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ group: g.viewColumn, tab: t }))).filter((t) => t.tab.input instanceof vscode.TabInputText && t.tab.input.uri.scheme === 'sts-lens-authz');
    assert.strictEqual(vscode.window.tabGroups.all.length, 2, vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => t.label).join(', ')).join(' | '));
    assert.strictEqual(new Set(explanationTabs.map((t) => t.group)).size, 1);
    const labels = explanationTabs.map((t) => t.tab.label);
    assert.ok(labels.length > 0 && labels.every((l) => /^(?:ec2:RunInstances|iam:PassRole) denied \d\d:\d\d:\d\d$/.test(l)), labels.join(', '));
    assert.strictEqual(new Set(labels).size, labels.length, labels.join(', '));
    const view = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'sts-lens-authz')!;
    assert.strictEqual(vscode.workspace.getConfiguration('editor', view.document).get('wordWrap'), 'on');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
