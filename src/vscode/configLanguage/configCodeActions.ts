import * as vscode from 'vscode';
import type { ConfigFinding } from '../../core/profiles/configLint';
import { fixTitleText } from '../fixTitleText';
import { DIAGNOSTIC_SOURCE, toRange } from './configDiagnostics';

/** Finds the lint finding behind a diagnostic the editor hands back (a copy, so matched by content). */
function findingFor(d: vscode.Diagnostic, findings: readonly ConfigFinding[]): ConfigFinding | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return findings.find((f) => f.code === code && f.message === d.message && toRange(f.range).isEqual(d.range));
}

/** Quick fixes the linter knows to be right: a misspelt key, a missing `profile ` prefix, and the like. */
export class ConfigQuickFixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly findings: (uri: vscode.Uri) => readonly ConfigFinding[]) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const known = this.findings(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const fix = findingFor(d, known)?.fix;
      if (!fix) continue;
      const action = new vscode.CodeAction(fixTitleText(fix.title), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      for (const e of fix.edits) action.edit.replace(document.uri, toRange(e.range), e.newText);
      actions.push(action);
    }
    return actions;
  }
}
