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
  /** VS Code's own figure (its performance marks): loading the extension's code, then activate() until its promise settled. */
  activationMs: number;
  /**
   * Loading the code (VS Code's marks) plus the activate() call itself (its own clock): what the
   * extension spends. activate() returns synchronously, so the rest of activationMs is the extension
   * host's queue: other extensions activated by the same event run before the promise settles.
   */
  ownActivationMs: number;
  /** Where activationMs came from: VS Code's marks, or the extension's own clock when the marks are missing. */
  activationSource: 'vscode-marks' | 'extension-clock';
  /** The code-loading part of activationMs. */
  codeLoadMs: number;
  activateCallMs: number;
  /** The part of the activate() call spent registering the command stubs (one VS Code registration each). */
  stubsMs: number;
  stubCount: number;
  /** The features bundle (dist/features.js), loaded just after activation: how long it held the extension host. */
  featuresMs: number;
  /** Of featuresMs: evaluating dist/features.js, then starting each feature (ms by feature). */
  featuresEvaluateMs: number;
  featureParts: Record<string, number>;
  /** Whether the features' code came through V8's code cache (a workbench after the first: 'used'). */
  codeCache: string;
  moduleLoadMs: number[];
  featuresLoadMs: number[];
  /** Whether the AWS SDK's bundle (dist/aws.js) was loaded by the time the features had started. */
  sdkAtStartup: boolean;
  keystrokeMs: number[];
  /** The same keystrokes, measured to VS Code's onDidChangeDiagnostics event (50 ms later by design). */
  keystrokeEventMs: number[];
  clearMs: number[];
  error?: string;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sts-lens');
}

/**
 * When `test` first holds for the document's diagnostics, seen two ways: `published`, checked every
 * millisecond, is when the extension set them, which is when VS Code sends them to the editor; `event`
 * is when the extension host's onDidChangeDiagnostics fired, which VS Code itself holds back 50 ms
 * (a debounce in ExtHostDiagnostics) and which no squiggle waits for.
 */
interface Seen {
  published: number;
  event: number;
}

function whenDiagnostics(uri: vscode.Uri, test: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 20000): Promise<Seen> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    let published: number | undefined;
    let event: number | undefined;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (event === undefined && e.uris.some((u) => u.toString() === uri.toString()) && test(ours(uri))) event = performance.now();
    });
    const check = (): void => {
      const at = performance.now();
      if (published === undefined && test(ours(uri))) published = at;
      if (published !== undefined && event !== undefined) {
        sub.dispose();
        resolve({ published, event });
      } else if (at > deadline) {
        sub.dispose();
        reject(new Error(`no diagnostics change within ${timeoutMs} ms`));
      } else setTimeout(check, 1);
    };
    // The state may hold already (the document was linted before the bench looked): no event will come.
    if (test(ours(uri))) {
      sub.dispose();
      resolve({ published: performance.now(), event: performance.now() });
    } else check();
  });
}

interface ActivationTimes {
  loadMs: number;
  activateMs: number;
  stubsMs: number;
  stubCount: number;
  features: { loaded: false } | { loaded: true; loadMs: number; evaluateMs: number; parts: Record<string, number>; codeCache: { use: string; saved?: boolean } };
}

/** The extension's own figures, once its features (loaded just after activation) are in. */
async function waitForFeatures(): Promise<ActivationTimes> {
  for (;;) {
    const times = await vscode.commands.executeCommand<ActivationTimes>('stsLens.internal.activationTimes');
    if (times.features.loaded) return times;
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * What VS Code itself counts as the activation (shown by Developer: Show Running Extensions): from
 * its marks around loading the extension's code and around activate(). The extension host keeps
 * them in globalThis.MonacoPerformanceMarks; undefined when this VS Code does not.
 */
function activationFromMarks(): { loadMs: number; activateMs: number } | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks();
  const at = (what: string): number | undefined => marks?.find((m) => m.name === `code/extHost/${what}/${EXTENSION_ID}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return undefined;
  return { loadMs: didLoad - willLoad, activateMs: didActivate - willActivate };
}

/** Evaluates a bundle afresh five times, as the extension host loads it (by path: no import can do that). */
function reloadTimes(file: string): number[] {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    delete require.cache[require.resolve(file)];
    const t = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
    times.push(performance.now() - t);
  }
  return times;
}

const misspelt = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => /s3:GetObjectt/.test(d.message) || String(typeof d.code === 'object' ? d.code.value : d.code).includes('ACTION'));

async function measure(results: Results): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  // What VS Code counts as activation: loading the extension's code and calling activate(), as the
  // extension measured it (something in the workbench may have activated it before this code ran).
  await extension.activate();
  const times = await waitForFeatures();
  const vscodeFigure = activationFromMarks();
  results.activationSource = vscodeFigure === undefined ? 'extension-clock' : 'vscode-marks';
  results.activationMs = vscodeFigure ? vscodeFigure.loadMs + vscodeFigure.activateMs : times.loadMs + times.activateMs;
  results.codeLoadMs = vscodeFigure?.loadMs ?? times.loadMs;
  results.activateCallMs = times.activateMs;
  results.stubsMs = times.stubsMs;
  results.stubCount = times.stubCount;
  results.ownActivationMs = results.codeLoadMs + times.activateMs;
  results.featuresMs = times.features.loaded ? times.features.loadMs : NaN;
  results.featuresEvaluateMs = times.features.loaded ? times.features.evaluateMs : NaN;
  results.featureParts = times.features.loaded ? times.features.parts : {};
  results.codeCache = times.features.loaded ? times.features.codeCache.use : 'off';
  results.sdkAtStartup = require.cache[path.join(extension.extensionPath, 'dist', 'aws.js')] !== undefined;
  // Loading the code again (without activating) shows how much of that is the bundle itself.
  results.moduleLoadMs = reloadTimes(path.join(extension.extensionPath, 'dist', 'extension.js'));
  results.featuresLoadMs = reloadTimes(path.join(extension.extensionPath, 'dist', 'features.js'));

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
    const wrong = whenDiagnostics(uri, misspelt);
    await vscode.commands.executeCommand('type', { text: 't' });
    const seen = await wrong;
    results.keystrokeMs.push(seen.published - typed);
    results.keystrokeEventMs.push(seen.event - typed);
    const deleted = performance.now();
    const right = whenDiagnostics(uri, (ds) => !misspelt(ds));
    await vscode.commands.executeCommand('deleteLeft');
    results.clearMs.push((await right).published - deleted);
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  // The next workbench (same user data) starts as a person's next start does: with the code cache
  // this one writes a few seconds after its features loaded.
  if (results.codeCache === 'none' || results.codeCache === 'rejected') await codeCacheSaved();
}

async function codeCacheSaved(): Promise<void> {
  const deadline = performance.now() + 30000;
  for (;;) {
    const times = await vscode.commands.executeCommand<ActivationTimes>('stsLens.internal.activationTimes');
    if (times.features.loaded && times.features.codeCache.saved !== undefined) return;
    if (performance.now() > deadline) throw new Error("the features' code cache was not written within 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function run(): Promise<void> {
  const results: Results = { activationMs: NaN, ownActivationMs: NaN, activationSource: 'extension-clock', codeLoadMs: NaN, activateCallMs: NaN, stubsMs: NaN, stubCount: 0, featuresMs: NaN, featuresEvaluateMs: NaN, featureParts: {}, codeCache: 'off', moduleLoadMs: [], featuresLoadMs: [], sdkAtStartup: false, keystrokeMs: [], keystrokeEventMs: [], clearMs: [] };
  try {
    await measure(results);
  } catch (e) {
    results.error = e instanceof Error ? e.message : String(e);
  }
  const file = process.env.STS_LENS_BENCH_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(results));
}
