// First: marks when the bundle started to evaluate.
import { codeLoadStarted } from './vscode/loadClock';
import * as vscode from 'vscode';
import { createLog } from './vscode/output';
import { DeferredFeatures, deferredCommandIds } from './vscode/deferredFeatures';
import { useBundleDirectory } from './vscode/lazyBundle';

export function activate(extension: vscode.ExtensionContext): void {
  const started = performance.now();
  // The redaction of the log (and later the AWS SDK and the YAML parser) load from dist/ on first use.
  useBundleDirectory(extension.asAbsolutePath('dist'));
  const log = createLog();
  extension.subscriptions.push(log);
  // Every command but ENTRY_COMMANDS starts as a stub that loads the features first.
  const commandIds = deferredCommandIds(extension.extension.packageJSON);
  // V8's code cache of the features lives in the extension's global storage (STS_LENS_NO_CODE_CACHE=1: none).
  const storage = extension.globalStorageUri;
  const codeCache = storage.scheme === 'file' && process.env.STS_LENS_NO_CODE_CACHE !== '1' ? vscode.Uri.joinPath(storage, 'code-cache').fsPath : undefined;
  const stubsStarted = performance.now();
  const features = new DeferredFeatures({ extension, log }, extension.asAbsolutePath('dist/features.js'), commandIds, codeCache);
  const stubsMs = performance.now() - stubsStarted;
  extension.subscriptions.push(features, vscode.commands.registerCommand('stsLens.showLog', () => log.show()));
  // loadMs runs from the bundle's first line to activate(): its evaluation (evaluateMs), then VS Code's
  // wait for the extension's storage and for the other extensions that the same event activates.
  const times = { loadMs: started - codeLoadStarted, evaluateMs: codeEvaluated - codeLoadStarted, activateMs: 0, stubsMs, stubCount: commandIds.length };
  // For the editor bench (bench/editor.bench.ts): VS Code's own figure is not readable from an extension.
  extension.subscriptions.push(vscode.commands.registerCommand('stsLens.internal.activationTimes', () => ({ ...times, features: features.state })));
  // The Profiles view, the status bar and the diagnostics of open policies appear without a click:
  // their code loads in the next turn of the event loop, after VS Code has counted the activation.
  // The log's first line waits for that turn too, since it creates the log's channel.
  setImmediate(() => {
    log.info(`STS Lens ${String(extension.extension.packageJSON.version)} activated in ${times.activateMs.toFixed(1)} ms; its code evaluated in ${times.evaluateMs.toFixed(1)} ms, and VS Code called activate() ${(times.loadMs - times.evaluateMs).toFixed(1)} ms after that`);
    features.load('after activation');
  });
  times.activateMs = performance.now() - started;
}

export function deactivate(): void {}

// Last: every import above has been evaluated by now.
const codeEvaluated = performance.now();
