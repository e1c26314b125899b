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
  getCredentials(): Promise<TemporaryCredentials>;
}
