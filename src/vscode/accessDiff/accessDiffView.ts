import * as path from 'path';
import * as vscode from 'vscode';
import { renderAccessDocument, type AccessDocumentLink } from '../../core/evaluation/access';
import { LineIndex } from '../../core/policy';
import type { AccessSinceHead, RegionDiff } from './accessSinceHead';
import type { ShowAccessDiffArgs } from './accessDiffLens';
import type { GitBaselines } from './gitBaseline';
import { showInfo, showWarning } from '../output';

export const ACCESS_DIFF_SCHEME = 'sts-lens-access';
export const ACCESS_DIFF_LANGUAGE = 'sts-lens-access';

interface Shown {
  text: string;
  links: { range: vscode.Range; target: vscode.Uri }[];
  /** What the document shows, for tests: the lines and the statement each action leads to. */
  items: { line: number; side: 'base' | 'new'; targetLine: number }[];
}

/**
 * The access diff of a policy as a read-only document, one tab reused for every diff: wrapped, with
 * each action a link to the statement that causes the change (in the file, or in the file at HEAD
 * for access that only the old version granted).
 */
export class AccessDiffView implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly shown = new Map<string, Shown>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly since: AccessSinceHead,
    private readonly git: GitBaselines,
  ) {}

  static uriFor(file: vscode.Uri, regionStart: number): vscode.Uri {
    return vscode.Uri.from({ scheme: ACCESS_DIFF_SCHEME, path: `/${vscode.l10n.t('Access since HEAD — {0}', path.basename(file.fsPath))}`, query: new URLSearchParams({ file: file.toString(), region: String(regionStart) }).toString() });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.shown.get(uri.toString())?.text ?? `${vscode.l10n.t('This access diff is no longer available. Open it again from the "Access since HEAD" lens above the policy.')}\n`;
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    return (this.shown.get(doc.uri.toString())?.links ?? []).map((l) => {
      const link = new vscode.DocumentLink(l.range, l.target);
      link.tooltip = vscode.l10n.t('Go to the statement');
      return link;
    });
  }

  /** What the open diff shows, for tests. */
  itemsOf(uri: vscode.Uri): Shown['items'] | undefined {
    return this.shown.get(uri.toString())?.items;
  }

  /** Opens (or refreshes) the diff of the policy at `regionStart` of the document. */
  async show(args: ShowAccessDiffArgs): Promise<vscode.Uri | undefined> {
    const fileUri = args.uri ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
    if (!fileUri) return undefined;
    const name = path.basename(fileUri.fsPath);
    if (!vscode.workspace.isTrusted) {
      void showInfo(vscode.l10n.t('Access diffs read the repository with git, so they run only in a trusted workspace.'));
      return undefined;
    }
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(fileUri);
    } catch {
      void showInfo(vscode.l10n.t('{0} is not in the working tree (deleted or moved), so it grants nothing now. Open it at HEAD to see what it granted.', name));
      return undefined;
    }
    if (!this.since.holdsPolicy(doc)) {
      void showInfo(vscode.l10n.t('{0} holds no policy that STS Lens checks, so it has no access diff.', name));
      return undefined;
    }
    const diffs = await this.since.compare(doc);
    const d = diffs?.find((x) => x.region.start === args.regionStart) ?? diffs?.[0];
    if (!d) {
      void showInfo(await this.nothingToShow(doc, name));
      return undefined;
    }
    if (d.error) {
      void showWarning(vscode.l10n.t('The access diff needs a policy that parses: {0}. Fix the problem the linter reports, then try again.', d.error));
      return undefined;
    }
    const uri = AccessDiffView.uriFor(fileUri, d.region.start);
    this.shown.set(uri.toString(), await this.render(doc, d));
    this.changed.fire(uri);
    let view = await vscode.workspace.openTextDocument(uri);
    if (view.languageId !== ACCESS_DIFF_LANGUAGE) view = await vscode.languages.setTextDocumentLanguage(view, ACCESS_DIFF_LANGUAGE);
    await vscode.window.showTextDocument(view, { viewColumn: this.column(), preview: true, preserveFocus: false });
    return uri;
  }

  /** Why there is no diff to show, in words: no HEAD to compare with (and why), or the same grants as at HEAD. */
  private async nothingToShow(doc: vscode.TextDocument, name: string): Promise<string> {
    switch (await this.since.whyNoHead(doc)) {
      case 'no-git':
        return vscode.l10n.t("{0} has no access diff: it reads the file at HEAD through VS Code's Git extension, which is not available here.", name);
      case 'no-repository':
        return vscode.l10n.t('{0} is not in a git repository that VS Code has open, so there is no HEAD to compare it with. Open the repository\'s folder, or run git init and commit the file.', name);
      case 'no-commit':
        return vscode.l10n.t('{0} is in a git repository with no commit yet: commit it, and the access diff shows what later changes grant.', name);
      default:
        return vscode.l10n.t('{0} grants the same as at HEAD.', name);
    }
  }

  /** The group that already shows an access diff, so each diff reuses it rather than opening another. */
  private column(): vscode.ViewColumn {
    for (const group of vscode.window.tabGroups.all) {
      if (group.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === ACCESS_DIFF_SCHEME)) return group.viewColumn;
    }
    return vscode.ViewColumn.Beside;
  }

  private async render(doc: vscode.TextDocument, d: RegionDiff): Promise<Shown> {
    const { text, links } = renderAccessDocument(d.fileDiff, d.trust);
    const headUri = await this.git.headUri(doc.uri);
    const baseLines = d.baseText !== undefined ? new LineIndex(d.baseText) : undefined;
    const out: Shown = { text, links: [], items: [] };
    for (const l of links) {
      const target = this.target(doc, d, l, headUri, baseLines);
      if (!target) continue;
      out.links.push({ range: new vscode.Range(l.line, l.start, l.line, l.end), target: target.uri });
      out.items.push({ line: l.line, side: l.side, targetLine: target.line });
    }
    return out;
  }

  private target(doc: vscode.TextDocument, d: RegionDiff, l: AccessDocumentLink, headUri: vscode.Uri | undefined, baseLines: LineIndex | undefined): { uri: vscode.Uri; line: number } | undefined {
    if (l.side === 'new') {
      const at = doc.positionAt(d.region.toHostOffset(l.statementStart));
      return { uri: doc.uri.with({ fragment: `L${at.line + 1},${at.character + 1}` }), line: at.line };
    }
    if (!headUri || !d.baseRegion || !baseLines) return undefined;
    const at = baseLines.position(d.baseRegion.toHostOffset(l.statementStart));
    return { uri: headUri.with({ fragment: `L${at.line},${at.column + 1}` }), line: at.line - 1 };
  }

  dispose(): void {
    this.changed.dispose();
    this.shown.clear();
  }
}
