import * as vscode from 'vscode';
import type { EndpointOrigin } from '../core/profiles/endpointTrust';

/** The extension's settings, read in one place and passed to `core` as plain values. */
export interface StsLensSettings {
  /** Overrides the regional STS endpoint; empty means the SDK's default resolution. */
  readonly stsEndpoint: string | undefined;
  /** Which settings the endpoint comes from: workspace values need the person's consent before use. */
  readonly stsEndpointOrigin: EndpointOrigin | undefined;
}

export function readSettings(scope?: vscode.ConfigurationScope): StsLensSettings {
  const i = vscode.workspace.getConfiguration('stsLens', scope).inspect<string>('sts.endpoint');
  // Endpoints could send credentials elsewhere, so untrusted workspaces get the user's value only.
  const layers: [string | undefined, EndpointOrigin][] = vscode.workspace.isTrusted
    ? [[i?.workspaceFolderValue, 'folderSettings'], [i?.workspaceValue, 'workspaceSettings'], [i?.globalValue, 'userSettings']]
    : [[i?.globalValue, 'userSettings']];
  for (const [value, origin] of layers) {
    if (typeof value !== 'string') continue;
    const endpoint = value.trim() || undefined;
    return { stsEndpoint: endpoint, stsEndpointOrigin: endpoint ? origin : undefined };
  }
  return { stsEndpoint: undefined, stsEndpointOrigin: undefined };
}
