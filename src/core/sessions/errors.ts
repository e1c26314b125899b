/**
 * Turns STS and credential-provider errors into plain words: what failed, why, what to do next,
 * and which buttons help. Inputs are the error's name, code, message and HTTP status only.
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

export interface ErrorExplanation {
  /** Stable id for tests and the log. */
  readonly kind:
    | 'trustPolicyDenied' | 'accessDenied' | 'externalIdMismatch' | 'expiredToken' | 'invalidToken' | 'signatureMismatch'
    | 'mfaInvalid' | 'mfaMissing' | 'throttled' | 'unreachable' | 'timeout' | 'clockSkew' | 'regionDisabled'
    | 'policyTooLarge' | 'malformedPolicy' | 'invalidIdentityToken' | 'idpRejected' | 'validation' | 'noCredentials'
    | 'ssoExpired' | 'durationTooLong' | 'endpointRefused' | 'unknown';
  /** One sentence: what failed and why. */
  readonly message: string;
  /** What to do next. */
  readonly next: string;
  readonly actions: readonly ErrorAction[];
}

function lower(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join(' ').toLowerCase();
}

/** Explains an STS error. The returned texts never contain the raw message's secrets. */
export function explainStsError(e: StsErrorInput): ErrorExplanation {
  const id = e.name ?? e.code ?? '';
  const text = lower(e.name, e.code, e.message);
  const role = e.roleArn ? `role ${e.roleArn}` : 'the role';
  const where = e.endpoint ? ` (${e.endpoint})` : '';

  if (/clock|skew|requestexpired|signature expired|request has expired|requesttimetooskewed/.test(text)) {
    return { kind: 'clockSkew', message: `${e.operation} failed because this computer's clock differs from AWS's by more than 5 minutes.`, next: 'Synchronise the system clock (for example enable NTP), then try again.', actions: ['retry'] };
  }
  if (/throttl|rate exceeded|toomanyrequests|slowdown|requestlimitexceeded/.test(text) || e.httpStatus === 429) {
    return { kind: 'throttled', message: `${e.operation} was throttled by STS: too many requests in a short time, even after retrying with backoff.`, next: 'Wait a minute and try again; scripts calling STS in a loop share the same account quota.', actions: ['retry'] };
  }
  if (/timeout|timed out|etimedout|requesttimeout/.test(text)) {
    return { kind: 'timeout', message: `${e.operation} timed out: the STS endpoint${where} did not answer in time.`, next: 'Check the network, VPN or proxy, and the STS endpoint (profile endpoint_url or the stsLens.sts.endpoint setting).', actions: ['retry', 'openSettings'] };
  }
  if (/econnrefused|enotfound|eai_again|ehostunreach|enetunreach|econnreset|socket hang up|getaddrinfo|network|fetch failed|unable to connect/.test(text)) {
    return { kind: 'unreachable', message: `${e.operation} could not reach the STS endpoint${where}.`, next: 'Check the network, VPN or proxy, and the endpoint in the profile (endpoint_url) or the stsLens.sts.endpoint setting.', actions: ['retry', 'openSettings', 'showLog'] };
  }
  if (/multifactorauthentication|mfa|tokencode|one-time|one time/.test(text) && /invalid|fail|wrong|used|denied|not valid/.test(text)) {
    return { kind: 'mfaInvalid', message: `${e.operation} failed: STS rejected the MFA code because it was wrong, expired, or already used (each code works only once).`, next: 'Wait for your authenticator to show a new code and enter that one.', actions: ['enterMfaAgain'] };
  }
  if (/sso.*(?:expired|invalid)|token.*sso|sso session|ssotokenprovider|the sso session associated/.test(text)) {
    return { kind: 'ssoExpired', message: `The IAM Identity Center (SSO) sign-in for ${e.profile ? `profile ${e.profile}` : 'this profile'} has expired or is missing.`, next: `Run "aws sso login${e.profile ? ` --profile ${e.profile}` : ''}" in a terminal, then try again.`, actions: ['ssoLogin'] };
  }
  if (/expiredtoken|token.*expired|expired.*token|security token included in the request is expired/.test(text)) {
    return { kind: 'expiredToken', message: `${e.operation} failed because the credentials it used have expired.`, next: 'Refresh the source session (or sign in again), then retry.', actions: ['refreshSession', 'retry'] };
  }
  if (/invalidclienttokenid|security token included in the request is invalid|unrecognizedclient|invalidaccesskeyid/.test(text)) {
    return { kind: 'invalidToken', message: `${e.operation} failed because AWS does not recognise the access key or session token (deleted, deactivated, or for another partition).`, next: 'Check the profile\'s keys in ~/.aws/credentials, or refresh the session they came from.', actions: ['openConfig', 'refreshSession'] };
  }
  if (/signaturedoesnotmatch/.test(text)) {
    return { kind: 'signatureMismatch', message: `${e.operation} failed because the secret access key does not match the access key ID.`, next: 'Check aws_secret_access_key for the profile in ~/.aws/credentials (a copy-paste often drops a character).', actions: ['openConfig'] };
  }
  if (/regiondisabled/.test(text)) {
    return { kind: 'regionDisabled', message: `STS is not activated in this region for the account.`, next: 'Activate the region under IAM → Account settings, or use a profile region where STS is active.', actions: ['openConfig'] };
  }
  if (/packedpolicytoolarge/.test(text)) {
    return { kind: 'policyTooLarge', message: `${e.operation} failed: the session policy, policy ARNs and session tags together exceed STS's packed size limit.`, next: 'Shorten the session policy, use fewer managed policy ARNs, or send fewer/shorter tags.', actions: [] };
  }
  if (/malformedpolicydocument/.test(text)) {
    return { kind: 'malformedPolicy', message: `${e.operation} failed: the session policy is not a valid IAM policy.`, next: 'Fix the session policy JSON (Version, Statement with Effect, Action, Resource).', actions: [] };
  }
  if (/invalididentitytoken/.test(text)) {
    return { kind: 'invalidIdentityToken', message: `${e.operation} failed: the web identity token was rejected (expired, wrong audience, or an issuer IAM does not trust).`, next: 'Get a fresh token, and check the role\'s OIDC provider and the token\'s "aud" claim.', actions: ['retry'] };
  }
  if (/idprejectedclaim|idpcommunicationerror/.test(text)) {
    return { kind: 'idpRejected', message: `${e.operation} failed: the identity provider's claim was rejected or the provider could not be reached.`, next: 'Get a fresh token or assertion from the identity provider and try again.', actions: ['retry'] };
  }
  if (/durationseconds|maxsessionduration|exceeds the maxsessionduration|session duration/.test(text) && /exceed|greater|invalid|must be/.test(text)) {
    return { kind: 'durationTooLong', message: `${e.operation} rejected the duration: it is longer than ${role} allows (its MaxSessionDuration, or 1 hour when chaining roles).`, next: 'Choose a shorter duration, or raise the role\'s maximum session duration in IAM.', actions: ['retry'] };
  }
  if (/could not load credentials|credentialsprovidererror|no credentials|unable to load credentials|profile .* could not be found|credential_process|could not find profile/.test(text)) {
    return { kind: 'noCredentials', message: `No credentials could be loaded${e.profile ? ` for profile ${e.profile}` : ''}.`, next: 'Open the AWS config and check the profile\'s keys, source_profile, or credential_process.', actions: ['openConfig', 'showLog'] };
  }
  if (/accessdenied|not authorized|403/.test(text) || id === 'AccessDenied' || e.httpStatus === 403) {
    if (/externalid|external id/.test(text)) {
      return { kind: 'externalIdMismatch', message: `${e.operation} was denied: the external ID does not match what ${role} requires.`, next: 'Ask the role\'s owner for the external ID and set external_id in the profile.', actions: ['openTrustPolicy', 'openConfig'] };
    }
    if (e.operation === 'AssumeRole' || e.operation === 'AssumeRoleWithWebIdentity' || e.operation === 'AssumeRoleWithSAML' || /sts:assumerole/.test(text)) {
      return { kind: 'trustPolicyDenied', message: `${e.operation} was denied: the trust policy of ${role} does not allow this caller, or the caller lacks sts:AssumeRole permission, or a condition (MFA, external ID, source identity, tags) is not met.`, next: 'Check the role\'s trust policy names your principal and its conditions, and that your identity may call sts:AssumeRole on it.', actions: ['openTrustPolicy', 'showLog'] };
    }
    return { kind: 'accessDenied', message: `${e.operation} was denied: the caller's policies do not allow it.`, next: 'Check the identity\'s IAM policies (and any SCP or permission boundary) for this action.', actions: ['showLog'] };
  }
  if (/validationerror|invalidparameter|validation|must satisfy|constraint/.test(text)) {
    return { kind: 'validation', message: `${e.operation} rejected a parameter: ${redactSecrets(e.message ?? 'invalid input')}.`, next: 'Correct the value and try again.', actions: ['retry'] };
  }
  return { kind: 'unknown', message: `${e.operation} failed: ${redactSecrets(e.message ?? e.name ?? 'unknown error')}`, next: 'See the log for details.', actions: ['showLog', 'retry'] };
}
