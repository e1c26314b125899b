import * as path from 'path';
import * as vscode from 'vscode';
import { resultDocument } from '../../core/debugging/resultText';
import { decidingLocation, scenarioCases, type CaseOutcome } from '../../core/debugging/scenarioRun';
import type { StsLensContext } from '../context';
import { settingValue } from '../settings';
import type { EvaluationEngine } from './evaluationEngine';
import { LineIndex } from '../../core/policy/parse';
import { readScenarioFile } from '../../node/scenarioFiles';
import { broadPattern, checkSettingGlobs, reportRefusedGlobs, uriMatches, type SettingGlobs } from '../settingGlobs';

export const POLICY_TESTS_CONTROLLER = 'stsLens.policyTests';
const DEFAULT_GLOB = '**/*.policytest.json';

/** The stsLens.policyTests.files glob, checked by core/glob (a refused glob selects nothing); the user's own while untrusted. */
function testsGlobs(): SettingGlobs {
  const value = settingValue<unknown>('stsLens', 'policyTests.files', DEFAULT_GLOB);
  return checkSettingGlobs('stsLens.policyTests.files', [typeof value === 'string' && value.trim() ? value : DEFAULT_GLOB]);
}

/** The outcome of one case as the Test Explorer reports it, for tests and callers. */
export interface PolicyTestReport {
  readonly id: string;
  /** The test's name in the Test Explorer: the scenario's "name", else "case N" or the file name. */
  readonly label?: string;
  readonly state: 'passed' | 'failed' | 'errored';
  readonly message?: string;
  readonly location?: { uri: string; line: number };
}

/**
 * Policy tests in the Test Explorer: each scenario file (or each element of a file holding an array)
 * is a test; a run evaluates it and compares the decision with `expect`. A failure carries the trace
 * as its message and the deciding statement as its location. Saving a scenario, or a policy one
 * references, runs the affected tests again.
 */
export class PolicyTestController implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController(POLICY_TESTS_CONTROLLER, vscode.l10n.t('IAM Policy Tests'));
  private readonly disposables: vscode.Disposable[] = [this.controller];
  /** Policy files each scenario file read on its last run, to re-run it when they are saved. */
  private readonly dependencies = new Map<string, Set<string>>();
  private watcher: vscode.FileSystemWatcher | undefined;
  readonly lastReports: PolicyTestReport[] = [];

  constructor(private readonly ctx: StsLensContext, private readonly engine: EvaluationEngine) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
    };
    this.controller.refreshHandler = async () => {
      await this.discover();
    };
    this.controller.createRunProfile(vscode.l10n.t('Run'), vscode.TestRunProfileKind.Run, async (request, token) => {
      await this.run(request, token, false);
    }, true);
    this.controller.createRunProfile(vscode.l10n.t('Debug'), vscode.TestRunProfileKind.Debug, async (request, token) => {
      await this.run(request, token, true);
    }, true);
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.scheme === 'file') void this.onSaved(doc).catch((e: unknown) => this.ctx.log.warn(`Re-running policy tests after a save failed: ${e instanceof Error ? e.message : String(e)}`));
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('stsLens.policyTests')) void this.discover();
      }),
    );
  }

  /** Finds every scenario file in the workspace; returns the number of files. */
  async discover(): Promise<number> {
    this.watcher?.dispose();
    this.watcher = undefined;
    const globs = testsGlobs();
    reportRefusedGlobs(globs, this.ctx.log);
    // VS Code's watchers and search see only a broad pattern; the setting's glob is matched by core/glob.
    const pattern = globs.usable.length ? broadPattern(globs.usable[0].glob) : undefined;
    let files: vscode.Uri[] = [];
    if (pattern) {
      this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
      this.watcher.onDidCreate((uri) => void (uriMatches(globs, uri) && this.addFile(uri)));
      this.watcher.onDidChange((uri) => void (uriMatches(globs, uri) && this.addFile(uri)));
      this.watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString()));
      files = (await vscode.workspace.findFiles(pattern, '**/node_modules/**')).filter((uri) => uriMatches(globs, uri));
    }
    const seen = new Set(files.map((f) => f.toString()));
    this.controller.items.forEach((item) => {
      if (!seen.has(item.id)) this.controller.items.delete(item.id);
    });
    for (const f of files) await this.addFile(f);
    return files.length;
  }

  private async addFile(uri: vscode.Uri): Promise<vscode.TestItem> {
    const item = this.controller.items.get(uri.toString()) ?? this.controller.createTestItem(uri.toString(), path.basename(uri.fsPath), uri);
    // Size-checked and read off the extension host's thread; a deleted file reads as nothing (the watcher removes it).
    const read = await readScenarioFile(uri.fsPath);
    const cases = scenarioCases(typeof read === 'string' ? read : '');
    const lines = new LineIndex(cases[0]?.body ?? '');
    const at = (offset: number) => {
      const p = lines.position(offset);
      return new vscode.Position(p.line - 1, p.column);
    };
    const children: vscode.TestItem[] = [];
    if (cases.length && cases[0].inArray) {
      for (const c of cases) {
        const child = this.controller.createTestItem(`${uri.toString()}#${c.index}`, c.name ?? vscode.l10n.t('case {0}', c.index + 1), uri);
        child.range = new vscode.Range(at(c.start), at(c.end));
        children.push(child);
      }
    } else {
      item.range = new vscode.Range(0, 0, 0, 0);
    }
    // A single scenario's name labels its file's test; the file's folder stays the description.
    const single = cases.length === 1 && !cases[0].inArray ? cases[0].name : undefined;
    item.label = single ?? path.basename(uri.fsPath);
    item.description = single ? vscode.workspace.asRelativePath(uri) : path.dirname(vscode.workspace.asRelativePath(uri));
    item.children.replace(children);
    this.controller.items.add(item);
    return item;
  }

  private async onSaved(doc: vscode.TextDocument): Promise<void> {
    const uri = doc.uri;
    const key = uri.fsPath;
    const affected: vscode.TestItem[] = [];
    this.controller.items.forEach((item) => {
      if (item.uri?.fsPath === key || this.dependencies.get(item.id)?.has(key)) affected.push(item);
    });
    if (!affected.length && uriMatches(testsGlobs(), uri)) affected.push(await this.addFile(uri));
    if (affected.length) await this.run(new vscode.TestRunRequest(affected), new vscode.CancellationTokenSource().token, false);
  }

  private leaves(request: vscode.TestRunRequest): vscode.TestItem[] {
    const roots: vscode.TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else this.controller.items.forEach((i) => roots.push(i));
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const out: vscode.TestItem[] = [];
    const walk = (i: vscode.TestItem) => {
      if (excluded.has(i.id)) return;
      if (i.children.size) i.children.forEach(walk);
      else out.push(i);
    };
    roots.forEach(walk);
    return out;
  }

  /** Runs the requested tests; `debug` also opens the trace of each failure. Returns the reports. */
  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, debug: boolean): Promise<PolicyTestReport[]> {
    const run = this.controller.createTestRun(request, debug ? vscode.l10n.t('Debug policy tests') : vscode.l10n.t('Policy tests'), true);
    const reports: PolicyTestReport[] = [];
    const byFile = new Map<string, vscode.TestItem[]>();
    for (const leaf of this.leaves(request)) {
      const file = leaf.uri!.fsPath;
      byFile.set(file, [...(byFile.get(file) ?? []), leaf]);
      run.enqueued(leaf);
    }
    try {
      for (const [file, items] of byFile) {
        if (token.isCancellationRequested) break;
        const t0 = performance.now();
        const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
        const { cases, outcomes, error } = await this.engine.runScenarioFile(file, open?.getText()).catch((e: unknown) => ({ cases: [], outcomes: [], error: e instanceof Error ? e.message : String(e) }));
        const ms = (performance.now() - t0) / Math.max(items.length, 1);
        const deps = new Set<string>();
        for (const item of items) {
          run.started(item);
          const index = item.id.includes('#') ? Number(item.id.slice(item.id.lastIndexOf('#') + 1)) : 0;
          const outcome: CaseOutcome | undefined = cases.length ? outcomes[index] : error ? { kind: 'problem', problems: [error], dependencies: [] } : undefined;
          outcome?.dependencies.forEach((d) => deps.add(d));
          const report = await this.report(run, item, outcome, ms, debug);
          reports.push({ ...report, label: item.label });
        }
        const parentId = items[0].id.split('#')[0];
        this.dependencies.set(parentId, deps);
      }
    } finally {
      run.end();
    }
    this.lastReports.splice(0, this.lastReports.length, ...reports);
    this.ctx.log.info(`Policy tests: ${reports.filter((r) => r.state === 'passed').length} passed, ${reports.filter((r) => r.state !== 'passed').length} failed or errored`);
    return reports;
  }

  private async report(run: vscode.TestRun, item: vscode.TestItem, outcome: CaseOutcome | undefined, ms: number, debug: boolean): Promise<PolicyTestReport> {
    if (!outcome) {
      const message = vscode.l10n.t('{0}: the file could not be read, or the case is gone.', item.uri ? vscode.workspace.asRelativePath(item.uri) : item.label);
      run.errored(item, new vscode.TestMessage(message));
      return { id: item.id, state: 'errored', message };
    }
    if (outcome.kind === 'problem') {
      const message = outcome.problems.join('\n');
      const m = new vscode.TestMessage(message);
      if (item.uri) m.location = new vscode.Location(item.uri, item.range ?? new vscode.Range(0, 0, 0, 0));
      run.errored(item, m, ms);
      return { id: item.id, state: 'errored', message };
    }
    const { input, result, expect } = outcome;
    if (outcome.pass) {
      run.passed(item, ms);
      return { id: item.id, state: 'passed' };
    }
    const trace = resultDocument(input.request, result);
    const m = vscode.TestMessage.diff(`${vscode.l10n.t('Expected {0}, got {1}', String(expect), String(result.decision))}\n\n${trace}`, String(expect), result.decision);
    let location: PolicyTestReport['location'];
    const d = result.deciding[0];
    const where = d ? decidingLocation(d, input) : undefined;
    const target = where?.file ? vscode.Uri.file(where.file) : item.uri;
    if (target) {
      const doc = await vscode.workspace.openTextDocument(target);
      const range = where ? new vscode.Range(doc.positionAt(where.offset + where.span.start.offset), doc.positionAt(where.offset + where.span.end.offset)) : item.range ?? new vscode.Range(0, 0, 0, 0);
      m.location = new vscode.Location(target, range);
      location = { uri: target.toString(), line: range.start.line };
      if (debug) await vscode.window.showTextDocument(doc, { selection: range, preview: true, preserveFocus: true });
    }
    run.appendOutput(trace.replace(/\n/g, '\r\n'), undefined, item);
    run.failed(item, m, ms);
    return { id: item.id, state: 'failed', message: vscode.l10n.t('Expected {0}, got {1}', String(expect), String(result.decision)), location };
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
