import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { STS_ERROR_KINDS } from '../../../src/core/sessions/errors';
import { repoRoot } from '../fixtures';

const root = repoRoot();
const EDITOR = path.join(root, 'src', 'vscode', 'profiles', 'stsErrorText.ts');
const DENIAL_EDITOR = path.join(root, 'src', 'vscode', 'profiles', 'denialHintText.ts');

/** Each `case 'kind':` of the editor's stsErrorText and the literal l10n.t templates of its message and of its next step. */
function editorCases(file = EDITOR): Map<string, { message: string[]; next: string[]; all: string[] }> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const cases = new Map<string, { message: string[]; next: string[]; all: string[] }>();
  const templates = (n: ts.Node, out: string[]): string[] => {
    if (ts.isCallExpression(n) && /(?:^|\.)l10n\.t$/.test(n.expression.getText(source)) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) out.push(n.arguments[0].text);
    n.forEachChild((c) => void templates(c, out));
    return out;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isCaseClause(n) && ts.isStringLiteralLike(n.expression)) {
      const words = { message: [] as string[], next: [] as string[], all: templates(n, []) };
      const properties = (m: ts.Node): void => {
        if (ts.isPropertyAssignment(m) && ts.isIdentifier(m.name) && (m.name.text === 'message' || m.name.text === 'next')) templates(m.initializer, words[m.name.text]);
        m.forEachChild(properties);
      };
      properties(n);
      cases.set(n.expression.text, words);
    }
    n.forEachChild(visit);
  };
  visit(source);
  return cases;
}

describe('STS error explanations: localisation', () => {
  it('gives every kind of STS error an editor wording of what failed and what to do next through vscode.l10n.t, each template in l10n/bundle.l10n.json', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const cases = editorCases();
    assert.deepStrictEqual([...cases.keys()].sort(), [...STS_ERROR_KINDS].sort());
    for (const kind of STS_ERROR_KINDS) {
      const { message, next } = cases.get(kind)!;
      assert.ok(message.length > 0, `${kind}: no literal vscode.l10n.t template for the message`);
      assert.ok(next.length > 0, `${kind}: no literal vscode.l10n.t template for the next step`);
      for (const t of [...message, ...next]) assert.ok(t in bundle, `${kind}: "${t}" is missing from l10n/bundle.l10n.json (npm run l10n)`);
    }
  });

  it('words the likely cause of a denial (a missing external ID or MFA, said by a profile or the trust policy) through vscode.l10n.t, each template in l10n/bundle.l10n.json', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const cases = editorCases(DENIAL_EDITOR);
    assert.deepStrictEqual([...cases.keys()].sort(), ['externalId', 'mfa']);
    for (const [kind, { all }] of cases) {
      assert.strictEqual(all.length, 2, `${kind}: one template for a profile, one for the trust policy`);
      for (const t of all) assert.ok(t in bundle, `${kind}: "${t}" is missing from l10n/bundle.l10n.json (npm run l10n)`);
    }
  });
});
