// Runs inside the extension host of a real VS Code (started by bench/editor.bench.ts): the
// extension's activation (loading its code, then activate()) and the time from one typed character
// to the diagnostic it causes, as a person sees it. Writes its figures as JSON to
// $STS_LENS_BENCH_RESULTS; asserts nothing.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'sts-lens.sts-lens';

/** The figures one workbench reports; bench/editor.bench.ts reads them. */
export interface Results {
  activationMs: number;
  activateCallMs: number;
  moduleLoadMs: number[];
  keystrokeMs: number[];
  clearMs: number[];
  error?: string;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sts-lens');
}

/** Resolves when `test` holds for the document's diagnostics, with the time it became true. */
function whenDiagnostics(uri: vscode.Uri, test: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 20000): Promise<number> {
  return new Promise((resolve, reject) => {
    if (test(ours(uri))) return resolve(performance.now());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics change within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString()) || !test(ours(uri))) return;
      const at = performance.now();
      clearTimeout(timer);
      sub.dispose();
      resolve(at);
    });
  });
}

const misspelt = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => /s3:GetObjectt/.test(d.message) || String(typeof d.code === 'object' ? d.code.value : d.code).includes('ACTION'));

async function measure(results: Results): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  // What VS Code counts as activation: loading the extension's code and calling activate(), as the
  // extension measured it (something in the workbench may have activated it before this code ran).
  await extension.activate();
  const times = await vscode.commands.executeCommand<{ loadMs: number; activateMs: number }>('stsLens.internal.activationTimes');
  results.activationMs = times.loadMs + times.activateMs;
  results.activateCallMs = times.activateMs;
  // Loading the code again (without activating) shows how much of that is the bundle itself.
  const main = path.join(extension.extensionPath, 'dist', 'extension.js');
  for (let i = 0; i < 5; i++) {
    delete require.cache[require.resolve(main)];
    const t = performance.now();
    // A fresh evaluation of the bundle by path, as the extension host loads it: no import can do that.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(main);
    results.moduleLoadMs.push(performance.now() - t);
  }

  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the bench runs with a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, 'policy.json');
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  await whenDiagnostics(uri, (ds) => !misspelt(ds));
  const text = doc.getText();
  const end = doc.positionAt(text.indexOf('s3:GetObject') + 's3:GetObject'.length);
  for (let i = 0; i < 40; i++) {
    // One typed character that misspells the action, as a keystroke: the `type` command at the cursor.
    editor.selection = new vscode.Selection(end, end);
    const typed = performance.now();
    await vscode.commands.executeCommand('type', { text: 't' });
    results.keystrokeMs.push((await whenDiagnostics(uri, misspelt)) - typed);
    const deleted = performance.now();
    await vscode.commands.executeCommand('deleteLeft');
    results.clearMs.push((await whenDiagnostics(uri, (ds) => !misspelt(ds))) - deleted);
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export async function run(): Promise<void> {
  const results: Results = { activationMs: NaN, activateCallMs: NaN, moduleLoadMs: [], keystrokeMs: [], clearMs: [] };
  try {
    await measure(results);
  } catch (e) {
    results.error = e instanceof Error ? e.message : String(e);
  }
  const file = process.env.STS_LENS_BENCH_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(results));
}
