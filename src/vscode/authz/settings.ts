import * as vscode from 'vscode';
import type { EndpointOrigin } from '../../core/profiles/endpointTrust';
import { readSettings } from '../settings';

export interface AuthzSettings {
  readonly decodeTimeoutSeconds: number;
  readonly codeLens: boolean;
  readonly inlineSummary: boolean;
  readonly stsEndpoint: string | undefined;
  readonly stsEndpointOrigin: EndpointOrigin | undefined;
}

/** The decode feature's settings, read in one place. */
export function readAuthzSettings(): AuthzSettings {
  const c = vscode.workspace.getConfiguration('stsLens.authz');
  const timeout = c.get<number>('decodeTimeoutSeconds', 15);
  const { stsEndpoint, stsEndpointOrigin } = readSettings();
  return {
    decodeTimeoutSeconds: Number.isFinite(timeout) ? Math.min(120, Math.max(1, timeout)) : 15,
    codeLens: c.get<boolean>('codeLens', true),
    inlineSummary: c.get<boolean>('inlineSummary', true),
    stsEndpoint,
    stsEndpointOrigin,
  };
}
