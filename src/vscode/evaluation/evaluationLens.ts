import * as vscode from 'vscode';
import type { PolicyDocuments } from '../policy/policyDocuments';
import { COMMAND_SIMULATE } from './simulateRequest';
import { COMMAND_WHO_CAN_ASSUME } from './whoCanAssume';

/** "Simulate Request…" at the top of every recognised policy, and "Who Can Assume This Role?" on trust policies. */
export class EvaluationLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly documents: PolicyDocuments) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    for (const region of this.documents.regions(doc)) {
      const top = new vscode.Range(doc.positionAt(region.start), doc.positionAt(region.start));
      lenses.push(new vscode.CodeLens(top, { title: vscode.l10n.t('$(debug-alt) Simulate Request…'), tooltip: vscode.l10n.t('Evaluate a request against this policy, offline'), command: COMMAND_SIMULATE, arguments: [{ uri: doc.uri.toString(), regionStart: region.start }] }));
      if (this.documents.policyTypeOf(doc, region).type === 'TRUST_POLICY') {
        lenses.push(new vscode.CodeLens(top, { title: vscode.l10n.t('$(person) Who Can Assume This Role?'), tooltip: vscode.l10n.t('Evaluate AssumeRole for every identity STS Lens knows'), command: COMMAND_WHO_CAN_ASSUME, arguments: [{ uri: doc.uri.toString(), regionStart: region.start }] }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
