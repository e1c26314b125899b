/**
 * What getting a profile's credentials does on this computer before the SDK: the SDK reads a web
 * identity token file whole and synchronously, so a link to /dev/zero would stall the extension host.
 * Every caller that resolves a profile's credentials passes one LocalCredentialSteps (the type makes
 * it required), so none can leave these checks out.
 */

/**
 * A profile's credentials cannot be had for a reason found on this computer before any call to AWS,
 * such as a web identity token file that is not one. The message names the profile and says why.
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

export interface LocalCredentialSteps {
  /**
   * Runs before the SDK for every resolution of a profile's credentials. Throws a CredentialSourceError
   * when the chain starts from a web identity token file that cannot be read within its limit.
   */
  prepare(profile: string): Promise<void>;
}
