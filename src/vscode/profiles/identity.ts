import * as vscode from 'vscode';
import type { ActiveIdentity } from '../../core/identity';
import { stsEndpointText, type EndpointOrigin } from '../../core/profiles/endpointTrust';
import { shortRoleArn } from '../../core/profiles/model';
import { profileKindLabel } from './profileText';
import { countdown, countdownState, nextChangeAt } from '../../core/sessions/session';
import { countdownShortText, countdownText, sessionTitle } from './sessionText';
import type { IdentityService, KnownIdentitySource } from '../context';
import type { StsOperations } from './operations';
import type { ProfilesStore } from './profilesStore';
import type { SessionStore } from './sessionStore';

type Choice = { readonly type: 'profile'; readonly name: string } | { readonly type: 'session'; readonly id: string; readonly profile?: string };

const ACTIVE_KEY = 'stsLens.activeIdentity';

/**
 * Who the extension acts as: a session or a profile the person chose, else AWS_PROFILE or the
 * default profile. The choice (names and ids only) survives reloads in globalState.
 */
export class IdentityServiceImpl implements IdentityService, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ActiveIdentity | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly memento: vscode.Memento,
    private readonly profiles: ProfilesStore,
    private readonly sessions: SessionStore,
    private readonly ops: StsOperations,
  ) {
    this.disposables.push(
      profiles.onDidChange(() => this.changed.fire(this.current())),
      sessions.onDidChange(() => this.changed.fire(this.current())),
    );
  }

  private choice(): Choice | undefined {
    return this.memento.get<Choice>(ACTIVE_KEY);
  }

  async choose(choice: Choice | undefined): Promise<void> {
    await this.memento.update(ACTIVE_KEY, choice);
    this.changed.fire(this.current());
  }

  /** The active session's record when a live session is chosen. */
  activeSessionId(): string | undefined {
    const c = this.choice();
    return c?.type === 'session' && this.sessions.get(c.id) ? c.id : undefined;
  }

  current(): ActiveIdentity | undefined {
    return this.resolve(true);
  }

  /** Like `current()`, but never starts reading the AWS files (the status bar at startup). */
  peek(): ActiveIdentity | undefined {
    return this.resolve(false);
  }

  private resolve(load: boolean, c: Choice | undefined = this.choice()): ActiveIdentity | undefined {
    if (c?.type === 'session') {
      const r = this.sessions.get(c.id);
      if (r) {
        return { label: sessionTitle(r), profile: r.profile, region: r.region, endpoint: r.endpoint, endpointOrigin: r.endpoint ? 'session' : undefined, getCredentials: () => this.sessions.freshCredentials(r.id, true) };
      }
      if (c.profile) return this.profileIdentity(c.profile, load);
    }
    if (c?.type === 'profile') return this.profileIdentity(c.name, load);
    return this.profileIdentity(process.env.AWS_PROFILE || 'default', load);
  }

  private profileIdentity(name: string, load: boolean): ActiveIdentity | undefined {
    const snap = this.profiles.current;
    if (!snap && load) void this.profiles.ensureLoaded();
    const p = snap?.model.profiles.get(name);
    if (snap && !p) return undefined;
    const target = this.ops.plannedTarget(p);
    return {
      label: p?.roleArn ? `${name} (${shortRoleArn(p.roleArn)})` : name,
      profile: name,
      region: target.region,
      endpoint: target.endpoint,
      endpointOrigin: target.endpointOrigin,
      useGlobalEndpoint: target.useGlobalEndpoint,
      getCredentials: async () => {
        const loaded = await this.profiles.ensureLoaded();
        const profile = loaded.model.profiles.get(name);
        if (!profile) throw new Error(vscode.l10n.t('there is no profile named "{0}" in {1}', name, loaded.paths.config));
        return this.ops.profileCredentials(profile, true);
      },
    };
  }

  asProfile(name: string): ActiveIdentity | undefined {
    return this.profileIdentity(name, true);
  }

  async known(): Promise<KnownIdentitySource[]> {
    const snap = await this.profiles.ensureLoaded();
    await this.sessions.restore();
    const now = this.sessions.clock.now();
    const out: KnownIdentitySource[] = [];
    const active = this.activeSessionId();
    for (const s of this.sessions.list().filter((r) => !r.readOnly && (r.expiration === undefined || r.expiration > now))) {
      const renew = this.sessions.renewSpec(s.id);
      const credentials = renew?.kind === 'GetSessionToken' ? { kind: renew.kind, mfa: !!renew.request.mfaSerial } : undefined;
      // A GetSessionToken session's caller is the IAM user whose keys made it: its profile answers when the session's own call fails.
      const ask = async () => (await this.ops.callerIdentity({ sessionId: s.id })).arn;
      const callerArn = credentials && s.profile ? () => ask().catch(async () => (await this.ops.callerIdentity({ profile: s.profile })).arn) : ask;
      out.push({ kind: 'session', key: `session:${s.id}`, label: sessionTitle(s), arn: s.arn, callerArn, credentials, active: s.id === active });
    }
    for (const p of snap.model.profiles.values()) {
      // A profile that needs an MFA code is not signed in just to learn who it is: its role stands for it.
      const prompts = !!p.mfaSerial && !this.sessions.liveProfileSession(p.name);
      out.push(prompts ? { kind: 'profile', key: `profile:${p.name}`, label: p.name, arn: p.roleArn } : { kind: 'profile', key: `profile:${p.name}`, label: p.name, callerArn: async () => (await this.ops.callerIdentity({ profile: p.name })).arn });
    }
    for (const arn of this.ops.recentRoles()) out.push({ kind: 'recent-role', key: `role:${arn}`, label: shortRoleArn(arn), arn });
    return out;
  }

  async pick(placeHolder?: string): Promise<ActiveIdentity | undefined> {
    const choice = await this.pickChoice(placeHolder);
    if (!choice) return undefined;
    await this.choose(choice);
    return this.current();
  }

  async pickOnce(placeHolder?: string): Promise<ActiveIdentity | undefined> {
    const choice = await this.pickChoice(placeHolder, vscode.l10n.t('STS Lens: Read as Another Identity (the active identity stays)'));
    return choice && this.resolve(true, choice);
  }

  /** Sessions first, then profiles, then recent roles (assumed on choice). */
  async pickChoice(placeHolder = vscode.l10n.t('Act as… (sessions, profiles, recent roles)'), title = vscode.l10n.t('STS Lens: Switch Identity')): Promise<Choice | undefined> {
    const snap = await this.profiles.ensureLoaded();
    await this.sessions.restore();
    const now = this.sessions.clock.now();
    type Item = vscode.QuickPickItem & { choice?: Choice; roleArn?: string };
    const live = this.sessions.list().filter((s) => !s.readOnly && (s.expiration === undefined || s.expiration > now));
    const items: Item[] = [];
    if (live.length) items.push({ label: vscode.l10n.t('Sessions'), kind: vscode.QuickPickItemKind.Separator });
    for (const s of live) items.push({ label: `$(key) ${sessionTitle(s)}`, description: `${countdownText(countdown(s.expiration, now))}${s.profile ? ` · ${s.profile}` : ''}`, detail: s.arn ?? s.roleArn, choice: { type: 'session', id: s.id, profile: s.profile } });
    items.push({ label: vscode.l10n.t('Profiles'), kind: vscode.QuickPickItemKind.Separator });
    for (const p of snap.model.profiles.values()) items.push({ label: `$(account) ${p.name}`, description: [profileKindLabel(p.kind), p.region].filter(Boolean).join(' · '), detail: p.roleArn, choice: { type: 'profile', name: p.name } });
    const recent = this.ops.recentRoles();
    if (recent.length) items.push({ label: vscode.l10n.t('Recent roles'), kind: vscode.QuickPickItemKind.Separator });
    for (const arn of recent) items.push({ label: `$(history) ${shortRoleArn(arn)}`, description: vscode.l10n.t('assume role'), detail: arn, roleArn: arn });
    const chosen = await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, matchOnDetail: true });
    if (!chosen) return undefined;
    if (chosen.roleArn) {
      const record = await vscode.commands.executeCommand<{ id?: string; profile?: string } | undefined>('stsLens.assumeRole', { roleArn: chosen.roleArn });
      return record?.id ? { type: 'session', id: record.id, profile: record.profile } : undefined;
    }
    return chosen.choice;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

/** The status-bar item: active identity, time left, warning colour near expiry. */
export class IdentityStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly identity: IdentityServiceImpl, private readonly sessions: SessionStore, private warningMs: () => number) {
    this.item = vscode.window.createStatusBarItem('stsLens.identity', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('STS Lens Identity');
    this.item.command = 'stsLens.switchIdentity';
    this.disposables.push(identity.onDidChange(() => this.render()));
    this.render();
    this.item.show();
  }

  render(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.sessions.clock.now();
    const id = this.identity.activeSessionId();
    const current = this.identity.peek();
    // A chosen profile shows the time left of its live session, when it has one.
    const record = id ? this.sessions.get(id) : current?.profile ? this.sessions.liveProfileSession(current.profile) : undefined;
    const label = current ? shorten(current.label) : vscode.l10n.t('no AWS identity');
    if (record?.expiration !== undefined) {
      const left = countdown(record.expiration, now);
      const text = countdownText(left);
      const state = countdownState(record.expiration, now, this.warningMs());
      this.item.text = `$(key) ${label} · ${countdownShortText(left)}`;
      this.item.backgroundColor = state === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : state === 'expired' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
      this.item.tooltip = vscode.l10n.t('STS Lens: acting as {0} ({1}).\n{2}\nClick to switch.', record.arn ?? current?.label ?? '', text, endpointLine(record.endpoint, record.region, false, 'session'));
      const next = nextChangeAt(record.expiration, now, this.warningMs());
      if (next !== undefined) this.timer = setTimeout(() => this.render(), Math.min(Math.max(next - now, 50), 2 ** 31 - 1));
    } else {
      this.item.text = `$(key) ${label}`;
      this.item.backgroundColor = undefined;
      this.item.tooltip = current
        ? vscode.l10n.t('STS Lens: acting as {0} ({1}).\n{2}\nClick to switch.', current.label, current.region, endpointLine(current.endpoint, current.region, current.useGlobalEndpoint, current.endpointOrigin))
        : vscode.l10n.t('STS Lens: no AWS identity. Click to choose a profile or session.');
    }
  }

  /** What the item shows, for tests. */
  get state(): { text: string; tooltip: string; warning: boolean } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), warning: !!this.item.backgroundColor };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}

/** Where STS calls go and who chose that, so a workspace-chosen endpoint is visible. */
function endpointLine(endpoint: string | undefined, region: string, useGlobalEndpoint: boolean | undefined, origin: EndpointOrigin | undefined): string {
  const url = stsEndpointText(endpoint, region, useGlobalEndpoint);
  if (!endpoint) return vscode.l10n.t('STS endpoint: {0} (AWS default)', url);
  return origin ? vscode.l10n.t('STS endpoint: {0} (from {1})', url, endpointOriginText(origin)) : vscode.l10n.t('STS endpoint: {0}', url);
}

/**
 * The status bar's label: whole up to 48 characters; longer, the profile name without its role in
 * parentheses (never half an account ID; the tooltip has it all), and only then cut.
 */
function shorten(label: string): string {
  if (label.length <= 48) return label;
  const paren = label.indexOf(' (');
  if (paren > 0 && paren <= 48) return label.slice(0, paren);
  return `${label.slice(0, 47)}…`;
}

/** Who chose an endpoint, for the status bar's tooltip (core's refusal messages word it in English). */
function endpointOriginText(origin: EndpointOrigin): string {
  switch (origin) {
    case 'awsConfig': return vscode.l10n.t('the AWS config (endpoint_url)');
    case 'userSettings': return vscode.l10n.t('your user settings (stsLens.sts.endpoint)');
    case 'workspaceSettings': return vscode.l10n.t("this workspace's settings (stsLens.sts.endpoint in .vscode/settings.json or the .code-workspace file)");
    case 'folderSettings': return vscode.l10n.t("a workspace folder's settings (stsLens.sts.endpoint in its .vscode/settings.json)");
    case 'session': return vscode.l10n.t('the session (the endpoint it was started with)');
  }
}
