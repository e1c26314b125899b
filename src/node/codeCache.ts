/**
 * Loads a CommonJS bundle through V8's code cache, as require() would load it: a load after the first
 * skips most of the parsing and compiling of the bundle, which is most of what loading a large bundle
 * costs. The cache is one file per bundle in a folder of the caller's (the extension's global storage),
 * named by the bundle's size and time and the Node version, so a new build or a new VS Code makes a
 * new one; V8 itself refuses cached code made by another V8 or under other flags, and then the bundle
 * simply compiles. Plain Node: no `vscode`.
 */
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import * as vm from 'vm';

/** What happened to the cache: used it, found none, or V8 refused the one found. */
export type CodeCacheUse = 'used' | 'none' | 'rejected';

export interface CachedLoad<T> {
  readonly exports: T;
  readonly cache: CodeCacheUse;
  /**
   * Writes the cache when this load did not use one, with the functions compiled so far (so call it
   * after the bundle has run for a while); removes the caches of older builds. Never throws: a cache
   * that cannot be written only costs speed. Resolves to the file written, or undefined.
   */
  save(): Promise<string | undefined>;
}

function cacheFile(bundle: string, folder: string): string {
  const stat = fs.statSync(bundle);
  return path.join(folder, `${path.basename(bundle, '.js')}-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}.v8cache`);
}

/**
 * Loads `bundle` (an absolute path) with the code cache in `folder`, and enters it in require.cache as
 * require() would, so that a later require() of the same path returns the same exports.
 */
export function requireWithCodeCache<T>(bundle: string, folder: string): CachedLoad<T> {
  const source = fs.readFileSync(bundle, 'utf8');
  const file = cacheFile(bundle, folder);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    // No cache yet.
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const cache: CodeCacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundle));
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run(mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  require.cache[bundle] = mod;
  const save = async (): Promise<string | undefined> => {
    if (cache === 'used') return undefined;
    try {
      const data = script.createCachedData();
      await fs.promises.mkdir(folder, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, data, { mode: 0o600 });
      await fs.promises.rename(tmp, file);
      const prefix = `${path.basename(bundle, '.js')}-`;
      for (const old of await fs.promises.readdir(folder)) {
        if (old.startsWith(prefix) && old.endsWith('.v8cache') && path.join(folder, old) !== file) await fs.promises.rm(path.join(folder, old), { force: true });
      }
      return file;
    } catch {
      return undefined;
    }
  };
  return { exports: mod.exports as T, cache, save };
}
