import * as path from 'path';
import * as vscode from 'vscode';
import { chainStepCount, chainText, isBrokenChain, needsMfa, profileChain, shortChainText, type AwsProfile, type ProfileKind } from '../../core/profiles/model';
import { CHAIN_WORDS, profileKindLabel } from './profileText';
import { CountdownScheduler } from '../../core/sessions/countdownScheduler';
import type { CountdownState, SessionRecord } from '../../core/sessions/session';
import { sessionGroupProfile } from '../../core/sessions/sessionView';
import { countdownText, sessionDescription, sessionRowLabel } from './sessionText';
import type { FileProblem, ProfilesSnapshot, ProfilesStore } from './profilesStore';
import type { SessionStore } from './sessionStore';
import { profileTooltipMarkdown, sessionTooltipMarkdown } from './tooltips';

export type ProfilesNode =
  | { readonly type: 'problem'; readonly problem: FileProblem }
  | { readonly type: 'loading' }
  | { readonly type: 'profile'; readonly profile: AwsProfile }
  | { readonly type: 'chain'; readonly profile: string; readonly text: string; readonly fullText: string; readonly broken: boolean }
  | { readonly type: 'group'; readonly id: 'other' | 'cli' | 'sso'; readonly label: string }
  | SessionNode;

export interface SessionNode {
  readonly type: 'session';
  record: SessionRecord;
  /** Set when one record is listed in several places (an SSO sign-in under each profile that uses it): tree ids must differ. */
  readonly parent?: string;
}

const KIND_ICONS: Record<ProfileKind, string> = {
  static: 'key',
  role: 'person',
  sso: 'organization',
  process: 'terminal-cmd',
  rolesAnywhere: 'workspace-trusted',
  webIdentity: 'globe',
  login: 'sign-in',
  regionOnly: 'settings-gear',
};

function stateIcon(state: CountdownState, pinned: boolean | undefined): vscode.ThemeIcon {
  switch (state) {
    case 'expired': return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('errorForeground'));
    case 'warning': return new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground'));
    case 'none': return new vscode.ThemeIcon(pinned ? 'pinned' : 'key');
    default: return new vscode.ThemeIcon(pinned ? 'pinned' : 'pass', new vscode.ThemeColor('testing.iconPassed'));
  }
}

/**
 * The Profiles view: error nodes for broken files first, then each profile with its chain and its
 * sessions, then sessions that belong to no profile and the read-only CLI/SSO caches. Countdown
 * labels redraw individually, only when their text changes and only while the view is visible.
 */
export class ProfilesTreeProvider implements vscode.TreeDataProvider<ProfilesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProfilesNode | ProfilesNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sessionNodes = new Map<string, SessionNode>();
  private readonly scheduler: CountdownScheduler;
  private timer: NodeJS.Timeout | undefined;
  private visible = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** Ticks that redrew at least one label; for tests and the bench. */
  ticks = 0;
  /** Who the extension acts as, marked "active" in the tree. */
  active: () => { readonly sessionId?: string; readonly profile?: string } | undefined = () => undefined;

  constructor(private readonly store: ProfilesStore, private readonly sessions: SessionStore, warningMs: number, private readonly showDiskSessions: () => boolean) {
    this.scheduler = new CountdownScheduler(warningMs);
    this.disposables.push(store.onDidChange(() => this.refresh()), sessions.onDidChange(() => this.refresh()));
  }

  setWarningMs(ms: number): void {
    this.scheduler.setWarningMs(ms);
    this.refresh();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      void this.store.ensureLoaded();
      void this.sessions.restore();
      this.scheduler.reset();
      this.schedule(true);
    } else if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  refresh(): void {
    this.changed.fire(undefined);
    // The full redraw shows every label as of now; the scheduler only needs to learn them.
    this.schedule(false);
  }

  private diskSessions(): readonly SessionRecord[] {
    return this.showDiskSessions() ? this.store.current?.diskSessions ?? [] : [];
  }

  private allSessions(): SessionRecord[] {
    return [...this.sessions.list(), ...this.diskSessions()];
  }

  /** Plans the next redraw from the countdowns' next text change. */
  private schedule(redraw = true): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.visible) return;
    const now = this.sessions.clock.now();
    const { changed, nextAt } = this.scheduler.tick(this.allSessions().map((s) => ({ id: s.id, expiration: s.expiration })), now);
    const ids = new Set(changed);
    const nodes = [...this.sessionNodes.values()].filter((n) => ids.has(n.record.id));
    if (redraw && nodes.length) {
      this.ticks++;
      this.changed.fire(nodes);
    }
    if (nextAt !== undefined) this.timer = setTimeout(() => this.schedule(true), Math.min(Math.max(nextAt - now, 50), 2 ** 31 - 1));
  }

  private sessionNode(record: SessionRecord, parent?: string): SessionNode {
    const key = parent ? `${parent}\u0000${record.id}` : record.id;
    let node = this.sessionNodes.get(key);
    if (!node) {
      node = { type: 'session', record, ...(parent ? { parent } : {}) };
      this.sessionNodes.set(key, node);
    }
    node.record = record;
    return node;
  }

  getTreeItem(node: ProfilesNode): vscode.TreeItem {
    const snap = this.store.current;
    switch (node.type) {
      case 'loading': {
        const item = new vscode.TreeItem(vscode.l10n.t('Loading AWS profiles…'));
        item.iconPath = new vscode.ThemeIcon('loading~spin');
        return item;
      }
      case 'problem': {
        const p = node.problem;
        const where = p.line >= 0 ? vscode.l10n.t('{0} line {1}', path.basename(p.file), p.line + 1) : path.basename(p.file);
        const item = new vscode.TreeItem(`${where}: ${p.message}`);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.tooltip = `${p.file}${p.line >= 0 ? `:${p.line + 1}:${p.column + 1}` : ''}\n${p.message}`;
        item.contextValue = 'stsLens.problem';
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.file(p.file), { selection: new vscode.Range(Math.max(p.line, 0), p.column, Math.max(p.line, 0), p.column) }] };
        return item;
      }
      case 'profile': {
        const p = node.profile;
        const mfa = snap ? needsMfa(snap.model, p.name) : !!p.mfaSerial;
        const hasChildren = this.childrenOfProfile(p).length > 0;
        const item = new vscode.TreeItem(p.name, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        // VS Code keeps an id's collapse state; a profile that gains its first session must open.
        item.id = `profile:${p.name}:${hasChildren ? 'parent' : 'leaf'}`;
        const active = this.active();
        // "active" first: the row is cut at the sidebar's edge.
        item.description = [!active?.sessionId && active?.profile === p.name ? vscode.l10n.t('active') : undefined, profileKindLabel(p.kind), p.region, mfa ? vscode.l10n.t('MFA') : undefined].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[p.kind]);
        item.tooltip = new vscode.MarkdownString(profileTooltipMarkdown(p, { mfa, ...(snap ? { chain: chainText(profileChain(snap.model, p.name), CHAIN_WORDS) } : {}) }));
        item.contextValue = `stsLens.profile.${p.kind}${mfa ? '.mfa' : ''}`;
        return item;
      }
      case 'chain': {
        const item = new vscode.TreeItem(node.text);
        item.id = `chain:${node.profile}`;
        item.iconPath = new vscode.ThemeIcon(node.broken ? 'warning' : 'arrow-right', node.broken ? new vscode.ThemeColor('list.warningForeground') : undefined);
        item.tooltip = node.broken ? vscode.l10n.t('The source_profile chain of {0} is broken: {1}', node.profile, node.fullText) : vscode.l10n.t('Credential chain of {0}: {1}', node.profile, node.fullText);
        item.contextValue = 'stsLens.chain';
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${node.id}`;
        item.iconPath = new vscode.ThemeIcon(node.id === 'other' ? 'history' : node.id === 'sso' ? 'organization' : 'archive');
        item.contextValue = 'stsLens.group';
        return item;
      }
      case 'session': {
        const r = node.record;
        const { countdown, state } = this.scheduler.view({ id: r.id, expiration: r.expiration }, this.sessions.clock.now());
        const text = countdownText(countdown);
        const group = this.groupOf(r);
        const item = new vscode.TreeItem(sessionRowLabel(r, group ? this.store.profile(group) : undefined));
        item.id = `session:${node.parent ? `${node.parent}:` : ''}${r.id}`;
        const active = this.active()?.sessionId === r.id;
        item.description = sessionDescription(text, { active, sourceIdentity: r.sourceIdentity, readOnly: r.readOnly });
        item.iconPath = stateIcon(state, r.pinned);
        item.tooltip = new vscode.MarkdownString(sessionTooltipMarkdown(r, { active, countdown: text }));
        item.contextValue = `stsLens.session${r.readOnly ? '.readonly' : r.pinned ? '.pinned' : ''}`;
        return item;
      }
    }
  }

  private childrenOfProfile(p: AwsProfile): ProfilesNode[] {
    const snap = this.store.current;
    const out: ProfilesNode[] = [];
    if (snap) {
      const chain = profileChain(snap.model, p.name);
      // Neither reads the chain's whole list of steps: every profile of a loop of 10,000 is asked.
      const broken = isBrokenChain(chain);
      if (broken || chainStepCount(chain) > 1) {
        out.push({ type: 'chain', profile: p.name, text: shortChainText(chain, CHAIN_WORDS), fullText: chainText(chain, CHAIN_WORDS), broken });
      }
    }
    const own = this.sessions.list().filter((s) => this.groupOf(s) === p.name);
    const sso = this.diskSessions().filter((s) => s.operation === 'ssoToken' && p.ssoStartUrl && s.startUrl === p.ssoStartUrl);
    for (const s of [...own, ...sso].sort((a, b) => (b.expiration ?? Infinity) - (a.expiration ?? Infinity))) out.push(this.sessionNode(s, s.operation === 'ssoToken' ? `profile:${p.name}` : undefined));
    return out;
  }

  /** The profile a session is listed under: the one naming its role when there is one. */
  private groupOf(s: SessionRecord): string | undefined {
    return sessionGroupProfile(s, this.store.current?.model.profiles.values() ?? []);
  }

  getChildren(node?: ProfilesNode): ProfilesNode[] {
    const snap = this.store.current;
    if (!node) {
      if (!snap) {
        void this.store.ensureLoaded();
        return [{ type: 'loading' }];
      }
      return this.roots(snap);
    }
    if (node.type === 'profile') return this.childrenOfProfile(node.profile);
    if (node.type === 'group') {
      const now = this.sessions.clock.now();
      if (node.id === 'other') return this.sessions.list().filter((s) => !snap?.model.profiles.has(this.groupOf(s) ?? '')).map((s) => this.sessionNode(s));
      const kind = node.id === 'cli' ? 'cliCache' : 'ssoToken';
      return this.diskSessions().filter((s) => s.operation === kind && (s.expiration ?? now) > now - 24 * 3600_000).map((s) => this.sessionNode(s));
    }
    return [];
  }

  private roots(snap: ProfilesSnapshot): ProfilesNode[] {
    const out: ProfilesNode[] = snap.problems.map((problem) => ({ type: 'problem' as const, problem }));
    const names = [...snap.model.profiles.keys()].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
    for (const name of names) out.push({ type: 'profile', profile: snap.model.profiles.get(name)! });
    if (this.sessions.list().some((s) => !snap.model.profiles.has(this.groupOf(s) ?? ''))) out.push({ type: 'group', id: 'other', label: vscode.l10n.t('Other sessions') });
    const now = this.sessions.clock.now();
    const recent = (s: SessionRecord) => (s.expiration ?? now) > now - 24 * 3600_000;
    if (this.diskSessions().some((s) => s.operation === 'cliCache' && recent(s))) out.push({ type: 'group', id: 'cli', label: vscode.l10n.t('AWS CLI cache') });
    const ssoUnmatched = this.diskSessions().filter((s) => s.operation === 'ssoToken' && recent(s));
    if (ssoUnmatched.length) out.push({ type: 'group', id: 'sso', label: vscode.l10n.t('SSO sign-ins') });
    // Reading the files can succeed with nothing in them; the welcome view covers that case.
    return out;
  }

  getParent(): undefined {
    return undefined;
  }

  /** The tree as plain data (labels and descriptions), for tests. */
  async snapshot(): Promise<{ id?: string; label: string; description?: string; tooltip?: string; contextValue?: string; children: unknown[] }[]> {
    const walk = async (nodes: ProfilesNode[]): Promise<{ id?: string; label: string; description?: string; tooltip?: string; contextValue?: string; children: unknown[] }[]> =>
      Promise.all(nodes.map(async (n) => {
        const item = this.getTreeItem(n);
        const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
        const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
        return { id: item.id, label, description: typeof item.description === 'string' ? item.description : undefined, tooltip, contextValue: item.contextValue, children: await walk(this.getChildren(n)) };
      }));
    return walk(this.getChildren());
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
