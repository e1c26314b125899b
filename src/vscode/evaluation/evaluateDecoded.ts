import * as vscode from 'vscode';
import type { AuthorizationExplanation } from '../../core/authz/explain';
import { accountEvaluationInput, type AccountPolicySet } from '../../core/debugging/accountPolicySet';
import { requestFromDecoded } from '../../core/debugging/decodedRequest';
import { resultDocument, resultSummary } from '../../core/debugging/resultText';
import type { EvaluationResult, PolicyKind, PolicySource } from '../../core/evaluation/types';
import type { ActiveIdentity } from '../../core/identity';
import type { IdentityService, StsLensContext } from '../context';
import { policyPathSegment, type PolicyDocumentProvider } from '../policy/policyDocumentProvider';
import type { AccountPolicyCache } from './accountPolicyCache';
import type { EvaluationEngine } from './evaluationEngine';
import { revealStatement, showBeside, type EvaluationDecorations } from './resultPresenter';
import { showError, showInfo } from '../output';

export { COMMAND_EVALUATE_ACCOUNT } from '../authz/providers';
export const COMMAND_REFRESH_ACCOUNT_POLICIES = 'stsLens.refreshAccountPolicies';

/** What the command returns, for tests and callers. */
export interface AccountEvaluationResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly decision?: string;
  readonly summary?: string;
  readonly deciding?: { policy: string; kind: PolicyKind; sid?: string; effect: string; uri?: string; range?: [number, number, number, number] }[];
  readonly unread?: string[];
  readonly notes?: string[];
  readonly traceUri?: string;
}

export interface EvaluateDecodedArgs {
  readonly entryId?: number;
  /** Read the policies as this profile instead of the active identity. */
  readonly profile?: string;
  /** Ask which identity reads the policies. */
  readonly choose?: boolean;
  readonly refresh?: boolean;
}

/** Stores each fetched policy as a read-only `sts-lens-policy:` document; returns their URIs by kind and name. */
function registerDocuments(docs: PolicyDocumentProvider, account: string, set: AccountPolicySet): Map<string, vscode.Uri> {
  const uris = new Map<string, vscode.Uri>();
  const add = (kind: PolicyKind, p: PolicySource) => uris.set(`${kind}\n${p.name}`, docs.register(`/${account}/${kind}/${policyPathSegment(p.name)}.json`, p.text));
  for (const p of set.identityPolicies) add('identity', p);
  for (const p of set.permissionsBoundaries) add('permissionsBoundary', p);
  for (const p of (set.serviceControlPolicies ?? []).flat()) add('serviceControl', p);
  for (const p of (set.resourceControlPolicies ?? []).flat()) add('resourceControl', p);
  for (const p of set.resourcePolicies) add('resource', p);
  return uris;
}

/** Evaluate Against the Account's Policies: reads what decides the decoded request, evaluates it, shows why. */
export class DecodedEvaluation {
  constructor(
    private readonly ctx: StsLensContext,
    private readonly identity: IdentityService,
    private readonly explanationOf: (entryId: number) => AuthorizationExplanation | undefined,
    private readonly cache: AccountPolicyCache,
    private readonly engine: EvaluationEngine,
    private readonly docs: PolicyDocumentProvider,
    private readonly decorations: EvaluationDecorations,
  ) {}

  private async who(args: EvaluateDecodedArgs): Promise<ActiveIdentity | undefined> {
    if (args.choose) return this.identity.pick('Read the account\'s policies as…');
    if (args.profile) return this.identity.asProfile?.(args.profile);
    return this.identity.current() ?? this.identity.pick('Read the account\'s policies as…');
  }

  async run(args: EvaluateDecodedArgs): Promise<AccountEvaluationResult> {
    const fail = (error: string): AccountEvaluationResult => {
      void showError(error);
      return { ok: false, error };
    };
    const ex = args.entryId === undefined ? undefined : this.explanationOf(args.entryId);
    if (!ex) return fail('That decoded message is no longer in memory. Decode it again, then evaluate it.');
    const built = requestFromDecoded(ex, await this.engine.catalog(ex.action?.service ? ['aws', ex.action.service] : ['aws']));
    if (!built.ok) return fail(built.message);
    const request = built.request;
    const who = await this.who(args);
    if (!who) return { ok: false, error: 'cancelled' };
    let set: AccountPolicySet;
    try {
      set = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the policies that decide ${request.action} as ${who.label}…` }, () => this.cache.read(who, request, args.refresh));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.ctx.log.warn(`Reading account policies failed: ${message}`);
      return fail(`Could not read the account's policies as ${who.label}: ${message}`);
    }
    const result: EvaluationResult = await this.engine.evaluate(accountEvaluationInput(request, set));
    const account = ex.principal?.account ?? 'account';
    const uris = registerDocuments(this.docs, account, set);
    const summary = resultSummary(request, result, set.unread);
    this.ctx.log.info(`${summary} (policies read as ${who.label}; ${set.unread.length} part(s) unread)`);
    for (const u of set.unread) this.ctx.log.warn(u.text);
    const traceUri = this.docs.register(`/Evaluation/${policyPathSegment(request.action)}.txt`, resultDocument(request, result, { unread: set.unread, notes: set.notes, identity: who.label }));

    const deciding: NonNullable<AccountEvaluationResult['deciding']> = [];
    for (const d of result.deciding) {
      const uri = uris.get(`${d.kind}\n${d.policy}`);
      const entry: (typeof deciding)[number] = { policy: d.policy, kind: d.kind, sid: d.statement.sid, effect: d.statement.effect, uri: uri?.toString() };
      if (uri && deciding.length === 0) {
        const { editor, range } = await revealStatement(uri, { uri, offset: 0 }, d);
        this.decorations.decorate(editor, { uri, offset: 0 }, d.policy, result);
        entry.range = [range.start.line, range.start.character, range.end.line, range.end.character];
      }
      deciding.push(entry);
    }
    await showBeside(traceUri);
    const partial = set.unread.length ? ` Partial answer: ${set.unread.map((u) => u.text).join('; ')}.` : '';
    void showInfo(`${summary}.${partial}`, 'Show Trace', 'Refresh Policies', 'Read as Another Identity…').then(async (choice) => {
      if (choice === 'Show Trace') await showBeside(traceUri);
      if (choice === 'Refresh Policies') await this.run({ ...args, refresh: true });
      if (choice === 'Read as Another Identity…') await this.run({ ...args, profile: undefined, choose: true });
    });
    return { ok: true, decision: result.decision, summary, deciding, unread: set.unread.map((u) => u.text), notes: set.notes, traceUri: traceUri.toString() };
  }
}
