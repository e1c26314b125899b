import * as fs from 'fs';
import * as path from 'path';
import { EMPTY_PROJECT_CONFIG, MAX_PROJECT_FILE_LENGTH, parseProjectConfig, PROJECT_CONFIG_FILE, type ConfigProblem, type ProjectConfig } from '../core/policy/config/projectConfig';

/** A project file as read from disk. */
export interface LoadedProjectConfig {
  readonly file: string;
  /** Globs in the file are relative to this folder. */
  readonly dir: string;
  readonly config: ProjectConfig;
  readonly problems: readonly ConfigProblem[];
  /** Set when the file could not be read at all. */
  readonly readError?: string;
}

/** Whether a loaded project file applies nothing because it does not parse (or could not be read). */
export function projectFileBroken(p: LoadedProjectConfig): boolean {
  return p.readError !== undefined || p.problems.some((x) => x.syntax);
}

/** Reads one project file; a missing or unreadable file comes back with readError and no rules. */
export function loadProjectConfig(file: string): LoadedProjectConfig {
  const abs = path.resolve(file);
  let text: string;
  try {
    // Sized before it is read: a repository's project file could be a huge file or a device.
    const st = fs.statSync(abs);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!st.isFile()) return { file: abs, dir: path.dirname(abs), config: EMPTY_PROJECT_CONFIG, problems: [], readError: 'not a regular file' };
    if (st.size > MAX_PROJECT_FILE_LENGTH) return { file: abs, dir: path.dirname(abs), config: EMPTY_PROJECT_CONFIG, problems: [], readError: `${st.size.toLocaleString('en-US')} bytes, over the ${MAX_PROJECT_FILE_LENGTH.toLocaleString('en-US')}-byte limit of a project file` };
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { file: abs, dir: path.dirname(abs), config: EMPTY_PROJECT_CONFIG, problems: [], readError: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message };
  }
  const { config, problems } = parseProjectConfig(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return { file: abs, dir: path.dirname(abs), config, problems };
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
      if (fs.existsSync(candidate)) {
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
