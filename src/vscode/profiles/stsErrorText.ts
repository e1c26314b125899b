/**
 * STS error explanations in words, through vscode.l10n.t: literal templates per kind for what failed and
 * what to do next, so `npm run l10n` exports each. A kind this switch does not handle fails typecheck.
 * The values are the ones core words in English (src/core/sessions/errors.ts), secrets already redacted.
 */
import * as vscode from 'vscode';
import type { StsErrorWording } from '../../core/sessions/errors';

export function stsErrorText(w: StsErrorWording): { message: string; next: string } {
  const op = w.operation;
  switch (w.kind) {
    case 'clockSkew': return {
      message: vscode.l10n.t('{0} failed because this computer\'s clock differs from AWS\'s by more than 5 minutes.', op),
      next: vscode.l10n.t('Synchronise the system clock (for example enable NTP), then try again.'),
    };
    case 'throttled': return {
      message: vscode.l10n.t('{0} was throttled by STS: too many requests in a short time, even after retrying with backoff.', op),
      next: vscode.l10n.t('Wait a minute and try again; scripts calling STS in a loop share the same account quota.'),
    };
    case 'timeout': return {
      message: w.endpoint ? vscode.l10n.t('{0} timed out: the STS endpoint ({1}) did not answer in time.', op, w.endpoint) : vscode.l10n.t('{0} timed out: the STS endpoint did not answer in time.', op),
      next: vscode.l10n.t('Check the network, VPN or proxy, and the STS endpoint (profile endpoint_url or the stsLens.sts.endpoint setting).'),
    };
    case 'unreachable': return {
      message: w.endpoint ? vscode.l10n.t('{0} could not reach the STS endpoint ({1}).', op, w.endpoint) : vscode.l10n.t('{0} could not reach the STS endpoint.', op),
      next: vscode.l10n.t('Check the network, VPN or proxy, and the endpoint in the profile (endpoint_url) or the stsLens.sts.endpoint setting.'),
    };
    case 'mfaInvalid': return {
      message: vscode.l10n.t('{0} failed: STS rejected the MFA code because it was wrong, expired, or already used (each code works only once).', op),
      next: vscode.l10n.t('Wait for your authenticator to show a new code and enter that one.'),
    };
    case 'ssoExpired': return w.profile ? {
      message: vscode.l10n.t('The IAM Identity Center (SSO) sign-in for profile {0} has expired or is missing.', w.profile),
      next: vscode.l10n.t('Run "aws sso login --profile {0}" in a terminal, then try again.', w.profile),
    } : {
      message: vscode.l10n.t('The IAM Identity Center (SSO) sign-in for this profile has expired or is missing.'),
      next: vscode.l10n.t('Run "aws sso login" in a terminal, then try again.'),
    };
    case 'expiredToken': return {
      message: vscode.l10n.t('{0} failed because the credentials it used have expired.', op),
      next: vscode.l10n.t('Refresh the source session (or sign in again), then retry.'),
    };
    case 'invalidToken': return {
      message: vscode.l10n.t('{0} failed because AWS does not recognise the access key or session token (deleted, deactivated, or for another partition).', op),
      next: vscode.l10n.t('Check the profile\'s keys in ~/.aws/credentials, or refresh the session they came from.'),
    };
    case 'signatureMismatch': return {
      message: vscode.l10n.t('{0} failed because the secret access key does not match the access key ID.', op),
      next: vscode.l10n.t('Check aws_secret_access_key for the profile in ~/.aws/credentials (a copy-paste often drops a character).'),
    };
    case 'regionDisabled': return {
      message: vscode.l10n.t('STS is not activated in this region for the account.'),
      next: vscode.l10n.t('Activate the region under IAM → Account settings, or use a profile region where STS is active.'),
    };
    case 'policyTooLarge': return {
      message: vscode.l10n.t('{0} failed: the session policy, policy ARNs and session tags together exceed STS\'s packed size limit.', op),
      next: vscode.l10n.t('Shorten the session policy, use fewer managed policy ARNs, or send fewer/shorter tags.'),
    };
    case 'malformedPolicy': return {
      message: vscode.l10n.t('{0} failed: the session policy is not a valid IAM policy.', op),
      next: vscode.l10n.t('Fix the session policy JSON (Version, Statement with Effect, Action, Resource).'),
    };
    case 'invalidIdentityToken': return {
      message: vscode.l10n.t('{0} failed: the web identity token was rejected (expired, wrong audience, or an issuer IAM does not trust).', op),
      next: vscode.l10n.t('Get a fresh token, and check the role\'s OIDC provider and the token\'s "aud" claim.'),
    };
    case 'idpRejected': return {
      message: vscode.l10n.t('{0} failed: the identity provider\'s claim was rejected or the provider could not be reached.', op),
      next: vscode.l10n.t('Get a fresh token or assertion from the identity provider and try again.'),
    };
    case 'durationTooLong': return {
      message: w.roleArn
        ? vscode.l10n.t('{0} rejected the duration: it is longer than role {1} allows (its MaxSessionDuration, or 1 hour when chaining roles).', op, w.roleArn)
        : vscode.l10n.t('{0} rejected the duration: it is longer than the role allows (its MaxSessionDuration, or 1 hour when chaining roles).', op),
      next: vscode.l10n.t('Choose a shorter duration, or raise the role\'s maximum session duration in IAM.'),
    };
    case 'noCredentials': return {
      message: w.profile ? vscode.l10n.t('No credentials could be loaded for profile {0}.', w.profile) : vscode.l10n.t('No credentials could be loaded.'),
      next: vscode.l10n.t('Open the AWS config and check the profile\'s keys, source_profile, or credential_process.'),
    };
    case 'externalIdMismatch': return {
      message: w.roleArn
        ? vscode.l10n.t('{0} was denied: the external ID does not match what role {1} requires.', op, w.roleArn)
        : vscode.l10n.t('{0} was denied: the external ID does not match what the role requires.', op),
      next: vscode.l10n.t('Ask the role\'s owner for the external ID and set external_id in the profile.'),
    };
    case 'trustPolicyDenied': return {
      message: w.roleArn
        ? vscode.l10n.t('{0} was denied: the trust policy of role {1} does not allow this caller, or the caller lacks sts:AssumeRole permission, or a condition (MFA, external ID, source identity, tags) is not met.', op, w.roleArn)
        : vscode.l10n.t('{0} was denied: the trust policy of the role does not allow this caller, or the caller lacks sts:AssumeRole permission, or a condition (MFA, external ID, source identity, tags) is not met.', op),
      next: vscode.l10n.t('Check the role\'s trust policy names your principal and its conditions, and that your identity may call sts:AssumeRole on it.'),
    };
    case 'accessDenied': return {
      message: vscode.l10n.t('{0} was denied: the caller\'s policies do not allow it.', op),
      next: vscode.l10n.t('Check the identity\'s IAM policies (and any SCP or permission boundary) for this action.'),
    };
    case 'validation': return {
      message: w.detail !== undefined ? vscode.l10n.t('{0} rejected a parameter: {1}.', op, w.detail) : vscode.l10n.t('{0} rejected a parameter: invalid input.', op),
      next: vscode.l10n.t('Correct the value and try again.'),
    };
    case 'unknown': return {
      message: w.detail !== undefined ? vscode.l10n.t('{0} failed: {1}', op, w.detail) : vscode.l10n.t('{0} failed: unknown error', op),
      next: vscode.l10n.t('See the log for details.'),
    };
  }
}
