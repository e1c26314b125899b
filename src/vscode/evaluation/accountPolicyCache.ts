import * as vscode from 'vscode';
import type { AccountPolicySet } from '../../core/debugging/accountPolicySet';
import type { EvaluationRequest } from '../../core/evaluation/types';
import type { ActiveIdentity } from '../../core/identity';
import { accountPoliciesBundle } from '../bundles';

/**
 * Policies read from accounts, kept in memory per identity for the window's lifetime (never on disk
 * or in settings). Keyed by the identity that read them, the principal and the resource, since those
 * decide which policies are fetched. Refresh forgets everything.
 */
export class AccountPolicyCache implements vscode.Disposable {
  private readonly sets = new Map<string, Promise<AccountPolicySet>>();

  private static key(who: ActiveIdentity, request: EvaluationRequest): string {
    return JSON.stringify([who.profile ?? '', who.label, who.endpoint ?? '', request.principal, request.resource]);
  }

  async read(who: ActiveIdentity, request: EvaluationRequest, refresh = false): Promise<AccountPolicySet> {
    const key = AccountPolicyCache.key(who, request);
    let set = refresh ? undefined : this.sets.get(key);
    if (!set) {
      const timeoutMs = vscode.workspace.getConfiguration('stsLens').get<number>('sts.timeoutSeconds', 10) * 1000;
      // One credential resolution serves every client of this read (a role profile would otherwise assume its role once per service).
      let credentials: ReturnType<ActiveIdentity['getCredentials']> | undefined;
      // The SDK clients that read them (dist/accountPolicies.js) load on the first read, keeping activation small.
      set = accountPoliciesBundle.load().readAccountPolicies({ target: { region: who.region, endpoint: who.endpoint, timeoutMs, maxAttempts: 2 }, credentials: () => (credentials ??= who.getCredentials()) }, request);
      this.sets.set(key, set);
      // A failed read is not cached: the next attempt asks again.
      set.catch(() => this.sets.delete(key));
    }
    return set;
  }

  clear(): void {
    this.sets.clear();
  }

  get size(): number {
    return this.sets.size;
  }

  dispose(): void {
    this.sets.clear();
  }
}
