import * as vscode from 'vscode';
import { SET_TYPE_COMMAND } from './policyProviders';
import { PolicyDocuments, policyTypeLabel } from './policyDocuments';

/** Shows the active policy file's type; clicking it switches the type. */
export class PolicyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stsLens.policyType', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly docs: PolicyDocuments) {
    this.item.name = vscode.l10n.t('STS Lens Policy Type');
    this.item.command = SET_TYPE_COMMAND;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.update();
      }),
      docs.onDidChange(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const region = doc ? this.docs.regions(doc)[0] : undefined;
    if (!doc || !region) {
      this.item.hide();
      return;
    }
    const { type, source } = this.docs.policyTypeOf(doc, region);
    this.item.text = `$(shield) ${policyTypeLabel(type)}`;
    const label = policyTypeLabel(type).toLowerCase();
    switch (source) {
      case 'override': this.item.tooltip = vscode.l10n.t('STS Lens checks this file as a {0} (set by you). Click to change.', label); break;
      case 'project': this.item.tooltip = vscode.l10n.t('STS Lens checks this file as a {0} (policyTypes of .sts-lens.json). Click to change.', label); break;
      case 'scenario': this.item.tooltip = vscode.l10n.t('STS Lens checks this file as a {0} (a policy test uses it as one). Click to change.', label); break;
      default: this.item.tooltip = vscode.l10n.t('STS Lens checks this file as a {0} (detected). Click to change.', label);
    }
    this.item.show();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
