import * as path from 'path';
import * as vscode from 'vscode';
import type { IdentityService, StsLensContext } from '../context';
import { pickPolicyType, showList, validateWithAccessAnalyzer } from './policyCommands';
import { PolicyDiagnostics } from './policyDiagnostics';
import { PolicyDocuments } from './policyDocuments';
import { PolicyCodeActionProvider, PolicyCodeLensProvider, PolicyCompletionProvider, PolicyHoverProvider, SET_TYPE_COMMAND, SHOW_LIST_COMMAND, VALIDATE_COMMAND } from './policyProviders';
import { PolicyStatusBar } from './policyStatusBar';

/** Policy diagnostics, CodeLens, hovers, completions and quick fixes. */
export function registerPolicyFeature(ctx: StsLensContext, identity: IdentityService): PolicyDocuments {
  const subs = ctx.extension.subscriptions;
  const documents = new PolicyDocuments(ctx.extension.workspaceState, ctx.log, path.join(ctx.extension.extensionPath, 'dist', 'policyLintWorker.js'));
  const diagnostics = new PolicyDiagnostics(documents, ctx.log);
  const codeLens = new PolicyCodeLensProvider(documents);
  subs.push(documents, diagnostics, codeLens, new PolicyStatusBar(documents));

  const providers: vscode.Disposable[] = [];
  const registerProviders = (): void => {
    vscode.Disposable.from(...providers.splice(0)).dispose();
    const selector: vscode.DocumentFilter[] = [{ language: 'json' }, { language: 'jsonc' }, { language: 'terraform' }, { language: 'yaml' }, { pattern: '**/*.tf' }, ...documents.currentSettings.files.map((pattern) => ({ pattern }))];
    providers.push(
      vscode.languages.registerCodeLensProvider(selector, codeLens),
      vscode.languages.registerHoverProvider(selector, new PolicyHoverProvider(documents)),
      vscode.languages.registerCompletionItemProvider(selector, new PolicyCompletionProvider(documents), '"', ':', '/'),
      vscode.languages.registerCodeActionsProvider(selector, new PolicyCodeActionProvider(documents), { providedCodeActionKinds: PolicyCodeActionProvider.providedCodeActionKinds }),
    );
  };
  registerProviders();
  subs.push({ dispose: () => vscode.Disposable.from(...providers.splice(0)).dispose() });

  subs.push(
    diagnostics.onDidLint(() => codeLens.refresh()),
    documents.onDidChange(() => codeLens.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('stsLens.policy')) return;
      const filesChanged = e.affectsConfiguration('stsLens.policy.files');
      documents.reloadSettings();
      if (filesChanged) registerProviders();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      documents.reloadSettings();
      registerProviders();
    }),
    vscode.commands.registerCommand(SHOW_LIST_COMMAND, (title: string, items: vscode.QuickPickItem[]) => showList(title, items)),
    vscode.commands.registerCommand(SET_TYPE_COMMAND, (uri?: vscode.Uri, type?: string) => pickPolicyType(documents, uri instanceof vscode.Uri ? uri : undefined, type)),
    vscode.commands.registerCommand(VALIDATE_COMMAND, (uri?: vscode.Uri, regionStart?: number) =>
      validateWithAccessAnalyzer(documents, diagnostics, identity, ctx.log, uri instanceof vscode.Uri ? uri : undefined, typeof regionStart === 'number' ? regionStart : undefined),
    ),
  );
  return documents;
}
