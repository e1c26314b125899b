/**
 * The IAM Identity Center view: each sign-in with its own countdown, the accounts it reaches and
 * their roles, with the live session of a role beside it.
 */
import * as vscode from 'vscode';
import { mdText } from '../../core/markdown';
import { countdown, countdownState, nextChangeAt } from '../../core/sessions/session';
import { countdownText } from '../profiles/sessionText';
import type { SsoAccount } from '../../aws/sso';
import type { ProfilesParts } from '../profiles/register';
import type { Directory } from './directory';
import { listedProfiles } from '../../core/sso/signInEntries';
import { signInEntries, type SignInEntry, type SignInState, type SignIns } from './signIns';

export type IdentityCenterNode =
  | { readonly type: 'signIn'; readonly entry: SignInEntry }
  | { readonly type: 'account'; readonly entry: SignInEntry; readonly account: SsoAccount }
  | { readonly type: 'role'; readonly entry: SignInEntry; readonly account: SsoAccount; readonly roleName: string }
  | { readonly type: 'message'; readonly id: string; readonly text: string; readonly tooltip?: string; readonly error?: boolean };

/**
 * A sign-in row's tooltip, as Markdown. The label, start URL, region, endpoint and profile names
 * come from the AWS config file and the message from the cache file: each reads as itself.
 */
export function signInTooltipMarkdown(entry: SignInEntry, s: SignInState): string {
  const lines = [
    `**${mdText(entry.label)}** — ${vscode.l10n.t('IAM Identity Center')}`,
    vscode.l10n.t('Start URL: {0}', mdText(entry.key.startUrl)),
    vscode.l10n.t('Region: {0}', mdText(entry.key.region)),
  ];
  if (entry.endpoint) lines.push(vscode.l10n.t('Endpoint: {0}', mdText(entry.endpoint)));
  const { names, more } = listedProfiles(entry);
  if (more) lines.push(vscode.l10n.t('Profiles: {0} and {1} more', names.map(mdText).join(', '), more.toLocaleString('en-US')));
  else if (names.length) lines.push(vscode.l10n.t('Profiles: {0}', names.map(mdText).join(', ')));
  if (s.kind === 'signedIn') lines.push(s.refreshable ? vscode.l10n.t('Signed in until {0}; refreshed automatically before it expires', new Date(s.expiresAt).toLocaleString()) : vscode.l10n.t('Signed in until {0}', new Date(s.expiresAt).toLocaleString()));
  if (s.kind === 'unusable') lines.push(mdText(s.message));
  return lines.join('\n\n');
}

export class IdentityCenterTreeProvider implements vscode.TreeDataProvider<IdentityCenterNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IdentityCenterNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly states = new Map<string, SignInState>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private visible = false;

  constructor(private readonly parts: ProfilesParts, private readonly signIns: SignIns, private readonly directory: Directory, private readonly warningMs: () => number) {
    this.disposables.push(parts.store.onDidChange(() => this.refresh()), signIns.onDidChange(() => this.refresh()), parts.sessions.onDidChange(() => this.changed.fire(undefined)));
  }

  entries(): SignInEntry[] {
    const snap = this.parts.store.current;
    return snap ? signInEntries(snap.model) : [];
  }

  entry(id: string): SignInEntry | undefined {
    return this.entries().find((e) => e.id === id);
  }

  refresh(): void {
    this.states.clear();
    this.changed.fire(undefined);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.refresh();
    else if (this.timer) clearTimeout(this.timer);
  }

  /** Redraws when a sign-in's countdown text next changes. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.visible) return;
    const now = this.parts.sessions.clock.now();
    const next = [...this.states.values()].map((s) => (s.kind === 'signedIn' ? nextChangeAt(s.expiresAt, now, this.warningMs()) : undefined)).filter((t): t is number => t !== undefined);
    if (next.length) this.timer = setTimeout(() => this.refresh(), Math.min(Math.max(Math.min(...next) - now, 50), 2 ** 31 - 1));
  }

  private async stateOf(e: SignInEntry): Promise<SignInState> {
    let s = this.states.get(e.id);
    if (!s) {
      s = await this.signIns.state(e);
      this.states.set(e.id, s);
      this.schedule();
    }
    return s;
  }

  async getTreeItem(node: IdentityCenterNode): Promise<vscode.TreeItem> {
    const now = this.parts.sessions.clock.now();
    switch (node.type) {
      case 'signIn': {
        const s = await this.stateOf(node.entry);
        const signedIn = s.kind === 'signedIn';
        const item = new vscode.TreeItem(node.entry.label, signedIn ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = `sso:${node.entry.id}:${signedIn ? 'in' : 'out'}`;
        const expired = signedIn && s.expiresAt <= now;
        item.description = s.kind === 'signedIn' ? (expired ? vscode.l10n.t('sign-in expired · refreshes when used') : vscode.l10n.t('signed in · {0}', countdownText(countdown(s.expiresAt, now)))) : s.kind === 'unusable' ? vscode.l10n.t('cache file unusable') : vscode.l10n.t('signed out · select to sign in');
        const state = s.kind === 'signedIn' ? countdownState(s.expiresAt, now, this.warningMs()) : 'none';
        item.iconPath = s.kind === 'unusable' ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : !signedIn ? new vscode.ThemeIcon('sign-in')
          : state === 'warning' || expired ? new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon('organization', new vscode.ThemeColor('testing.iconPassed'));
        item.tooltip = new vscode.MarkdownString(signInTooltipMarkdown(node.entry, s));
        item.contextValue = `stsLens.sso.${s.kind}`;
        if (!signedIn) item.command = { command: 'stsLens.sso.signIn', title: vscode.l10n.t('Sign In'), arguments: [node] };
        return item;
      }
      case 'account': {
        const item = new vscode.TreeItem(node.account.accountName, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `sso:${node.entry.id}:${node.account.accountId}`;
        item.description = node.account.accountId;
        item.iconPath = new vscode.ThemeIcon('account');
        item.tooltip = `${node.account.accountName} (${node.account.accountId})${node.account.emailAddress ? `\n${node.account.emailAddress}` : ''}`;
        item.contextValue = 'stsLens.sso.account';
        return item;
      }
      case 'role': {
        const item = new vscode.TreeItem(node.roleName);
        item.id = `sso:${node.entry.id}:${node.account.accountId}:${node.roleName}`;
        const live = this.directory.liveSession({ entry: node.entry, accountId: node.account.accountId, roleName: node.roleName });
        const active = live && this.parts.identity.activeSessionId() === live.id;
        item.description = live ? [vscode.l10n.t('session {0}', countdownText(countdown(live.expiration, now))), active ? vscode.l10n.t('active') : undefined].filter(Boolean).join(' · ') : undefined;
        item.iconPath = new vscode.ThemeIcon(live ? 'pass' : 'person', live ? new vscode.ThemeColor('testing.iconPassed') : undefined);
        item.tooltip = live?.arn
          ? vscode.l10n.t('{0} in {1} ({2})\nSession: {3}', node.roleName, node.account.accountName, node.account.accountId, live.arn)
          : vscode.l10n.t('{0} in {1} ({2})', node.roleName, node.account.accountName, node.account.accountId);
        item.contextValue = live ? 'stsLens.sso.role.live' : 'stsLens.sso.role';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.id = `sso-message:${node.id}`;
        item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info', node.error ? new vscode.ThemeColor('errorForeground') : undefined);
        item.tooltip = node.tooltip ?? node.text;
        return item;
      }
    }
  }

  async getChildren(node?: IdentityCenterNode): Promise<IdentityCenterNode[]> {
    if (!node) {
      await this.parts.store.ensureLoaded();
      return this.entries().map((entry) => ({ type: 'signIn' as const, entry }));
    }
    try {
      if (node.type === 'signIn') {
        if ((await this.stateOf(node.entry)).kind !== 'signedIn') return [];
        const accounts = await this.directory.accounts(node.entry);
        if (!accounts.length) return [{ type: 'message', id: `${node.entry.id}:none`, text: vscode.l10n.t('No accounts are assigned to you') }];
        return accounts.map((account) => ({ type: 'account' as const, entry: node.entry, account }));
      }
      if (node.type === 'account') {
        const roles = await this.directory.accountRoles(node.entry, node.account.accountId);
        if (!roles.length) return [{ type: 'message', id: `${node.entry.id}:${node.account.accountId}:none`, text: vscode.l10n.t('No roles in this account are assigned to you') }];
        return roles.map((roleName) => ({ type: 'role' as const, entry: node.entry, account: node.account, roleName }));
      }
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      return [{ type: 'message', id: `${node.type}:error`, text: text.length > 120 ? `${text.slice(0, 117)}…` : text, tooltip: text, error: true }];
    }
    return [];
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
