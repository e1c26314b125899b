import {
  AccessAnalyzerClient,
  ValidatePolicyCommand,
  type ValidatePolicyFinding,
  type ValidatePolicyRequest,
} from '@aws-sdk/client-accessanalyzer';
import type { TemporaryCredentials } from '../core/identity';
import { redactSecrets } from '../core/sessions/redact';

/** Policy types as the editor knows them; `TRUST_POLICY` is sent as a resource policy of a role. */
export type RemotePolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'TRUST_POLICY' | 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export interface RemoteFinding {
  readonly findingType: string;
  readonly issueCode: string;
  readonly findingDetails: string;
  readonly learnMoreLink: string;
  readonly locations: ReadonlyArray<{
    readonly path: ReadonlyArray<{ readonly value?: string; readonly index?: number; readonly key?: string; readonly substring?: { start: number; length: number } }>;
    readonly span: { readonly start: { line: number; column: number; offset: number }; readonly end: { line: number; column: number; offset: number } };
  }>;
}

export type RemoteValidationFailureKind = 'offline' | 'denied' | 'credentials' | 'throttled' | 'invalid' | 'notAccessAnalyzer' | 'other';

export type RemoteValidationResult =
  | { readonly ok: true; readonly findings: RemoteFinding[] }
  | { readonly ok: false; readonly kind: RemoteValidationFailureKind; readonly message: string };

export interface RemoteValidationRequest {
  readonly policyDocument: string;
  readonly policyType: RemotePolicyType;
  readonly region: string;
  readonly credentials: () => Promise<TemporaryCredentials>;
  /** Profile whose shared-config settings (such as `endpoint_url`) apply, as the AWS CLI would use them. */
  readonly profile?: string;
  /** Endpoint override; when absent the SDK resolves it (AWS_ENDPOINT_URL_ACCESSANALYZER, the profile's endpoint_url, the regional default). */
  readonly endpoint?: string;
  readonly abortSignal?: AbortSignal;
}

/** The request fields Access Analyzer needs for each of our policy types. */
export function validatePolicyInput(policyDocument: string, policyType: RemotePolicyType): ValidatePolicyRequest {
  if (policyType === 'TRUST_POLICY') {
    return { policyDocument, policyType: 'RESOURCE_POLICY', validatePolicyResourceType: 'AWS::IAM::AssumeRolePolicyDocument' };
  }
  return { policyDocument, policyType };
}

/**
 * The endpoint the SDK will send ValidatePolicy to when it is configured rather than AWS's default:
 * AWS_ENDPOINT_URL_ACCESSANALYZER, AWS_ENDPOINT_URL, or `endpoint_url` in the AWS config. Undefined
 * for the regional AWS endpoint.
 */
export async function configuredAccessAnalyzerEndpoint(region: string, profile?: string): Promise<string | undefined> {
  const client = new AccessAnalyzerClient({ region, ...(profile ? { profile } : {}) });
  try {
    const config = client.config as { serviceConfiguredEndpoint?: () => Promise<string | undefined> };
    return (await config.serviceConfiguredEndpoint?.()) || undefined;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/** Calls IAM Access Analyzer's ValidatePolicy (all pages). Never throws: failures come back as a kind and a message. */
export async function validatePolicyRemotely(req: RemoteValidationRequest): Promise<RemoteValidationResult> {
  const client = new AccessAnalyzerClient({
    region: req.region,
    credentials: req.credentials,
    maxAttempts: 2,
    ...(req.profile ? { profile: req.profile } : {}),
    ...(req.endpoint ? { endpoint: req.endpoint } : {}),
  });
  // Where the request really went (the profile's endpoint_url may redirect it), to name it in errors.
  let sentTo: string | undefined;
  client.middlewareStack.add((next) => async (args) => {
    const r = args.request as { protocol?: string; hostname?: string; port?: number; path?: string };
    if (r?.hostname) sentTo = `${r.protocol ?? 'https:'}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path ?? ''}`;
    return next(args);
  }, { step: 'finalizeRequest', name: 'stsLensRecordEndpoint' });
  try {
    const findings: RemoteFinding[] = [];
    let nextToken: string | undefined;
    do {
      const out = await client.send(new ValidatePolicyCommand({ ...validatePolicyInput(req.policyDocument, req.policyType), nextToken }), {
        abortSignal: req.abortSignal,
      });
      findings.push(...(out.findings ?? []).map(toRemoteFinding));
      nextToken = out.nextToken;
    } while (nextToken);
    return { ok: true, findings };
  } catch (e) {
    return { ok: false, ...describeFailure(e, sentTo ?? req.endpoint) };
  } finally {
    client.destroy();
  }
}

function toRemoteFinding(f: ValidatePolicyFinding): RemoteFinding {
  return {
    findingType: f.findingType ?? 'WARNING',
    issueCode: f.issueCode ?? 'UNKNOWN',
    findingDetails: f.findingDetails ?? '',
    learnMoreLink: f.learnMoreLink ?? '',
    locations: (f.locations ?? []).map((l) => ({
      path: (l.path ?? []).map((p) => {
        if (p.index !== undefined) return { index: p.index };
        if (p.key !== undefined) return { key: p.key };
        if (p.value !== undefined) return { value: p.value };
        if (p.substring !== undefined) return { substring: { start: p.substring.start ?? 0, length: p.substring.length ?? 0 } };
        return {};
      }),
      span: {
        start: { line: l.span?.start?.line ?? 1, column: l.span?.start?.column ?? 0, offset: l.span?.start?.offset ?? 0 },
        end: { line: l.span?.end?.line ?? 1, column: l.span?.end?.column ?? 0, offset: l.span?.end?.offset ?? 0 },
      },
    })),
  };
}

/** Turns an SDK or network error into what failed and what to do next, without echoing credentials. */
export function describeFailure(e: unknown, endpoint?: string): { kind: RemoteValidationFailureKind; message: string } {
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = err?.name ?? '';
  const code = err?.code ?? '';
  const status = err?.$metadata?.httpStatusCode;
  const detail = redactSecrets(err?.message ?? String(e)).split('\n')[0].slice(0, 300);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|getaddrinfo|socket hang up|network/i.test(detail) || name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'offline', message: `IAM Access Analyzer could not be reached (${detail}). Check your network or proxy; the offline checks still apply.` };
  }
  // A body that is not Access Analyzer's JSON (an HTML page, another service's XML): say so instead of echoing the parser.
  if (name === 'SyntaxError' || /is not valid JSON|Unexpected token|Deserialization error/i.test(detail)) {
    return { kind: 'notAccessAnalyzer', message: `The endpoint ${endpoint ?? 'in use'} did not answer as IAM Access Analyzer (its reply is not Access Analyzer's JSON). Check the profile's endpoint_url, or an access_analyzer entry in its [services] section.` };
  }
  if (name === 'AccessDeniedException' || (status === 403 && !/token|signature|credential/i.test(name))) {
    return { kind: 'denied', message: `The identity is not allowed to call access-analyzer:ValidatePolicy (${detail}). Choose another profile or add that permission.` };
  }
  if (/ExpiredToken|InvalidClientTokenId|UnrecognizedClient|InvalidSignature|SignatureDoesNotMatch|CredentialsProviderError|IncompleteSignature/i.test(name) || /credential/i.test(detail)) {
    return { kind: 'credentials', message: `The identity's credentials were not accepted (${name || 'credentials error'}). Refresh the session or choose another profile.` };
  }
  if (name === 'ThrottlingException' || status === 429) {
    return { kind: 'throttled', message: 'IAM Access Analyzer is throttling requests. Try again in a moment.' };
  }
  if (name === 'ValidationException' || status === 400) {
    return { kind: 'invalid', message: `IAM Access Analyzer rejected the request: ${detail}` };
  }
  return { kind: 'other', message: `${name ? `${name}: ` : ''}${detail}` };
}
