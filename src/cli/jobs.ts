// How many threads `sts-lens lint` uses (--jobs), and how they share the files.
import * as fs from 'fs';
import * as os from 'os';

/**
 * STS_LENS_JOBS_REPORT=1: the test switch that has the threads report what they linted and start
 * together (see lintPool.ts and lintWorker.ts).
 */
export const JOBS_REPORT = process.env.STS_LENS_JOBS_REPORT === '1';

/** `--jobs N|auto`: N threads in all (1: the main thread alone), or auto to let the run's size decide. */
export type Jobs = number | 'auto';

/** The value of `--jobs`, or what is wrong with it. */
export function parseJobs(value: string): Jobs | { problem: string } {
  if (value.toLowerCase() === 'auto') return 'auto';
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
  return { problem: `--jobs must be auto or a whole number of threads from 1 up; got "${value}".` };
}

// When workers pay (measured on Node 20, 2 cores, over the AWS managed policies, an average of
// 5.4 KB): linting costs about the same per file as per KB of text, so a run's work is counted as
// its bytes plus FILE_WEIGHT per file. A worker costs ~0.35 G instructions before it lints (a new
// isolate, the bundle from V8's code cache, the IAM data), and the threads then lint ~25% more
// slowly than one thread alone would, as each warms up its own compiled code and caches. On an idle
// machine a second thread saved only 6% of the wall time of the 764 policies (4.9 MB of work) for
// 33% more CPU time, and 17% for 20% more at four times as many: each thread is given at least
// WORK_PER_THREAD, so that a run the size of the corpus stays on one thread.
const FILE_WEIGHT = 1024;
const WORK_PER_THREAD = 4 * 1024 * 1024;

/**
 * The most threads a run uses, whatever --jobs asks for: twice the cores the machine gives this
 * process, and at least 4. Each worker holds ~25 MB (its own isolate, bundle and IAM data), so that
 * `--jobs 5000` over many files would exhaust memory, and threads past the cores only take turns.
 */
export function maxThreads(cores = os.availableParallelism()): number {
  return Math.max(4, 2 * cores);
}

/**
 * Files whose sizes estimate the work of a run with auto: sizing every file named costs a call to
 * the system each (about 15 ms for the 764 AWS managed policies), while a run's files are mostly
 * alike, so these many, spread evenly over the list, stand for the rest.
 */
export const SIZE_SAMPLE = 32;

/**
 * The threads a run uses, the main thread included. Standard input is only read by the main thread.
 * A number is taken as asked, but never more threads than files or than maxThreads; auto uses the cores the machine
 * gives this process, but only as many as the run's work pays for (one for a few files), and only
 * one on a machine whose cores are already busy (a load average of at least the cores), where more
 * threads would only take turns with each other. The work of more than SIZE_SAMPLE files is
 * estimated from the sizes of SIZE_SAMPLE of them (`size`: a file's size in bytes).
 */
export function threadsFor(jobs: Jobs, files: readonly string[], load = os.loadavg()[0], size = sizeOf): number {
  const onDisk = files.filter((f) => f !== '-');
  if (jobs !== 'auto') return Math.max(1, Math.min(jobs, onDisk.length, maxThreads()));
  const cores = os.availableParallelism();
  if (cores < 2 || onDisk.length < 2 || load >= cores) return 1;
  const sampled = Math.min(onDisk.length, SIZE_SAMPLE);
  let bytes = 0;
  for (let k = 0; k < sampled; k++) bytes += size(onDisk[Math.floor((k * onDisk.length) / sampled)]);
  const work = onDisk.length * FILE_WEIGHT + (bytes * onDisk.length) / sampled;
  return Math.max(1, Math.min(cores, Math.floor(work / WORK_PER_THREAD)));
}

/** The line that says a --jobs number was lowered to maxThreads, when the run would otherwise have used more threads. */
export function jobsLoweredNotice(jobs: Jobs, files: readonly string[]): string | undefined {
  if (jobs === 'auto') return undefined;
  const cap = maxThreads();
  const asked = Math.min(jobs, files.filter((f) => f !== '-').length);
  if (asked <= cap) return undefined;
  const cores = os.availableParallelism();
  return `sts-lens: --jobs ${jobs} is lowered to ${cap} threads: a run uses at most twice the cores this process may use (${cores}), and at least 4.\n`;
}

/** A file's size for the estimate; one that cannot be read costs nothing to lint. */
function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The largest and smallest number of files a thread takes at once. */
const MAX_CHUNK = 16;

/**
 * Takes the next files off the queue that every thread shares: `queue[0]` is the index of the first
 * file no thread has taken yet. Chunks shrink as the queue empties (a quarter of each thread's share
 * of what is left), so that no thread is left with a long chunk while the others sit idle, and stay
 * small enough that results reach the output in order without long waits. Undefined once it is empty.
 */
export function takeChunk(queue: Int32Array, total: number, threads: number): { start: number; end: number } | undefined {
  for (;;) {
    const start = Atomics.load(queue, 0);
    if (start >= total) return undefined;
    const size = Math.min(MAX_CHUNK, Math.max(1, Math.ceil((total - start) / (threads * 4))));
    const end = Math.min(total, start + size);
    if (Atomics.compareExchange(queue, 0, start, end) === start) return { start, end };
  }
}
