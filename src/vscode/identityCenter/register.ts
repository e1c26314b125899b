/** The IAM Identity Center view and its commands, and Open AWS Console as… / Copy Console URL. */
import * as vscode from 'vscode';
import type { SessionRecord } from '../../core/sessions/session';
import type { StsLensContext } from '../context';
import { ConsoleSignIn, type ConsoleRequest } from '../console/openConsole';
import type { ProfilesParts } from '../profiles/register';
import { readProfileSettings } from '../profiles/profileSettings';
import { Cancelled } from '../profiles/prompts';
import { addProfiles, type AddProfilesOptions } from './addProfiles';
import { Directory, type RoleRef } from './directory';
import { reportSsoError } from './errors';
import { SignIns, type SignInEntry, type SignInFlow } from './signIns';
import { IdentityCenterTreeProvider, type IdentityCenterNode } from './tree';
import { askModal, showInfo } from '../output';
import { openExternalUrl } from '../externalLinks';

type Arg = IdentityCenterNode | Record<string, unknown> | undefined;

export function registerIdentityCenterFeature(ctx: StsLensContext, parts: ProfilesParts): void {
  const { extension, log } = ctx;
  const signIns = new SignIns(ctx, () => parts.sessions.clock.now());
  // eslint-disable-next-line prefer-const -- the directory, built first, reaches the tree through this binding.
  let tree: IdentityCenterTreeProvider | undefined;
  const directory = new Directory(signIns, parts, (id) => tree?.entry(id));
  tree = new IdentityCenterTreeProvider(parts, signIns, directory, () => readProfileSettings().warningMs);
  const view = vscode.window.createTreeView('stsLens.identityCenter', { treeDataProvider: tree, showCollapseAll: true });
  parts.ops.ssoRenewer = (spec, interactive) => directory.renew(spec, interactive);
  const consoleSignIn = new ConsoleSignIn(ctx, parts);
  extension.subscriptions.push(signIns, tree, view, view.onDidChangeVisibility((e) => tree!.setVisible(e.visible)));
  if (view.visible) tree.setVisible(true);
  const register = (id: string, fn: Parameters<typeof vscode.commands.registerCommand>[1]) => extension.subscriptions.push(vscode.commands.registerCommand(id, fn));

  /** The sign-in a node or options object names, or the person's choice among them. */
  const entryOf = async (arg: Arg, title: string): Promise<SignInEntry> => {
    await parts.store.ensureLoaded();
    const entries = tree!.entries();
    if (arg && 'entry' in arg && arg.entry) return arg.entry as SignInEntry;
    const wanted = arg && typeof (arg as Record<string, unknown>).ssoSession === 'string' ? `session:${String((arg as Record<string, unknown>).ssoSession)}` : arg && typeof (arg as Record<string, unknown>).startUrl === 'string' ? `url:${String((arg as Record<string, unknown>).startUrl)}` : undefined;
    if (wanted) {
      const e = entries.find((x) => x.id === wanted);
      if (!e) throw new Error(vscode.l10n.t('the AWS config has no IAM Identity Center sign-in {0}', wanted.replace(/^\w+:/, '')));
      return e;
    }
    if (!entries.length) throw new Error(vscode.l10n.t('the AWS config has no [sso-session] section or sso_start_url profile. Add one (aws configure sso writes it), then sign in here'));
    if (entries.length === 1) return entries[0];
    const pick = await vscode.window.showQuickPick(entries.map((e) => ({ label: e.label, description: e.key.startUrl, e })), { title, placeHolder: vscode.l10n.t('Choose an IAM Identity Center sign-in') });
    if (!pick) throw new Cancelled();
    return pick.e;
  };

  const roleOf = async (arg: Arg, title: string): Promise<RoleRef> => {
    if (arg && (arg as IdentityCenterNode).type === 'role') {
      const n = arg as Extract<IdentityCenterNode, { type: 'role' }>;
      return { entry: n.entry, account: n.account, roleName: n.roleName };
    }
    const e = await entryOf(arg, title);
    const o = (arg ?? {}) as { accountId?: string; roleName?: string };
    const accounts = await directory.accounts(e);
    if (o.accountId && o.roleName) {
      const account = accounts.find((a) => a.accountId === o.accountId) ?? { accountId: o.accountId, accountName: o.accountId };
      return { entry: e, account, roleName: o.roleName };
    }
    return findRole(e, title);
  };

  /** Every role of every account in one list, to find one by typing. */
  const findRole = async (e: SignInEntry, title: string): Promise<RoleRef> => {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { ref?: RoleRef }>();
    qp.title = title;
    qp.placeholder = vscode.l10n.t('Type an account or role name');
    qp.matchOnDescription = true;
    qp.busy = true;
    qp.show();
    try {
      const picked = new Promise<RoleRef | undefined>((resolve) => {
        qp.onDidAccept(() => resolve(qp.selectedItems[0]?.ref));
        qp.onDidHide(() => resolve(undefined));
      });
      const items: (vscode.QuickPickItem & { ref?: RoleRef })[] = [];
      for (const account of await directory.accounts(e)) {
        items.push({ label: `${account.accountName} (${account.accountId})`, kind: vscode.QuickPickItemKind.Separator });
        for (const roleName of await directory.accountRoles(e, account.accountId)) items.push({ label: roleName, description: `${account.accountName} · ${account.accountId}`, ref: { entry: e, account, roleName } });
        qp.items = items;
      }
      qp.busy = false;
      const ref = await picked;
      if (!ref) throw new Cancelled();
      return ref;
    } finally {
      qp.dispose();
    }
  };

  const signInCommand = (arg: Arg) => {
    const o = (arg && !('type' in arg) ? arg : {}) as { flow?: SignInFlow; openBrowser?: boolean };
    return (async () => {
      try {
        const e = await entryOf(arg, vscode.l10n.t('Sign In to IAM Identity Center'));
        const setting = vscode.workspace.getConfiguration('stsLens.sso').get<string>('signInFlow', 'auto');
        const flow = o.flow ?? (setting === 'device' || setting === 'browser' ? setting : SignIns.defaultFlow());
        const r = await signIns.signIn(e, flow, { openBrowser: o.openBrowser });
        directory.clear(e.id);
        void showInfo(vscode.l10n.t('Signed in to {0}. Its accounts and roles are in the IAM Identity Center view; the AWS CLI and SDKs share this sign-in.', e.label));
        return r;
      } catch (e) {
        return reportSsoError(log, e, vscode.l10n.t('Sign In'), () => void vscode.commands.executeCommand('stsLens.sso.signIn', arg));
      }
    })();
  };
  register('stsLens.sso.signIn', signInCommand);
  register('stsLens.sso.signInWithDeviceCode', (arg: Arg) => signInCommand(arg && 'type' in arg ? { ssoSession: (arg as { entry: SignInEntry }).entry.key.sessionName, startUrl: (arg as { entry: SignInEntry }).entry.key.startUrl, flow: 'device' } : { ...(arg ?? {}), flow: 'device' }));

  register('stsLens.sso.signOut', async (arg: Arg) => {
    try {
      const e = await entryOf(arg, vscode.l10n.t('Sign Out of IAM Identity Center'));
      const removed = await signIns.signOut(e);
      directory.clear(e.id);
      if (removed) void showInfo(vscode.l10n.t('Signed out of {0}. Sessions already started keep their credentials until they expire; forget them in the Profiles view.', e.label));
      return removed;
    } catch (e) {
      return reportSsoError(log, e, vscode.l10n.t('Sign Out'));
    }
  });

  register('stsLens.sso.refresh', () => {
    directory.clear();
    tree!.refresh();
  });

  const startRoleSession = async (ref: RoleRef): Promise<SessionRecord> => directory.liveSession({ entry: ref.entry, accountId: ref.account.accountId, roleName: ref.roleName }) ?? directory.startSession(ref);

  register('stsLens.sso.startSession', async (arg: Arg) => {
    try {
      const ref = await roleOf(arg, vscode.l10n.t('Start Session for an IAM Identity Center Role'));
      const record = await directory.startSession(ref);
      parts.started.announce(record);
      return record;
    } catch (e) {
      return reportSsoError(log, e, vscode.l10n.t('Start Session'), () => void vscode.commands.executeCommand('stsLens.sso.signIn', arg && 'entry' in arg ? { ssoSession: (arg.entry as SignInEntry).key.sessionName } : undefined));
    }
  });

  register('stsLens.sso.openTerminal', async (arg: Arg) => {
    try {
      const record = await startRoleSession(await roleOf(arg, vscode.l10n.t('Open Terminal as an IAM Identity Center Role')));
      return vscode.commands.executeCommand('stsLens.openTerminal', { sessionId: record.id, ...((arg && !('type' in arg) ? arg : {}) as Record<string, unknown>) });
    } catch (e) {
      return reportSsoError(log, e, vscode.l10n.t('Open Terminal'));
    }
  });

  register('stsLens.sso.useAsActiveIdentity', async (arg: Arg) => {
    try {
      const record = await startRoleSession(await roleOf(arg, vscode.l10n.t('Use an IAM Identity Center Role as the Active Identity')));
      await parts.identity.choose({ type: 'session', id: record.id, profile: record.profile });
      return parts.identity.current()?.label;
    } catch (e) {
      return reportSsoError(log, e, vscode.l10n.t('Use as Active Identity'));
    }
  });

  register('stsLens.sso.findRole', async (arg: Arg) => {
    try {
      const ref = await findRole(await entryOf(arg, vscode.l10n.t('Find an IAM Identity Center Role')), vscode.l10n.t('Find an IAM Identity Center Role'));
      const actions = [
        { label: vscode.l10n.t('Start Session'), command: 'stsLens.sso.startSession' },
        { label: vscode.l10n.t('Open Terminal'), command: 'stsLens.sso.openTerminal' },
        { label: vscode.l10n.t('Use as Active Identity'), command: 'stsLens.sso.useAsActiveIdentity' },
        { label: vscode.l10n.t('Open AWS Console'), command: 'stsLens.openConsole' },
        { label: vscode.l10n.t('Add as Profile…'), command: 'stsLens.sso.addProfiles' },
      ];
      const action = await vscode.window.showQuickPick(actions, { title: vscode.l10n.t('{0} in {1}', ref.roleName, ref.account.accountName), placeHolder: vscode.l10n.t('What do you want to do with this role?') });
      const node: IdentityCenterNode = { type: 'role', entry: ref.entry, account: ref.account, roleName: ref.roleName };
      return action ? vscode.commands.executeCommand(action.command, node) : undefined;
    } catch (e) {
      return reportSsoError(log, e, vscode.l10n.t('Find Role'));
    }
  });

  register('stsLens.sso.addProfiles', async (arg: Arg) => {
    try {
      const e = await entryOf(arg, vscode.l10n.t('Add Profiles from IAM Identity Center'));
      const node = arg as IdentityCenterNode | undefined;
      const o: AddProfilesOptions = node && 'type' in node
        ? { accountId: node.type === 'account' || node.type === 'role' ? node.account.accountId : undefined, roleName: node.type === 'role' ? node.roleName : undefined }
        : ((arg ?? {}) as AddProfilesOptions);
      return await addProfiles(parts, directory, e, o);
    } catch (e) {
      return reportSsoError(log, e, vscode.l10n.t('Add Profiles'));
    }
  });

  /** What a console command's argument names: a session, a profile, an Identity Center role, or the active identity. */
  const consoleRequest = async (arg: unknown): Promise<ConsoleRequest> => {
    const a = (arg ?? {}) as Record<string, unknown> & { type?: string };
    if (a.type === 'role') return { sessionId: (await startRoleSession(await roleOf(arg as Arg, vscode.l10n.t('Open AWS Console')))).id };
    if (a.type === 'session') return { sessionId: (a as unknown as { record: SessionRecord }).record.id };
    if (a.type === 'profile') return { profile: (a as unknown as { profile: { name: string } }).profile.name };
    if (typeof arg === 'string') return { profile: arg };
    const sessionId = typeof a.sessionId === 'string' ? a.sessionId : undefined;
    const profile = typeof a.profile === 'string' ? a.profile : undefined;
    const base = { destination: a.destination as ConsoleRequest['destination'], resourceArn: typeof a.resourceArn === 'string' ? a.resourceArn : undefined };
    if (sessionId || profile) return { ...base, sessionId, profile };
    return { ...base, sessionId: parts.identity.activeSessionId() };
  };

  const openConsole = async (arg: unknown, r: ConsoleRequest) => {
    const { url, record, minutes } = await consoleSignIn.signInUrl(r);
    // Programmatic callers (tests) may take the URL instead of a browser tab; it is never logged.
    if ((arg as { open?: boolean } | undefined)?.open === false) return { url, sessionId: record.id };
    const opened = await openExternalUrl(url);
    if (opened) vscode.window.setStatusBarMessage(vscode.l10n.t('Opened the AWS console as {0} ({1} min)', record.arn ?? record.sessionName ?? record.id, minutes), 10_000);
    return { opened, sessionId: record.id };
  };

  register('stsLens.openConsole', async (arg: unknown) => {
    try {
      return await openConsole(arg, await consoleRequest(arg));
    } catch (e) {
      return reportSsoError(log, e, vscode.l10n.t('Open AWS Console'));
    }
  });

  // The console page of a resource: a decoded denial's resource, or a tree item that names an ARN
  // (`resourceArn`), signed in as the active identity unless a session or profile is named.
  register('stsLens.openResourceInConsole', async (arg: unknown) => {
    try {
      const a = (arg ?? {}) as { resourceArn?: unknown };
      const resourceArn = typeof a.resourceArn === 'string' ? a.resourceArn : undefined;
      if (!resourceArn) throw new Error(vscode.l10n.t('this item names no resource ARN to open; use Open AWS Console as… and enter one'));
      const r = await consoleRequest({ ...(arg as Record<string, unknown>), type: undefined, resourceArn });
      return await openConsole(arg, r);
    } catch (e) {
      return reportSsoError(log, e, vscode.l10n.t('Open in AWS Console'));
    }
  });

  register('stsLens.copyConsoleUrl', async (arg: unknown) => {
    try {
      const r = await consoleRequest(arg);
      const o = (arg ?? {}) as { confirmed?: boolean };
      if (!o.confirmed) {
        const copy = vscode.l10n.t('Copy URL');
        const ok = await askModal(vscode.l10n.t('Copy a console sign-in URL?'), vscode.l10n.t('The URL signs in whoever opens it, as this session, for the next 15 minutes. Paste it only into your own browser; never into chat, tickets or logs.'), copy);
        if (ok !== copy) return undefined;
      }
      const { url, record } = await consoleSignIn.signInUrl(r);
      await vscode.env.clipboard.writeText(url);
      void showInfo(vscode.l10n.t('Copied a console sign-in URL for {0}. It signs in whoever opens it within 15 minutes.', record.arn ?? record.id));
      return { copied: true };
    } catch (e) {
      return reportSsoError(log, e, vscode.l10n.t('Copy Console URL'));
    }
  });

  register('stsLens.internal.ssoPageLeftToCaller', () => signIns.pageLeftToCaller());

  register('stsLens.internal.identityCenterSnapshot', async () => {
    const walk = async (nodes: IdentityCenterNode[], depth: number): Promise<unknown[]> => Promise.all(nodes.map(async (n) => {
      const item = await tree!.getTreeItem(n);
      const expand = depth < 3 && (n.type !== 'account' || depth < 3);
      return { label: typeof item.label === 'string' ? item.label : item.label?.label, description: item.description, contextValue: item.contextValue, children: expand && item.collapsibleState !== vscode.TreeItemCollapsibleState.None ? await walk(await tree!.getChildren(n), depth + 1) : [] };
    }));
    return walk(await tree!.getChildren(), 0);
  });
}
