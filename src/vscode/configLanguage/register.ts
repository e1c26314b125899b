import * as path from 'path';
import * as vscode from 'vscode';
import { AwsConfigChecks } from '../../node/awsConfigChecks';
import { CONFIG_WORKER_MIN_CHARS } from '../../node/awsConfigParser';
import type { StsLensContext } from '../context';
import { ConfigAssistProvider } from './configAssist';
import { ConfigQuickFixProvider } from './configCodeActions';
import { ConfigDiagnostics } from './configDiagnostics';
import { CONFIG_LANGUAGE_ID, CREDENTIALS_LANGUAGE_ID, CounterpartReader, languageForEnvPath, readCounterpart } from './configFiles';
import { ConfigSymbolProvider } from './configSymbols';

const registrations = new WeakMap<vscode.ExtensionContext, vscode.Disposable>();

export interface ConfigLanguageOptions {
  /** Reads the other shared file, for its profile names; the default reads open editors, then disk. */
  readonly readCounterpart?: CounterpartReader;
}

/**
 * The `aws-config` and `aws-credentials` languages: lint diagnostics with quick fixes, completions,
 * hovers, go-to-definition of source profiles and sessions, an outline, folding, and the language id for the files `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`
 * name. Everything it creates is disposed with the extension or with the returned disposable.
 */
export function registerConfigLanguage(ctx: StsLensContext, options: ConfigLanguageOptions = {}): vscode.Disposable {
  // Registering twice would show every diagnostic twice; a second call returns the first registration.
  const existing = registrations.get(ctx.extension);
  if (existing) return existing;
  const selector: vscode.DocumentSelector = [{ language: CONFIG_LANGUAGE_ID }, { language: CREDENTIALS_LANGUAGE_ID }];
  const reader = options.readCounterpart ?? readCounterpart;
  const checks = new AwsConfigChecks({ workerPath: path.join(ctx.extension.extensionPath, 'dist', 'awsConfigWorker.js'), coreWords: vscode.l10n.bundle, warn: (m) => ctx.log.warn(m), minWorkerChars: CONFIG_WORKER_MIN_CHARS });
  const diagnostics = new ConfigDiagnostics(ctx.log, reader, checks);
  const symbols = new ConfigSymbolProvider();
  const assist = new ConfigAssistProvider(reader);

  const assignLanguage = (doc: vscode.TextDocument): void => {
    const language = languageForEnvPath(doc);
    if (!language) return;
    vscode.languages.setTextDocumentLanguage(doc, language).then(undefined, (e: unknown) => {
      ctx.log.warn(`Could not set the ${language} language on ${doc.uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    });
  };

  const disposables: vscode.Disposable[] = [
    diagnostics,
    checks,
    vscode.languages.registerCodeActionsProvider(selector, new ConfigQuickFixProvider((uri) => diagnostics.findingsFor(uri)), {
      providedCodeActionKinds: ConfigQuickFixProvider.providedCodeActionKinds,
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, symbols, { label: vscode.l10n.t('AWS profiles') }),
    vscode.languages.registerFoldingRangeProvider(selector, symbols),
    vscode.languages.registerCompletionItemProvider(selector, assist, '='),
    vscode.languages.registerHoverProvider(selector, assist),
    vscode.languages.registerDefinitionProvider(selector, assist),
    vscode.workspace.onDidOpenTextDocument(assignLanguage),
  ];
  for (const doc of vscode.workspace.textDocuments) assignLanguage(doc);

  const registration = new vscode.Disposable(() => {
    registrations.delete(ctx.extension);
    for (const d of disposables) d.dispose();
  });
  registrations.set(ctx.extension, registration);
  ctx.extension.subscriptions.push(registration);
  return registration;
}
