import * as vscode from 'vscode';
import { offerAllowingStatement, servicesForExplanation, type OfferedStatement } from '../../core/authz/lintAllowing';
import { buildAllowingStatement } from '../../core/authz/allowStatement';
import { renderExplanationText, type RenderedExplanation } from '../../core/authz/render';
import { createIamCatalog, type IamCatalogHandle } from '../../node/iamData';
import type { StsLensContext } from '../context';
import type { DecodedEntry, DecodeService } from './decodeService';
import { COMMAND_COPY_ALLOWING, COMMAND_EVALUATE_ACCOUNT, COMMAND_FIND_IN_WORKSPACE, COMMAND_OPEN_RESOURCE_IN_CONSOLE } from './providers';

export const EXPLANATION_SCHEME = 'sts-lens-authz';
export const EXPLANATION_LANGUAGE = 'sts-lens-authz';

/** Entry id from an explanation URI (`sts-lens-authz:/<action> denied <time>?id=<n>`). */
export function entryIdOf(uri: vscode.Uri): number | undefined {
  if (uri.scheme !== EXPLANATION_SCHEME) return undefined;
  const id = Number(new URLSearchParams(uri.query).get('id'));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * The explanation as a read-only document with its own grammar: it follows the colour theme,
 * folds by section, and its raw JSON starts folded.
 */
export class ExplanationView implements vscode.TextDocumentContentProvider, vscode.FoldingRangeProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly rendered = new Map<number, RenderedExplanation>();
  private readonly offered = new Map<number, OfferedStatement | undefined>();
  private catalog: IamCatalogHandle | undefined;
  private readonly foldingAsked = new Map<string, () => void>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly ctx: StsLensContext,
    private readonly service: DecodeService,
  ) {}

  /** The tab reads "ec2:RunInstances denied 04:32:10": the action and the time it was decoded, so tabs differ. */
  uriFor(entry: DecodedEntry): vscode.Uri {
    const action = entry.explanation?.action?.full.replace(/[^A-Z0-9:*-]+/gi, '-') ?? vscode.l10n.t('Authorization message');
    const at = entry.decodedAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    return vscode.Uri.from({ scheme: EXPLANATION_SCHEME, path: `/${vscode.l10n.t('{0} denied {1}', action, at)}`, query: `id=${entry.id}` });
  }

  /** The editor group that already shows an explanation, so decoding again does not open another column. */
  private explanationColumn(): vscode.ViewColumn {
    for (const group of vscode.window.tabGroups.all) {
      if (group.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === EXPLANATION_SCHEME)) return group.viewColumn;
    }
    return vscode.ViewColumn.Beside;
  }

  /** The least-privilege statement, built and linted once per entry; undefined without an action. */
  async allowingStatement(entry: DecodedEntry): Promise<OfferedStatement | undefined> {
    if (this.offered.has(entry.id)) return this.offered.get(entry.id);
    const ex = entry.explanation;
    let offered: OfferedStatement | undefined;
    if (ex) {
      try {
        this.catalog ??= createIamCatalog();
        await this.catalog.ensureServices(servicesForExplanation(ex));
        offered = offerAllowingStatement(ex, this.catalog.catalog);
      } catch (e) {
        // Without the IAM reference the statement is still useful, just not checked.
        this.ctx.log.warn(`Could not check the allowing statement against the IAM reference: ${e instanceof Error ? e.message : String(e)}`);
        const plain = buildAllowingStatement(ex);
        offered = plain && { ...plain, findings: [vscode.l10n.t('The statement was not checked: the IAM reference could not be loaded.')], dropped: [], actionKnown: false };
      }
    }
    this.offered.set(entry.id, offered);
    return offered;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = entryIdOf(uri);
    const entry = id === undefined ? undefined : this.service.byEntryId(id);
    if (!entry) return `# ${vscode.l10n.t('This explanation is no longer in memory')}\n\n${vscode.l10n.t('Decoded messages are kept only while this window is open. Decode the message again.')}\n`;
    if (!entry.explanation) {
      return `# ${vscode.l10n.t('The decoded message could not be explained')}\n\n${entry.explainError ?? ''}\n\n## ${vscode.l10n.t('Raw decoded message')}\n${entry.decoded}\n`;
    }
    const offered = await this.allowingStatement(entry);
    const notes = offered ? [...(offered.dropped.length ? [vscode.l10n.t('Left out condition keys the policy checker rejected: {0}.', offered.dropped.join(', '))] : []), ...offered.findings.map((f) => vscode.l10n.t('policy check: {0}', f))] : [];
    const r = renderExplanationText(entry.explanation, offered, notes);
    this.rendered.set(entry.id, r);
    const footer = `\n${vscode.l10n.t('Decoded as {0} at {1}; kept in memory only.', entry.decodedAs, entry.decodedAt.toISOString())}\n`;
    return r.text + footer;
  }

  provideFoldingRanges(doc: vscode.TextDocument): vscode.FoldingRange[] {
    const waiting = this.foldingAsked.get(doc.uri.toString());
    if (waiting) setTimeout(waiting, 0);
    const id = entryIdOf(doc.uri);
    const r = id === undefined ? undefined : this.rendered.get(id);
    if (!r) return [];
    return r.sections.filter((s) => s.endLine > s.line).map((s) => new vscode.FoldingRange(s.line, Math.min(s.endLine, doc.lineCount - 1), vscode.FoldingRangeKind.Region));
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const id = entryIdOf(doc.uri);
    const entry = id === undefined ? undefined : this.service.byEntryId(id);
    if (!entry?.explanation?.action) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    // Evaluate leads: the lens line is cut at the editor's width, and it is the next step people look for.
    return [
      ...(entry.explanation.principal?.arn ? [new vscode.CodeLens(top, { title: vscode.l10n.t('$(debug-alt) Evaluate Against the Account\'s Policies'), command: COMMAND_EVALUATE_ACCOUNT, arguments: [{ entryId: entry.id }] })] : []),
      new vscode.CodeLens(top, { title: vscode.l10n.t('$(copy) Copy Allowing Statement'), command: COMMAND_COPY_ALLOWING, arguments: [entry.id] }),
      new vscode.CodeLens(top, { title: vscode.l10n.t('$(search) Find in Workspace'), command: COMMAND_FIND_IN_WORKSPACE, arguments: [entry.id] }),
      // The denied resource's own page, signed in as the active identity (a resource ARN, not "*").
      ...(entry.explanation.resource?.service ? [new vscode.CodeLens(top, { title: vscode.l10n.t('$(link-external) Open in AWS Console'), tooltip: vscode.l10n.t('Sign in to the AWS console as the active identity and open {0}', entry.explanation.resource.raw), command: COMMAND_OPEN_RESOURCE_IN_CONSOLE, arguments: [{ resourceArn: entry.explanation.resource.raw }] })] : []),
    ];
  }

  /** Opens the explanation beside the current editor (or where explanations already are), with the raw JSON folded. */
  async show(entry: DecodedEntry): Promise<vscode.TextEditor> {
    const uri = this.uriFor(entry);
    const key = uri.toString();
    // Folding works once the editor has asked for ranges; wait for that (briefly) before folding.
    const asked = new Promise<void>((resolve) => {
      this.foldingAsked.set(key, resolve);
      setTimeout(resolve, 3000);
    });
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== EXPLANATION_LANGUAGE) doc = await vscode.languages.setTextDocumentLanguage(doc, EXPLANATION_LANGUAGE);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: this.explanationColumn(), preview: true });
    await asked;
    this.foldingAsked.delete(key);
    const r = this.rendered.get(entry.id);
    if (r && vscode.window.activeTextEditor?.document.uri.toString() === key) {
      const rawHeading = r.sections[r.sections.length - 1].line;
      await vscode.commands.executeCommand('editor.fold', { selectionLines: [rawHeading], levels: 1, direction: 'down' });
    }
    return editor;
  }

  dispose(): void {
    this.changed.dispose();
    this.rendered.clear();
    this.offered.clear();
  }
}
