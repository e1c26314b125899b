import * as vscode from 'vscode';
import * as fs from 'fs';
import { runCase, scenarioCases, servicesForInput, type CaseOutcome, type ScenarioCase } from '../../core/debugging/scenarioRun';
import { evaluate } from '../../core/evaluation';
import type { EvaluationInput, EvaluationResult } from '../../core/evaluation/types';
import type { IamCatalog } from '../../core/policy/catalog';
import { createIamCatalog, type IamCatalogHandle } from '../../node/iamData';

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

  /** Reads a scenario file from disk and runs each of its cases, yielding between cases. */
  async runScenarioFile(file: string, text?: string): Promise<{ cases: ScenarioCase[]; outcomes: CaseOutcome[] }> {
    const body = text ?? (await fs.promises.readFile(file, 'utf8'));
    const cases = scenarioCases(body);
    const outcomes: CaseOutcome[] = [];
    const h = this.catalogHandle();
    for (const c of cases) {
      await yieldToHost();
      // Services load synchronously on first use (a few small files each), then stay cached.
      outcomes.push(runCase(c, file, readPolicyFile, h.catalog, (s) => h.ensureServicesSync(s)));
    }
    return { cases, outcomes };
  }

  dispose(): void {
    this.handle = undefined;
  }
}

/** Policy files referenced by scenarios: read from disk; undefined when missing. */
export function readPolicyFile(abs: string): string | undefined {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
