import * as vscode from 'vscode';
import type { IdentityService, StsLensContext } from '../context';

/** Profiles tree, sessions, terminals and the status-bar identity. Returns who the extension acts as. */
export function registerProfilesFeature(ctx: StsLensContext): IdentityService {
  const changed = new vscode.EventEmitter<undefined>();
  ctx.extension.subscriptions.push(changed);
  return { current: () => undefined, pick: async () => undefined, onDidChange: changed.event };
}
