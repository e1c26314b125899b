import * as l10n from '@vscode/l10n';
import type { RequestContext } from './context';
import type { Caller } from './principal';
import type { ContextValue, EvaluationRequest } from './types';

/**
 * STS actions a GetSessionToken session may call: AssumeRole and GetCallerIdentity, and the
 * permissions AssumeRole itself asks for when it passes session tags, a source identity or context.
 */
const SESSION_TOKEN_STS = new Set(['sts:assumerole', 'sts:getcalleridentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

/** Whether the request states that MFA was used (aws:MultiFactorAuthPresent true). */
function mfaPresent(ctx: RequestContext): boolean {
  const entry = ctx.get('aws:MultiFactorAuthPresent');
  return entry !== undefined && entry.values.some((v) => v.toLowerCase() === 'true');
}

const MFA_KEY = 'aws:multifactorauthpresent';

/** Whether a request's context states MFA: aws:MultiFactorAuthPresent true, the key in any case. */
export function contextStatesMfa(context: Readonly<Record<string, ContextValue>> | undefined): boolean {
  const entry = Object.entries(context ?? {}).find(([k]) => k.toLowerCase() === MFA_KEY)?.[1];
  return (Array.isArray(entry) ? entry : [entry]).some((v) => String(v).toLowerCase() === 'true');
}

/**
 * The request of a session from GetSessionToken: its kind of credentials, and a session made with
 * MFA states it (aws:MultiFactorAuthPresent true) unless the context already names the key. AWS:
 * "You cannot call any IAM API operations unless MFA authentication information is included in the request".
 */
export function sessionTokenRequest(mfa: boolean, context: Record<string, ContextValue>): Pick<EvaluationRequest, 'credentials' | 'context'> {
  const stated = Object.keys(context).some((k) => k.toLowerCase() === MFA_KEY);
  const full = mfa && !stated ? { 'aws:MultiFactorAuthPresent': true, ...context } : context;
  return { credentials: 'GetSessionToken', ...(Object.keys(full).length ? { context: full } : {}) };
}

/** A GetSessionToken session in words, with or without MFA (which decides whether it may call IAM). */
export function sessionTokenText(mfa: boolean): string {
  return mfa ? l10n.t('a GetSessionToken session, with MFA') : l10n.t('a GetSessionToken session, without MFA');
}

/** Whether the request's credentials came from GetSessionToken (the principal is then the IAM user or root user that called it). */
export function fromSessionToken(request: EvaluationRequest, caller: Caller): boolean {
  return request.credentials === 'GetSessionToken' && (caller.kind === 'user' || caller.kind === 'root');
}

/**
 * Why the caller's kind of temporary credentials cannot call the action whatever its policies allow,
 * as STS documents for GetFederationToken and GetSessionToken credentials; undefined when they can.
 */
export function sessionRefusal(request: EvaluationRequest, caller: Caller, service: string, actionLower: string, ctx: RequestContext): string | undefined {
  // AWS, GetFederationToken: "You cannot call any IAM operations using the CLI or the Amazon Web Services API"
  // (console sessions can) and "You cannot call any STS operations except GetCallerIdentity", whatever the policies say.
  if (caller.kind === 'federatedUser') {
    if (service === 'iam') return l10n.t('A federated user session (from GetFederationToken) cannot call IAM operations through the CLI or the API, whatever its policies allow; only its console sessions can.');
    if (service === 'sts') return l10n.t('A federated user session (from GetFederationToken) cannot call STS operations other than GetCallerIdentity, whatever its policies allow.');
    return undefined;
  }
  // AWS, GetSessionToken: "You cannot call any IAM API operations unless MFA authentication information is
  // included in the request" and "You cannot call any STS API except AssumeRole or GetCallerIdentity".
  if (!fromSessionToken(request, caller)) return undefined;
  if (service === 'iam' && !mfaPresent(ctx)) return l10n.t('Credentials from GetSessionToken cannot call IAM operations unless they were made with MFA (aws:MultiFactorAuthPresent true), whatever the policies allow.');
  if (service === 'sts' && !SESSION_TOKEN_STS.has(actionLower)) return l10n.t('Credentials from GetSessionToken cannot call STS operations other than AssumeRole and GetCallerIdentity, whatever the policies allow.');
  return undefined;
}
