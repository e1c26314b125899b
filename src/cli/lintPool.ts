// The main thread's side of `sts-lens lint --jobs`: it starts the workers (src/cli/lintWorker.ts),
// lints chunks of files itself from the queue they share, and hands every file's outcome on in the
// files' order, as soon as the outcomes before it are in.
import { Worker } from 'worker_threads';
import { JOBS_REPORT as REPORT, takeChunk } from './jobs';
import type { FileOutcome } from './lintFile';
import type { WorkerInput, WorkerMessage } from './lintWorker';
import type { LintArgs } from './main';

/** How to start a worker: the launcher's file (src/cli/launcher.ts) and the name of its code cache. */
export interface WorkerLauncher {
  readonly script: string;
  readonly cacheFlags: string;
}

interface PoolWorker {
  readonly worker: Worker;
  ready: boolean;
  /** Done, or gone: it will post nothing more. */
  finished: boolean;
  linted: number;
}

/**
 * The worker threads of one run. With STS_LENS_JOBS_REPORT=1 it writes how many files each kind of thread linted to standard error at the
 * end, and has the main thread wait until every worker holds its first chunk before it takes files:
 * a test over a few files then sees the workers take part (with one worker, it has the first files),
 * and the figures say that the parallel path was taken.
 */
export class LintPool {
  /** [0]: the queue (see takeChunk); [1]: how many workers hold their first chunk (see lintWorker.ts). */
  private readonly queue = new SharedArrayBuffer(8);
  private readonly workers: PoolWorker[] = [];

  /**
   * Starts `threads - 1` workers over `args.files` at once, so that their start (a new isolate,
   * the bundle, the IAM data) overlaps the main thread's own.
   */
  constructor(
    launcher: WorkerLauncher,
    private readonly args: LintArgs,
    private readonly threads: number,
  ) {
    const workerData: WorkerInput = { cacheFlags: launcher.cacheFlags, args, queue: this.queue, threads };
    for (let k = 1; k < threads; k++) {
      // The worker's output is its messages: its standard streams are not passed on.
      const worker = new Worker(launcher.script, { workerData, stdout: true, stderr: true });
      this.workers.push({ worker, ready: false, finished: false, linted: 0 });
    }
  }

  /**
   * Lints every file, on this thread with `lintHere` and in the workers, and gives each outcome to
   * `emit` in the files' order. A file whose lint threw in a worker, and every file a worker took
   * but did not finish (it crashed or exited), is linted again here, so no file is ever lost. Standard
   * input is read here, first, in the order its `-`s come.
   */
  lint(lintHere: (i: number) => FileOutcome, emit: (i: number, outcome: FileOutcome) => void): Promise<void> {
    const files = this.args.files;
    const total = files.length;
    const queue = new Int32Array(this.queue);
    const held: (FileOutcome | undefined)[] = new Array<FileOutcome | undefined>(total);
    let next = 0;
    let mine = 0;
    let again = 0;
    let started = false;
    let mainDone = false;
    let settled = false;
    const hold = (i: number, outcome: FileOutcome) => {
      if (i >= next && !held[i]) held[i] = outcome;
    };
    const flush = () => {
      for (let o = held[next]; o && next < total; o = held[next]) {
        held[next] = undefined;
        emit(next++, o);
      }
    };
    const lintAgain = (i: number) => {
      if (i < next || held[i]) return;
      held[i] = lintHere(i);
      again++;
    };
    return new Promise<void>((resolve, reject) => {
      // Anything thrown here (the main thread's lint of a file) ends the run as it would on one thread.
      const guard =
        <A extends unknown[]>(f: (...a: A) => void) =>
        (...a: A) => {
          if (settled) return;
          try {
            f(...a);
          } catch (e) {
            settled = true;
            reject(e);
          }
        };
      const finishIfDone = () => {
        if (!mainDone || this.workers.some((w) => !w.finished)) return;
        for (let i = next; i < total; i++) lintAgain(i);
        flush();
        settled = true;
        if (REPORT) process.stderr.write(`sts-lens: jobs: threads=${this.threads} main=${mine} workers=${this.workers.map((w) => w.linted).join(',')} again=${again}\n`);
        resolve();
      };
      const step = guard(() => {
        const chunk = takeChunk(queue, total, this.threads);
        if (!chunk) {
          mainDone = true;
          finishIfDone();
          return;
        }
        for (let i = chunk.start; i < chunk.end; i++) {
          if (files[i] === '-') continue;
          hold(i, lintHere(i));
          mine++;
        }
        flush();
        // Between chunks, the workers' outcomes come in and are written.
        setImmediate(step);
      });
      const startWhenReady = guard(() => {
        if (started || (REPORT && !this.workers.every((w) => w.ready || w.finished))) return;
        started = true;
        step();
      });
      for (const w of this.workers) {
        w.worker.on(
          'message',
          guard((m: WorkerMessage) => {
            if ('ready' in m) {
              w.ready = true;
              startWhenReady();
            } else if ('outcomes' in m) {
              for (const [i, outcome] of m.outcomes) hold(i, outcome);
              w.linted += m.outcomes.length;
              for (const i of m.threw) lintAgain(i);
              flush();
            } else {
              w.finished = true;
              finishIfDone();
            }
          }),
        );
        // A worker that fails to start or crashes says so with 'error', then 'exit': its files are linted here.
        w.worker.on('error', () => undefined);
        w.worker.on(
          'exit',
          guard(() => {
            w.finished = true;
            startWhenReady();
            finishIfDone();
          }),
        );
      }
      guard(() => {
        for (let i = 0; i < total; i++) if (files[i] === '-') hold(i, lintHere(i));
        flush();
        startWhenReady();
      })();
    });
  }
}
