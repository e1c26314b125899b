// A worker thread of `sts-lens lint --jobs`: it takes chunks of files off the queue it shares with
// the other threads, lints them and posts their outcomes to the main thread, which writes them in
// the files' order (src/cli/lintPool.ts). It writes nothing itself.
import { parentPort, workerData } from 'worker_threads';
import { createIamCatalog } from '../node/iamData';
import { loadProjectConfig } from '../node/projectConfigFile';
import { JOBS_REPORT as REPORT, takeChunk } from './jobs';
import { lintPath, threadRun, type FileOutcome } from './lintFile';
import type { LintArgs } from './main';

/** What the main thread gives a worker. */
export interface WorkerInput {
  /** The name of the launcher's V8 code cache for this run's flags (read by src/cli/launcher.ts). */
  readonly cacheFlags: string;
  readonly args: LintArgs;
  /** Shared: [0] the index of the first file no thread has taken (see takeChunk), [1] how many workers hold their first chunk. */
  readonly queue: SharedArrayBuffer;
  readonly threads: number;
}

/**
 * What a worker posts: that it is ready (it holds its first chunk); the outcomes of a chunk, with the files whose lint
 * threw (the main thread lints those again, so that they fail, if they do, as in a run on one
 * thread); that it is done, with how many files it linted.
 */
export type WorkerMessage = { ready: true } | { outcomes: [number, FileOutcome][]; threw: number[] } | { done: number };

/** Waits until `workers` workers have taken their first chunk; a minute at most, should one never start. */
function waitForEveryWorker(queue: Int32Array, workers: number): void {
  const until = Date.now() + 60_000;
  for (let seen = Atomics.load(queue, 1); seen < workers && Date.now() < until; seen = Atomics.load(queue, 1)) Atomics.wait(queue, 1, seen, 1000);
}

/** For the tests: a worker exits, or its lint throws, when it reaches the file named here (`exit:NAME`, `throw:NAME`). */
const FAULT = /^(exit|throw):(.+)$/.exec(process.env.STS_LENS_TEST_WORKER_FAULT ?? '');

export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker runs in a worker thread');
  const input = workerData as WorkerInput;
  const { args } = input;
  const files = args.files;
  const post = (m: WorkerMessage) => port.postMessage(m);
  const run = threadRun(args, createIamCatalog(), args.config !== undefined && !args.noConfig ? loadProjectConfig(args.config) : undefined);
  const queue = new Int32Array(input.queue);
  let chunk = takeChunk(queue, files.length, input.threads);
  Atomics.add(queue, 1, 1);
  Atomics.notify(queue, 1);
  // With STS_LENS_JOBS_REPORT, no worker goes past its first chunk before every worker holds one: a
  // worker that started first could otherwise lint every file while another is still starting.
  if (REPORT) waitForEveryWorker(queue, input.threads - 1);
  // Ready: loaded, and holding its first chunk (for STS_LENS_JOBS_REPORT, see lintPool.ts).
  post({ ready: true });
  let linted = 0;
  for (; chunk; chunk = takeChunk(queue, files.length, input.threads)) {
    const outcomes: [number, FileOutcome][] = [];
    const threw: number[] = [];
    for (let i = chunk.start; i < chunk.end; i++) {
      // Standard input is read by the main thread alone, in its place among the files.
      if (files[i] === '-') continue;
      try {
        if (FAULT && FAULT[2] === files[i]) {
          if (FAULT[1] === 'exit') process.exit(1);
          throw new Error(`fault injected at ${files[i]}`);
        }
        outcomes.push([i, lintPath(files[i], run, args.walked?.[i])]);
        linted++;
      } catch {
        threw.push(i);
      }
    }
    post({ outcomes, threw });
  }
  post({ done: linted });
}
