/**
 * Parses a changed AWS config file in a worker thread (dist/awsConfigWorker.js): over a file of many
 * megabytes the SDK's ini loader and the line check each take a second or more, which would pause
 * the extension host. One job at a time: a newer text of the file ends the older job's worker. A
 * small file, or any file once no worker can run, is parsed on the calling thread as before.
 */
import * as fs from 'fs';
import { Worker } from 'worker_threads';
import { decodeParsedConfig, parseConfigText, type ParsedConfig, type ParsedConfigWire } from './awsConfigParse';

/**
 * Config texts of fewer characters are parsed and checked on the extension host's thread: a worker
 * takes longer to start than their parse, line check or lint (about 20 ms each at this size).
 */
export const CONFIG_WORKER_MIN_CHARS = 128 * 1024;

export interface ConfigParseJob {
  readonly id: number;
  readonly file: string;
  readonly text: string;
}

export type ConfigParseAnswer = { readonly id: number; readonly ok: true; readonly parsed: ParsedConfigWire } | { readonly id: number; readonly ok: false; readonly error: string };

/** A parse given up because a newer text of the file came while it ran: load the file again. */
export class ParseSuperseded extends Error {
  constructor() {
    super('superseded by a newer text of the file');
  }
}

export interface AwsConfigParserOptions {
  readonly workerPath: string;
  /** The display language's words, for the dropped lines' messages (undefined for English). */
  readonly coreWords?: Record<string, string>;
  /** Says once why files are parsed on the calling thread after all. */
  readonly warn: (message: string) => void;
  /**
   * Texts shorter than this are parsed on the calling thread: starting a worker takes longer than
   * their parse (about 20 ms for 128 K characters).
   */
  readonly minWorkerChars?: number;
}

interface Job {
  readonly file: string;
  readonly hash: string;
  readonly promise: Promise<ParsedConfig>;
  /** Why the job's answer is no longer wanted. */
  ended?: Error;
  worker?: Worker;
}

/** Lets the extension host serve what waits between stages and chunks. */
const yieldToHost = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class AwsConfigParser {
  private running: Job | undefined;
  private workerFailed = false;
  private disposed = false;
  private nextId = 1;
  /** Jobs given to a worker so far: what a test sees of the thread used. */
  workerJobs = 0;

  constructor(private readonly options: AwsConfigParserOptions) {}

  /**
   * The sections and dropped lines of a config file's text; `hash` names the text. A second call for
   * the same text while it is parsed shares the parse; a call for another text ends the parse under
   * way, whose callers get ParseSuperseded.
   */
  parse(file: string, text: string, hash: string): Promise<ParsedConfig> {
    if (this.disposed) return Promise.reject(new Error('The AWS config parser was disposed.'));
    const last = this.running;
    if (last && !last.ended && last.file === file && last.hash === hash) return last.promise;
    if (last) this.end(last, new ParseSuperseded());
    const job: Job = { file, hash, promise: undefined! };
    const between = async () => {
      await yieldToHost();
      if (job.ended) throw job.ended;
    };
    const useWorker = !this.workerFailed && text.length >= (this.options.minWorkerChars ?? 0);
    const run = useWorker ? this.inWorker(job, text, between) : parseConfigText(file, text, between);
    (job as { promise: Promise<ParsedConfig> }).promise = run.then((parsed) => {
      if (job.ended) throw job.ended;
      return parsed;
    }).finally(() => {
      if (this.running === job) this.running = undefined;
    });
    this.running = job;
    return job.promise;
  }

  private inWorker(job: Job, text: string, between: () => Promise<void>): Promise<ParsedConfig> {
    return new Promise<ParsedConfig>((resolve, reject) => {
      let answered = false;
      const fallBack = (e: unknown) => {
        if (answered) return;
        answered = true;
        // A worker ended because a newer text came.
        if (job.ended) return reject(job.ended);
        this.workerFailed = true;
        void job.worker?.terminate();
        this.options.warn(`The worker thread that parses AWS config files could not run (${e instanceof Error ? e.message : String(e)}): a changed config file is parsed on the extension host's thread instead, which pauses the editor for a second or more when the file holds many megabytes.`);
        parseConfigText(job.file, text, between).then(resolve, reject);
      };
      if (!fs.existsSync(this.options.workerPath)) {
        fallBack(new Error(`${this.options.workerPath} is missing`));
        return;
      }
      let worker: Worker;
      try {
        worker = new Worker(this.options.workerPath, { workerData: { coreWords: this.options.coreWords } });
      } catch (e) {
        fallBack(e);
        return;
      }
      job.worker = worker;
      this.workerJobs++;
      worker.once('message', (answer: ConfigParseAnswer) => {
        if (answered) return;
        answered = true;
        void worker.terminate();
        if (job.ended) return reject(job.ended);
        if (!answer.ok) return reject(new Error(answer.error));
        decodeParsedConfig(answer.parsed, between).then(resolve, reject);
      });
      worker.once('error', (e) => fallBack(e));
      worker.once('exit', (code) => fallBack(new Error(`it exited with code ${code}`)));
      const message: ConfigParseJob = { id: this.nextId++, file: job.file, text };
      worker.postMessage(message);
    });
  }

  private end(job: Job, why: Error): void {
    job.ended = why;
    void job.worker?.terminate();
    if (this.running === job) this.running = undefined;
  }

  /** Ends the parse under way; its callers get an error. */
  dispose(): void {
    this.disposed = true;
    if (this.running) this.end(this.running, new Error('The AWS config parser was disposed.'));
  }
}
