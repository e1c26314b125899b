// The `sts-lens` command: loads the CLI bundle (cliMain.js beside this file) through V8's code
// cache, so that a run after the first skips most of the compilation of the bundle. The cache
// lives in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, under sts-lens/v8), keyed by the
// bundle's size and time and the Node version; a stale or damaged cache is simply rebuilt.
// STS_LENS_NO_CODE_CACHE=1 turns it off. Only Node built-ins here: this file must stay tiny.
//
// A lint run is short and meets each function of the linter a few thousand times at most: V8's
// default eagerness to optimize spends more on optimizing compiles (and their deoptimizations) than
// the run gets back from them. The launcher asks V8 to wait about nine times longer before it
// optimizes a function (--interrupt-budget), and, for a lint of files, to keep its young generation
// small (see below); STS_LENS_V8_DEFAULTS=1 keeps V8's defaults.
//
// `lint --jobs` starts this same file in worker threads (src/cli/lintWorker.ts): a worker loads the
// bundle through the same cache (only the main thread writes it).
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { isMainThread, workerData } from 'worker_threads';

interface CliModule {
  runMain(launcher: { script: string; cacheFlags: string }): void;
  runLintWorker(): void;
}

/**
 * V8 refuses cached code made under other flags, so each set of flags the launcher sets (see
 * tuneV8) has its own file: runs that alternate between them would otherwise rebuild it every time.
 */
function cacheFile(bundle: string, stat: fs.Stats, flags: string): string {
  const root = process.env.STS_LENS_CACHE ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'sts-lens');
  return path.join(root, 'v8', `cli-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}-${flags}.bin`);
}

/**
 * Loads the bundle; `saveCache` writes its compiled code to the cache when the cache was missing or
 * refused, best called late, so that it also holds the functions the run compiled lazily.
 */
function load(flags: string): { cli: CliModule; saveCache: () => void } {
  const bundle = path.join(__dirname, 'cliMain.js');
  const source = fs.readFileSync(bundle, 'utf8');
  const useCache = process.env.STS_LENS_NO_CODE_CACHE !== '1';
  const file = useCache ? cacheFile(bundle, fs.statSync(bundle), flags) : '';
  let cachedData: Buffer | undefined;
  if (useCache) {
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      // No cache yet.
    }
  }
  const wrapper = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const mod = { exports: {} as CliModule };
  (wrapper.runInThisContext() as (...a: unknown[]) => void)(mod.exports, createRequire(bundle), mod, bundle, __dirname);
  const saveCache = () => {
    if (!useCache || (cachedData && !wrapper.cachedDataRejected)) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, wrapper.createCachedData());
      fs.renameSync(tmp, file);
    } catch {
      // A read-only home only costs speed.
    }
  };
  return { cli: mod.exports, saveCache };
}

/** Node 20's V8 spends an interrupt budget of 66 KB of bytecode before it considers optimizing a function. */
const INTERRUPT_BUDGET = 600 * 1024;

type FlagSet = 'default' | 'batch' | 'files';

/** Which of V8's flags this run sets (see applyFlags): also the name of its code cache. */
function flagSet(): FlagSet {
  if (process.env.STS_LENS_V8_DEFAULTS === '1') return 'default';
  // A dump read with --auth-details is one large document kept whole, which needs V8's default growth.
  if (process.argv[2] !== 'lint' || process.argv.some((a) => a === '--auth-details' || a.startsWith('--auth-details='))) return 'batch';
  return 'files';
}

/** Sets V8's flags for this run, before the bundle is compiled. */
function applyFlags(set: FlagSet): void {
  if (set === 'default') return;
  // Every function of the bundle gets the larger budget.
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  // Linting files allocates fast and keeps little: a young generation that stays at its starting
  // size is collected often but cheaply, and stays in the processor's cache.
  if (set === 'files') v8.setFlagsFromString('--semi-space-growth-factor=1');
}

if (isMainThread) {
  const flags = flagSet();
  applyFlags(flags);
  const { cli, saveCache } = load(flags);
  process.once('exit', saveCache);
  cli.runMain({ script: __filename, cacheFlags: flags });
} else {
  // V8 puts a growth factor below 2 back to 2 for the whole process as it sets up a heap, a
  // worker's too. Each worker sets the flags again first thing, so they hold for every thread, and
  // the flags (which V8 checks cached code against) are the main thread's: the cache fits both.
  const flags = (workerData as { cacheFlags: FlagSet }).cacheFlags;
  applyFlags(flags);
  load(flags).cli.runLintWorker();
}
