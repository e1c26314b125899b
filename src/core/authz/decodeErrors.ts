import * as l10n from '@vscode/l10n';
import { redactSecrets } from '../sessions/redact';
import { findStatedDenials } from './statedDenial';

/** Why a decode failed, in terms the person can act on. */
export type DecodeFailureKind = 'access-denied' | 'invalid-message' | 'timeout' | 'unreachable' | 'credentials' | 'throttled' | 'cancelled' | 'other';

export type DecodeFailureAction = 'pickProfile' | 'retry' | 'showLog' | 'openSettings';

export interface DecodeFailureText {
  readonly message: string;
  readonly actions: readonly DecodeFailureAction[];
}

export interface DecodeFailureContext {
  /** Who the call was made as: a profile name or a role label. */
  readonly identity: string;
  readonly endpoint?: string;
  readonly region: string;
  readonly timeoutSeconds: number;
  readonly code?: string;
  /** The service's own message; credentials in it are redacted before it is shown. */
  readonly detail?: string;
}

/** The buttons each kind of failure offers. */
const FAILURE_ACTIONS: Readonly<Record<DecodeFailureKind, readonly DecodeFailureAction[]>> = {
  'access-denied': ['pickProfile', 'showLog'],
  'invalid-message': ['pickProfile', 'showLog'],
  timeout: ['retry', 'openSettings'],
  unreachable: ['retry', 'openSettings', 'showLog'],
  credentials: ['pickProfile', 'showLog'],
  throttled: ['retry'],
  cancelled: [],
  other: ['retry', 'showLog'],
};

/** Why the identity may not decode, in STS's own terms when its text names the policy. */
function accessDeniedMessage(c: DecodeFailureContext): string {
  // STS's own text says whether a missing Allow or a Deny (often an SCP) blocks the call.
  const stated = c.detail ? findStatedDenials(c.detail)[0] : undefined;
  if (stated?.policyType && stated.kind === 'explicit') {
    return l10n.t('Could not decode the message: {0} is not allowed to call sts:DecodeAuthorizationMessage. AWS says it is explicitly denied in a {1}, so granting it elsewhere will not help: decode it as another profile, or ask the owner of that policy.', c.identity, stated.policyType);
  }
  if (stated?.policyType) {
    return l10n.t('Could not decode the message: {0} is not allowed to call sts:DecodeAuthorizationMessage. AWS says no {1} allows it. Decode it as a profile whose policy allows sts:DecodeAuthorizationMessage, or ask an administrator to grant it.', c.identity, stated.policyType);
  }
  return l10n.t('Could not decode the message: {0} is not allowed to call sts:DecodeAuthorizationMessage. Decode it as a profile whose policy allows sts:DecodeAuthorizationMessage, or ask an administrator to grant it.', c.identity);
}

function failureMessage(kind: DecodeFailureKind, c: DecodeFailureContext): string {
  switch (kind) {
    case 'access-denied':
      return accessDeniedMessage(c);
    case 'invalid-message':
      return l10n.t('STS rejected the message as invalid (InvalidAuthorizationMessageException). It may be incomplete, altered by copying, or from another account or partition; decode it as an identity in the account where the error happened, and copy the whole message again.');
    case 'timeout':
      return c.endpoint
        ? l10n.t('STS at {0} did not answer within {1} seconds. Check the network or the endpoint, then retry; the timeout is the stsLens.authz.decodeTimeoutSeconds setting.', c.endpoint, c.timeoutSeconds)
        : l10n.t('STS in {0} did not answer within {1} seconds. Check the network or the endpoint, then retry; the timeout is the stsLens.authz.decodeTimeoutSeconds setting.', c.region, c.timeoutSeconds);
    case 'unreachable':
      if (c.endpoint) {
        return c.code
          ? l10n.t('Could not reach STS at {0} ({1}). Check the endpoint_url of {2}, the stsLens.sts.endpoint setting and the network, then retry.', c.endpoint, c.code, c.identity)
          : l10n.t('Could not reach STS at {0}. Check the endpoint_url of {1}, the stsLens.sts.endpoint setting and the network, then retry.', c.endpoint, c.identity);
      }
      return c.code
        ? l10n.t('Could not reach STS in {0} ({1}). Check the endpoint_url of {2}, the stsLens.sts.endpoint setting and the network, then retry.', c.region, c.code, c.identity)
        : l10n.t('Could not reach STS in {0}. Check the endpoint_url of {1}, the stsLens.sts.endpoint setting and the network, then retry.', c.region, c.identity);
    case 'credentials': {
      const why = c.detail === undefined ? l10n.t('the credentials were refused') : redactSecrets(c.detail);
      return c.code
        ? l10n.t('Could not get valid credentials for {0} ({1}): {2}. Refresh the session or pick another profile.', c.identity, c.code, why)
        : l10n.t('Could not get valid credentials for {0}: {1}. Refresh the session or pick another profile.', c.identity, why);
    }
    case 'throttled':
      return l10n.t('STS is throttling requests. Wait a moment and retry.');
    case 'cancelled':
      return l10n.t('Decoding was cancelled.');
    default: {
      const why = c.detail === undefined ? l10n.t('unknown error') : redactSecrets(c.detail);
      return c.code ? l10n.t('Could not decode the message ({0}): {1}.', c.code, why) : l10n.t('Could not decode the message: {0}.', why);
    }
  }
}

/** What failed, why, and what to do next. */
export function describeDecodeFailure(kind: DecodeFailureKind, c: DecodeFailureContext): DecodeFailureText {
  return { message: failureMessage(kind, c), actions: FAILURE_ACTIONS[kind] };
}
