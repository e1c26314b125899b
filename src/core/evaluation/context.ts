import { splitArn } from '../policy/checks/arnFormats';
import type { EvaluationRequest } from './types';
import { isAccountIdentity, type Caller } from './principal';

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
 * on the first lookup: many requests meet no condition and never need them.
 */
export class RequestContext {
  declare private readonly entries: Map<string, ContextEntry>;
  declare private pending: Derivation | undefined;

  constructor(derivation?: Derivation) {
    this.entries = new Map();
    this.pending = derivation;
  }

  get(key: string): ContextEntry | undefined {
    if (this.pending) this.deriveAll(this.pending);
    return this.entries.get(key.toLowerCase());
  }

  set(key: string, value: unknown): void {
    const multi = Array.isArray(value);
    const values = (multi ? (value as unknown[]) : [value]).filter((v) => v !== null && v !== undefined && typeof v !== 'object').map(String);
    this.entries.set(key.toLowerCase(), { key, values, multi });
  }

  /** Sets a key the request did not give, derived from the principal or the resource. */
  derive(key: string, value: string | undefined): void {
    if (value === undefined) return;
    // Every request derives the same few keys: the entry is built directly, the key lowercased once.
    const lower = key.toLowerCase();
    if (!this.entries.has(lower)) this.entries.set(lower, { key, values: [value], multi: false });
  }

  /** The keys AWS always adds, derived from the principal, the resource and the clock, unless the request states them. */
  private deriveAll({ request, caller, resourceAccount, now }: Derivation): void {
    this.pending = undefined;
    if (isAccountIdentity(caller)) {
      this.derive('aws:PrincipalArn', caller.kind === 'session' ? caller.roleArn : caller.arn);
      this.derive('aws:PrincipalAccount', caller.account);
      this.derive('aws:PrincipalIsAWSService', 'false');
      this.derive('aws:PrincipalType', PRINCIPAL_TYPES[caller.kind]);
      if (caller.kind === 'user') this.derive('aws:username', caller.userName);
      if (caller.kind === 'root') this.derive('aws:userid', caller.account);
    } else if (caller.kind === 'service') {
      this.derive('aws:PrincipalIsAWSService', 'true');
      this.derive('aws:PrincipalServiceName', caller.raw);
    } else if (caller.kind === 'federated') {
      this.derive('aws:FederatedProvider', caller.raw);
    } else if (caller.kind === 'anonymous') {
      this.derive('aws:PrincipalType', 'Anonymous');
    }
    this.derive('aws:ResourceAccount', resourceAccount);
    // A regional resource is called in its own region.
    const region = splitArn(request.resource ?? '')?.region;
    if (region && !region.includes('*')) this.derive('aws:RequestedRegion', region);
    if (now && !Number.isNaN(now.getTime())) {
      this.derive('aws:CurrentTime', now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      this.derive('aws:EpochTime', String(Math.floor(now.getTime() / 1000)));
    }
  }
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
  if (given) for (const k in given) if (Object.prototype.hasOwnProperty.call(given, k)) ctx.set(k, given[k]);
  return ctx;
}
