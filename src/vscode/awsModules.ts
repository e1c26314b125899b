/**
 * The AWS calls of src/aws, loaded on first use from their own bundle (dist/aws.js, built from
 * src/aws/gateway.ts) so that the SDK is not loaded at startup. Each export stands for one module of
 * src/aws and has its type: `sts.assumeRole(...)` loads the bundle the first time it is touched.
 */
import type * as Gateway from '../aws/gateway';
import type { DecodeError } from '../aws/decodeAuthorizationMessage';
import type { StsCallError } from '../aws/errors';
import type { FederationError } from '../aws/federation';
import type { SsoCallError } from '../aws/sso';

import { awsBundle } from './bundles';

/** The gateway if an AWS call has loaded it, else undefined (then no error can have come from it). */
export function awsIfLoaded(): typeof Gateway | undefined {
  return awsBundle.ifLoaded();
}

function lazy<K extends keyof typeof Gateway>(name: K): (typeof Gateway)[K] {
  return new Proxy({} as (typeof Gateway)[K], {
    get: (_target, key) => (awsBundle.load()[name] as Record<string | symbol, unknown>)[key],
  });
}

export const accessAnalyzer = lazy('accessAnalyzer');
export const credentials = lazy('credentials');
export const decode = lazy('decode');
export const errors = lazy('errors');
export const federation = lazy('federation');
export const iam = lazy('iam');
export const sso = lazy('sso');
export const sts = lazy('sts');

// Error checks that never load the bundle: an error from it exists only once it is loaded.
export function isStsCallError(e: unknown): e is StsCallError {
  const loaded = awsBundle.ifLoaded();
  return loaded !== undefined && e instanceof loaded.errors.StsCallError;
}

/** The same STS or IAM error under another operation name (one that says whose credentials were used). */
export function renamedCall(e: unknown, operation: string): unknown {
  return isStsCallError(e) ? new (awsBundle.load().errors.StsCallError)({ ...e.input, operation }) : e;
}

export function isSsoCallError(e: unknown): e is SsoCallError {
  const loaded = awsBundle.ifLoaded();
  return loaded !== undefined && e instanceof loaded.sso.SsoCallError;
}

export function isFederationError(e: unknown): e is FederationError {
  const loaded = awsBundle.ifLoaded();
  return loaded !== undefined && e instanceof loaded.federation.FederationError;
}

export function isDecodeError(e: unknown): e is DecodeError {
  const loaded = awsBundle.ifLoaded();
  return loaded !== undefined && e instanceof loaded.decode.DecodeError;
}
