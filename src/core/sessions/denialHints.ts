/**
 * The likely cause of a denied AssumeRole, from what the request left out and what the profiles
 * naming the role (or the role's trust policy, when readable) say it needs.
 */

export interface RoleProfileHint {
  readonly name: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
}

/**
 * What the request likely left out and who says the role needs it (a profile naming the role, or its
 * trust policy), with the values the editor words it with through vscode.l10n.t
 * (src/vscode/profiles/denialHintText.ts); `message` says it in English.
 */
export type LikelyCause = { readonly roleName: string; readonly message: string } & (
  | { readonly kind: 'externalId'; readonly from: 'profile'; readonly externalId: string; readonly profile: string }
  | { readonly kind: 'externalId'; readonly from: 'trustPolicy'; readonly externalId?: undefined; readonly profile?: undefined }
  | { readonly kind: 'mfa'; readonly from: 'profile'; readonly mfaSerial: string; readonly profile: string }
  | { readonly kind: 'mfa'; readonly from: 'trustPolicy'; readonly mfaSerial?: string; readonly profile?: undefined });

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
  const roleName = d.roleName;
  if (!d.sentExternalId) {
    const withId = d.profiles.find((p) => p.externalId);
    if (withId?.externalId) {
      return { kind: 'externalId', from: 'profile', roleName, externalId: withId.externalId, profile: withId.name, message: `Likely cause: ${roleName} needs an external ID, which this request did not send; profile "${withId.name}" gives one.` };
    }
    if (/sts:externalid/i.test(trust)) return { kind: 'externalId', from: 'trustPolicy', roleName, message: `Likely cause: the trust policy of ${roleName} requires an external ID (sts:ExternalId), which this request did not send.` };
  }
  if (!d.sentMfa) {
    const withMfa = d.profiles.find((p) => p.mfaSerial);
    if (withMfa?.mfaSerial) {
      return { kind: 'mfa', from: 'profile', roleName, mfaSerial: withMfa.mfaSerial, profile: withMfa.name, message: `Likely cause: ${roleName} needs MFA, which this request did not send; profile "${withMfa.name}" uses the device ${withMfa.mfaSerial}.` };
    }
    if (/aws:multifactorauth(?:present|age)/i.test(trust)) return { kind: 'mfa', from: 'trustPolicy', roleName, mfaSerial: d.callerMfaSerial, message: `Likely cause: the trust policy of ${roleName} requires MFA (aws:MultiFactorAuthPresent), which this request did not send.` };
  }
  return undefined;
}
