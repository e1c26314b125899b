import * as path from 'path';
import * as vscode from 'vscode';
import { casePolicyPaths, runCase, scenarioCases, servicesForInput, type CaseOutcome, type ScenarioCase } from '../../core/debugging/scenarioRun';
import { resolveRelative } from '../../core/evaluation/scenario';
import { evaluate } from '../../core/evaluation';
import type { EvaluationInput, EvaluationResult } from '../../core/evaluation/types';
import type { IamCatalog } from '../../core/policy/catalog';
import { createIamCatalog, type IamCatalogHandle } from '../../node/iamData';
import { readScenarioFile, readScenarioPolicy, type PolicyFileScope, type PolicyReadResult } from '../../node/scenarioFiles';

/** Lets the extension host handle pending events (typing) before the next piece of work. */
const yieldToHost = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the evaluation engine off the typing path: the IAM data a request needs is loaded
 * asynchronously, and each evaluation starts on a fresh macrotask so keystrokes queued meanwhile
 * are handled first. Evaluations take well under a millisecond; the data load is the slow part.
 */
export class EvaluationEngine implements vscode.Disposable {
  private handle: IamCatalogHandle | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  private catalogHandle(): IamCatalogHandle {
    this.handle ??= createIamCatalog();
    return this.handle;
  }

  /** The IAM data with `services` loaded; undefined (evaluation without the data) when it cannot be read. */
  async catalog(services: Iterable<string>): Promise<IamCatalog | undefined> {
    try {
      const h = this.catalogHandle();
      await h.ensureServices(services);
      return h.catalog;
    } catch (e) {
      this.log.warn(`IAM data could not be loaded; evaluating without it: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  async evaluate(input: EvaluationInput): Promise<EvaluationResult> {
    const catalog = await this.catalog(servicesForInput(input));
    await yieldToHost();
    const t0 = performance.now();
    const result = evaluate(input, catalog);
    this.log.debug(`Evaluated ${input.request.action} on ${input.request.resource}: ${result.decision} in ${(performance.now() - t0).toFixed(2)} ms`);
    return result;
  }

  /**
   * Reads a scenario file (the open document's text, else from disk, size-checked) and runs each
   * of its cases, yielding between cases. The policy files a case names are read asynchronously,
   * only inside the scenario's workspace folder, before the case runs.
   */
  async runScenarioFile(file: string, text?: string): Promise<{ cases: ScenarioCase[]; outcomes: CaseOutcome[]; error?: string }> {
    const body = text ?? (await readScenarioFile(file));
    if (typeof body !== 'string') return { cases: [], outcomes: [], error: vscode.l10n.t('{0} cannot be read: {1}.', vscode.workspace.asRelativePath(file), body.error) };
    const cases = scenarioCases(body);
    const outcomes: CaseOutcome[] = [];
    const h = this.catalogHandle();
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    const scope: PolicyFileScope = { root: folder?.uri.fsPath ?? path.dirname(file), rootName: folder ? vscode.l10n.t('workspace folder') : vscode.l10n.t("scenario's folder"), allowOutside: false };
    const texts = new Map<string, PolicyReadResult>();
    for (const c of cases) {
      await yieldToHost();
      const read = new Map<string, PolicyReadResult>();
      for (const written of casePolicyPaths(c)) {
        const abs = resolveRelative(file, written);
        let r = texts.get(abs);
        if (r === undefined || typeof r !== 'string') texts.set(abs, (r = await readScenarioPolicy(abs, written, scope)));
        read.set(written, r);
      }
      // Services load synchronously on first use (a few small files each), then stay cached.
      outcomes.push(runCase(c, file, (_abs, written) => read.get(written), h.catalog, (s) => h.ensureServicesSync(s)));
    }
    return { cases, outcomes };
  }

  dispose(): void {
    this.handle = undefined;
  }
}
