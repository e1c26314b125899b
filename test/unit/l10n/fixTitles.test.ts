import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { FIX_TITLE_KINDS } from '../../../src/core/fixTitle';
import { repoRoot } from '../fixtures';

const root = repoRoot();
const EDITOR = path.join(root, 'src', 'vscode', 'fixTitleText.ts');

/** Each `case 'kind':` of the editor's fixTitleText and the literal l10n.t templates its clause returns. */
function editorCases(): Map<string, string[]> {
  const source = ts.createSourceFile(EDITOR, fs.readFileSync(EDITOR, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const cases = new Map<string, string[]>();
  const templates = (n: ts.Node, out: string[]): string[] => {
    if (ts.isCallExpression(n) && /(?:^|\.)l10n\.t$/.test(n.expression.getText(source)) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) out.push(n.arguments[0].text);
    n.forEachChild((c) => void templates(c, out));
    return out;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isCaseClause(n) && ts.isStringLiteralLike(n.expression)) cases.set(n.expression.text, templates(n, []));
    n.forEachChild(visit);
  };
  visit(source);
  return cases;
}

describe('quick-fix titles: localisation', () => {
  it('gives every kind of fix title an editor rendering through vscode.l10n.t, each template in l10n/bundle.l10n.json', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const cases = editorCases();
    assert.deepStrictEqual([...cases.keys()].sort(), [...FIX_TITLE_KINDS].sort());
    for (const kind of FIX_TITLE_KINDS) {
      const templates = cases.get(kind) ?? [];
      assert.ok(templates.length > 0, `${kind}: no literal vscode.l10n.t template`);
      for (const t of templates) assert.ok(t in bundle, `${kind}: "${t}" is missing from l10n/bundle.l10n.json (npm run l10n)`);
    }
  });

});
