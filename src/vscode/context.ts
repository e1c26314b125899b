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
  /** Asks for an identity for one use (a one-off read): the active identity stays as it is. */
  pickOnce?(placeHolder?: string): Promise<ActiveIdentity | undefined>;
  readonly onDidChange: vscode.Event<ActiveIdentity | undefined>;
  /** A named profile as an identity, without making it the active one; undefined when there is no such profile. */
  asProfile?(name: string): ActiveIdentity | undefined;
  /** Every identity STS Lens knows, for questions such as "who can assume this role": live sessions, profiles, recent roles. */
  known?(): Promise<KnownIdentitySource[]>;
}

/** An identity STS Lens knows, with its ARN when known without a call, else a way to ask GetCallerIdentity. */
export interface KnownIdentitySource {
  readonly kind: 'session' | 'profile' | 'recent-role';
  /** Stable key for caching the caller ARN: `profile:NAME`, `session:ID`, `role:ARN`. */
  readonly key: string;
  readonly label: string;
  readonly arn?: string;
  /** Asks STS who this is (loads credentials; may prompt for MFA). */
  readonly callerArn?: () => Promise<string>;
  /** For a session from GetSessionToken: its kind of credentials, and whether it was made with MFA. */
  readonly credentials?: { readonly kind: 'GetSessionToken'; readonly mfa: boolean };
  /** The session is the active identity. */
  readonly active?: boolean;
}
