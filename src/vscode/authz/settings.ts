import * as vscode from 'vscode';
import { readSettings } from '../settings';

export interface AuthzSettings {
  readonly decodeTimeoutSeconds: number;
  readonly codeLens: boolean;
  readonly inlineSummary: boolean;
  readonly stsEndpoint: string | undefined;
}

/** The decode feature's settings, read in one place. */
export function readAuthzSettings(): AuthzSettings {
  const c = vscode.workspace.getConfiguration('stsLens.authz');
  const timeout = c.get<number>('decodeTimeoutSeconds', 15);
  return {
    decodeTimeoutSeconds: Number.isFinite(timeout) ? Math.min(120, Math.max(1, timeout)) : 15,
    codeLens: c.get<boolean>('codeLens', true),
    inlineSummary: c.get<boolean>('inlineSummary', true),
    stsEndpoint: readSettings().stsEndpoint,
  };
}
