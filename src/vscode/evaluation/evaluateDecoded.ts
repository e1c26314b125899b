import * as vscode from 'vscode';
import type { AuthorizationExplanation } from '../../core/authz/explain';
import { accountEvaluationInput, type AccountPolicySet } from '../../core/debugging/accountPolicySet';
import { disagreementHeadline, disagreementWithDecoded, requestFromDecoded } from '../../core/debugging/decodedRequest';
import { sts } from '../awsModules';
import { decisionTitle, resultDocument, resultSummary } from '../../core/debugging/resultText';
import type { EvaluationResult, PolicyKind, PolicySource } from '../../core/evaluation/types';
import type { ActiveIdentity } from '../../core/identity';
import type { IdentityService, StsLensContext } from '../context';
import { policyPathSegment, type PolicyDocumentProvider } from '../policy/policyDocumentProvider';
import type { AccountPolicyCache } from './accountPolicyCache';
import type { EvaluationEngine } from './evaluationEngine';
import type { CallerArnCache } from './callerArns';
import { revealStatement, type EvaluationDecorations } from './resultPresenter';
import type { EvaluationResultsView } from './resultsView';
import { readerToOffer } from './readerSuggestion';
import { showError, showInfo, showWarning } from '../output';

export { COMMAND_EVALUATE_ACCOUNT } from '../authz/providers';
export const COMMAND_REFRESH_ACCOUNT_POLICIES = 'stsLens.refreshAccountPolicies';

/** globalState: per account, the profile that last read every part of its policies (names only). */
const FULL_READERS_KEY = 'stsLens.evaluation.fullReaders';

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
  /** Why the evaluation differs from what the decoded message says. */
  readonly disagreement?: string;
  /** The profile offered first to read the policies again, when this identity may not read them all. */
  readonly suggestedReader?: string;
  /** Set when the message comes from another account than the reading identity's. */
  readonly accountMismatch?: { readonly messageAccount: string; readonly readerAccount: string; readonly profiles: string[] };
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
    private readonly results: EvaluationResultsView,
    private readonly callers: CallerArnCache,
  ) {}

  private readonly accounts = new Map<string, Promise<string | undefined>>();

  /** A one-off choice never changes the active identity. */
  private async who(args: EvaluateDecodedArgs): Promise<ActiveIdentity | undefined> {
    const once = (ph: string) => (this.identity.pickOnce ? this.identity.pickOnce(ph) : this.identity.pick(ph));
    if (args.choose) return once(vscode.l10n.t('Read the account\'s policies as… (for this evaluation only)'));
    if (args.profile) return this.identity.asProfile?.(args.profile);
    return this.identity.current() ?? once(vscode.l10n.t('Read the account\'s policies as…'));
  }

  /** The account of the reading identity, asked of STS once per identity; undefined when STS cannot say. */
  private accountOf(who: ActiveIdentity): Promise<string | undefined> {
    const key = JSON.stringify([who.profile ?? '', who.label, who.endpoint ?? '']);
    let account = this.accounts.get(key);
    if (!account) {
      const timeoutMs = vscode.workspace.getConfiguration('stsLens').get<number>('sts.timeoutSeconds', 10) * 1000;
      account = sts.getCallerIdentity({ region: who.region, endpoint: who.endpoint, useGlobalEndpoint: who.useGlobalEndpoint, timeoutMs, maxAttempts: 2 }, () => who.getCredentials()).then(
        (c) => c.account || undefined,
        (e: unknown) => {
          this.ctx.log.warn(`GetCallerIdentity as ${who.label} failed: ${e instanceof Error ? e.message : String(e)}`);
          this.accounts.delete(key);
          return undefined;
        },
      );
      this.accounts.set(key, account);
    }
    return account;
  }

  /** The denial happened in another account: say so, offer that account's profiles, read nothing. */
  private async otherAccount(args: EvaluateDecodedArgs, ex: AuthorizationExplanation, who: ActiveIdentity, messageAccount: string, readerAccount: string): Promise<AccountEvaluationResult> {
    const known = await this.callers.all();
    const profiles = [...new Set(known.filter((k) => k.arn?.split(':')[4] === messageAccount).map((k) => k.source.label))];
    const error = vscode.l10n.t('This denial happened in account {0} ({1}), but {2} is in account {3}, where the policies that decided it are not. {4} The decoded message itself says: {5}', messageAccount, ex.principal?.arn ?? '', who.label, readerAccount,
      profiles.length ? vscode.l10n.t('Read them as a profile of account {0}: {1}.', messageAccount, profiles.join(', ')) : vscode.l10n.t('No profile STS Lens knows is in account {0}: add one to your AWS config (for example a role in that account), then evaluate again.', messageAccount),
      ex.summary);
    this.ctx.log.info(error);
    await this.results.showMessage(vscode.l10n.t('Evaluate Against the Account\'s Policies: not evaluated'), error);
    const another = vscode.l10n.t('Read as Another Identity…');
    const asProfile = new Map(profiles.slice(0, 3).map((p) => [vscode.l10n.t('Read as {0}', p), p]));
    void showWarning(error, ...asProfile.keys(), another).then(async (choice) => {
      if (choice === another) await this.run({ ...args, profile: undefined, choose: true });
      else if (choice) await this.run({ ...args, choose: false, profile: asProfile.get(choice) });
    });
    return { ok: false, error, accountMismatch: { messageAccount, readerAccount, profiles } };
  }

  /** The profile to offer when `who` may not read every part of `account`'s policies. */
  private async readerFor(account: string | undefined, who: ActiveIdentity): Promise<string | undefined> {
    const remembered = account ? this.ctx.extension.globalState.get<Record<string, string>>(FULL_READERS_KEY, {})[account] : undefined;
    return readerToOffer(this.identity, who, { account, remembered });
  }

  /** Remembers a profile that read every part of an account's policies, to offer it first next time. */
  private async rememberFullReader(account: string | undefined, who: ActiveIdentity): Promise<void> {
    if (!account || !who.profile) return;
    const readers = this.ctx.extension.globalState.get<Record<string, string>>(FULL_READERS_KEY, {});
    if (readers[account] !== who.profile) await this.ctx.extension.globalState.update(FULL_READERS_KEY, { ...readers, [account]: who.profile });
  }

  async run(args: EvaluateDecodedArgs): Promise<AccountEvaluationResult> {
    const fail = (error: string): AccountEvaluationResult => {
      void showError(error);
      return { ok: false, error };
    };
    const ex = args.entryId === undefined ? undefined : this.explanationOf(args.entryId);
    if (!ex) return fail(vscode.l10n.t('That decoded message is no longer in memory. Decode it again, then evaluate it.'));
    const built = requestFromDecoded(ex, await this.engine.catalog(ex.action?.service ? ['aws', ex.action.service] : ['aws']));
    if (!built.ok) return fail(built.message);
    const request = built.request;
    const who = await this.who(args);
    if (!who) return { ok: false, error: 'cancelled' };
    const messageAccount = ex.principal?.account ?? request.principal.split(':')[4];
    const readerAccount = messageAccount && /^\d{12}$/.test(messageAccount) ? await this.accountOf(who) : undefined;
    if (messageAccount && readerAccount && readerAccount !== messageAccount) return this.otherAccount(args, ex, who, messageAccount, readerAccount);
    let set: AccountPolicySet;
    try {
      set = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the policies that decide {0} as {1}…', request.action, who.label) }, () => this.cache.read(who, request, args.refresh));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.ctx.log.warn(`Reading account policies failed: ${message}`);
      return fail(vscode.l10n.t('Could not read the account\'s policies as {0}: {1}', who.label, message));
    }
    // The decoded message's context is the one AWS saw: no key of it is left out.
    const result: EvaluationResult = await this.engine.evaluate({ ...accountEvaluationInput(request, set), contextFromAws: true });
    const account = ex.principal?.account ?? 'account';
    const uris = registerDocuments(this.docs, account, set);
    const disagreement = disagreementWithDecoded(ex.verdict, result.decision, set.unread.length);
    const summary = resultSummary(request, result, set.unread);
    this.ctx.log.info(`${summary} (policies read as ${who.label}; ${set.unread.length} part(s) unread)`);
    for (const u of set.unread) this.ctx.log.warn(u.text);
    if (disagreement) this.ctx.log.warn(disagreement);
    const notes = [...(disagreement ? [disagreement] : []), ...set.notes];
    const traceUri = this.docs.register(`/Evaluation/${policyPathSegment(request.action)}.txt`, resultDocument(request, result, { unread: set.unread, notes, identity: who.label }));
    await this.results.show({
      title: vscode.l10n.t('{0} read as {1}', request.action, who.label),
      request,
      result,
      unread: set.unread,
      notes: set.notes,
      identity: who.label,
      disagreement,
      textUri: traceUri,
      placeOf: (kind, policy) => {
        const uri = uris.get(`${kind}\n${policy}`);
        return uri && { uri, offset: 0 };
      },
    });

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
    const deniedParts = set.unread.filter((u) => u.denied);
    const deniedActions = [...new Set(deniedParts.map((u) => u.action))];
    if (set.unread.length === 0) await this.rememberFullReader(messageAccount, who);
    const reader = deniedActions.length ? await this.readerFor(messageAccount, who) : undefined;
    const readAsReader = reader && vscode.l10n.t('Read as {0}', reader);
    const refreshPolicies = vscode.l10n.t('Refresh Policies');
    const another = vscode.l10n.t('Read as Another Identity…');
    // An identity that may not read the policies is the usual cause of a partial answer: lead with the way out,
    // naming the profile most likely to read them all.
    const show = deniedActions.length
      ? showWarning(
          readAsReader
            ? vscode.l10n.t('{0} may not read {1} of the parts that decide this request ({2} denied), so the answer is partial ({3}). Read them as {4}, or as another identity that may.', who.label, deniedParts.length, deniedActions.join(', '), decisionTitle(result.decision), reader)
            : vscode.l10n.t('{0} may not read {1} of the parts that decide this request ({2} denied), so the answer is partial ({3}). Read them as an identity that may.', who.label, deniedParts.length, deniedActions.join(', '), decisionTitle(result.decision)),
          // Two buttons: a third is cut off at the notification's width.
          ...(readAsReader ? [readAsReader, another] : [another, refreshPolicies]),
        )
      : disagreement
        ? showWarning(vscode.l10n.t('{0}. {1}: the Evaluation Results view lists the likely causes.', summary, disagreementHeadline(ex.verdict, result.decision) ?? disagreement), refreshPolicies, another)
        : showInfo(set.unread.length ? vscode.l10n.t('{0}. Partial answer: {1}.', summary, set.unread.map((u) => u.text).join('; ')) : `${summary}.`, refreshPolicies, another);
    void show.then(async (choice) => {
      if (choice === refreshPolicies) await this.run({ ...args, refresh: true });
      if (choice === another) await this.run({ ...args, profile: undefined, choose: true });
      if (readAsReader && choice === readAsReader) await this.run({ ...args, choose: false, profile: reader });
    });
    return { ok: true, decision: result.decision, summary, deciding, unread: set.unread.map((u) => u.text), notes: set.notes, traceUri: traceUri.toString(), disagreement, suggestedReader: reader };
  }
}
