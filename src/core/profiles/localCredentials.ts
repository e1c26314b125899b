/**
 * What getting a profile's credentials does on this computer, before the SDK and instead of it: the
 * SDK reads a web identity token file whole and synchronously (a link to /dev/zero would stall the
 * extension host), and runs a credential_process with no time limit and no way to stop it. Every
 * caller that resolves a profile's credentials passes one LocalCredentialSteps (the type makes it
 * required), so none can leave these steps out.
 */
import type { TemporaryCredentials } from '../identity';

/**
 * A profile's credentials cannot be had for a reason found on this computer before any call to AWS:
 * its credential_process did not finish or printed no credentials, or its web identity token file is
 * not one. The message names the profile and says why; it never holds the command's arguments or
 * what the process printed.
 */
export class CredentialSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = CREDENTIAL_SOURCE_ERROR;
  }
}

const CREDENTIAL_SOURCE_ERROR = 'CredentialSourceError';

/** By name: the extension's bundles each hold their own copy of the class. */
export function isCredentialSourceError(e: unknown): e is CredentialSourceError {
  return e instanceof Error && e.name === CREDENTIAL_SOURCE_ERROR;
}

/** One AssumeRole of a chain, as its profile sets it. */
export interface ChainRole {
  readonly profile: string;
  readonly roleArn: string;
  readonly roleSessionName?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
}

/** A chain that starts at a credential_process: the profile that holds it, the command, and the roles assumed from its credentials, base first. */
export interface ProcessChainPlan {
  readonly profile: string;
  readonly command: string;
  readonly roles: readonly ChainRole[];
}

/** The credentials a credential_process printed, and the roles to assume from them, base first. */
export interface ProcessChainStart {
  readonly credentials: TemporaryCredentials;
  readonly roles: readonly ChainRole[];
}

export interface LocalCredentialSteps {
  /**
   * Runs before the SDK for every resolution of a profile's credentials. Throws a CredentialSourceError
   * when the chain starts from a web identity token file that cannot be read within its limit. For a
   * chain that starts at a credential_process, runs it (within a time limit, stopped when `signal`
   * aborts) and gives what it printed; undefined for other chains, which the SDK resolves.
   */
  prepare(profile: string, signal?: AbortSignal): Promise<ProcessChainStart | undefined>;
}
