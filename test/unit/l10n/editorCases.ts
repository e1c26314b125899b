import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { repoRoot } from '../fixtures';

/** The templates of l10n/bundle.l10n.json, as `npm run l10n` wrote them. */
export function l10nBundle(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot(), 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
}

/** What one `case 'kind':` of an editor wording returns: every literal l10n.t template, and those under each property (`message`, `next`). */
export interface EditorCase {
  all: string[];
  byProperty: Map<string, string[]>;
}

/** Each `case 'kind':` of an editor wording (a switch over kinds in `file`) and the literal vscode.l10n.t templates of its clause. */
export function editorCases(file: string): Map<string, EditorCase> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const templates = (n: ts.Node, out: string[]): string[] => {
    if (ts.isCallExpression(n) && /(?:^|\.)l10n\.t$/.test(n.expression.getText(source)) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) out.push(n.arguments[0].text);
    n.forEachChild((c) => void templates(c, out));
    return out;
  };
  const cases = new Map<string, EditorCase>();
  const visit = (n: ts.Node): void => {
    if (ts.isCaseClause(n) && ts.isStringLiteralLike(n.expression)) {
      const c: EditorCase = { all: templates(n, []), byProperty: new Map() };
      const properties = (m: ts.Node): void => {
        if (ts.isPropertyAssignment(m) && ts.isIdentifier(m.name)) {
          const list = c.byProperty.get(m.name.text) ?? [];
          c.byProperty.set(m.name.text, templates(m.initializer, list));
        }
        m.forEachChild(properties);
      };
      properties(n);
      cases.set(n.expression.text, c);
    }
    n.forEachChild(visit);
  };
  visit(source);
  return cases;
}
