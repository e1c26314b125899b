/**
 * Turns STS and credential-provider errors into plain words: what failed, why, what to do next,
 * and which buttons help. Inputs are the error's name, code, message and HTTP status only.
 * `stsErrorWording` gives the kind and the values its words name; the editor words them through
 * vscode.l10n.t (src/vscode/profiles/stsErrorText.ts), `stsErrorEnglish` in English.
 */
import { redactSecrets } from './redact';

export { redactSecrets };

export type ErrorAction = 'openTrustPolicy' | 'retry' | 'enterMfaAgain' | 'refreshSession' | 'openConfig' | 'openSettings' | 'showLog' | 'ssoLogin';

export interface StsErrorInput {
  readonly operation: string;
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly httpStatus?: number;
  readonly roleArn?: string;
  readonly endpoint?: string;
  readonly profile?: string;
}

export type ErrorKind =
  | 'trustPolicyDenied' | 'accessDenied' | 'externalIdMismatch' | 'expiredToken' | 'invalidToken' | 'signatureMismatch'
  | 'mfaInvalid' | 'mfaMissing' | 'throttled' | 'unreachable' | 'timeout' | 'clockSkew' | 'regionDisabled'
  | 'policyTooLarge' | 'malformedPolicy' | 'invalidIdentityToken' | 'idpRejected' | 'validation' | 'noCredentials'
  | 'ssoExpired' | 'durationTooLong' | 'endpointRefused' | 'unknown';

/**
 * The kinds an STS error is worded as. endpointRefused is the editor's own, worded by the error it refused
 * with; mfaMissing is not told apart from the others yet.
 */
export type StsErrorKind = Exclude<ErrorKind, 'endpointRefused' | 'mfaMissing'>;

/** Every kind, so tests can go through them all; a kind missing here fails typecheck. */
export const STS_ERROR_KINDS = Object.keys({
  trustPolicyDenied: 0, accessDenied: 0, externalIdMismatch: 0, expiredToken: 0, invalidToken: 0, signatureMismatch: 0,
  mfaInvalid: 0, throttled: 0, unreachable: 0, timeout: 0, clockSkew: 0, regionDisabled: 0, policyTooLarge: 0,
  malformedPolicy: 0, invalidIdentityToken: 0, idpRejected: 0, validation: 0, noCredentials: 0, ssoExpired: 0,
  durationTooLong: 0, unknown: 0,
} satisfies Record<StsErrorKind, 0>) as StsErrorKind[];

/** An STS error as data: its kind and the values its words name. */
export interface StsErrorWording {
  readonly kind: StsErrorKind;
  readonly operation: string;
  readonly roleArn?: string;
  readonly endpoint?: string;
  readonly profile?: string;
  /** The error's own message (validation) or message or name (unknown), secrets redacted; undefined when it has none. */
  readonly detail?: string;
}

export interface ErrorExplanation {
  /** Stable id for tests and the log. */
  readonly kind: ErrorKind;
  /** One sentence: what failed and why. */
  readonly message: string;
  /** What to do next. */
  readonly next: string;
  readonly actions: readonly ErrorAction[];
}

function lower(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join(' ').toLowerCase();
}

function classify(e: StsErrorInput): { kind: StsErrorKind; actions: ErrorAction[] } {
  const id = e.name ?? e.code ?? '';
  const text = lower(e.name, e.code, e.message);
  if (/clock|skew|requestexpired|signature expired|request has expired|requesttimetooskewed/.test(text)) return { kind: 'clockSkew', actions: ['retry'] };
  if (/throttl|rate exceeded|toomanyrequests|slowdown|requestlimitexceeded/.test(text) || e.httpStatus === 429) return { kind: 'throttled', actions: ['retry'] };
  if (/timeout|timed out|etimedout|requesttimeout/.test(text)) return { kind: 'timeout', actions: ['retry', 'openSettings'] };
  if (/econnrefused|enotfound|eai_again|ehostunreach|enetunreach|econnreset|socket hang up|getaddrinfo|network|fetch failed|unable to connect/.test(text)) {
    return { kind: 'unreachable', actions: ['retry', 'openSettings', 'showLog'] };
  }
  if (/multifactorauthentication|mfa|tokencode|one-time|one time/.test(text) && /invalid|fail|wrong|used|denied|not valid/.test(text)) return { kind: 'mfaInvalid', actions: ['enterMfaAgain'] };
  if (/sso.*(?:expired|invalid)|token.*sso|sso session|ssotokenprovider|the sso session associated/.test(text)) return { kind: 'ssoExpired', actions: ['ssoLogin'] };
  if (/expiredtoken|token.*expired|expired.*token|security token included in the request is expired/.test(text)) return { kind: 'expiredToken', actions: ['refreshSession', 'retry'] };
  if (/invalidclienttokenid|security token included in the request is invalid|unrecognizedclient|invalidaccesskeyid/.test(text)) return { kind: 'invalidToken', actions: ['openConfig', 'refreshSession'] };
  if (/signaturedoesnotmatch/.test(text)) return { kind: 'signatureMismatch', actions: ['openConfig'] };
  if (/regiondisabled/.test(text)) return { kind: 'regionDisabled', actions: ['openConfig'] };
  if (/packedpolicytoolarge/.test(text)) return { kind: 'policyTooLarge', actions: [] };
  if (/malformedpolicydocument/.test(text)) return { kind: 'malformedPolicy', actions: [] };
  if (/invalididentitytoken/.test(text)) return { kind: 'invalidIdentityToken', actions: ['retry'] };
  if (/idprejectedclaim|idpcommunicationerror/.test(text)) return { kind: 'idpRejected', actions: ['retry'] };
  if (/durationseconds|maxsessionduration|exceeds the maxsessionduration|session duration/.test(text) && /exceed|greater|invalid|must be/.test(text)) {
    return { kind: 'durationTooLong', actions: ['retry'] };
  }
  if (/could not load credentials|credentialsprovidererror|no credentials|unable to load credentials|profile .* could not be found|credential_process|could not find profile/.test(text)) {
    return { kind: 'noCredentials', actions: ['openConfig', 'showLog'] };
  }
  if (/accessdenied|not authorized|403/.test(text) || id === 'AccessDenied' || e.httpStatus === 403) {
    if (/externalid|external id/.test(text)) return { kind: 'externalIdMismatch', actions: ['openTrustPolicy', 'openConfig'] };
    if (e.operation === 'AssumeRole' || e.operation === 'AssumeRoleWithWebIdentity' || e.operation === 'AssumeRoleWithSAML' || /sts:assumerole/.test(text)) {
      return { kind: 'trustPolicyDenied', actions: ['openTrustPolicy', 'showLog'] };
    }
    return { kind: 'accessDenied', actions: ['showLog'] };
  }
  if (/validationerror|invalidparameter|validation|must satisfy|constraint/.test(text)) return { kind: 'validation', actions: ['retry'] };
  return { kind: 'unknown', actions: ['showLog', 'retry'] };
}

/** The kind of an STS error, the values its words name (secrets redacted) and the buttons that help. */
export function stsErrorWording(e: StsErrorInput): { wording: StsErrorWording; actions: ErrorAction[] } {
  const { kind, actions } = classify(e);
  const own = kind === 'validation' ? e.message : kind === 'unknown' ? e.message ?? e.name : undefined;
  const detail = own === undefined ? undefined : redactSecrets(own);
  return { wording: { kind, operation: e.operation, roleArn: e.roleArn, endpoint: e.endpoint, profile: e.profile, detail }, actions };
}

/** The error's words in English: what failed and why, and what to do next. */
export function stsErrorEnglish(w: StsErrorWording): { message: string; next: string } {
  const op = w.operation;
  const role = w.roleArn ? `role ${w.roleArn}` : 'the role';
  const where = w.endpoint ? ` (${w.endpoint})` : '';
  switch (w.kind) {
    case 'clockSkew': return { message: `${op} failed because this computer's clock differs from AWS's by more than 5 minutes.`, next: 'Synchronise the system clock (for example enable NTP), then try again.' };
    case 'throttled': return { message: `${op} was throttled by STS: too many requests in a short time, even after retrying with backoff.`, next: 'Wait a minute and try again; scripts calling STS in a loop share the same account quota.' };
    case 'timeout': return { message: `${op} timed out: the STS endpoint${where} did not answer in time.`, next: 'Check the network, VPN or proxy, and the STS endpoint (profile endpoint_url or the stsLens.sts.endpoint setting).' };
    case 'unreachable': return { message: `${op} could not reach the STS endpoint${where}.`, next: 'Check the network, VPN or proxy, and the endpoint in the profile (endpoint_url) or the stsLens.sts.endpoint setting.' };
    case 'mfaInvalid': return { message: `${op} failed: STS rejected the MFA code because it was wrong, expired, or already used (each code works only once).`, next: 'Wait for your authenticator to show a new code and enter that one.' };
    case 'ssoExpired': return { message: `The IAM Identity Center (SSO) sign-in for ${w.profile ? `profile ${w.profile}` : 'this profile'} has expired or is missing.`, next: `Run "aws sso login${w.profile ? ` --profile ${w.profile}` : ''}" in a terminal, then try again.` };
    case 'expiredToken': return { message: `${op} failed because the credentials it used have expired.`, next: 'Refresh the source session (or sign in again), then retry.' };
    case 'invalidToken': return { message: `${op} failed because AWS does not recognise the access key or session token (deleted, deactivated, or for another partition).`, next: 'Check the profile\'s keys in ~/.aws/credentials, or refresh the session they came from.' };
    case 'signatureMismatch': return { message: `${op} failed because the secret access key does not match the access key ID.`, next: 'Check aws_secret_access_key for the profile in ~/.aws/credentials (a copy-paste often drops a character).' };
    case 'regionDisabled': return { message: 'STS is not activated in this region for the account.', next: 'Activate the region under IAM → Account settings, or use a profile region where STS is active.' };
    case 'policyTooLarge': return { message: `${op} failed: the session policy, policy ARNs and session tags together exceed STS's packed size limit.`, next: 'Shorten the session policy, use fewer managed policy ARNs, or send fewer/shorter tags.' };
    case 'malformedPolicy': return { message: `${op} failed: the session policy is not a valid IAM policy.`, next: 'Fix the session policy JSON (Version, Statement with Effect, Action, Resource).' };
    case 'invalidIdentityToken': return { message: `${op} failed: the web identity token was rejected (expired, wrong audience, or an issuer IAM does not trust).`, next: 'Get a fresh token, and check the role\'s OIDC provider and the token\'s "aud" claim.' };
    case 'idpRejected': return { message: `${op} failed: the identity provider's claim was rejected or the provider could not be reached.`, next: 'Get a fresh token or assertion from the identity provider and try again.' };
    case 'durationTooLong': return { message: `${op} rejected the duration: it is longer than ${role} allows (its MaxSessionDuration, or 1 hour when chaining roles).`, next: 'Choose a shorter duration, or raise the role\'s maximum session duration in IAM.' };
    case 'noCredentials': return { message: `No credentials could be loaded${w.profile ? ` for profile ${w.profile}` : ''}.`, next: 'Open the AWS config and check the profile\'s keys, source_profile, or credential_process.' };
    case 'externalIdMismatch': return { message: `${op} was denied: the external ID does not match what ${role} requires.`, next: 'Ask the role\'s owner for the external ID and set external_id in the profile.' };
    case 'trustPolicyDenied': return { message: `${op} was denied: the trust policy of ${role} does not allow this caller, or the caller lacks sts:AssumeRole permission, or a condition (MFA, external ID, source identity, tags) is not met.`, next: 'Check the role\'s trust policy names your principal and its conditions, and that your identity may call sts:AssumeRole on it.' };
    case 'accessDenied': return { message: `${op} was denied: the caller's policies do not allow it.`, next: 'Check the identity\'s IAM policies (and any SCP or permission boundary) for this action.' };
    case 'validation': return { message: `${op} rejected a parameter: ${w.detail ?? 'invalid input'}.`, next: 'Correct the value and try again.' };
    case 'unknown': return { message: `${op} failed: ${w.detail ?? 'unknown error'}`, next: 'See the log for details.' };
  }
}

/** Explains an STS error in English. The returned texts never contain the raw message's secrets. */
export function explainStsError(e: StsErrorInput): ErrorExplanation {
  const { wording, actions } = stsErrorWording(e);
  return { kind: wording.kind, ...stsErrorEnglish(wording), actions };
}
