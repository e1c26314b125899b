import * as vscode from 'vscode';
import { countdown, type SessionRecord } from '../../core/sessions/session';
import { countdownText, sessionTitle } from './sessionText';
import type { IdentityServiceImpl } from './identity';
import { readProfileSettings } from './profileSettings';
import type { SessionStore } from './sessionStore';
import { showInfo } from '../output';

export function isSessionRecord(v: unknown): v is SessionRecord {
  const r = v as Partial<SessionRecord> | undefined;
  return !!r && typeof r === 'object' && typeof r.id === 'string' && typeof r.operation === 'string' && typeof r.region === 'string';
}

/**
 * Confirms a new session and, as the `stsLens.sessions.makeActive` setting says, makes it the
 * active identity or offers to.
 */
export class StartedSessions {
  constructor(private readonly identity: IdentityServiceImpl, private readonly sessions: SessionStore) {}

  announce(record: SessionRecord): void {
    const title = sessionTitle(record);
    const left = countdownText(countdown(record.expiration, this.sessions.clock.now()));
    const choose = () => this.identity.choose({ type: 'session', id: record.id, profile: record.profile });
    const mode = readProfileSettings().makeActive;
    if (mode === 'always') {
      void choose().then(() => showInfo(vscode.l10n.t('Session {0} started ({1}); it is now the active identity.', title, left), vscode.l10n.t('Open Terminal')))
        .then((c) => c && vscode.commands.executeCommand('stsLens.openTerminal', { sessionId: record.id }));
      return;
    }
    if (mode === 'never') {
      vscode.window.setStatusBarMessage(vscode.l10n.t('Session {0} started ({1})', title, left), 10_000);
      return;
    }
    const use = vscode.l10n.t('Use as Active Identity');
    const terminal = vscode.l10n.t('Open Terminal');
    void showInfo(vscode.l10n.t('Session {0} started ({1}). The active identity is still {2}.', title, left, this.identity.current()?.label ?? vscode.l10n.t('none')), use, terminal).then((c) => {
      if (c === use) void choose();
      if (c === terminal) void vscode.commands.executeCommand('stsLens.openTerminal', { sessionId: record.id });
    });
  }
}
