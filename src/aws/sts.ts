/**
 * The STS gateway: every STS operation STS Lens performs, with timeouts, retries with backoff for
 * throttling, and the endpoint STS Lens resolved for the profile.
 */
import {
  AssumeRoleCommand,
  AssumeRoleWithSAMLCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials as StsCredentials,
} from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { TemporaryCredentials } from '../core/identity';
import type { EndpointOrigin } from '../core/profiles/endpointTrust';
import type { AssumeRoleRequest, FederationTokenRequest, GetSessionTokenRequest, SamlRequest, WebIdentityRequest } from '../core/sessions/limits';
import { StsCallError } from './errors';

export interface StsTarget {
  readonly region: string;
  readonly endpoint?: string;
  /** Where `endpoint` was configured; checked before credentials are sent there. */
  readonly endpointOrigin?: EndpointOrigin;
  readonly useGlobalEndpoint?: boolean;
  /** Per-attempt network timeout; STS answers in well under a second when reachable. */
  readonly timeoutMs?: number;
  /** Attempts including the first; the SDK's standard strategy backs off between them on throttling. */
  readonly maxAttempts?: number;
}

export type CredentialSource = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export interface StsResult {
  readonly credentials: TemporaryCredentials;
  /** Caller ARN of the new session (assumed-role or federated-user ARN), when STS returns it. */
  readonly arn?: string;
  readonly sourceIdentity?: string;
  readonly packedPolicySize?: number;
}

export interface CallerIdentity {
  readonly arn: string;
  readonly account: string;
  readonly userId: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Client options shared by STS and IAM clients and the SDK's credential providers. */
export function clientOptions(target: StsTarget) {
  return {
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    maxAttempts: target.maxAttempts ?? 3,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: target.timeoutMs ?? DEFAULT_TIMEOUT_MS, requestTimeout: target.timeoutMs ?? DEFAULT_TIMEOUT_MS, throwOnRequestTimeout: true },
  };
}

function client(target: StsTarget, credentials?: CredentialSource): STSClient {
  return new STSClient({
    ...clientOptions(target),
    ...(target.useGlobalEndpoint ? { useGlobalEndpoint: true } : {}),
    ...(credentials ? { credentials } : {}),
  });
}

function temporary(c: StsCredentials | undefined, operation: string): TemporaryCredentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new StsCallError({ operation, message: `${operation} returned no credentials` });
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

async function call<T>(operation: string, target: StsTarget, credentials: CredentialSource | undefined, send: (c: STSClient) => Promise<T>, roleArn?: string): Promise<T> {
  const c = client(target, credentials);
  try {
    return await send(c);
  } catch (e) {
    throw StsCallError.from(e, operation, { roleArn, endpoint: target.endpoint });
  } finally {
    c.destroy();
  }
}

function tags(list: AssumeRoleRequest['tags']) {
  return list?.length ? list.map((t) => ({ Key: t.key, Value: t.value })) : undefined;
}

function policyArns(list: readonly string[] | undefined) {
  return list?.length ? list.map((arn) => ({ arn })) : undefined;
}

export function assumeRole(target: StsTarget, credentials: CredentialSource, req: AssumeRoleRequest): Promise<StsResult> {
  return call('AssumeRole', target, credentials, async (c) => {
    const r = await c.send(new AssumeRoleCommand({
      RoleArn: req.roleArn,
      RoleSessionName: req.sessionName,
      DurationSeconds: req.durationSeconds,
      SerialNumber: req.mfaSerial,
      TokenCode: req.mfaCode,
      ExternalId: req.externalId,
      Tags: tags(req.tags),
      TransitiveTagKeys: req.transitiveTagKeys?.length ? [...req.transitiveTagKeys] : undefined,
      SourceIdentity: req.sourceIdentity,
      Policy: req.policy,
      PolicyArns: policyArns(req.policyArns),
    }));
    return { credentials: temporary(r.Credentials, 'AssumeRole'), arn: r.AssumedRoleUser?.Arn, sourceIdentity: r.SourceIdentity, packedPolicySize: r.PackedPolicySize };
  }, req.roleArn);
}

export function getSessionToken(target: StsTarget, credentials: CredentialSource, req: GetSessionTokenRequest): Promise<StsResult> {
  return call('GetSessionToken', target, credentials, async (c) => {
    const r = await c.send(new GetSessionTokenCommand({ DurationSeconds: req.durationSeconds, SerialNumber: req.mfaSerial, TokenCode: req.mfaCode }));
    return { credentials: temporary(r.Credentials, 'GetSessionToken') };
  });
}

/** Unsigned (the SDK resolves no credentials for it): the web identity token is the proof of identity. */
export function assumeRoleWithWebIdentity(target: StsTarget, req: WebIdentityRequest): Promise<StsResult> {
  return call('AssumeRoleWithWebIdentity', target, undefined, async (c) => {
    const r = await c.send(new AssumeRoleWithWebIdentityCommand({
      RoleArn: req.roleArn,
      RoleSessionName: req.sessionName,
      WebIdentityToken: req.token,
      ProviderId: req.providerId,
      DurationSeconds: req.durationSeconds,
      Policy: req.policy,
      PolicyArns: policyArns(req.policyArns),
    }));
    return { credentials: temporary(r.Credentials, 'AssumeRoleWithWebIdentity'), arn: r.AssumedRoleUser?.Arn, sourceIdentity: r.SourceIdentity };
  }, req.roleArn);
}

/** Unsigned (the SDK resolves no credentials for it): the SAML assertion is the proof of identity. */
export function assumeRoleWithSaml(target: StsTarget, req: SamlRequest): Promise<StsResult> {
  return call('AssumeRoleWithSAML', target, undefined, async (c) => {
    const r = await c.send(new AssumeRoleWithSAMLCommand({
      RoleArn: req.roleArn,
      PrincipalArn: req.principalArn,
      SAMLAssertion: req.assertion.replace(/\s+/g, ''),
      DurationSeconds: req.durationSeconds,
      Policy: req.policy,
      PolicyArns: policyArns(req.policyArns),
    }));
    return { credentials: temporary(r.Credentials, 'AssumeRoleWithSAML'), arn: r.AssumedRoleUser?.Arn, sourceIdentity: r.SourceIdentity };
  }, req.roleArn);
}

export function getFederationToken(target: StsTarget, credentials: CredentialSource, req: FederationTokenRequest): Promise<StsResult> {
  return call('GetFederationToken', target, credentials, async (c) => {
    const r = await c.send(new GetFederationTokenCommand({
      Name: req.name,
      DurationSeconds: req.durationSeconds,
      Policy: req.policy,
      PolicyArns: policyArns(req.policyArns),
      Tags: tags(req.tags),
    }));
    return { credentials: temporary(r.Credentials, 'GetFederationToken'), arn: r.FederatedUser?.Arn, packedPolicySize: r.PackedPolicySize };
  });
}

export function getCallerIdentity(target: StsTarget, credentials: CredentialSource): Promise<CallerIdentity> {
  return call('GetCallerIdentity', target, credentials, async (c) => {
    const r = await c.send(new GetCallerIdentityCommand({}));
    return { arn: r.Arn ?? '', account: r.Account ?? '', userId: r.UserId ?? '' };
  });
}
