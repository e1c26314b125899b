import * as vscode from 'vscode';
import { SET_TYPE_COMMAND } from './policyProviders';
import { PolicyDocuments, POLICY_TYPE_LABELS } from './policyDocuments';

/** Shows the active policy file's type; clicking it switches the type. */
export class PolicyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stsLens.policyType', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly docs: PolicyDocuments) {
    this.item.name = 'STS Lens Policy Type';
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
    const { type, overridden } = this.docs.policyTypeOf(doc, region);
    this.item.text = `$(shield) ${POLICY_TYPE_LABELS[type]}`;
    this.item.tooltip = `STS Lens checks this file as a ${POLICY_TYPE_LABELS[type].toLowerCase()}${overridden ? ' (set by you)' : ' (detected)'}. Click to change.`;
    this.item.show();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
