// The `sts-lens` command: loads the CLI bundle (cliMain.js beside this file) through V8's code
// cache, so that a run after the first skips most of the compilation of the bundle. The cache
// lives in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, under sts-lens/v8), keyed by the
// bundle's size and time and the Node version; a stale or damaged cache is simply rebuilt, and
// writing one removes all but the newest few of the others (each build or Node version leaves its
// own file). STS_LENS_NO_CODE_CACHE=1 turns it off. Only Node built-ins here (and launcherFlags.ts): this
// file must stay tiny.
//
// Before the bundle is compiled, the launcher sets V8's flags for the run (see launcherFlags.ts);
// STS_LENS_V8_DEFAULTS=1 keeps V8's defaults.
//
// `lint --jobs` starts this same file in worker threads (src/cli/lintWorker.ts): a worker loads the
// bundle through the same cache (only the main thread writes it).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { isMainThread, workerData } from 'worker_threads';
import { flagSet, v8Flags, type FlagSet } from './launcherFlags';

interface CliModule {
  runMain(launcher: { script: string; cacheFlags: string }): void;
  runLintWorker(): void;
}

/**
 * V8 refuses cached code made under other flags, so each set of flags the launcher sets (see
 * launcherFlags.ts) has its own file: runs that alternate between them would otherwise rebuild it every time.
 */
function cacheFile(bundle: string, stat: fs.Stats, flags: string): string {
  const root = process.env.STS_LENS_CACHE ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'sts-lens');
  return path.join(root, 'v8', `cli-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}-${flags}.bin`);
}

/**
 * Code cache files kept besides the one just written: enough for a few versions or flag sets used
 * side by side (each rebuilds its file when it is gone), few enough that the folder stays small.
 */
const KEEP_OTHER_CACHES = 5;

/** Removes all but the newest KEEP_OTHER_CACHES cache files other than `keep`, and temporary files left by a run that was killed while writing. */
function pruneCaches(keep: string): void {
  const dir = path.dirname(keep);
  const others: { file: string; time: number }[] = [];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (file === keep || !name.startsWith('cli-')) continue;
    try {
      const time = fs.statSync(file).mtimeMs;
      // A temporary file is another run's write in progress unless it is old.
      if (name.endsWith('.tmp')) {
        if (Date.now() - time > 60 * 60 * 1000) fs.rmSync(file, { force: true });
      } else if (name.endsWith('.bin')) others.push({ file, time });
    } catch {
      // Removed by another run meanwhile.
    }
  }
  others.sort((a, b) => b.time - a.time);
  for (const { file } of others.slice(KEEP_OTHER_CACHES)) fs.rmSync(file, { force: true });
}

/**
 * Loads the bundle; `saveCache` writes its compiled code to the cache when the cache was missing or
 * refused, best called late, so that it also holds the functions the run compiled lazily.
 */
function load(flags: string): { cli: CliModule; saveCache: () => void } {
  const bundle = path.join(__dirname, 'cliMain.js');
  const useCache = process.env.STS_LENS_NO_CODE_CACHE !== '1';
  const sourceFd = fs.openSync(bundle, 'r');
  const stat = fs.fstatSync(sourceFd);
  const file = useCache ? cacheFile(bundle, stat, flags) : '';
  let cacheFd: number | undefined;
  let cacheSize = 0;
  if (useCache) {
    try {
      cacheFd = fs.openSync(file, 'r');
      cacheSize = fs.fstatSync(cacheFd).size;
    } catch {
      // No cache yet.
    }
  }
  // The bundle and its cached code are read one after the other into the same memory: the bundle's
  // text is copied out of it into a string first. Each page of a new buffer costs a page fault as it
  // is first written; the second read writes pages the first one has already touched.
  const buffer = Buffer.allocUnsafeSlow(Math.max(stat.size, cacheSize));
  // ASCII, as the build checks: read as Latin-1, a plain copy of its bytes, without UTF-8 decoding.
  const source = buffer.toString('latin1', 0, readAll(sourceFd, buffer, stat.size));
  let cachedData: Buffer | undefined;
  if (cacheFd !== undefined) {
    try {
      cachedData = buffer.subarray(0, readAll(cacheFd, buffer, cacheSize));
    } catch {
      // Removed or cut short meanwhile: rebuilt below.
    }
  }
  // The bundle is written as a function of CommonJS's parameters (see esbuild.js), compiled as it is.
  const wrapper = new vm.Script(source, { filename: bundle, cachedData });
  const mod = { exports: {} as CliModule };
  // The bundle sits beside this file, so this file's own require resolves its requires (Node's
  // modules, and the packages beside it) as one made for the bundle would, without loading Node's
  // module API to make one.
  (wrapper.runInThisContext() as (...a: unknown[]) => void)(mod.exports, require, mod, bundle, __dirname);
  const cached = cachedData !== undefined;
  const saveCache = () => {
    if (!useCache || (cached && !wrapper.cachedDataRejected)) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, wrapper.createCachedData());
      fs.renameSync(tmp, file);
      pruneCaches(file);
    } catch {
      // A read-only home only costs speed.
    }
  };
  return { cli: mod.exports, saveCache };
}

/** Reads the open file `fd` into the start of `buffer`, up to `size` bytes (its size when opened), and closes it; returns the bytes read. */
function readAll(fd: number, buffer: Buffer, size: number): number {
  try {
    let done = 0;
    for (let n = 1; done < size && n > 0; done += n) n = fs.readSync(fd, buffer, done, size - done, null);
    return done;
  } finally {
    fs.closeSync(fd);
  }
}

/** Sets V8's flags for this run, before the bundle is compiled. */
function applyFlags(set: FlagSet): void {
  for (const flag of v8Flags(set)) v8.setFlagsFromString(flag);
}

if (isMainThread) {
  // Node's code cached for its own modules fits V8's flags as Node starts: a module first loaded
  // after applyFlags is compiled from source. Every command writes to standard output, whose stream
  // loads its modules on first use (net for a pipe: about 13 M instructions to compile), so it is
  // made here, before the flags change. So is the module behind fs.opendirSync, which every lint
  // uses to look for the policy tests beside its files (fs.Dir loads it).
  void process.stdout;
  void fs.Dir;
  const flags = flagSet(process.argv.slice(2), process.env);
  applyFlags(flags);
  const { cli, saveCache } = load(flags);
  process.once('exit', saveCache);
  cli.runMain({ script: __filename, cacheFlags: flags });
} else {
  // V8's flags are the process's: a worker sets the main thread's again first thing, so that they
  // hold whatever V8 did to them as it set up this thread's heap, and cached code (which V8 checks
  // against the flags) fits both.
  const flags = (workerData as { cacheFlags: FlagSet }).cacheFlags;
  applyFlags(flags);
  load(flags).cli.runLintWorker();
}
