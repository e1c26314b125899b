/**
 * A module that loads on first use from a bundle of its own in dist/ (built by esbuild.js), so that
 * its libraries are not loaded at startup. The features name the bundles' folder when they start;
 * until then (modules compiled by tsc for the tests) each loads its fallback, the compiled module
 * the bundle is built from. Plain Node: no `vscode`, so unit tests load it as it is.
 */
import * as path from 'path';

export interface LazyBundle<T> {
  /** The bundle's file name in dist/, as esbuild.js writes it ("aws.js"). */
  readonly bundleFile: string;
  /** The compiled module the bundle is built from, without ".js": loaded when no folder is set. */
  readonly fallback: string;
  /** The module, loaded the first time this is called. */
  load(): T;
  /** The module if it is loaded, else undefined (then nothing can have come from it). */
  ifLoaded(): T | undefined;
  /** Readies the module with `prepare`: now if it is loaded, else as it loads. A later call replaces an earlier one. */
  prepareWith(prepare: (module: T) => void): void;
}

let directory: string | undefined;

/** Where the bundles are (dist/); set when the features start, undefined to go back to the fallbacks. */
export function useBundleDirectory(dir: string | undefined): void {
  directory = dir;
}

export function lazyBundle<T>(bundleFile: string, fallback: string): LazyBundle<T> {
  let loaded: T | undefined;
  let prepared: ((module: T) => void) | undefined;
  return {
    bundleFile,
    fallback,
    load() {
      if (loaded === undefined) {
        // A path known only at run time: the module is a bundle of its own, not part of the caller's.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        loaded = require(directory === undefined ? fallback : path.join(directory, bundleFile)) as T;
        prepared?.(loaded);
      }
      return loaded;
    },
    ifLoaded: () => loaded,
    prepareWith(prepare) {
      prepared = prepare;
      if (loaded !== undefined) prepare(loaded);
    },
  };
}
