import * as vscode from 'vscode';
import type { ConditionTrace, DecidingStatement, EvaluationResult, StatementTrace } from '../../core/evaluation/types';
import type { Span } from '../../core/policy/types';
import { mdCode, mdText } from '../../core/markdown';

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

function requestValues(c: Pick<ConditionTrace, 'requestValues'>): string {
  return c.requestValues === undefined ? vscode.l10n.t('the request lacks this key') : vscode.l10n.t('request has {0}', c.requestValues.length === 1 ? c.requestValues[0] : `[${c.requestValues.join(', ')}]`);
}

/**
 * The hover of a failed condition, as Markdown. The operator, key and values are the policy's and
 * the request's own text: a key holding a backtick or a link must read as itself.
 */
export function conditionHoverMarkdown(c: Pick<ConditionTrace, 'operator' | 'key' | 'requestValues' | 'policyValues' | 'explanation'>): string {
  const values = vscode.l10n.t('{0}; the policy has {1}.', requestValues(c), c.policyValues.join(', ') || vscode.l10n.t('no value'));
  return [vscode.l10n.t('**Condition failed:** {0} {1}', mdCode(c.operator), mdCode(c.key)), values, ...c.explanation.split(/\r?\n/)].filter((line) => line.trim()).map((line, i) => (i ? mdText(line) : line)).join('\n\n');
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
  /** A failed condition is marked on its own key (never past the end of a line) and explained in a hover. */
  private readonly condition = vscode.window.createTextEditorDecorationType({
    textDecoration: 'underline wavy',
    border: '1px dashed',
    borderColor: new vscode.ThemeColor('editorError.foreground'),
    overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });

  /**
   * Highlights the deciding statements of `result` in `editor` and marks the key of each condition
   * that failed, with the request's value in its hover. Only statements of `policy` (by name) are
   * drawn: the other policies live in other documents.
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
        const key = new vscode.Range(r.start, doc.positionAt(doc.offsetAt(r.start) + JSON.stringify(c.key).length));
        notes.push({ range: key, hoverMessage: new vscode.MarkdownString(conditionHoverMarkdown(c)) });
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
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preview: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { editor, range };
}
