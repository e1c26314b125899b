import * as vscode from 'vscode';
import { ConfigFileKind, ConfigFinding, ConfigFindingSeverity, lintAwsConfig, profileNamesOf } from '../../core/profiles/configLint';
import { awsFileEncodingProblem } from '../../core/profiles/awsFileEncoding';
import type { TextRange } from '../../core/profiles/iniPositions';
import { CheckSuperseded, type AwsConfigChecks } from '../../node/awsConfigChecks';
import { CounterpartReader, counterpartPath, isSamePath, kindOfDocument } from './configFiles';

export const DIAGNOSTIC_SOURCE = 'sts-lens';
const DEBOUNCE_MS = 300;

export function toRange(r: TextRange): vscode.Range {
  return new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn);
}

function toSeverity(s: ConfigFindingSeverity): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error : s === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
}

export function toDiagnostic(f: ConfigFinding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, toSeverity(f.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = f.code;
  if (f.unnecessary) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

/** The one finding on a file the AWS CLI and SDKs cannot read (see awsFileEncodingProblem), on its first line. */
function unreadableDiagnostic(doc: vscode.TextDocument, reason: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(doc.lineAt(0).range, vscode.l10n.t('The AWS CLI and SDKs cannot read this file: {0}.', reason), vscode.DiagnosticSeverity.Error);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = 'file-encoding';
  return d;
}

interface DocumentState {
  generation: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Findings of the last published lint, for quick fixes. */
  findings: ConfigFinding[];
}

/**
 * Keeps diagnostics for open AWS config and credentials documents: lints on open, debounced on
 * change, drops results that arrive after a newer edit, and clears them on close.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sts-lens-aws-config');
  private readonly states = new Map<string, DocumentState>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly readOther: CounterpartReader,
    /** Lints a large config document in a worker thread; a credentials document stays on this thread. */
    private readonly checks?: AwsConfigChecks,
  ) {
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.schedule(e.document, DEBOUNCE_MS);
        this.relintCounterparts(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.relintCounterparts(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
    );
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** The findings behind the diagnostics now shown for a document. */
  findingsFor(uri: vscode.Uri): readonly ConfigFinding[] {
    return this.states.get(uri.toString())?.findings ?? [];
  }

  schedule(doc: vscode.TextDocument, delay: number): void {
    const kind = kindOfDocument(doc);
    if (!kind) return;
    const key = doc.uri.toString();
    const state = this.states.get(key) ?? { generation: 0, findings: [] };
    this.states.set(key, state);
    if (state.timer) clearTimeout(state.timer);
    const generation = ++state.generation;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.lint(doc, kind, generation);
    }, delay);
  }

  private async lint(doc: vscode.TextDocument, kind: ConfigFileKind, generation: number): Promise<void> {
    const key = doc.uri.toString();
    try {
      const started = performance.now();
      const otherPath = counterpartPath(doc, kind);
      const otherText = otherPath ? await this.readOther(otherPath) : undefined;
      const state = this.states.get(key);
      // A newer edit or a close happened while the other file was read.
      if (!state || state.generation !== generation || doc.isClosed) return;
      const text = doc.getText();
      // A file the SDKs cannot read at all gets that one finding: its lines are not what they read.
      const unreadable = awsFileEncodingProblem(text, doc.encoding);
      if (unreadable) {
        state.findings = [];
        this.collection.set(doc.uri, [unreadableDiagnostic(doc, unreadable)]);
        return;
      }
      const otherFileProfiles = otherText === undefined ? [] : profileNamesOf(otherText, kind === 'config' ? 'credentials' : 'config');
      const findings = this.checks && kind === 'config' ? await this.checks.lint(key, text, otherFileProfiles) : lintAwsConfig(text, kind, { otherFileProfiles });
      // A newer edit or a close happened while the worker linted.
      if (this.states.get(key) !== state || state.generation !== generation || doc.isClosed) return;
      state.findings = findings;
      this.collection.set(doc.uri, findings.map(toDiagnostic));
      this.log.debug(`Linted ${kind} file ${doc.uri.fsPath}: ${findings.length} finding(s) in ${(performance.now() - started).toFixed(1)} ms`);
    } catch (e) {
      if (e instanceof CheckSuperseded) return;
      this.log.error(`Could not lint ${doc.uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Profile names in one file decide findings in the other, so an edit there re-lints this one. */
  private relintCounterparts(changed: vscode.TextDocument): void {
    const kind = kindOfDocument(changed);
    if (!kind || changed.uri.scheme !== 'file') return;
    for (const doc of vscode.workspace.textDocuments) {
      const otherKind = kindOfDocument(doc);
      if (!otherKind || otherKind === kind) continue;
      const counterpart = counterpartPath(doc, otherKind);
      if (counterpart && isSamePath(counterpart, changed.uri.fsPath)) this.schedule(doc, DEBOUNCE_MS);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const state = this.states.get(key);
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const s of this.states.values()) if (s.timer) clearTimeout(s.timer);
    this.states.clear();
    for (const d of this.subscriptions) d.dispose();
  }
}
