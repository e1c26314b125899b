import * as path from 'path';
import * as vscode from 'vscode';
import { PROJECT_CONFIG_FILE } from '../../core/policy/config/projectConfig';
import type { IdentityService, StsLensContext } from '../context';
import { ACCOUNT_LINTED_CONTEXT, LINT_ACCOUNT_COMMAND, lintAccount, SAVE_AS_FILE_COMMAND, saveAsFile } from './accountCommands';
import { AccountPoliciesTreeProvider, AccountPolicyItem, SHOW_ACCOUNT_FINDING_COMMAND, showAccountFinding } from './accountPoliciesTree';
import { pickPolicyType, showList, validateWithAccessAnalyzer } from './policyCommands';
import { PolicyDocumentProvider, POLICY_SCHEME } from './policyDocumentProvider';
import { PolicyDiagnostics } from './policyDiagnostics';
import { PolicyDocuments } from './policyDocuments';
import { PolicyCodeActionProvider, PolicyCodeLensProvider, PolicyCompletionProvider, PolicyHoverProvider, SET_TYPE_COMMAND, SHOW_LIST_COMMAND, VALIDATE_COMMAND } from './policyProviders';
import { POLICY_TOKENS_LEGEND, PolicySemanticTokensProvider } from './policySemanticTokens';
import { PolicyStatusBar } from './policyStatusBar';
import { ProjectFileProblems } from './projectFileProblems';
import { broadPattern } from '../settingGlobs';

/** Policy diagnostics, CodeLens, hovers, completions, quick fixes and highlighting. */
/** globalState: the profile that last read a whole account for Lint Account Policies (a name only). */
const LAST_ACCOUNT_READER_KEY = 'stsLens.lint.lastAccountReader';

export function registerPolicyFeature(ctx: StsLensContext, identity: IdentityService, policyProvider = new PolicyDocumentProvider()): { documents: PolicyDocuments; policyProvider: PolicyDocumentProvider } {
  const subs = ctx.extension.subscriptions;
  const documents = new PolicyDocuments(ctx.extension.workspaceState, ctx.log, path.join(ctx.extension.extensionPath, 'dist', 'policyLintWorker.js'));
  // Policies read from an account are linted with the account known and shown by the account view's own collection.
  documents.skip = (uri) => uri.scheme === POLICY_SCHEME && policyProvider.has(uri);
  const diagnostics = new PolicyDiagnostics(documents, ctx.log);
  // The walkthrough's "Lint a policy" step is done once a policy has been linted.
  const linted = diagnostics.onDidLint(() => {
    linted.dispose();
    void vscode.commands.executeCommand('setContext', 'stsLens.policyLinted', true);
  });
  subs.push(linted);
  const projectProblems = new ProjectFileProblems(ctx.log);
  documents.onProjectLoaded = (p) => projectProblems.loaded(p);
  subs.push(projectProblems);
  const codeLens = new PolicyCodeLensProvider(documents);
  const highlighting = new PolicySemanticTokensProvider(documents);
  subs.push(documents, diagnostics, codeLens, highlighting, new PolicyStatusBar(documents));
  registerAccountLint(ctx, identity, documents, policyProvider);

  const providers: vscode.Disposable[] = [];
  const registerProviders = (): void => {
    vscode.Disposable.from(...providers.splice(0)).dispose();
    // The stsLens.policy.files globs select through broad patterns; PolicyDocuments matches them exactly.
    const broad = [...new Set(documents.currentSettings.fileGlobs.usable.map((g) => broadPattern(g.glob)))];
    const selector: vscode.DocumentFilter[] = [{ language: 'json' }, { language: 'jsonc' }, { language: 'terraform' }, { language: 'yaml' }, { pattern: '**/*.tf' }, ...broad.map((pattern) => ({ pattern }))];
    providers.push(
      vscode.languages.registerCodeLensProvider(selector, codeLens),
      vscode.languages.registerHoverProvider(selector, new PolicyHoverProvider(documents, (uri, position) => diagnostics.groupsAt(uri, position))),
      vscode.languages.registerCompletionItemProvider(selector, new PolicyCompletionProvider(documents), '"', ':', '/'),
      vscode.languages.registerCodeActionsProvider(selector, new PolicyCodeActionProvider(documents), { providedCodeActionKinds: PolicyCodeActionProvider.providedCodeActionKinds }),
      vscode.languages.registerDocumentSemanticTokensProvider(selector, highlighting, POLICY_TOKENS_LEGEND),
      vscode.languages.registerDocumentRangeSemanticTokensProvider(selector, highlighting, POLICY_TOKENS_LEGEND),
    );
  };
  registerProviders();
  subs.push({ dispose: () => vscode.Disposable.from(...providers.splice(0)).dispose() });

  // The project file (.sts-lens.json) changes what every policy below it reports.
  const projectFiles = vscode.workspace.createFileSystemWatcher(`**/${PROJECT_CONFIG_FILE}`);
  subs.push(
    diagnostics.onDidLint(() => codeLens.refresh()),
    documents.onDidChange(() => codeLens.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('stsLens.policy')) return;
      const filesChanged = e.affectsConfiguration('stsLens.policy.files');
      documents.reloadSettings();
      if (filesChanged) registerProviders();
    }),
    projectFiles,
    projectFiles.onDidCreate((uri) => {
      documents.reloadSettings();
      void projectProblems.changedOnDisk(uri);
    }),
    projectFiles.onDidChange((uri) => {
      documents.reloadSettings();
      void projectProblems.changedOnDisk(uri);
    }),
    projectFiles.onDidDelete((uri) => {
      documents.reloadSettings();
      projectProblems.deleted(uri);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      documents.reloadSettings();
      registerProviders();
    }),
    vscode.commands.registerCommand(SHOW_LIST_COMMAND, (title: string, items: vscode.QuickPickItem[]) => showList(title, items)),
    vscode.commands.registerCommand(SET_TYPE_COMMAND, (uri?: vscode.Uri, type?: string) => pickPolicyType(documents, uri instanceof vscode.Uri ? uri : undefined, type)),
    vscode.commands.registerCommand(VALIDATE_COMMAND, (uri?: vscode.Uri, regionStart?: number) =>
      validateWithAccessAnalyzer(documents, diagnostics, identity, ctx.log, ctx.endpoints, uri instanceof vscode.Uri ? uri : undefined, typeof regionStart === 'number' ? regionStart : undefined),
    ),
  );
  return { documents, policyProvider };
}

/** Lint Account Policies…, its view, its Problems and Save as File. */
function registerAccountLint(ctx: StsLensContext, identity: IdentityService, docs: PolicyDocuments, provider: PolicyDocumentProvider): void {
  const tree = new AccountPoliciesTreeProvider();
  const accountDiagnostics = vscode.languages.createDiagnosticCollection('sts-lens-account');
  ctx.extension.subscriptions.push(
    provider,
    tree,
    accountDiagnostics,
    vscode.window.createTreeView('stsLens.accountPolicies', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.commands.registerCommand(LINT_ACCOUNT_COMMAND, (arg?: { includeAwsManaged?: boolean; quiet?: boolean; ask?: boolean; profile?: string }) =>
      lintAccount(
        {
          docs, identity, provider, tree, diagnostics: accountDiagnostics, log: ctx.log,
          // globalState holds the profile's name only.
          remembered: () => ctx.extension.globalState.get<string>(LAST_ACCOUNT_READER_KEY),
          remember: (profile) => ctx.extension.globalState.update(LAST_ACCOUNT_READER_KEY, profile),
        },
        { includeAwsManaged: arg?.includeAwsManaged === true, quiet: arg?.quiet === true, ask: arg?.ask === true, profile: typeof arg?.profile === 'string' ? arg.profile : undefined },
      ),
    ),
    vscode.commands.registerCommand(SHOW_ACCOUNT_FINDING_COMMAND, (uri: vscode.Uri, range: vscode.Range) => showAccountFinding(uri, range)),
    vscode.commands.registerCommand(SAVE_AS_FILE_COMMAND, (arg?: AccountPolicyItem | vscode.Uri, target?: vscode.Uri) => saveAsFile(provider, arg, target instanceof vscode.Uri ? target : undefined)),
    // Hidden, for tests: the view's top rows as the menus see them.
    vscode.commands.registerCommand('stsLens.internal.accountOwners', () => tree.getChildren().map((o) => ({ label: o.label, contextValue: o.contextValue, resourceArn: 'resourceArn' in o ? o.resourceArn : undefined }))),
  );
  void vscode.commands.executeCommand('setContext', ACCOUNT_LINTED_CONTEXT, false);
}
