import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** STS Lens's own diagnostics of a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sts-lens');
}

export function show(ds: vscode.Diagnostic[]): string {
  return ds.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character}`).join(', ') || 'none';
}

/** Resolves once the diagnostics of `uri` satisfy `accept`, checking now and on every change event. */
export function diagnosticsWhere(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const ds = ours(uri);
      if (!accept(ds)) return;
      listener.dispose();
      clearTimeout(deadline);
      resolve(ds);
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const deadline = setTimeout(() => {
      listener.dispose();
      reject(new Error(`Timed out waiting for ${what}; diagnostics now: ${show(ours(uri))}`));
    }, 45_000); // a cap for a hang, below the 60 s test timeout: the first lint of a fresh document loads IAM data
    check();
  });
}

/** Writes a file into the test workspace folder and returns its URI. */
export function writeWorkspaceFile(name: string, text: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  const file = path.join(folder.uri.fsPath, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}
