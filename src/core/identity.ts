import type { EndpointOrigin } from './profiles/endpointTrust';

/** Credentials as the SDK hands them out. Never log or persist an instance outside SecretStorage. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** The identity that features such as decoding and remote validation act as. */
export interface ActiveIdentity {
  /** Short text for people: a profile name or a shortened role ARN. */
  readonly label: string;
  readonly profile?: string;
  readonly region: string;
  /** STS endpoint override (the profile's `endpoint_url` or the `stsLens.sts.endpoint` setting). */
  readonly endpoint?: string;
  /** Where `endpoint` was configured, which decides whether it may be used without asking. */
  readonly endpointOrigin?: EndpointOrigin;
  /** True when calls go to the legacy global endpoint (sts.amazonaws.com). */
  readonly useGlobalEndpoint?: boolean;
  /** `signal` stops what getting them runs on this computer (a credential_process) when aborted. */
  getCredentials(signal?: AbortSignal): Promise<TemporaryCredentials>;
}
