import { splitArn } from '../policy/checks/arnFormats';
import { plainNumberText } from '../policy/numericValues';
import type { EvaluationRequest } from './types';
import { isAccountIdentity, type Caller } from './principal';

/** A request value as text; a number keeps its decimal form (`0.0000001`, not `1e-7`), as Numeric operators read it. */
function contextText(v: unknown): string {
  return typeof v === 'number' ? plainNumberText(v) : String(v);
}

/** One key's values in the request: `multi` when the request gave an array. */
export interface ContextEntry {
  /** The key as the request spells it. */
  key: string;
  values: string[];
  multi: boolean;
}

/** What the derived keys come from (see buildContext). */
interface Derivation {
  readonly request: EvaluationRequest;
  readonly caller: Caller;
  readonly resourceAccount: string | undefined;
  readonly now: Date | undefined;
}

/**
 * Request context keys, looked up case-insensitively as IAM does. The keys AWS derives are added
 * on the first lookup of one of them: many requests meet no condition that asks for one. Keys the
 * request states win over derived ones.
 */
export class RequestContext {
  /** The keys the request states, made with the first (most escalation requests state none). */
  declare private entries: Map<string, ContextEntry> | undefined;
  declare private pending: Derivation | undefined;
  declare private derived: ReadonlyMap<string, ContextEntry> | undefined;

  constructor(derivation?: Derivation) {
    this.leftOut = undefined;
    this.entries = undefined;
    this.pending = derivation;
    this.derived = undefined;
  }

  get(key: string): ContextEntry | undefined {
    const lower = key.toLowerCase();
    const stated = this.entries?.get(lower);
    // Most keys that conditions ask for (tags, a service's own keys) are never derived.
    if (stated || !DERIVED_KEYS.has(lower)) return stated;
    if (this.pending) {
      this.derived = derivedKeys(this.pending);
      this.pending = undefined;
    }
    return this.derived?.get(lower);
  }

  /** Keys the request stated but left out, as requests for the action never carry them (lower case). */
  declare leftOut: ReadonlySet<string> | undefined;

  /** Whether `key` was stated but left out (see unsentKeys.ts): its absence is then worth saying why. */
  isLeftOut(key: string): boolean {
    return this.leftOut !== undefined && this.leftOut.has(key.toLowerCase());
  }

  set(key: string, value: unknown): void {
    const multi = Array.isArray(value);
    const values = (multi ? (value as unknown[]) : [value]).filter((v) => v !== null && v !== undefined && typeof v !== 'object').map(contextText);
    (this.entries ??= new Map()).set(key.toLowerCase(), { key, values, multi });
  }
}

/** Every key deriveAll may add, lowercased (a unit test asks for each by name). */
const DERIVED_KEYS: ReadonlySet<string> = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:principalisawsservice', 'aws:principaltype', 'aws:username', 'aws:userid', 'aws:principalservicename', 'aws:federatedprovider', 'aws:resourceaccount', 'aws:requestedregion', 'aws:currenttime', 'aws:epochtime']);

/** Derived keys by caller, then by resource account, time and resource: requests of one principal derive the same keys again and again. */
const derivedCache = new WeakMap<Caller, Map<string, ReadonlyMap<string, ContextEntry>>>();

function derivedKeys(d: Derivation): ReadonlyMap<string, ContextEntry> {
  let byRequest = derivedCache.get(d.caller);
  if (!byRequest) {
    byRequest = new Map();
    derivedCache.set(d.caller, byRequest);
  }
  const key = `${d.resourceAccount ?? ''}\n${d.now ? d.now.getTime() : ''}\n${d.request.resource ?? ''}`;
  let keys = byRequest.get(key);
  if (!keys) {
    keys = deriveAll(d);
    if (byRequest.size >= 256) byRequest.clear();
    byRequest.set(key, keys);
  }
  return keys;
}

/** The keys AWS always adds, derived from the principal, the resource and the clock (see RequestContext for keys the request states). */
function deriveAll({ request, caller, resourceAccount, now }: Derivation): ReadonlyMap<string, ContextEntry> {
  const keys = new Map<string, ContextEntry>();
  const derive = (key: string, value: string | undefined): void => {
    if (value === undefined) return;
    const lower = key.toLowerCase();
    if (!keys.has(lower)) keys.set(lower, { key, values: [value], multi: false });
  };
  if (isAccountIdentity(caller)) {
    derive('aws:PrincipalArn', caller.kind === 'session' ? caller.roleArn : caller.arn);
    derive('aws:PrincipalAccount', caller.account);
    derive('aws:PrincipalIsAWSService', 'false');
    derive('aws:PrincipalType', PRINCIPAL_TYPES[caller.kind]);
    if (caller.kind === 'user') derive('aws:username', caller.userName);
    if (caller.kind === 'root') derive('aws:userid', caller.account);
  } else if (caller.kind === 'service') {
    derive('aws:PrincipalIsAWSService', 'true');
    derive('aws:PrincipalServiceName', caller.raw);
  } else if (caller.kind === 'federated') {
    derive('aws:FederatedProvider', caller.raw);
  } else if (caller.kind === 'anonymous') {
    derive('aws:PrincipalType', 'Anonymous');
  }
  derive('aws:ResourceAccount', resourceAccount);
  // A regional resource is called in its own region.
  const region = splitArn(request.resource ?? '')?.region;
  if (region && !region.includes('*')) derive('aws:RequestedRegion', region);
  if (now && !Number.isNaN(now.getTime())) {
    derive('aws:CurrentTime', now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    derive('aws:EpochTime', String(Math.floor(now.getTime() / 1000)));
  }
  return keys;
}

/** aws:PrincipalType by the kind of an account's identity. */
const PRINCIPAL_TYPES: Readonly<Record<string, string>> = { root: 'Account', user: 'User', role: 'AssumedRole', session: 'AssumedRole', federatedUser: 'FederatedUser' };

/**
 * The request's context, with the keys AWS always adds derived from the principal, the resource
 * and the clock when the request does not state them (on first lookup). aws:username exists only
 * for IAM users.
 */
export function buildContext(request: EvaluationRequest, caller: Caller, resourceAccount: string | undefined, now: Date | undefined): RequestContext {
  const ctx = new RequestContext({ request, caller, resourceAccount, now });
  const given = request.context;
  let mfaStated = false;
  if (given) {
    for (const k in given) {
      if (!Object.prototype.hasOwnProperty.call(given, k)) continue;
      ctx.set(k, given[k]);
      if (k.toLowerCase() === 'aws:multifactorauthpresent') mfaStated = true;
    }
  }
  // Temporary credentials carry aws:MultiFactorAuthPresent: false for a GetSessionToken session made without MFA.
  if (request.credentials === 'GetSessionToken' && !mfaStated && (caller.kind === 'user' || caller.kind === 'root')) ctx.set('aws:MultiFactorAuthPresent', false);
  return ctx;
}
