// What the policy editor suites share: untitled policies with names of their own, fixtures, waiting for a
// diagnostic by code, and applying a quick fix once the workbench holds the diagnostic it is for.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { fixturePath } from '../unit/fixtures';
import { activateExtension } from './extensionSuite';
import { codeOf, diagnosticsWhere } from './diagnosticsHelpers';

export function withCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  return diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === code), code).then((ds) => ds.find((d) => codeOf(d) === code)!);
}

export function fixtureText(name: string): string {
  return fs.readFileSync(fixturePath('policy-editor', name), 'utf8');
}

let untitledCount = 0;

/**
 * Opens an unsaved document with a name of its own. VS Code reuses "Untitled-N" names, and a document
 * opened just after another one closed can come back to the extension with the closed one's text.
 */
export async function openUntitled(content: string, language = 'json', name = `policy-editor-${++untitledCount}`): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: name });
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not write ${uri.toString()}`);
  await vscode.window.showTextDocument(doc);
  assert.strictEqual(doc.getText(), content, `${uri.toString()} does not hold the text written to it`);
  return doc;
}

export function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in document`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

/**
 * Applies the quick fix whose title matches, for the first diagnostic with `code`, and returns the new text.
 * The extension host sees a diagnostic before the workbench's markers do, and the workbench fills a code
 * action request's diagnostics from its markers: the request is repeated until they hold it.
 */
export async function applyQuickFix(doc: vscode.TextDocument, code: string, title: RegExp): Promise<string> {
  const d = await withCode(doc.uri, code);
  const deadline = Date.now() + 20_000;
  let actions: vscode.CodeAction[] = [];
  do {
    actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  } while (!actions.some((a) => title.test(a.title)) && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 50, true))));
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action?.edit, `no quick fix ${title} for ${code}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return doc.getText();
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Activates the extension before the suite and closes every editor, unsaved ones too, after each test. */
export function policyEditorHooks(): void {
  before(activateExtension);
  afterEach(closeAll);
}
