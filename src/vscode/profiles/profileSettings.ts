import * as vscode from 'vscode';
import type { EndpointOrigin } from '../../core/profiles/endpointTrust';
import { readSettings, settingValue } from '../settings';

export type TerminalCredentialMode = 'auto' | 'refreshing' | 'static';

/** The profiles feature's settings, read in one place. */
export interface ProfileSettings {
  readonly stsEndpoint: string | undefined;
  readonly stsEndpointOrigin: EndpointOrigin | undefined;
  readonly warningMs: number;
  readonly terminalMode: TerminalCredentialMode;
  readonly defaultDurationSeconds: number;
  readonly timeoutMs: number;
  readonly showCachedSessions: boolean;
  /** Whether a new session becomes the active identity: `ask` offers it, `always` does it, `never` only confirms. */
  readonly makeActive: 'ask' | 'always' | 'never';
}

export function readProfileSettings(): ProfileSettings {
  const c = vscode.workspace.getConfiguration('stsLens');
  const warningMinutes = c.get<number>('sessions.warningMinutes', 10);
  const mode = settingValue<string>('stsLens', 'terminal.refreshingCredentials', 'auto');
  const { stsEndpoint, stsEndpointOrigin } = readSettings();
  return {
    stsEndpoint,
    stsEndpointOrigin,
    warningMs: Math.max(0, Number.isFinite(warningMinutes) ? warningMinutes : 10) * 60_000,
    terminalMode: mode === 'refreshing' || mode === 'static' ? mode : 'auto',
    defaultDurationSeconds: Math.min(43200, Math.max(900, settingValue<number>('stsLens', 'sessions.defaultDurationSeconds', 3600) || 3600)),
    timeoutMs: Math.min(120, Math.max(1, c.get<number>('sts.timeoutSeconds', 10) || 10)) * 1000,
    showCachedSessions: c.get<boolean>('sessions.showCliCache', true),
    makeActive: ((v) => (v === 'always' || v === 'never' ? v : 'ask'))(settingValue<string>('stsLens', 'sessions.makeActive', 'ask')),
  };
}
