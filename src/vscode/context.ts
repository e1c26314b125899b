import * as vscode from 'vscode';
import type { ActiveIdentity } from '../core/identity';
import type { EndpointGuard } from './endpointGuard';

/** Everything a feature needs from the host, passed around instead of globals. */
export interface StsLensContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** Checks every endpoint before credentials are sent to it. */
  readonly endpoints: EndpointGuard;
}

/** Who the extension acts as. Implemented by the profiles feature; used by decode and remote validation. */
export interface IdentityService {
  /** The chosen identity, or the default profile when nothing was chosen; undefined when there is none. */
  current(): ActiveIdentity | undefined;
  /** Asks the user to choose a profile or session; undefined when cancelled. */
  pick(placeHolder?: string): Promise<ActiveIdentity | undefined>;
  readonly onDidChange: vscode.Event<ActiveIdentity | undefined>;
}
