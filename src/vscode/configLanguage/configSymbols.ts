import * as vscode from 'vscode';
import { parseIniWithPositions, splitLines } from '../../core/profiles/iniPositions';

/** The outline of a config file (profiles, sso-sessions, services, settings) and folding by section. */
export class ConfigSymbolProvider implements vscode.DocumentSymbolProvider, vscode.FoldingRangeProvider {
  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const text = document.getText();
    const lines = splitLines(text);
    return parseIniWithPositions(text).sections.map((s) => {
      const lastLine = Math.max(s.line, s.endLine);
      const full = new vscode.Range(s.line, 0, lastLine, lines[lastLine]?.length ?? 0);
      const header = new vscode.Range(s.headerRange.startLine, s.headerRange.startColumn, s.headerRange.endLine, s.headerRange.endColumn);
      const detail = s.type === 'other' || s.type === 'default' ? '' : s.type;
      const kind = s.type === 'sso-session' ? vscode.SymbolKind.Key : s.type === 'services' ? vscode.SymbolKind.Namespace : vscode.SymbolKind.Module;
      const symbol = new vscode.DocumentSymbol(s.name || s.header, detail, kind, full, header);
      // Values are left out: the outline must never show a secret.
      symbol.children = s.entries.map((e) => {
        const r = new vscode.Range(e.keyRange.startLine, e.keyRange.startColumn, e.keyRange.endLine, e.keyRange.endColumn);
        return new vscode.DocumentSymbol(e.key, '', vscode.SymbolKind.Property, new vscode.Range(e.line, 0, e.line, lines[e.line]?.length ?? 0), r);
      });
      return symbol;
    });
  }

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    return parseIniWithPositions(document.getText())
      .sections.filter((s) => s.endLine > s.line)
      .map((s) => new vscode.FoldingRange(s.line, s.endLine));
  }
}
