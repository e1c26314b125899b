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

/** What failed, why, and what to do next. */
export function describeDecodeFailure(kind: DecodeFailureKind, c: DecodeFailureContext): DecodeFailureText {
  const where = c.endpoint ? ` at ${c.endpoint}` : ` in ${c.region}`;
  switch (kind) {
    case 'access-denied': {
      // STS's own text says whether a missing Allow or a Deny (often an SCP) blocks the call.
      const stated = c.detail ? findStatedDenials(c.detail)[0] : undefined;
      const why = stated?.policyType
        ? stated.kind === 'explicit'
          ? ` AWS says it is explicitly denied in a ${stated.policyType}, so granting it elsewhere will not help: decode it as another profile, or ask the owner of that policy.`
          : ` AWS says no ${stated.policyType} allows it.`
        : '';
      return {
        message: `Could not decode the message: ${c.identity} is not allowed to call sts:DecodeAuthorizationMessage.${why}${stated?.kind === 'explicit' ? '' : ' Decode it as a profile whose policy allows sts:DecodeAuthorizationMessage, or ask an administrator to grant it.'}`,
        actions: ['pickProfile', 'showLog'],
      };
    }
    case 'invalid-message':
      return {
        message: 'STS rejected the message as invalid (InvalidAuthorizationMessageException). It may be incomplete, altered by copying, or from another account or partition; decode it as an identity in the account where the error happened, and copy the whole message again.',
        actions: ['pickProfile', 'showLog'],
      };
    case 'timeout':
      return {
        message: `STS${where} did not answer within ${c.timeoutSeconds} seconds. Check the network or the endpoint, then retry; the timeout is the stsLens.authz.decodeTimeoutSeconds setting.`,
        actions: ['retry', 'openSettings'],
      };
    case 'unreachable':
      return {
        message: `Could not reach STS${where}${c.code ? ` (${c.code})` : ''}. Check the endpoint_url of ${c.identity}, the stsLens.sts.endpoint setting and the network, then retry.`,
        actions: ['retry', 'openSettings', 'showLog'],
      };
    case 'credentials':
      return {
        message: `Could not get valid credentials for ${c.identity}${c.code ? ` (${c.code})` : ''}: ${c.detail === undefined ? 'the credentials were refused' : redactSecrets(c.detail)}. Refresh the session or pick another profile.`,
        actions: ['pickProfile', 'showLog'],
      };
    case 'throttled':
      return { message: 'STS is throttling requests. Wait a moment and retry.', actions: ['retry'] };
    case 'cancelled':
      return { message: 'Decoding was cancelled.', actions: [] };
    default:
      return {
        message: `Could not decode the message${c.code ? ` (${c.code})` : ''}: ${c.detail === undefined ? 'unknown error' : redactSecrets(c.detail)}.`,
        actions: ['retry', 'showLog'],
      };
  }
}
