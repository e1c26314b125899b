import * as fs from 'fs';
import * as path from 'path';
import { isTooLarge, readErrorReason, readTextBoundedSync } from './boundedRead';
import { EMPTY_PROJECT_CONFIG, MAX_PROJECT_FILE_LENGTH, parseProjectConfig, PROJECT_CONFIG_FILE, projectFileTooLarge, type ConfigProblem, type ProjectConfig } from '../core/policy/config/projectConfig';

/** A project file as read from disk. */
export interface LoadedProjectConfig {
  readonly file: string;
  /** Globs in the file are relative to this folder. */
  readonly dir: string;
  readonly config: ProjectConfig;
  readonly problems: readonly ConfigProblem[];
  /** Set when the file could not be read at all: why, in the display language (English on the command line). */
  readonly readError?: string;
}

/** Whether a loaded project file applies nothing because it does not parse (or could not be read). */
export function projectFileBroken(p: LoadedProjectConfig): boolean {
  return p.readError !== undefined || p.problems.some((x) => x.syntax);
}

/**
 * Reads one project file; a missing or unreadable file comes back with readError and no rules. The
 * file is opened without waiting and sized through its descriptor before it is read: a repository's
 * project file could be a link to a huge file, a device or a pipe, swapped in even after a check.
 */
export function loadProjectConfig(file: string): LoadedProjectConfig {
  const abs = path.resolve(file);
  const unread = (readError: string): LoadedProjectConfig => ({ file: abs, dir: path.dirname(abs), config: EMPTY_PROJECT_CONFIG, problems: [], readError });
  let text: string;
  try {
    const read = readTextBoundedSync(abs, MAX_PROJECT_FILE_LENGTH);
    if (isTooLarge(read)) return unread(projectFileTooLarge(read.bytes));
    text = read;
  } catch (e) {
    return unread(readErrorReason(e));
  }
  const { config, problems } = parseProjectConfig(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return { file: abs, dir: path.dirname(abs), config, problems };
}

/**
 * Whether a folder holds an entry of this name, even one that cannot be read: a project file that is
 * a link to nothing, or a loop of links, is still there to report, not a reason to look further up.
 */
export function entryExistsSync(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
}

/** The path of a file relative to a project file's folder, with / separators, for its globs. */
export function projectRelativePath(project: LoadedProjectConfig, file: string): string {
  return path.relative(project.dir, path.resolve(file)).split(path.sep).join('/');
}

/**
 * Finds the project file for a path by walking up from its folder, as ESLint and cfn-lint do:
 * the nearest `.sts-lens.json` wins. Lookups are cached per folder until `clear()`.
 */
export class ProjectConfigFinder {
  private readonly byDir = new Map<string, LoadedProjectConfig | undefined>();
  private readonly byFile = new Map<string, LoadedProjectConfig>();

  /** `onLoad` hears of each project file read from disk (to show its problems). */
  constructor(private readonly onLoad?: (loaded: LoadedProjectConfig) => void) {}

  find(file: string): LoadedProjectConfig | undefined {
    return this.inDir(path.dirname(path.resolve(file)));
  }

  /** The project file for a folder (itself or above). */
  inDir(dir: string): LoadedProjectConfig | undefined {
    const seen: string[] = [];
    let found: LoadedProjectConfig | undefined;
    for (let d = dir; ; d = path.dirname(d)) {
      if (this.byDir.has(d)) {
        found = this.byDir.get(d);
        break;
      }
      seen.push(d);
      const candidate = path.join(d, PROJECT_CONFIG_FILE);
      if (entryExistsSync(candidate)) {
        const cached = this.byFile.get(candidate);
        found = cached ?? loadProjectConfig(candidate);
        this.byFile.set(candidate, found);
        if (!cached) this.onLoad?.(found);
        break;
      }
      if (path.dirname(d) === d) break;
    }
    for (const d of seen) this.byDir.set(d, found);
    return found;
  }

  clear(): void {
    this.byDir.clear();
    this.byFile.clear();
  }
}
