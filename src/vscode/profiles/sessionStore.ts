import * as vscode from 'vscode';
import type { TemporaryCredentials } from '../../core/identity';
import type { AssumeRoleRequest, FederationTokenRequest, GetSessionTokenRequest, WebIdentityRequest } from '../../core/sessions/limits';
import { needsRefresh, type SessionRecord } from '../../core/sessions/session';

export type SourceRef = { readonly profile: string } | { readonly sessionId: string };

/** How to renew a session, as data, so pinned sessions can still be renewed after a reload. No secrets. */
export type RenewSpec =
  | { readonly kind: 'profile'; readonly profile: string }
  | { readonly kind: 'AssumeRole'; readonly source: SourceRef; readonly request: Omit<AssumeRoleRequest, 'mfaCode'> }
  | { readonly kind: 'GetSessionToken'; readonly profile: string; readonly request: Omit<GetSessionTokenRequest, 'mfaCode'> }
  | { readonly kind: 'GetFederationToken'; readonly profile: string; readonly request: FederationTokenRequest }
  | { readonly kind: 'AssumeRoleWithWebIdentity'; readonly tokenFile: string; readonly profile?: string; readonly request: Omit<WebIdentityRequest, 'token'> }
  /** A role of an IAM Identity Center sign-in (GetRoleCredentials with the cached token). */
  | { readonly kind: 'ssoRole'; readonly signIn: string; readonly accountId: string; readonly roleName: string }
  | { readonly kind: 'none' };

export interface RenewResult {
  readonly credentials: TemporaryCredentials;
  readonly arn?: string;
  readonly sourceIdentity?: string;
}

export type Renewer = (spec: RenewSpec, record: SessionRecord, interactive: boolean) => Promise<RenewResult>;

interface StoredSession {
  record: SessionRecord;
  credentials: TemporaryCredentials;
  renew: RenewSpec;
}

interface PersistedSession {
  record: SessionRecord;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: number };
  renew: RenewSpec;
}

const PINNED_KEY = 'stsLens.pinnedSessions';

/** A clock the tests can move forward, so expiry and refresh can be exercised without waiting. */
export class Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  setOffset(ms: number): void {
    this.offset = ms;
  }
}

/**
 * Live sessions: records plus their credentials, in memory; pinned ones also in SecretStorage so
 * they survive a window reload. Credentials never leave this class except to callers that asked
 * for them (terminals, the credential server, exports the person requested).
 */
export class SessionStore implements vscode.Disposable {
  private readonly sessions = new Map<string, StoredSession>();
  private readonly refreshing = new Map<string, Promise<TemporaryCredentials>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private restored: Promise<void> | undefined;
  private counter = 0;
  renewer: Renewer | undefined;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: vscode.LogOutputChannel, readonly clock: Clock) {}

  /** Restores pinned sessions from SecretStorage once. */
  restore(): Promise<void> {
    this.restored ??= (async () => {
      try {
        const text = await this.secrets.get(PINNED_KEY);
        if (!text) return;
        const list = JSON.parse(text) as PersistedSession[];
        for (const p of list) {
          if (this.sessions.has(p.record.id)) continue;
          const c = p.credentials;
          this.sessions.set(p.record.id, { record: { ...p.record, pinned: true }, credentials: { ...c, expiration: c.expiration !== undefined ? new Date(c.expiration) : undefined }, renew: p.renew });
        }
        if (list.length) {
          this.log.info(`Restored ${list.length} pinned session(s)`);
          this.changed.fire();
        }
      } catch (e) {
        this.log.warn(`Pinned sessions could not be restored: ${e instanceof Error ? e.name : 'error'}`);
      }
    })();
    return this.restored;
  }

  /** Drops every in-memory session and restores the pinned ones, as a window reload does. */
  async simulateReload(): Promise<void> {
    this.sessions.clear();
    this.restored = undefined;
    this.changed.fire();
    await this.restore();
  }

  newId(): string {
    return `s${Date.now().toString(36)}${(++this.counter).toString(36)}`;
  }

  add(record: SessionRecord, credentials: TemporaryCredentials, renew: RenewSpec): SessionRecord {
    this.sessions.set(record.id, { record, credentials, renew });
    this.log.info(`Session ${record.id}: ${record.operation} ${record.arn ?? record.roleArn ?? record.profile ?? ''} until ${record.expiration ? new Date(record.expiration).toISOString() : 'no expiry'}`);
    this.changed.fire();
    if (record.pinned) void this.persist();
    return record;
  }

  list(): SessionRecord[] {
    return [...this.sessions.values()].map((s) => s.record);
  }

  get(id: string): SessionRecord | undefined {
    return this.sessions.get(id)?.record;
  }

  renewSpec(id: string): RenewSpec | undefined {
    return this.sessions.get(id)?.renew;
  }

  /** The newest live session of a profile (from Start Session), if any. */
  liveProfileSession(profile: string): SessionRecord | undefined {
    const now = this.clock.now();
    return this.list()
      .filter((r) => r.operation === 'profile' && r.profile === profile && (r.expiration === undefined || r.expiration > now))
      .sort((a, b) => b.issuedAt - a.issuedAt)[0];
  }

  /** Current credentials without any renewal. */
  peekCredentials(id: string): TemporaryCredentials | undefined {
    return this.sessions.get(id)?.credentials;
  }

  /**
   * Credentials with time left: renews inside the refresh window when the session can be renewed
   * (without prompting unless `interactive`), and fails when the session has expired.
   */
  async freshCredentials(id: string, interactive: boolean): Promise<TemporaryCredentials> {
    const s = this.sessions.get(id);
    if (!s) throw new Error(vscode.l10n.t('the session was forgotten'));
    const now = this.clock.now();
    const exp = s.credentials.expiration?.getTime();
    if (needsRefresh(s.record.issuedAt, exp, now) && s.renew.kind !== 'none' && (s.record.refreshable || interactive)) {
      return this.refresh(id, interactive);
    }
    if (exp !== undefined && exp <= now) throw new Error(vscode.l10n.t('the session {0} has expired; refresh it in STS Lens', s.record.arn ?? s.record.id));
    return s.credentials;
  }

  /** Renews a session (one renewal at a time per session). */
  refresh(id: string, interactive: boolean): Promise<TemporaryCredentials> {
    const running = this.refreshing.get(id);
    if (running) return running;
    const s = this.sessions.get(id);
    if (!s) return Promise.reject(new Error(vscode.l10n.t('the session was forgotten')));
    if (s.renew.kind === 'none' || !this.renewer) return Promise.reject(new Error(vscode.l10n.t('this session cannot be renewed; start a new one')));
    const p = this.renewer(s.renew, s.record, interactive)
      .then((r) => {
        const current = this.sessions.get(id);
        if (!current) return r.credentials;
        current.credentials = r.credentials;
        current.record = { ...current.record, arn: r.arn ?? current.record.arn, sourceIdentity: r.sourceIdentity ?? current.record.sourceIdentity, accessKeyId: r.credentials.accessKeyId, expiration: r.credentials.expiration?.getTime(), issuedAt: this.clock.now() };
        this.log.info(`Session ${id} renewed until ${current.record.expiration ? new Date(current.record.expiration).toISOString() : 'no expiry'}`);
        this.changed.fire();
        if (current.record.pinned) void this.persist();
        return r.credentials;
      })
      .finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, p);
    return p;
  }

  forget(id: string): boolean {
    const s = this.sessions.get(id);
    if (!s) return false;
    this.sessions.delete(id);
    this.changed.fire();
    if (s.record.pinned) void this.persist();
    return true;
  }

  async setPinned(id: string, pinned: boolean): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    s.record = { ...s.record, pinned };
    this.changed.fire();
    await this.persist();
  }

  private async persist(): Promise<void> {
    const list: PersistedSession[] = [...this.sessions.values()]
      .filter((s) => s.record.pinned)
      .map((s) => ({ record: s.record, credentials: { accessKeyId: s.credentials.accessKeyId, secretAccessKey: s.credentials.secretAccessKey, sessionToken: s.credentials.sessionToken, expiration: s.credentials.expiration?.getTime() }, renew: s.renew }));
    try {
      if (list.length) await this.secrets.store(PINNED_KEY, JSON.stringify(list));
      else await this.secrets.delete(PINNED_KEY);
    } catch (e) {
      this.log.warn(`Pinned sessions could not be saved to SecretStorage: ${e instanceof Error ? e.name : 'error'}`);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
