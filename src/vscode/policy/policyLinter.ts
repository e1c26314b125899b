import * as fs from 'fs';
import * as vscode from 'vscode';
import { Worker } from 'worker_threads';
import type { Finding, PolicyType } from '../../core/policy';
import type { IamCatalogHandle } from '../../node/iamData';
import { lintRequest, type LintRegionRequest, type LintRequest, type LintResponse } from './lintRequest';

/**
 * Lints policy texts in a worker thread. Requests are answered in order; a caller that no longer
 * needs an answer (a newer edit arrived) simply ignores it. If the worker cannot run, linting
 * falls back to the extension host's thread.
 */
export class PolicyLinter implements vscode.Disposable {
  private worker: Worker | undefined;
  private workerFailed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, (res: LintResponse) => void>();

  constructor(
    private readonly workerPath: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly fallbackCatalog: () => IamCatalogHandle,
  ) {}

  async lint(regions: ReadonlyArray<LintRegionRequest>): Promise<Array<{ policyType: PolicyType; findings: Finding[] }>> {
    const req: LintRequest = { id: this.nextId++, regions };
    const worker = this.ensureWorker();
    const res = worker
      ? await new Promise<LintResponse>((resolve) => {
          this.waiting.set(req.id, resolve);
          worker.postMessage(req);
        })
      : await lintRequest(req, this.fallbackCatalog());
    if (!res.ok) throw new Error(res.error);
    if (res.ms > 500) this.log.warn(`Linting a policy took ${res.ms.toFixed(0)} ms (in the background).`);
    return res.results as Array<{ policyType: PolicyType; findings: Finding[] }>;
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.workerFailed) return this.worker;
    if (!fs.existsSync(this.workerPath)) {
      this.workerFailed = true;
      this.log.warn(`Policy lint worker ${this.workerPath} is missing; linting on the extension host instead.`);
      return undefined;
    }
    try {
      const worker = new Worker(this.workerPath, { workerData: { coreWords: vscode.l10n.bundle } });
      worker.on('message', (res: LintResponse) => {
        const resolve = this.waiting.get(res.id);
        this.waiting.delete(res.id);
        resolve?.(res);
      });
      worker.on('error', (e) => this.failWorker(e));
      worker.on('exit', (code) => {
        if (this.worker === worker && code !== 0) this.failWorker(new Error(vscode.l10n.t('exited with code {0}', code)));
      });
      worker.unref();
      this.worker = worker;
    } catch (e) {
      this.failWorker(e);
    }
    return this.worker;
  }

  private failWorker(e: unknown): void {
    this.log.error(`Policy lint worker failed: ${e instanceof Error ? e.message : String(e)}; linting on the extension host instead.`);
    this.workerFailed = true;
    const dead = this.worker;
    this.worker = undefined;
    void dead?.terminate();
    for (const [id, resolve] of this.waiting) resolve({ id, ok: false, error: vscode.l10n.t('The lint worker stopped; the next edit lints again.') });
    this.waiting.clear();
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    for (const [id, resolve] of this.waiting) resolve({ id, ok: false, error: 'disposed' });
    this.waiting.clear();
  }
}
