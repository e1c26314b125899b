import * as os from 'os';
import * as vscode from 'vscode';
import { refreshingTerminalEnv, staticTerminalEnv, type EnvTarget } from '../../core/sessions/credentialFormats';
import type { SessionRecord } from '../../core/sessions/session';
import { sessionTitle } from './sessionText';
import { CredentialServer } from '../../node/credentialServer';
import { CREDENTIAL_PORTS, portRange } from '../../node/loopbackPort';
import type { TerminalCredentialMode } from './profileSettings';
import type { SessionStore } from './sessionStore';

export interface OpenedTerminal {
  readonly terminal: vscode.Terminal;
  readonly mode: 'static' | 'refreshing';
  readonly name: string;
}

/**
 * Credential terminals. Refreshing terminals get a grant on the loopback credential server that is
 * revoked when the terminal closes; the server stops when the extension deactivates.
 */
export class CredentialTerminals implements vscode.Disposable {
  private readonly server: CredentialServer;
  private readonly grants = new Map<vscode.Terminal, () => void>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly sessions: SessionStore, private readonly log: vscode.LogOutputChannel) {
    this.server = new CredentialServer({
      onRequest: (i) => {
        if (i.status !== 200) log.warn(`Credential endpoint answered ${i.status} (${i.reason ?? ''})`);
        else log.debug('Credential endpoint served credentials');
      },
    }, () => sessions.clock.now(), {}, portRange(CREDENTIAL_PORTS));
    this.subscription = vscode.window.onDidCloseTerminal((t) => {
      const revoke = this.grants.get(t);
      if (revoke) {
        revoke();
        this.grants.delete(t);
        log.info(`Terminal "${t.name}" closed; its credential token was revoked`);
      }
    });
  }

  get activeGrants(): number {
    return this.server.activeGrants;
  }

  /**
   * Endpoints for the environment: the profile's `endpoint_url` for every service, its `[services]`
   * STS endpoint (or the endpoint the session was created against) for STS only.
   */
  static envTarget(record: SessionRecord, profile: { endpointUrl?: string; stsEndpointUrl?: string } | undefined): EnvTarget {
    const stsOnly = profile?.stsEndpointUrl ?? (profile?.endpointUrl ? undefined : record.endpoint);
    return { region: record.region, endpointUrl: profile?.endpointUrl, stsEndpointUrl: stsOnly };
  }

  async open(record: SessionRecord, modeSetting: TerminalCredentialMode, target: EnvTarget, o: { mode?: 'static' | 'refreshing'; cwd?: string } = {}): Promise<OpenedTerminal> {
    const mode = o.mode ?? (modeSetting === 'auto' ? (record.refreshable ? 'refreshing' : 'static') : modeSetting);
    const expires = record.expiration ? new Date(record.expiration).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : undefined;
    const name = mode === 'refreshing' ? vscode.l10n.t('AWS {0} (auto-refresh)', sessionTitle(record)) : expires ? vscode.l10n.t('AWS {0} until {1}', sessionTitle(record), expires) : vscode.l10n.t('AWS {0}', sessionTitle(record));
    let env;
    let revoke: (() => void) | undefined;
    if (mode === 'refreshing') {
      const id = record.id;
      const grant = await this.server.register(async () => {
        const c = await this.sessions.freshCredentials(id, false);
        return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration?.getTime() };
      });
      env = refreshingTerminalEnv(grant.url, grant.token, target, os.devNull);
      revoke = grant.revoke;
    } else {
      const c = await this.sessions.freshCredentials(record.id, true);
      env = staticTerminalEnv({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration?.getTime() }, target);
    }
    const terminal = vscode.window.createTerminal({ name, env, cwd: o.cwd, iconPath: new vscode.ThemeIcon('key'), isTransient: true });
    if (revoke) this.grants.set(terminal, revoke);
    terminal.show();
    this.log.info(`Opened terminal "${name}" with ${mode} credentials`);
    return { terminal, mode, name };
  }

  dispose(): void {
    this.subscription.dispose();
    for (const revoke of this.grants.values()) revoke();
    this.grants.clear();
    void this.server.stop();
  }
}
