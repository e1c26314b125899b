import * as vscode from 'vscode';
import { resultTree, type ResultIcon, type ResultInput, type ResultNode, type ResultTarget } from '../../core/debugging/resultTree';
import { resultSummary } from '../../core/debugging/resultText';
import type { PolicyKind } from '../../core/evaluation/types';
import { showInfo } from '../output';
import { rangeOf, type EvaluationDecorations, type PolicyPlacement } from './resultPresenter';

export const RESULTS_VIEW = 'stsLens.evaluationResults';
export const COMMAND_OPEN_RESULT_NODE = 'stsLens.internal.openResultNode';
export const COMMAND_SHOW_RESULT_TEXT = 'stsLens.showEvaluationAsText';
/** Hidden: the rows the view shows (tests, scripted use). */
export const COMMAND_RESULT_ROWS = 'stsLens.internal.evaluationResultRows';

/** One evaluation to show: what the tree is built from, where each policy lives, and its text form. */
export interface PresentedResult extends ResultInput {
  /** What was evaluated, e.g. "Simulate Request on policies/app.json" or "Evaluate Against the Account's Policies". */
  readonly title: string;
  /** Where the policy of that kind and name can be opened; undefined when it is not in a document. */
  readonly placeOf: (kind: PolicyKind, policy: string) => PolicyPlacement | undefined;
  /** The whole result as plain text, for Open as Text. */
  readonly textUri?: vscode.Uri;
}

const ICONS: Readonly<Record<ResultIcon, vscode.ThemeIcon>> = {
  allowed: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  denied: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  implicit: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('testing.iconFailed')),
  applies: new vscode.ThemeIcon('check'),
  skipped: new vscode.ThemeIcon('circle-small'),
  failed: new vscode.ThemeIcon('close', new vscode.ThemeColor('testing.iconFailed')),
  matched: new vscode.ThemeIcon('check'),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info'),
  request: new vscode.ThemeIcon('symbol-field'),
  policy: new vscode.ThemeIcon('json'),
};

/** Flattened row, as the hidden inspection command returns it. */
export interface ShownRow {
  readonly depth: number;
  readonly label: string;
  readonly description?: string;
  readonly target?: ResultTarget;
}

/**
 * The one place evaluation results are read at length: a tree in the panel, as Test Results and
 * Problems are, with the verdict, the deciding statement and the trace (policy → statement →
 * condition). Each row opens its place in the active editor group.
 */
export class EvaluationResultsView implements vscode.TreeDataProvider<ResultNode>, vscode.Disposable {
  private current: PresentedResult | undefined;
  /** Row ids change with each result, so each result opens with its own rows expanded. */
  private generation = 0;
  private roots: readonly ResultNode[] = [];
  private readonly parents = new Map<ResultNode, ResultNode>();
  private readonly changed = new vscode.EventEmitter<ResultNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<ResultNode>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly decorations: EvaluationDecorations) {
    this.view = vscode.window.createTreeView(RESULTS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.view.message = vscode.l10n.t('Results of Simulate Request and Evaluate Against the Account\'s Policies appear here.');
    this.subscriptions.push(
      this.view,
      vscode.commands.registerCommand(COMMAND_OPEN_RESULT_NODE, (node: ResultNode) => this.open(node)),
      vscode.commands.registerCommand(COMMAND_SHOW_RESULT_TEXT, () => this.openText()),
      vscode.commands.registerCommand(COMMAND_RESULT_ROWS, () => this.rows()),
      vscode.commands.registerCommand('stsLens.internal.evaluationResultNode', (label: string) => this.find(label)),
    );
  }

  /** Shows `p` in the view, making the view visible without taking the focus from the editor. */
  async show(p: PresentedResult): Promise<void> {
    this.current = p;
    this.generation++;
    this.roots = resultTree(p);
    this.parents.clear();
    const index = (n: ResultNode) => {
      for (const c of n.children ?? []) {
        this.parents.set(c, n);
        index(c);
      }
    };
    this.roots.forEach(index);
    this.view.title = vscode.l10n.t('Evaluation Results');
    this.view.description = p.title;
    this.view.message = `${resultSummary(p.request, p.result, p.unread)}.`;
    this.changed.fire(undefined);
    await vscode.commands.executeCommand('setContext', 'stsLens.evaluationShown', true);
    await this.view.reveal(this.roots[0], { select: false, focus: false }).then(undefined, () => vscode.commands.executeCommand(`${RESULTS_VIEW}.focus`, { preserveFocus: true }));
  }

  /** Shows a text instead of a result (nothing was evaluated, and why). */
  async showMessage(title: string, message: string): Promise<void> {
    this.current = undefined;
    this.generation++;
    this.roots = [];
    this.parents.clear();
    this.view.description = title;
    this.view.message = message;
    this.changed.fire(undefined);
    await vscode.commands.executeCommand(`${RESULTS_VIEW}.focus`, { preserveFocus: true });
  }

  getTreeItem(n: ResultNode): vscode.TreeItem {
    const state = n.children?.length ? (n.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(n.label, state);
    item.id = `${this.generation}:${n.id}`;
    item.description = n.description;
    item.tooltip = n.tooltip;
    if (n.icon) item.iconPath = ICONS[n.icon];
    if (n.target) item.command = { command: COMMAND_OPEN_RESULT_NODE, title: vscode.l10n.t('Open'), arguments: [n] };
    item.contextValue = n.target ? 'stsLens.resultPlace' : 'stsLens.resultRow';
    return item;
  }

  getChildren(n?: ResultNode): ResultNode[] {
    return [...(n ? n.children ?? [] : this.roots)];
  }

  getParent(n: ResultNode): ResultNode | undefined {
    return this.parents.get(n);
  }

  /**
   * Opens the row's place in the active editor group: the policy with its deciding statements
   * highlighted and failed conditions marked, selecting the statement or condition key of the row.
   */
  async open(n: ResultNode): Promise<vscode.TextEditor | undefined> {
    const p = this.current;
    const t = n.target;
    const place = p && t ? p.placeOf(t.kind, t.policy) : undefined;
    if (!p || !t || !place) {
      if (t) void showInfo(vscode.l10n.t('{0} is not in a document that can be opened.', t.policy));
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(place.uri);
    const span = t.span ?? p.result.deciding.find((d) => d.policy === t.policy && d.kind === t.kind)?.statement.location.span;
    let range = span ? rangeOf(doc, place, span) : undefined;
    if (range && t.keyLength) range = new vscode.Range(range.start, range.start.translate(0, t.keyLength));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: true, ...(range ? { selection: range } : {}) });
    this.decorations.decorate(editor, place, t.policy, p.result);
    if (range) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private async openText(): Promise<void> {
    const uri = this.current?.textUri;
    if (!uri) {
      void showInfo(vscode.l10n.t('Nothing has been evaluated yet: run Simulate Request… or Evaluate Against the Account\'s Policies.'));
      return;
    }
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Active, preview: true });
  }

  /** The first row with this label, depth first (tests, scripted use). */
  find(label: string): ResultNode | undefined {
    const walk = (ns: readonly ResultNode[]): ResultNode | undefined => {
      for (const n of ns) {
        const hit = n.label === label ? n : walk(n.children ?? []);
        if (hit) return hit;
      }
      return undefined;
    };
    return walk(this.roots);
  }

  /** Every row, depth first, with its depth. */
  rows(): { message?: string; description?: string; rows: ShownRow[] } {
    const out: ShownRow[] = [];
    const walk = (ns: readonly ResultNode[], depth: number) => {
      for (const n of ns) {
        out.push({ depth, label: n.label, description: n.description, target: n.target });
        walk(n.children ?? [], depth + 1);
      }
    };
    walk(this.roots, 0);
    return { message: this.view.message, description: this.view.description, rows: out };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
