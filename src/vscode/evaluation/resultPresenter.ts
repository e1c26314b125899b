import * as vscode from 'vscode';
import type { ConditionTrace, DecidingStatement, EvaluationResult, StatementTrace } from '../../core/evaluation/types';
import type { Span } from '../../core/policy/types';

/** Where a policy's text sits in an editor document: the document and the offset of the text in it. */
export interface PolicyPlacement {
  readonly uri: vscode.Uri;
  /** Offset of the evaluated policy text in the document (0 for a whole-file policy). */
  readonly offset: number;
  /** Maps an offset in the policy text to the document (translated YAML/HCL regions); identity plus `offset` when absent. */
  readonly toHost?: (offset: number) => number;
}

/** The decorations shown in each editor, by document URI, for tests and for clearing on edit. */
export interface ShownDecorations {
  deciding: { line: number; endLine: number; effect: 'Allow' | 'Deny' }[];
  conditions: { line: number; text: string }[];
}

export function rangeOf(doc: vscode.TextDocument, place: PolicyPlacement, span: Span): vscode.Range {
  const map = place.toHost ?? ((o: number) => o + place.offset);
  return new vscode.Range(doc.positionAt(map(span.start.offset)), doc.positionAt(map(span.end.offset)));
}

function requestValues(c: ConditionTrace): string {
  return c.requestValues === undefined ? 'the request lacks this key' : `request has ${c.requestValues.length === 1 ? c.requestValues[0] : `[${c.requestValues.join(', ')}]`}`;
}

/** The editor decorations of an evaluation: deciding statements and failed conditions. */
export class EvaluationDecorations implements vscode.Disposable {
  private readonly deny = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('diffEditor.removedTextBackground'),
    isWholeLine: true,
    overviewRulerColor: new vscode.ThemeColor('editorError.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private readonly allow = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
    isWholeLine: true,
    overviewRulerColor: new vscode.ThemeColor('testing.iconPassed'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private readonly condition = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  });

  /**
   * Highlights the deciding statements of `result` in `editor` and annotates, at the end of their
   * lines, the conditions that failed with the request's value. Only statements of `policy` (by name)
   * are drawn: the other policies live in other documents.
   */
  decorate(editor: vscode.TextEditor, place: PolicyPlacement, policy: string, result: EvaluationResult): ShownDecorations {
    const doc = editor.document;
    const shown: ShownDecorations = { deciding: [], conditions: [] };
    const deny: vscode.Range[] = [];
    const allow: vscode.Range[] = [];
    for (const d of result.deciding.filter((x) => x.policy === policy)) {
      const r = rangeOf(doc, place, d.statement.location.span);
      (d.statement.effect === 'Deny' ? deny : allow).push(r);
      shown.deciding.push({ line: r.start.line, endLine: r.end.line, effect: d.statement.effect });
    }
    const notes: vscode.DecorationOptions[] = [];
    const statements: StatementTrace[] = result.trace.filter((p) => p.name === policy).flatMap((p) => p.statements);
    for (const s of statements) {
      if (s.mismatch !== 'condition') continue;
      for (const c of s.conditions.filter((x) => !x.matched)) {
        const r = rangeOf(doc, place, c.location.span);
        const text = `✘ ${c.key}: ${requestValues(c)}`;
        const line = doc.lineAt(r.start.line);
        notes.push({ range: new vscode.Range(line.range.end, line.range.end), renderOptions: { after: { contentText: text } }, hoverMessage: c.explanation });
        shown.conditions.push({ line: r.start.line, text });
      }
    }
    editor.setDecorations(this.deny, deny);
    editor.setDecorations(this.allow, allow);
    editor.setDecorations(this.condition, notes);
    return shown;
  }

  clear(editor: vscode.TextEditor): void {
    for (const d of [this.deny, this.allow, this.condition]) editor.setDecorations(d, []);
  }

  dispose(): void {
    for (const d of [this.deny, this.allow, this.condition]) d.dispose();
  }
}

/** Opens `uri` with the statement selected and revealed in the middle. */
export async function revealStatement(uri: vscode.Uri, place: PolicyPlacement, d: DecidingStatement, column = vscode.ViewColumn.Active): Promise<{ editor: vscode.TextEditor; range: vscode.Range }> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const range = rangeOf(doc, place, d.statement.location.span);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { editor, range };
}

/** Opens a plain-text document (the trace) beside the current editor without taking focus. */
export async function showBeside(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}
