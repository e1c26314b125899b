import * as vscode from 'vscode';

/** Everything a feature needs from the host, passed around instead of globals. */
export interface StsLensContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
}
