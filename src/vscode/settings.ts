import * as vscode from 'vscode';
import type { EndpointOrigin } from '../core/profiles/endpointTrust';
import { isRestrictedSetting } from '../core/restrictedSettings';

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

/**
 * A setting's value as STS Lens may use it. While the workspace is untrusted, a restricted setting
 * (src/core/restrictedSettings.ts) comes from your user settings or its default, never from the
 * workspace's or a folder's settings, whatever VS Code itself would merge.
 */
export function settingValue<T>(section: string, key: string, fallback: T, scope?: vscode.ConfigurationScope): T {
  const c = vscode.workspace.getConfiguration(section, scope);
  if (vscode.workspace.isTrusted || !isRestrictedSetting(`${section}.${key}`)) return c.get<T>(key, fallback);
  const i = c.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue ?? fallback;
}
