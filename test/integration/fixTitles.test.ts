// Quick-fix titles as the editor shows them (vscode.l10n.t in VS Code's English): every kind reads as
// core's English title, and a real quick fix of a policy reads as it always has.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIX_TITLE_KINDS, fixTitleEnglish, type FixTitle, type FixTitleKind } from '../../src/core/fixTitle';
import { fixTitleText } from '../../src/vscode/fixTitleText';
import { codeOf, diagnosticsWhere } from './diagnosticsHelpers';

/** Titles of every kind, with the values fixes give them. */
function samples(kind: FixTitleKind): FixTitle[] {
  switch (kind) {
    case 'replaceWith': case 'remove': case 'removeRedundant': case 'renameTo': case 'changeTo': return [{ kind, value: 's3:GetObject' }, { kind, value: '"s3:GetObject"' }];
    case 'use': return [{ kind, value: 'ArnLike' }, { kind, value: '"Principal": "*"' }];
    case 'replaceOperator': return [{ kind, operator: 'StringLike', replacement: 'ArnLike' }];
    case 'addConditionKey': return [{ kind, key: 'token.actions.githubusercontent.com:sub' }];
    case 'setDurationSeconds': return [{ kind, seconds: 3600 }];
    case 'passRoleOnlyTo': case 'movePassRole': return [{ kind, service: 'lambda.amazonaws.com' }, { kind }];
    default: return [{ kind }];
  }
}

describe('quick-fix titles in the editor', () => {
  it('reads every kind of title as its English text', () => {
    const titles = FIX_TITLE_KINDS.flatMap(samples);
    assert.ok(titles.length > FIX_TITLE_KINDS.length);
    assert.deepStrictEqual(titles.map(fixTitleText), titles.map(fixTitleEnglish));
    assert.strictEqual(fixTitleText({ kind: 'replaceWith', value: 's3:GetObject' }), 'Replace with s3:GetObject');
    assert.strictEqual(fixTitleText({ kind: 'passRoleOnlyTo' }), 'Allow passing roles only to one service (iam:PassedToService)');
    assert.strictEqual(fixTitleText({ kind: 'setDurationSeconds', seconds: 3600 }), 'Set duration_seconds to 3600');
  });

  it('titles a policy quick fix as before: "Replace with s3:GetObject"', async () => {
    await vscode.extensions.getExtension('sts-lens.sts-lens')!.activate();
    // A name of its own: VS Code reuses "Untitled-N", and a reused one can come back with an old text.
    const uri = vscode.Uri.from({ scheme: 'untitled', path: 'fix-titles-policy' });
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.window.showTextDocument(doc);
    try {
      const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'INVALID_ACTION'), 'INVALID_ACTION');
      const d = ds.find((x) => codeOf(x) === 'INVALID_ACTION')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      assert.strictEqual(actions[0]?.title, 'Replace with s3:GetObject', actions.map((a) => a.title).join(' | '));
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
