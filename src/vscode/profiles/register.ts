import * as path from 'path';
import * as vscode from 'vscode';
import { credentialProcessJson, exportLines, type ShellKind } from '../../core/sessions/credentialFormats';
import type { SessionRecord } from '../../core/sessions/session';
import type { IdentityService, StsLensContext } from '../context';
import type { PolicyDocumentProvider } from '../policy/policyDocumentProvider';
import { Denials, type TrustPolicyRequest } from './denials';
import { reportError, type CommandFailure, type ErrorHandlers } from './errorUi';
import { isSessionRecord, StartedSessions } from './startedSessions';
import { IdentityServiceImpl, IdentityStatusBar } from './identity';
import { StsOperations } from './operations';
import { readProfileSettings } from './profileSettings';
import { ProfilesStore } from './profilesStore';
import { Clock, SessionStore } from './sessionStore';
import { CredentialTerminals } from './terminals';
import { ProfilesTreeProvider, type ProfilesNode } from './tree';
import { showInfo, showWarning } from '../output';
import { sdkParsedFiles } from '../../node/awsFiles';

/** What a command's first argument may be: a tree node (menus) or an options object (palette callers, tests, other features). */
type Arg = ProfilesNode | Record<string, unknown> | string | undefined;

function profileOf(arg: Arg): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && (arg as ProfilesNode).type === 'profile') return (arg as { profile: { name: string } }).profile.name;
  if (arg && (arg as ProfilesNode).type === 'session') return (arg as { record: SessionRecord }).record.profile;
  return arg && typeof (arg as Record<string, unknown>).profile === 'string' ? ((arg as Record<string, unknown>).profile as string) : undefined;
}

function sessionIdOf(arg: Arg): string | undefined {
  if (arg && typeof arg === 'object' && (arg as ProfilesNode).type === 'session') return (arg as { record: SessionRecord }).record.id;
  return arg && typeof arg === 'object' && typeof (arg as Record<string, unknown>).sessionId === 'string' ? ((arg as Record<string, unknown>).sessionId as string) : undefined;
}

/** Options passed by a program, or an empty object when the command came from a menu or the palette. */
function optionsOf<T>(arg: Arg): Partial<T> {
  return arg && typeof arg === 'object' && !('type' in arg && ((arg as ProfilesNode).type === 'profile' || (arg as ProfilesNode).type === 'session')) ? (arg as Partial<T>) : {};
}

function shellKind(): ShellKind {
  const shell = (vscode.env.shell || '').toLowerCase();
  if (shell.includes('pwsh') || shell.includes('powershell')) return 'powershell';
  if (shell.endsWith('cmd.exe')) return 'cmd';
  if (shell.includes('fish')) return 'fish';
  return 'posix';
}

/** The parts of the profiles feature that other session sources (IAM Identity Center) build on. */
export interface ProfilesParts {
  readonly store: ProfilesStore;
  readonly sessions: SessionStore;
  readonly identity: IdentityServiceImpl;
  readonly ops: StsOperations;
  readonly started: StartedSessions;
}

/** Profiles tree, sessions, terminals and the status-bar identity. Returns who the extension acts as. */
export function registerProfilesFeature(ctx: StsLensContext, readOnlyDocuments?: PolicyDocumentProvider, withParts?: (parts: ProfilesParts) => void): IdentityService {
  const { extension, log } = ctx;
  const clock = new Clock();
  const settings = () => readProfileSettings();
  const store = new ProfilesStore(log, () => process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1', path.join(extension.extensionPath, 'dist', 'awsConfigWorker.js'));
  const sessions = new SessionStore(extension.secrets, log, clock);
  const ops = new StsOperations(store, sessions, extension.globalState, log, ctx.endpoints);
  sessions.renewer = ops.renew;
  const tree = new ProfilesTreeProvider(store, sessions, settings().warningMs, () => settings().showCachedSessions);
  const view = vscode.window.createTreeView('stsLens.profiles', { treeDataProvider: tree, showCollapseAll: true });
  const identity = new IdentityServiceImpl(extension.globalState, store, sessions, ops);
  const statusBar = new IdentityStatusBar(identity, sessions, () => settings().warningMs);
  const terminals = new CredentialTerminals(sessions, log);
  const started = new StartedSessions(identity, sessions);
  tree.active = () => {
    const c = identity.current();
    return c ? { sessionId: identity.activeSessionId(), profile: c.profile } : undefined;
  };
  extension.subscriptions.push(store, sessions, tree, view, identity, statusBar, terminals, identity.onDidChange(() => tree.refresh()));

  extension.subscriptions.push(
    view.onDidChangeVisibility((e) => tree.setVisible(e.visible)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('stsLens.sessions.showCliCache')) tree.refresh();
      if (e.affectsConfiguration('stsLens.sts.endpoint')) statusBar.render();
      if (e.affectsConfiguration('stsLens.sessions.warningMinutes')) {
        tree.setWarningMs(settings().warningMs);
        statusBar.render();
      }
    }),
  );
  if (view.visible) tree.setVisible(true);
  // Pinned sessions live in SecretStorage: restoring them is local and cheap, and the status bar needs them.
  void sessions.restore();

  const register = (id: string, fn: Parameters<typeof vscode.commands.registerCommand>[1]) => extension.subscriptions.push(vscode.commands.registerCommand(id, fn));

  const denials = new Denials(store, sessions, ops, log, readOnlyDocuments);
  const openTrustPolicy = (arg: string | TrustPolicyRequest) => denials.openTrustPolicy(typeof arg === 'string' ? { roleArn: arg } : arg);

  /**
   * Runs an operation; failures are explained to the person and returned to programmatic callers.
   * `operation` is shown ("{0} failed: …"): an AWS API's name, or a command's title in the display language.
   * A session it starts is announced, but not one it only refreshes (`announce: false`).
   */
  const run = async <T>(operation: string, fn: () => Promise<T>, retry: () => void, context: { roleArn?: string; profile?: string; sessionId?: string; likelyCause?: ErrorHandlers['likelyCause']; announce?: false } = {}): Promise<T | CommandFailure | undefined> => {
    try {
      const result = await fn();
      if (isSessionRecord(result) && context.announce !== false) started.announce(result);
      return result;
    } catch (e) {
      return reportError(log, e, operation, {
        retry,
        likelyCause: context.likelyCause,
        openTrustPolicy: (roleArn) => void openTrustPolicy({ roleArn, profile: context.profile, sessionId: context.sessionId }),
        refreshSession: context.sessionId ? () => void vscode.commands.executeCommand('stsLens.refreshSession', { sessionId: context.sessionId }) : undefined,
        ssoLogin: (profile) => {
          const t = vscode.window.createTerminal({ name: vscode.l10n.t('AWS SSO login') });
          t.show();
          t.sendText(`aws sso login${profile ? ` --profile ${profile}` : ''}`);
        },
      });
    }
  };

  const sourceOfProfile = (name: string | undefined): string | undefined => {
    const p = name ? store.profile(name) : undefined;
    return p?.sourceProfile ?? name;
  };

  register('stsLens.refreshProfiles', async () => {
    await store.reload();
  });

  register('stsLens.openConfig', async (arg: Arg) => {
    const snap = await store.ensureLoaded();
    const name = profileOf(arg);
    const p = name ? snap.model.profiles.get(name) : undefined;
    const file = p && !p.files.includes('config') ? snap.paths.credentials : snap.paths.config;
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const editor = await vscode.window.showTextDocument(doc);
      if (name) {
        const header = new RegExp(`^\\s*\\[\\s*(profile\\s+)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\]`);
        const line = doc.getText().split(/\r?\n/).findIndex((l) => header.test(l));
        if (line >= 0) {
          editor.selection = new vscode.Selection(line, 0, line, 0);
          editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
        }
      }
    } catch {
      void showInfo(vscode.l10n.t('{0} does not exist yet. Create it with "aws configure" or write it by hand; STS Lens does not write AWS files.', file));
    }
  });

  register('stsLens.startSession', (arg: Arg) => {
    const profile = profileOf(arg);
    const o = optionsOf<{ mfaCode: string; pin: boolean }>(arg);
    return run(vscode.l10n.t('Start Session'), () => ops.startSession({ ...o, profile }), () => void vscode.commands.executeCommand('stsLens.startSession', profile), { profile: sourceOfProfile(profile), roleArn: profile ? store.profile(profile)?.roleArn : undefined });
  });

  register('stsLens.assumeRole', async (arg: Arg) => {
    const fromMenu = !!arg && typeof arg === 'object' && 'type' in arg;
    const o = optionsOf<Parameters<StsOperations['assumeRole']>[0]>(arg);
    const sessionId = sessionIdOf(arg) ?? o.sourceSessionId;
    let sourceProfile = fromMenu && !sessionIdOf(arg) ? profileOf(arg) : (o.sourceProfile as string | undefined);
    // The palette and the view title ask who calls AssumeRole; the selected tree item is not a choice.
    if (!sourceProfile && !sessionId) {
      try {
        const source = await ops.pickSource();
        if ('profile' in source) sourceProfile = source.profile;
        else return vscode.commands.executeCommand('stsLens.assumeRole', { ...o, sourceSessionId: source.sessionId, advanced: o.advanced ?? true });
      } catch (e) {
        return reportError(log, e, 'AssumeRole');
      }
    }
    const options = { ...o, sourceProfile, sourceSessionId: sessionId, advanced: o.advanced ?? (arg === undefined || fromMenu) };
    let sent: { roleArn: string; externalId?: string; mfaSerial?: string } | undefined;
    const retry = (add: { externalId?: string; mfaSerial?: string } = {}) => {
      const known = add.externalId || add.mfaSerial;
      void vscode.commands.executeCommand('stsLens.assumeRole', { ...options, ...(sent && known ? sent : {}), ...add, mfaCode: undefined, advanced: known ? false : options.advanced });
    };
    return run('AssumeRole', () => ops.assumeRole({ ...options, onRequest: (r) => (sent = r) }), () => retry(), {
      profile: sourceProfile,
      sessionId,
      likelyCause: (x) => (x.kind === 'trustPolicyDenied' || x.kind === 'externalIdMismatch') && sent
        ? denials.likelyCause({ source: sessionId ? { sessionId } : { profile: sourceProfile! }, ...sent }, retry)
        : Promise.resolve(undefined),
    });
  });

  // The view title's Assume Role… always asks who calls; the selected (or focused) tree item is only highlighted first.
  register('stsLens.assumeRoleAskingCaller', async (arg: Arg) => {
    const node = arg ?? view.selection[0];
    const sessionId = sessionIdOf(node);
    const profile = profileOf(node);
    try {
      const source = await ops.pickSource(undefined, undefined, sessionId ? { sessionId } : profile ? { profile } : undefined);
      return vscode.commands.executeCommand('stsLens.assumeRole', { ...('profile' in source ? { sourceProfile: source.profile } : { sourceSessionId: source.sessionId }), advanced: true });
    } catch (e) {
      return reportError(log, e, 'AssumeRole');
    }
  });

  register('stsLens.getSessionToken', (arg: Arg) => {
    const given = optionsOf<Parameters<StsOperations['getSessionToken']>[0]>(arg);
    const o = { ...given, profile: profileOf(arg), prompt: given.prompt ?? Object.keys(given).length === 0 };
    return run('GetSessionToken', () => ops.getSessionToken(o), () => void vscode.commands.executeCommand('stsLens.getSessionToken', { ...o, mfaCode: undefined }), { profile: o.profile });
  });

  register('stsLens.getFederationToken', (arg: Arg) => {
    const o = { ...optionsOf<Parameters<StsOperations['getFederationToken']>[0]>(arg), profile: profileOf(arg) };
    return run('GetFederationToken', () => ops.getFederationToken(o), () => void vscode.commands.executeCommand('stsLens.getFederationToken', o), { profile: o.profile });
  });

  register('stsLens.assumeRoleWithWebIdentity', (arg: Arg) => {
    const o = { ...optionsOf<Parameters<StsOperations['assumeRoleWithWebIdentity']>[0]>(arg), profile: profileOf(arg) };
    return run('AssumeRoleWithWebIdentity', () => ops.assumeRoleWithWebIdentity(o), () => void vscode.commands.executeCommand('stsLens.assumeRoleWithWebIdentity', o));
  });

  register('stsLens.assumeRoleWithSaml', (arg: Arg) => {
    const o = { ...optionsOf<Parameters<StsOperations['assumeRoleWithSaml']>[0]>(arg), profile: profileOf(arg) };
    return run('AssumeRoleWithSAML', () => ops.assumeRoleWithSaml(o), () => void vscode.commands.executeCommand('stsLens.assumeRoleWithSaml', o));
  });

  register('stsLens.getCallerIdentity', (arg: Arg) => {
    const sessionId = sessionIdOf(arg) ?? (profileOf(arg) ? undefined : identity.activeSessionId());
    const profile = sessionId ? undefined : profileOf(arg) ?? identity.current()?.profile;
    const quiet = !!optionsOf<{ quiet: boolean }>(arg).quiet;
    return run('GetCallerIdentity', async () => {
      const who = await ops.callerIdentity({ sessionId, profile });
      if (!quiet) {
        void showInfo(vscode.l10n.t('{0} (account {1})', who.arn, who.account), vscode.l10n.t('Copy ARN')).then((c) => {
          if (c) void vscode.env.clipboard.writeText(who.arn);
        });
      }
      return who;
    }, () => void vscode.commands.executeCommand('stsLens.getCallerIdentity', arg), { sessionId, profile });
  });

  const sessionFor = async (arg: Arg, purpose: string): Promise<SessionRecord | undefined> => {
    await sessions.restore();
    const id = sessionIdOf(arg);
    if (id) {
      const r = sessions.get(id);
      if (!r) throw new Error(vscode.l10n.t('the session was forgotten'));
      return r;
    }
    const profile = profileOf(arg);
    if (profile) return sessions.liveProfileSession(profile) ?? ops.startSession({ profile, mfaCode: optionsOf<{ mfaCode: string }>(arg).mfaCode });
    const active = identity.activeSessionId();
    const live = sessions.list().filter((s) => !s.readOnly);
    // With no session yet, the profile question offers the active identity's profile first.
    const suggest = identity.current()?.profile;
    if (!live.length && !active) return ops.startSession({ suggest });
    // The active identity's session (or its profile's live one) comes first, so Enter takes it.
    const mine = active ?? (suggest ? sessions.liveProfileSession(suggest)?.id : undefined);
    const item = (s: SessionRecord) => ({ label: s.arn ?? s.roleArn ?? s.id, description: s.id === mine ? [s.profile, vscode.l10n.t('active identity')].filter(Boolean).join(' · ') : s.profile, id: s.id });
    const add = { label: vscode.l10n.t('$(add) Start a session for a profile…'), id: '' };
    const first = live.filter((s) => s.id === mine).map(item);
    const rest = live.filter((s) => s.id !== mine).map(item);
    const chosen = await vscode.window.showQuickPick([...first, add, ...rest], { title: purpose, placeHolder: vscode.l10n.t('Choose a session') });
    if (!chosen) return undefined;
    return chosen.id ? sessions.get(chosen.id) : ops.startSession({ suggest });
  };

  register('stsLens.openTerminal', (arg: Arg) => {
    const o = optionsOf<{ mode: 'static' | 'refreshing'; cwd: string }>(arg);
    return run(vscode.l10n.t('Open Terminal'), async () => {
      if (!vscode.workspace.isTrusted) {
        void showWarning(vscode.l10n.t('STS Lens opens no credential terminals in an untrusted workspace, because the workspace could run commands with those credentials. Trust the workspace to continue.'), vscode.l10n.t('Manage Workspace Trust')).then((c) => {
          if (c) void vscode.commands.executeCommand('workbench.trust.manage');
        });
        return undefined;
      }
      const record = await sessionFor(arg, vscode.l10n.t('Open Terminal as…'));
      if (!record) return undefined;
      if (record.readOnly) throw new Error(vscode.l10n.t('sessions from the AWS CLI or SSO cache are read-only here; start a session for the profile instead'));
      const profile = record.profile ? store.profile(record.profile) : undefined;
      const target = CredentialTerminals.envTarget(record, profile);
      const opened = await terminals.open(record, settings().terminalMode, target, { mode: o.mode, cwd: o.cwd });
      return { name: opened.name, mode: opened.mode, sessionId: record.id };
    }, () => void vscode.commands.executeCommand('stsLens.openTerminal', arg), { sessionId: sessionIdOf(arg) });
  });

  register('stsLens.refreshSession', (arg: Arg) => {
    const id = sessionIdOf(arg);
    return run(vscode.l10n.t('Refresh Session'), async () => {
      if (!id) throw new Error(vscode.l10n.t('choose a session in the Profiles view to refresh'));
      await sessions.refresh(id, true);
      return sessions.get(id);
    }, () => void vscode.commands.executeCommand('stsLens.refreshSession', { sessionId: id }), { sessionId: id, announce: false });
  });

  const copy = (format: 'export' | 'credentialProcess') => (arg: Arg) => {
    const id = sessionIdOf(arg);
    return run(format === 'export' ? vscode.l10n.t('Copy as export lines') : vscode.l10n.t('Copy as credential_process JSON'), async () => {
      const record = id ? sessions.get(id) : await sessionFor(arg, vscode.l10n.t('Copy credentials of…'));
      if (!record) return undefined;
      const c = await sessions.freshCredentials(record.id, true);
      const creds = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration?.getTime() };
      const profile = record.profile ? store.profile(record.profile) : undefined;
      const shell = (optionsOf<{ shell: ShellKind }>(arg).shell) ?? shellKind();
      const text = format === 'export' ? exportLines(creds, CredentialTerminals.envTarget(record, profile), shell) : credentialProcessJson(creds);
      await vscode.env.clipboard.writeText(text);
      void showInfo(format === 'export'
        ? vscode.l10n.t('Copied {0} lines that set the credentials of {1}. They contain a secret: paste them only into your own terminal.', shell, record.arn ?? record.id)
        : vscode.l10n.t('Copied credential_process JSON for {0}. It contains a secret.', record.arn ?? record.id));
      return { copied: true };
    }, () => void vscode.commands.executeCommand(format === 'export' ? 'stsLens.copyExportLines' : 'stsLens.copyCredentialProcess', arg), { sessionId: id });
  };
  register('stsLens.copyExportLines', copy('export'));
  register('stsLens.copyCredentialProcess', copy('credentialProcess'));

  register('stsLens.forgetSession', async (arg: Arg) => {
    const id = sessionIdOf(arg);
    if (!id) return false;
    const wasActive = identity.activeSessionId() === id;
    const forgotten = sessions.forget(id);
    if (wasActive) await identity.choose(undefined);
    return forgotten;
  });

  register('stsLens.pinSession', async (arg: Arg) => {
    const id = sessionIdOf(arg);
    if (id) await sessions.setPinned(id, true);
  });
  register('stsLens.unpinSession', async (arg: Arg) => {
    const id = sessionIdOf(arg);
    if (id) await sessions.setPinned(id, false);
  });

  register('stsLens.setActiveIdentity', async (arg: Arg) => {
    const id = sessionIdOf(arg);
    if (id) {
      const r = sessions.get(id);
      if (r) await identity.choose({ type: 'session', id, profile: r.profile });
    } else {
      const profile = profileOf(arg);
      if (profile) await identity.choose({ type: 'profile', name: profile });
    }
    return identity.current()?.label;
  });

  register('stsLens.switchIdentity', async () => {
    const choice = await identity.pickChoice();
    if (choice) await identity.choose(choice);
    return identity.current()?.label;
  });

  register('stsLens.openTrustPolicy', openTrustPolicy);

  register('stsLens.internal.listSessions', async () => {
    await sessions.restore();
    return [...sessions.list(), ...(store.current?.diskSessions ?? [])];
  });
  register('stsLens.internal.treeSnapshot', async () => {
    await store.ensureLoaded();
    return tree.snapshot();
  });
  register('stsLens.internal.setClockOffset', (ms: number) => {
    clock.setOffset(Number(ms) || 0);
    tree.refresh();
    statusBar.render();
  });
  register('stsLens.internal.simulateReload', () => sessions.simulateReload());
  register('stsLens.internal.state', () => ({ statusBar: statusBar.state, credentialGrants: terminals.activeGrants, treeTicks: tree.ticks, awsFilesParsed: sdkParsedFiles(), activeIdentity: identity.current()?.label, credentialProgress: ops.credentialProgress.titles }));
  register('stsLens.internal.cancelCredentialProgress', () => ops.credentialProgress.cancelShown());

  withParts?.({ store, sessions, identity, ops, started });
  return identity;
}
