import * as path from 'path';
import * as vscode from 'vscode';
import { MAX_PROJECT_FILE_LENGTH, parseProjectConfig, PROJECT_CONFIG_FILE, projectFileTooLarge, type ConfigProblem } from '../../core/policy/config/projectConfig';
import { isTooLarge, readBytesBounded, readErrorReason } from '../../node/boundedRead';
import { entryExistsSync, type LoadedProjectConfig } from '../../node/projectConfigFile';
import { showError } from '../output';
import { DIAGNOSTIC_SOURCE } from './policyDiagnostics';

/**
 * The problems of `.sts-lens.json` files as diagnostics on them: syntax errors (then nothing in the
 * file applies, and one notification says so), refused globs, unknown keys. Shown only in trusted
 * workspaces, where the project file is applied at all.
 */
export class ProjectFileProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sts-lens-project');
  /** Files whose syntax error was notified, with the message: told once until the file parses. */
  private readonly notified = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly log: vscode.LogOutputChannel) {
    const isProjectFile = (doc: vscode.TextDocument) => doc.uri.scheme === 'file' && path.basename(doc.uri.fsPath) === PROJECT_CONFIG_FILE;
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => isProjectFile(doc) && this.show(doc.uri, doc.getText(), false)),
      vscode.workspace.onDidChangeTextDocument((e) => isProjectFile(e.document) && this.show(e.document.uri, e.document.getText(), false)),
      vscode.workspace.onDidSaveTextDocument((doc) => isProjectFile(doc) && this.show(doc.uri, doc.getText(), true)),
    );
    for (const doc of vscode.workspace.textDocuments) if (isProjectFile(doc)) this.show(doc.uri, doc.getText(), false);
  }

  /** A project file the linter read from disk: its problems, and a notification for a syntax error. */
  loaded(p: LoadedProjectConfig): void {
    const uri = vscode.Uri.file(p.file);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isDirty);
    if (open) return this.show(uri, open.getText(), true);
    if (p.readError) return this.set(uri, [], p.readError, true);
    this.set(uri, p.problems, undefined, true);
  }

  /**
   * Reads a project file that changed on disk, off the extension host's thread, as the linter's own
   * read does: a pipe is refused without waiting for a writer, a device or a huge file at its size
   * limit, and a link to nothing or a loop of links is reported, not taken for a deleted file.
   */
  async changedOnDisk(uri: vscode.Uri): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    let bytes;
    try {
      bytes = await readBytesBounded(uri.fsPath, MAX_PROJECT_FILE_LENGTH);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !entryExistsSync(uri.fsPath)) return this.deleted(uri);
      return this.set(uri, [], readErrorReason(e), true);
    }
    if (isTooLarge(bytes)) return this.set(uri, [], projectFileTooLarge(bytes.bytes), true);
    const text = bytes.toString('utf8');
    this.show(uri, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, true);
  }

  deleted(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.notified.delete(uri.toString());
  }

  private show(uri: vscode.Uri, text: string, notify: boolean): void {
    if (!vscode.workspace.isTrusted) return;
    this.set(uri, parseProjectConfig(text).problems, undefined, notify);
  }

  private set(uri: vscode.Uri, problems: readonly ConfigProblem[], readError: string | undefined, notify: boolean): void {
    const diagnostics = problems.map((p) => {
      const range = new vscode.Range(p.span.start.line - 1, p.span.start.column, p.span.end.line - 1, p.span.end.column);
      const d = new vscode.Diagnostic(range, p.message, p.syntax || p.glob ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      return d;
    });
    if (readError) diagnostics.push(Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), vscode.l10n.t('The project file cannot be read ({0}); nothing in it applies.', readError), vscode.DiagnosticSeverity.Error), { source: DIAGNOSTIC_SOURCE }));
    this.collection.set(uri, diagnostics);
    const key = uri.toString();
    const syntax = problems.find((p) => p.syntax);
    const name = vscode.workspace.asRelativePath(uri);
    const summary = readError
      ? vscode.l10n.t('{0} cannot be read ({1})', name, readError)
      : syntax ? vscode.l10n.t('{0} has an error at line {1}, column {2}: {3}', name, syntax.span.start.line, syntax.span.start.column + 1, syntax.message) : undefined;
    if (!summary) {
      this.notified.delete(key);
      return;
    }
    if (!notify || this.notified.get(key) === summary) return;
    this.notified.set(key, summary);
    this.log.warn(summary);
    const text = readError ? vscode.l10n.t('{0}; nothing in it applies.', summary) : summary;
    const open = vscode.l10n.t('Open File');
    void showError(text, open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(uri, syntax ? { selection: new vscode.Range(syntax.span.start.line - 1, syntax.span.start.column, syntax.span.end.line - 1, syntax.span.end.column) } : {});
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
