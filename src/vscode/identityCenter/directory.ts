/**
 * The accounts and roles a sign-in reaches (ListAccounts, ListAccountRoles, every page), kept in
 * memory until Refresh or sign-out, and the role sessions started from them (GetRoleCredentials).
 */
import * as vscode from 'vscode';
import type * as SsoTypes from '../../aws/sso';
import { sso, sts } from '../awsModules';
import type { SessionRecord } from '../../core/sessions/session';
import type { ProfilesParts } from '../profiles/register';
import type { RenewResult } from '../profiles/sessionStore';
import { SignInNeeded, type SignInEntry, type SignIns } from './signIns';

export interface RoleRef {
  readonly entry: SignInEntry;
  readonly account: SsoTypes.SsoAccount;
  readonly roleName: string;
}

export class Directory {
  private readonly accountsBySignIn = new Map<string, Promise<SsoTypes.SsoAccount[]>>();
  private readonly roles = new Map<string, Promise<string[]>>();

  constructor(private readonly signIns: SignIns, private readonly parts: ProfilesParts, private readonly findEntry: (id: string) => SignInEntry | undefined) {}

  clear(signInId?: string): void {
    for (const k of [...this.accountsBySignIn.keys()]) if (!signInId || k === signInId) this.accountsBySignIn.delete(k);
    for (const k of [...this.roles.keys()]) if (!signInId || k.startsWith(`${signInId}|`)) this.roles.delete(k);
  }

  accounts(e: SignInEntry): Promise<SsoTypes.SsoAccount[]> {
    let p = this.accountsBySignIn.get(e.id);
    if (!p) {
      p = this.signIns.accessToken(e).then((token) => sso.listAccounts(this.signIns.target(e), token)).then((list) => list.sort((a, b) => a.accountName.localeCompare(b.accountName)));
      p.catch(() => this.accountsBySignIn.delete(e.id));
      this.accountsBySignIn.set(e.id, p);
    }
    return p;
  }

  accountRoles(e: SignInEntry, accountId: string): Promise<string[]> {
    const key = `${e.id}|${accountId}`;
    let p = this.roles.get(key);
    if (!p) {
      p = this.signIns.accessToken(e).then((token) => sso.listAccountRoles(this.signIns.target(e), token, accountId)).then((list) => list.sort((a, b) => a.localeCompare(b)));
      p.catch(() => this.roles.delete(key));
      this.roles.set(key, p);
    }
    return p;
  }

  /** The live session of a role, newest first. */
  liveSession(r: { entry: SignInEntry; accountId: string; roleName: string }): SessionRecord | undefined {
    const now = this.parts.sessions.clock.now();
    return this.parts.sessions.list()
      .filter((s) => {
        const spec = this.parts.sessions.renewSpec(s.id);
        return spec?.kind === 'ssoRole' && spec.signIn === r.entry.id && spec.accountId === r.accountId && spec.roleName === r.roleName && (s.expiration ?? Infinity) > now;
      })
      .sort((a, b) => b.issuedAt - a.issuedAt)[0];
  }

  private async credentials(e: SignInEntry, accountId: string, roleName: string, interactive: boolean): Promise<RenewResult> {
    const token = await this.signIns.accessToken(e, interactive);
    const credentials = await sso.getRoleCredentials(this.signIns.target(e), token, accountId, roleName);
    const exp = credentials.expiration?.getTime();
    if (exp !== undefined && exp <= this.parts.sessions.clock.now()) {
      throw new SignInNeeded(vscode.l10n.t('IAM Identity Center returned credentials for {0} that expire at {1}, which is already past by this computer\'s clock. Check the system clock (time and time zone), then start the session again.', roleName, new Date(exp).toISOString()));
    }
    let arn: string | undefined;
    try {
      arn = (await sts.getCallerIdentity({ region: e.key.region, endpoint: this.signIns.stsEndpoint(e), endpointOrigin: 'awsConfig', maxAttempts: 1 }, credentials)).arn;
    } catch {
      // The caller ARN is a nicety for labels; the session works without it.
    }
    return { credentials, arn };
  }

  /** Starts a session for a role (GetRoleCredentials) and adds it to the sessions. */
  async startSession(r: RoleRef): Promise<SessionRecord> {
    const { sessions } = this.parts;
    const { credentials, arn } = await this.credentials(r.entry, r.account.accountId, r.roleName, true);
    const now = sessions.clock.now();
    const record: SessionRecord = {
      id: sessions.newId(),
      operation: 'GetRoleCredentials',
      arn,
      sessionName: `${r.account.accountName} / ${r.roleName}`,
      accessKeyId: credentials.accessKeyId,
      region: r.entry.key.region,
      endpoint: this.signIns.stsEndpoint(r.entry),
      expiration: credentials.expiration?.getTime(),
      issuedAt: now,
      refreshable: true,
      startUrl: r.entry.key.startUrl,
    };
    return sessions.add(record, credentials, { kind: 'ssoRole', signIn: r.entry.id, accountId: r.account.accountId, roleName: r.roleName });
  }

  /** Renews a role session with the cached sign-in (refreshing the token when it is near expiry). */
  readonly renew = async (spec: { signIn: string; accountId: string; roleName: string }, interactive: boolean): Promise<RenewResult> => {
    const e = this.findEntry(spec.signIn);
    if (!e) throw new SignInNeeded(vscode.l10n.t('the IAM Identity Center sign-in of this session is no longer in the AWS config'));
    return this.credentials(e, spec.accountId, spec.roleName, interactive);
  };
}
