import * as vscode from 'vscode';
import type { StsLensContext } from '../context';
import type { PolicyDocuments } from '../policy/policyDocuments';
import { AccessDiffLensProvider, COMMAND_SHOW_ACCESS_DIFF, type ShowAccessDiffArgs } from './accessDiffLens';
import { ACCESS_DIFF_SCHEME, AccessDiffView } from './accessDiffView';
import { AccessSinceHead } from './accessSinceHead';
import { GitBaselines } from './gitBaseline';

const COMMAND_ACCESS_DIFF_ITEMS = 'stsLens.internal.accessDiffItems';

/** The command's argument from the lens, the palette (nothing: the active editor), an explorer URI or a Source Control row. */
function showArgs(arg: ShowAccessDiffArgs | vscode.Uri | vscode.SourceControlResourceState | undefined): ShowAccessDiffArgs {
  if (arg instanceof vscode.Uri) return { uri: arg.toString() };
  if (arg && 'resourceUri' in arg && arg.resourceUri instanceof vscode.Uri) return { uri: arg.resourceUri.toString() };
  return (arg as ShowAccessDiffArgs | undefined) ?? {};
}

/** "Access since HEAD" lenses on policies that differ from git HEAD, and the access diff they open. */
export function registerAccessDiffFeature(ctx: StsLensContext, documents: PolicyDocuments): void {
  const git = new GitBaselines(ctx.log);
  const since = new AccessSinceHead(documents, git);
  const lens = new AccessDiffLensProvider(since);
  const view = new AccessDiffView(since, git);
  let timer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => lens.refresh(), 300);
  };
  ctx.extension.subscriptions.push(
    git,
    lens,
    view,
    { dispose: () => clearTimeout(timer) },
    vscode.languages.registerCodeLensProvider([{ scheme: 'file', language: 'json' }, { scheme: 'file', language: 'jsonc' }, { scheme: 'file', language: 'terraform' }, { scheme: 'file', language: 'yaml' }, { scheme: 'file', pattern: '**/*.tf' }], lens),
    vscode.workspace.registerTextDocumentContentProvider(ACCESS_DIFF_SCHEME, view),
    vscode.languages.registerDocumentLinkProvider({ scheme: ACCESS_DIFF_SCHEME }, view),
    git.onDidChange(refreshSoon),
    documents.onDidChange(refreshSoon),
    vscode.workspace.onDidSaveTextDocument(refreshSoon),
    vscode.workspace.onDidGrantWorkspaceTrust(refreshSoon),
    vscode.commands.registerCommand(COMMAND_SHOW_ACCESS_DIFF, (arg?: ShowAccessDiffArgs | vscode.Uri | vscode.SourceControlResourceState) => view.show(showArgs(arg))),
    vscode.commands.registerCommand(COMMAND_ACCESS_DIFF_ITEMS, (uri: string) => view.itemsOf(vscode.Uri.parse(uri))),
  );
}
