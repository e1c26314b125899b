import * as vscode from 'vscode';

/** The extension's settings, read in one place and passed to `core` as plain values. */
export interface StsLensSettings {
  /** Overrides the regional STS endpoint; empty means the SDK's default resolution. */
  readonly stsEndpoint: string | undefined;
}

export function readSettings(scope?: vscode.ConfigurationScope): StsLensSettings {
  const c = vscode.workspace.getConfiguration('stsLens', scope);
  // Endpoints could send credentials elsewhere, so untrusted workspaces get the user's value only.
  const endpoint = vscode.workspace.isTrusted
    ? c.get<string>('sts.endpoint', '')
    : c.inspect<string>('sts.endpoint')?.globalValue ?? '';
  return { stsEndpoint: endpoint.trim() || undefined };
}
