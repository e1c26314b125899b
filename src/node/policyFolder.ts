// The files `sts-lens lint FOLDER` lints: the *.json files below a folder, found by a walk that is
// bounded however hostile the tree (a loop of symbolic links, a folder of a million files, folders
// nested thousands deep), in an order that does not depend on the file system.
import * as fs from 'fs';
import * as path from 'path';
import { readErrorReason } from './boundedRead';

/** Why an entry below a folder is not linted (or, for a folder, not entered). */
export type FolderSkip = 'notJson' | 'policyTest' | 'notRegular' | 'hidden' | 'nodeModules' | 'folderLink' | 'notPolicy' | 'tooLarge';

/** The bounds of one run's walks, all folders together. */
export interface FolderLimits {
  /** Folders entered below the one named. */
  readonly maxDepth: number;
  /** Entries looked at, of every kind. */
  readonly maxEntries: number;
  /** *.json files kept to be linted. */
  readonly maxFiles: number;
}

export const FOLDER_LIMITS: FolderLimits = { maxDepth: 32, maxEntries: 100_000, maxFiles: 10_000 };

/** A folder holds at most this many entries per read of the system's listing. */
const LISTING_BATCH = 1024;

/**
 * Walks folders for one run: each walk gives the *.json files below its folder (not hidden, not in
 * node_modules, not a policy test), depth first, each folder's entries in the order of their names'
 * UTF-16 code units. Symbolic links to files are read as the files; links to folders are not
 * followed, so no loop of links is walked. Counts what it skipped; stops at the first bound reached.
 */
export class FolderWalker {
  readonly skipped: Record<FolderSkip, number> = { notJson: 0, policyTest: 0, notRegular: 0, hidden: 0, nodeModules: 0, folderLink: 0, notPolicy: 0, tooLarge: 0 };
  /** Folders below a named one that could not be listed, with why. */
  readonly problems: string[] = [];
  /** The bound that stopped the walks, in words, once one has. */
  stopped: string | undefined;
  private entries = 0;
  private files = 0;

  constructor(private readonly limits: FolderLimits = FOLDER_LIMITS) {}

  /** The files below `folder`, each named as `folder` joined with its path below it. */
  walk(folder: string): string[] {
    const found: string[] = [];
    this.visit(folder, 0, found);
    return found;
  }

  private visit(folder: string, depth: number, found: string[]): void {
    const names = this.list(folder);
    if (!names) return;
    for (const name of names) {
      if (this.stopped) return;
      const full = path.join(folder, name.name);
      let kind = name.kind;
      if (name.name.startsWith('.')) {
        this.skipped.hidden++;
        continue;
      }
      if (kind === 'unknown') kind = kindOf(fs.lstatSync(full, { throwIfNoEntry: false }));
      if (kind === 'link') {
        const target = kindOf(fs.statSync(full, { throwIfNoEntry: false }));
        if (target === 'folder') {
          this.skipped.folderLink++;
          continue;
        }
        kind = target;
      }
      if (kind === 'folder') {
        if (name.name === 'node_modules') this.skipped.nodeModules++;
        else if (depth >= this.limits.maxDepth) this.stopped = `${full} is more than ${this.limits.maxDepth} folders below the folder named, and folders are walked no deeper`;
        else this.visit(full, depth + 1, found);
      } else if (kind !== 'file') this.skipped.notRegular++;
      else if (!/\.json$/i.test(name.name)) this.skipped.notJson++;
      else if (/\.policytest\.json$/i.test(name.name)) this.skipped.policyTest++;
      else if (this.files >= this.limits.maxFiles) this.stopped = `the folders named hold more than ${this.limits.maxFiles} JSON files, and no more are linted in one run`;
      else {
        this.files++;
        found.push(full);
      }
    }
  }

  /** A folder's entries in name order, or undefined when it cannot be listed or the bound on entries is reached in it. */
  private list(folder: string): { name: string; kind: EntryKind }[] | undefined {
    const names: { name: string; kind: EntryKind }[] = [];
    let dir: fs.Dir;
    try {
      dir = fs.opendirSync(folder, { bufferSize: LISTING_BATCH });
    } catch (e) {
      this.problems.push(`cannot read the folder ${folder}: ${readErrorReason(e)}`);
      return undefined;
    }
    try {
      for (let e = dir.readSync(); e; e = dir.readSync()) {
        if (++this.entries > this.limits.maxEntries) {
          this.stopped = `the folders named hold more than ${this.limits.maxEntries} files and folders, and no more are looked at in one run`;
          break;
        }
        names.push({ name: e.name, kind: kindOf(e) });
      }
    } catch (e) {
      this.problems.push(`cannot read the folder ${folder}: ${readErrorReason(e)}`);
    } finally {
      dir.closeSync();
    }
    return names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

type EntryKind = 'file' | 'folder' | 'link' | 'other' | 'unknown';

function kindOf(e: fs.Dirent | fs.Stats | undefined): EntryKind {
  if (!e) return 'other';
  if (e.isFile()) return 'file';
  if (e.isDirectory()) return 'folder';
  if (e.isSymbolicLink()) return 'link';
  // A file system that does not give entries' types (a Dirent of none of the kinds) is asked with lstat.
  return e instanceof fs.Dirent && !e.isFIFO() && !e.isSocket() && !e.isCharacterDevice() && !e.isBlockDevice() ? 'unknown' : 'other';
}
