import * as vscode from 'vscode';
import { iam, renamedCall } from '../awsModules';
import { prettyPolicyText } from '../../core/debugging/accountPolicySet';
import { ESCALATION_SERVICES } from '../../core/policy';
import { lintAccountDump } from '../../core/policy/accountLint';
import { readAccountDump } from '../../core/policy/accountDump';
import { LineIndex } from '../../core/policy/parse';
import { readerToOffer } from '../evaluation/readerSuggestion';
import type { IdentityService } from '../context';
import { reportError, type CommandFailure } from '../profiles/errorUi';
import { readProfileSettings } from '../profiles/profileSettings';
import type { AccountPoliciesTreeProvider, AccountPolicyResult } from './accountPoliciesTree';
import { AccountPolicyItem } from './accountPoliciesTree';
import { findingDiagnostic } from './policyDiagnostics';
import type { PolicyDocumentProvider } from './policyDocumentProvider';
import { POLICY_SCHEME } from './policyDocumentProvider';
import type { PolicyDocuments } from './policyDocuments';
import { showInfo } from '../output';

export const LINT_ACCOUNT_COMMAND = 'stsLens.policy.lintAccount';
export const SAVE_AS_FILE_COMMAND = 'stsLens.policy.saveAsFile';
export const ACCOUNT_LINTED_CONTEXT = 'stsLens.accountPoliciesLinted';

/** What a run reports to a programmatic caller (tests). */
export interface AccountLintSummary {
  readonly accountId?: string;
  readonly policies: readonly { readonly name: string; readonly uri: string; readonly issueCodes: readonly string[] }[];
}

export interface AccountLintDeps {
  readonly docs: PolicyDocuments;
  readonly identity: IdentityService;
  readonly provider: PolicyDocumentProvider;
  readonly tree: AccountPoliciesTreeProvider;
  readonly diagnostics: vscode.DiagnosticCollection;
  readonly log: vscode.LogOutputChannel;
  /** The profile that last read a whole account, offered first after a denial. */
  remembered?(): string | undefined;
  remember?(profile: string): Thenable<void>;
}

/**
 * **Lint Account Policies…**: reads every page of IAM GetAccountAuthorizationDetails as the active
 * identity, lints each customer managed, inline and trust policy with the account known, and shows
 * the results in the Account Policies view and in the Problems panel, on read-only documents.
 */
export async function lintAccount(deps: AccountLintDeps, options: AccountLintOptions = {}): Promise<AccountLintSummary | CommandFailure | undefined> {
  const { docs, identity, provider, tree, diagnostics, log } = deps;
  const placeHolder = vscode.l10n.t('AWS identity to read the account with');
  const who = options.profile && identity.asProfile ? identity.asProfile(options.profile) : options.ask && identity.pickOnce ? await identity.pickOnce(placeHolder) : identity.current() ?? (await identity.pick(placeHolder));
  if (!who) return undefined;
  const title = vscode.l10n.t('Linting account policies as {0}', who.label);
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        progress.report({ message: vscode.l10n.t('reading IAM authorization details…') });
        const t0 = performance.now();
        const details = await iam.getAccountAuthorizationDetails({ region: who.region, endpoint: who.endpoint, timeoutMs: readProfileSettings().timeoutMs }, () => who.getCredentials(), (n) => progress.report({ message: vscode.l10n.t('{0} users, groups, roles and policies read…', n) }), abort.signal);
        if (token.isCancellationRequested) return undefined;
        const read = readAccountDump(JSON.stringify(details));
        // IAM returns each document on one line: lint and show them laid out, so findings have lines of their own.
        const dump = { ...read, policies: read.policies.map((p) => ({ ...p, text: prettyPolicyText(p.text) })) };
        for (const p of dump.problems) log.warn(`Account authorization details: ${p}`);
        progress.report({ message: vscode.l10n.t('linting {0} policies…', dump.policies.length) });
        await docs.ensureServices(dump.policies.map((p) => p.text), ESCALATION_SERVICES);
        if (token.isCancellationRequested) return undefined;
        const linted = lintAccountDump(dump, docs.catalog, { includeAwsManaged: options.includeAwsManaged, optIn: docs.currentSettings.severity.RESOURCE_STAR && docs.currentSettings.severity.RESOURCE_STAR !== 'off' ? ['RESOURCE_STAR'] : [] });
        const account = dump.accountId ?? 'account';
        provider.forget(`${account}/`);
        diagnostics.clear();
        const overrides = docs.currentSettings.severity;
        const ownerArns = new Map<string, string>([...dump.principals.flatMap((p) => (p.arn ? [[p.name, p.arn] as const] : [])), ...dump.policies.flatMap((p) => (p.kind === 'managed' && p.arn ? [[p.owner, p.arn] as const] : []))]);
        const results: AccountPolicyResult[] = linted.map((l) => {
          const uri = provider.register(`${account}/${l.policy.name}`, l.policy.text);
          const lines = new LineIndex(l.policy.text);
          const rangeOf = (start: number, end: number): vscode.Range => {
            const a = lines.position(start);
            const b = lines.position(Math.max(start, end));
            return new vscode.Range(a.line - 1, a.column, b.line - 1, b.column);
          };
          diagnostics.set(uri, l.findings.flatMap((f) => findingDiagnostic(uri, f, overrides, rangeOf) ?? []));
          return { name: l.policy.name, owner: l.policy.owner, ownerArn: ownerArns.get(l.policy.owner), uri, findings: l.findings, rangeOf };
        });
        tree.set(results);
        if (who.profile) await deps.remember?.(who.profile);
        await vscode.commands.executeCommand('setContext', ACCOUNT_LINTED_CONTEXT, true);
        const count = results.reduce((n, r) => n + r.findings.length, 0);
        log.info(`Linted ${results.length} policies of account ${account} as ${who.label} in ${(performance.now() - t0).toFixed(0)} ms: ${count} finding(s).`);
        if (!options.quiet) {
          void showInfo(vscode.l10n.t('{0} policies of account {1} linted: {2} finding(s), in the Account Policies view and the Problems panel.', results.length, account, count));
          void vscode.commands.executeCommand('stsLens.accountPolicies.focus');
        }
        return { accountId: dump.accountId, policies: results.map((r) => ({ name: r.name, uri: r.uri.toString(), issueCodes: r.findings.map((f) => f.issueCode) })) };
      } finally {
        sub.dispose();
      }
    });
  } catch (e) {
    if (abort(e)) return undefined;
    // Name whose credentials were used, and offer a one-off read as someone who may read the account.
    const operation = vscode.l10n.t('IAM GetAccountAuthorizationDetails as {0}', who.label);
    const named = renamedCall(e, operation);
    return reportError(log, named, operation, {
      retry: () => void vscode.commands.executeCommand(LINT_ACCOUNT_COMMAND, { ...options, quiet: false }),
      likelyCause: async (x) => {
        if (x.kind !== 'accessDenied') return undefined;
        const another = { label: vscode.l10n.t('Lint as Another Identity…'), run: () => void vscode.commands.executeCommand(LINT_ACCOUNT_COMMAND, { ...options, quiet: false, ask: true }) };
        const reader = await readerToOffer(identity, who, { remembered: deps.remembered?.() });
        return reader
          ? {
              message: vscode.l10n.t('Lint as an identity that may call iam:GetAccountAuthorizationDetails, such as {0}: a one-off read, the active identity stays.', reader),
              button: { label: vscode.l10n.t('Lint as {0}', reader), run: () => void vscode.commands.executeCommand(LINT_ACCOUNT_COMMAND, { ...options, quiet: false, profile: reader }) },
              second: another,
            }
          : { message: vscode.l10n.t('Lint as an identity that may call iam:GetAccountAuthorizationDetails: a one-off read, the active identity stays.'), button: another };
      },
    });
  }
}

/** How Lint Account Policies runs: `ask` reads as an identity chosen once (the active identity stays). */
export interface AccountLintOptions {
  readonly includeAwsManaged?: boolean;
  readonly quiet?: boolean;
  readonly ask?: boolean;
  /** Reads once as this profile (the active identity stays). */
  readonly profile?: string;
}

function abort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || /abort/i.test(e.name));
}

/**
 * **Save as File**: copies a policy from the account into a file, to start fixing it in the
 * repository. `target` skips the save dialog (tests).
 */
export async function saveAsFile(provider: PolicyDocumentProvider, arg?: AccountPolicyItem | vscode.Uri, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = arg instanceof AccountPolicyItem ? arg.result.uri : arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  const text = uri && uri.scheme === POLICY_SCHEME ? provider.textOf(uri) : undefined;
  if (!uri || text === undefined) {
    void showInfo(vscode.l10n.t('Open a policy from the Account Policies view first, then save it as a file.'));
    return undefined;
  }
  const base = uri.path.split('/').pop()!.replace(/[^\w.-]+/g, '-');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const dest = target ?? (await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, base) : undefined, filters: { [vscode.l10n.t('IAM policy')]: ['json'] }, saveLabel: vscode.l10n.t('Save Policy') }));
  if (!dest) return undefined;
  await vscode.workspace.fs.writeFile(dest, new TextEncoder().encode(text.endsWith('\n') ? text : `${text}\n`));
  await vscode.window.showTextDocument(dest, { preview: false });
  const where = vscode.workspace.asRelativePath(dest, true);
  void showInfo(vscode.l10n.t('Saved {0} to {1}.', decodeURIComponent(uri.path.split('/').pop() ?? vscode.l10n.t('the policy')), where === dest.fsPath ? dest.fsPath : `${where} (${dest.fsPath})`));
  return dest;
}
