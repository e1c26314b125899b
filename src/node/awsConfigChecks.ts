/**
 * The config linter's checks of an AWS config file's text, run in a worker thread
 * (dist/awsConfigWorker.js) once the text is large: the Problems panel's lint of an open config
 * document and Start Session's check of a profile's chain each take seconds over a file of many
 * megabytes, which would pause the extension host. Each check has a worker of its own, ended with
 * its answer. A small text, or any text once no worker can run, is checked on the calling thread.
 * Only the config file's text and profile names cross: never a credentials file's text.
 */
import * as fs from 'fs';
import { Worker } from 'worker_threads';
import { lintAwsConfig, type ConfigFinding } from '../core/profiles/configLint';
import { lintAwsConfigErrorsOf } from '../core/profiles/configLintChain';
import type { AwsConfigParserOptions } from './awsConfigParser';

/** A check as it crosses to the worker. */
export type ConfigCheckJob =
  | { readonly kind: 'lint'; readonly text: string; readonly otherFileProfiles: readonly string[] }
  | { readonly kind: 'chainErrors'; readonly text: string; readonly names: readonly string[]; readonly otherFileProfiles: readonly string[] };

export type ConfigCheckAnswer = { readonly ok: true; readonly findings: ConfigFinding[] } | { readonly ok: false; readonly error: string };

/** A check given up because a newer one of the same document came while it ran. */
export class CheckSuperseded extends Error {
  constructor() {
    super('superseded by a newer check of the same document');
  }
}

/** The findings of a check, on whichever thread runs it. */
export function runConfigCheck(job: ConfigCheckJob): ConfigFinding[] {
  return job.kind === 'lint'
    ? lintAwsConfig(job.text, 'config', { otherFileProfiles: job.otherFileProfiles })
    : lintAwsConfigErrorsOf(job.text, 'config', new Set(job.names), job.otherFileProfiles);
}

interface Running {
  readonly worker: Worker;
  /** Ends the check: its caller gets `e`. */
  readonly reject: (e: Error) => void;
}

export class AwsConfigChecks {
  private workerFailed = false;
  private disposed = false;
  private readonly running = new Set<Running>();
  /** The check under way for each document: a newer one ends it. */
  private readonly latest = new Map<string, Running>();
  /** Checks given to a worker so far: what a test sees of the thread used. */
  workerJobs = 0;

  constructor(private readonly options: AwsConfigParserOptions) {}

  /**
   * lintAwsConfig(text, 'config', { otherFileProfiles }): the Problems panel's findings. A newer lint
   * of the same `document` ends this one, which rejects with CheckSuperseded.
   */
  lint(document: string, text: string, otherFileProfiles: readonly string[]): Promise<ConfigFinding[]> {
    return this.run({ kind: 'lint', text, otherFileProfiles }, document);
  }

  /** lintAwsConfigErrorsOf(text, 'config', names, otherFileProfiles): the errors about a chain's profiles. */
  chainErrors(text: string, names: ReadonlySet<string>, otherFileProfiles: readonly string[]): Promise<ConfigFinding[]> {
    return this.run({ kind: 'chainErrors', text, names: [...names], otherFileProfiles });
  }

  private run(job: ConfigCheckJob, document?: string): Promise<ConfigFinding[]> {
    if (this.disposed) return Promise.reject(new Error('The AWS config checks were disposed.'));
    const older = document === undefined ? undefined : this.latest.get(document);
    older?.reject(new CheckSuperseded());
    if (this.workerFailed || job.text.length < (this.options.minWorkerChars ?? 0)) return Promise.resolve().then(() => runConfigCheck(job));
    return new Promise<ConfigFinding[]>((resolve, reject) => {
      let settled = false;
      // Ends the worker, once there is one.
      let release = () => {};
      const settle = (answer: () => void) => {
        if (settled) return;
        settled = true;
        release();
        answer();
      };
      const fallBack = (e: unknown) => settle(() => {
        this.workerFailed = true;
        this.options.warn(`The worker thread that checks AWS config files could not run (${e instanceof Error ? e.message : String(e)}): config files are checked on the extension host's thread instead, which pauses the editor for a second or more when the file holds many megabytes.`);
        try {
          resolve(runConfigCheck(job));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      if (!fs.existsSync(this.options.workerPath)) return fallBack(new Error(`${this.options.workerPath} is missing`));
      let worker: Worker;
      try {
        worker = new Worker(this.options.workerPath, { workerData: { coreWords: this.options.coreWords } });
      } catch (e) {
        return fallBack(e);
      }
      const running: Running = { worker, reject: (e) => settle(() => reject(e)) };
      release = () => {
        this.running.delete(running);
        if (document !== undefined && this.latest.get(document) === running) this.latest.delete(document);
        void worker.terminate();
      };
      this.running.add(running);
      if (document !== undefined) this.latest.set(document, running);
      this.workerJobs++;
      worker.once('message', (answer: ConfigCheckAnswer) => settle(() => (answer.ok ? resolve(answer.findings) : reject(new Error(answer.error)))));
      worker.once('error', fallBack);
      worker.once('exit', (code) => fallBack(new Error(`it exited with code ${code}`)));
      worker.postMessage(job);
    });
  }

  /** Ends the checks under way; their callers get an error. */
  dispose(): void {
    this.disposed = true;
    for (const r of [...this.running]) r.reject(new Error('The AWS config checks were disposed.'));
  }
}
