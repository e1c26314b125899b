import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { readScenarioFile } from '../../node/scenarioFiles';
import { DEFAULT_SCENARIO_GLOB, guardrailNames, GuardrailUses, MAX_GUARDRAIL_SCENARIO_BYTES, MAX_GUARDRAIL_SCENARIO_FILES } from '../../node/scenarioGuardrails';
import { settingValue } from '../settings';
import { broadPattern, checkSettingGlobs, uriMatches, type SettingGlobs } from '../settingGlobs';

function scenarioGlobs(): SettingGlobs {
  const value = settingValue<unknown>('stsLens', 'policyTests.files', DEFAULT_SCENARIO_GLOB);
  return checkSettingGlobs('stsLens.policyTests.files', [typeof value === 'string' && value.trim() ? value : DEFAULT_SCENARIO_GLOB]);
}

/**
 * Which policy files the workspace's scenario files (policy tests) use as SCPs or RCPs: such a file
 * reads like an identity policy, so this is what tells the editor to lint it as a guardrail. The
 * scenario files are listed and read off the extension host's thread on first use (never at
 * activation), and again, only those whose modification time changed, when a file is opened; saves
 * and a file watcher keep them current in between. Only in trusted workspaces. What they say is kept
 * in node/scenarioGuardrails, which `sts-lens lint` uses too.
 */
export class ScenarioGuardrails implements vscode.Disposable {
  private readonly uses = new GuardrailUses();
  private started = false;
  private refreshing: Promise<void> | undefined;
  private again = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what the scenarios say changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The guardrail type the scenarios give the file; undefined while they are being read, or when they say nothing. */
  typeOf(uri: vscode.Uri): 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | undefined {
    if (uri.scheme !== 'file' || !vscode.workspace.isTrusted) return undefined;
    if (!this.started) this.start();
    return this.uses.typeOf(uri.fsPath);
  }

  private start(): void {
    this.started = true;
    const globs = scenarioGlobs();
    if (!globs.usable.length) return;
    const watcher = vscode.workspace.createFileSystemWatcher(broadPattern(globs.usable[0].glob));
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.readIfScenario(uri)),
      watcher.onDidChange((uri) => void this.readIfScenario(uri)),
      watcher.onDidDelete((uri) => {
        if (this.uses.delete(uri.fsPath)) this.fire();
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.readIfScenario(doc.uri)),
      // A scenario written outside VS Code, that the watcher missed, counts by the next file opened.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.uri.scheme === 'file') this.refresh();
      }),
    );
    this.refresh();
  }

  /** Lists the scenario files again and reads those that are new or changed; one listing at a time. */
  private refresh(): void {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = this.list()
      .catch((e: unknown) => this.log.warn(`Reading policy tests for the SCPs and RCPs they name failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.refreshing = undefined;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }

  private async list(): Promise<void> {
    const globs = scenarioGlobs();
    if (!globs.usable.length) return;
    const files = (await vscode.workspace.findFiles(broadPattern(globs.usable[0].glob), '**/node_modules/**', MAX_GUARDRAIL_SCENARIO_FILES)).filter((uri) => uri.scheme === 'file' && uriMatches(globs, uri));
    const seen = new Set(files.map((f) => f.fsPath));
    let changed = false;
    for (const key of this.uses.scenarioFiles()) {
      if (!seen.has(key)) changed = this.uses.delete(key) || changed;
    }
    for (const f of files) changed = (await this.read(f)) || changed;
    if (changed) this.fire();
  }

  private async readIfScenario(uri: vscode.Uri): Promise<void> {
    if (uri.scheme === 'file' && uriMatches(scenarioGlobs(), uri) && (await this.read(uri, true))) this.fire();
  }

  /** Reads one scenario file unless its modification time is the one read last; true when what it names changed. */
  private async read(uri: vscode.Uri, force = false): Promise<boolean> {
    const st = await fs.promises.stat(uri.fsPath).catch(() => undefined);
    if (st && this.uses.mtimeOf(uri.fsPath) === st.mtimeMs && !force) return false;
    const text = st && st.isFile() && st.size <= MAX_GUARDRAIL_SCENARIO_BYTES ? await readScenarioFile(uri.fsPath) : undefined;
    if (typeof text !== 'string') return this.uses.delete(uri.fsPath);
    // Paths outside the workspace folder name nothing, as the scenario reader never reads them.
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
    return this.uses.set(uri.fsPath, st!.mtimeMs, guardrailNames(uri.fsPath, text, root));
  }

  private fire(): void {
    this.changed.fire();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables.splice(0)).dispose();
    this.changed.dispose();
    this.uses.clear();
  }
}
