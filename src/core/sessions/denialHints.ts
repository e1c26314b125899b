/**
 * The likely cause of a denied AssumeRole, from what the request left out and what the profiles
 * naming the role (or the role's trust policy, when readable) say it needs.
 */

export interface RoleProfileHint {
  readonly name: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
}

export type LikelyCause =
  | { readonly kind: 'externalId'; readonly message: string; readonly externalId?: string; readonly profile?: string }
  | { readonly kind: 'mfa'; readonly message: string; readonly mfaSerial?: string; readonly profile?: string };

export interface DeniedRequest {
  readonly roleName: string;
  readonly sentExternalId: boolean;
  readonly sentMfa: boolean;
  /** Profiles whose role_arn is the denied role. */
  readonly profiles: readonly RoleProfileHint[];
  /** The role's trust policy, when the caller could read it. */
  readonly trustPolicy?: string;
  /** The MFA device of the calling identity's profile, if it names one. */
  readonly callerMfaSerial?: string;
}

export function likelyDenialCause(d: DeniedRequest): LikelyCause | undefined {
  const trust = d.trustPolicy ?? '';
  if (!d.sentExternalId) {
    const withId = d.profiles.find((p) => p.externalId);
    if (withId) {
      return { kind: 'externalId', externalId: withId.externalId, profile: withId.name, message: `Likely cause: ${d.roleName} needs an external ID, which this request did not send; profile "${withId.name}" gives one.` };
    }
    if (/sts:externalid/i.test(trust)) return { kind: 'externalId', message: `Likely cause: the trust policy of ${d.roleName} requires an external ID (sts:ExternalId), which this request did not send.` };
  }
  if (!d.sentMfa) {
    const withMfa = d.profiles.find((p) => p.mfaSerial);
    if (withMfa) return { kind: 'mfa', mfaSerial: withMfa.mfaSerial, profile: withMfa.name, message: `Likely cause: ${d.roleName} needs MFA, which this request did not send; profile "${withMfa.name}" uses the device ${withMfa.mfaSerial}.` };
    if (/aws:multifactorauth(?:present|age)/i.test(trust)) return { kind: 'mfa', mfaSerial: d.callerMfaSerial, message: `Likely cause: the trust policy of ${d.roleName} requires MFA (aws:MultiFactorAuthPresent), which this request did not send.` };
  }
  return undefined;
}
