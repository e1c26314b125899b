import * as fs from 'fs';
import * as path from 'path';
import { guardrailTypeFromUses, scenarioPolicyUses } from '../core/debugging/scenarioPolicyTypes';
import type { PolicyType } from '../core/policy';
import { PROJECT_CONFIG_FILE } from '../core/policy/config/projectConfig';
import { readScenarioFileSync } from './scenarioFiles';

/**
 * Which policy files a project's scenario files (policy tests) use as SCPs or RCPs. Such a file reads
 * like an identity policy, so this is what makes both the editor and `sts-lens lint` lint it as a
 * guardrail. One implementation: the editor feeds it files it lists without blocking, the CLI walks
 * the project folder with `readGuardrailUsesSync`.
 */

/** The scenario files policy tests are, unless the editor's setting says otherwise. */
export const DEFAULT_SCENARIO_GLOB = '**/*.policytest.json';
/** Scenario files read to learn which files are guardrails: enough for any repository's policy tests. */
export const MAX_GUARDRAIL_SCENARIO_FILES = 500;
/** Larger scenario files are not read for this: ones that name guardrail files by path are small. */
export const MAX_GUARDRAIL_SCENARIO_BYTES = 1024 * 1024;
/** Folder entries the CLI looks at while it lists a project's scenario files: a bound on huge trees. */
const MAX_ENTRIES_LISTED = 100_000;
/** Folders never searched for policy tests. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface GuardrailName {
  /** Absolute path of the policy file. */
  readonly file: string;
  readonly type: PolicyType;
}

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The policy files a scenario's text names, as absolute paths, with the type its slot gives each.
 * A path outside `root` (the project or workspace folder) names nothing, as the scenario reader
 * never reads such a file either.
 */
export function guardrailNames(scenarioFile: string, text: string, root: string): GuardrailName[] {
  const dir = path.dirname(path.resolve(scenarioFile));
  const top = path.resolve(root);
  return scenarioPolicyUses(text)
    .map((u) => ({ file: path.resolve(dir, u.path), type: u.type }))
    .filter((u) => inside(top, u.file));
}

/** What every scenario file read says, by scenario file; answers which type they give a policy file. */
export class GuardrailUses {
  private readonly uses = new Map<string, { mtime: number; names: readonly GuardrailName[] }>();
  private byPolicy: Map<string, PolicyType[]> | undefined;

  /** The modification time the scenario file had when it was read; undefined when it was not. */
  mtimeOf(scenarioFile: string): number | undefined {
    return this.uses.get(scenarioFile)?.mtime;
  }

  /** Records what a scenario file names; true when that changed. */
  set(scenarioFile: string, mtime: number, names: readonly GuardrailName[]): boolean {
    const known = this.uses.get(scenarioFile);
    this.uses.set(scenarioFile, { mtime, names });
    const changed = JSON.stringify(known?.names ?? []) !== JSON.stringify(names);
    if (changed) this.byPolicy = undefined;
    return changed;
  }

  /** Forgets a scenario file; true when it was known. */
  delete(scenarioFile: string): boolean {
    const had = this.uses.delete(scenarioFile);
    if (had) this.byPolicy = undefined;
    return had;
  }

  scenarioFiles(): string[] {
    return [...this.uses.keys()];
  }

  clear(): void {
    this.uses.clear();
    this.byPolicy = undefined;
  }

  /** The guardrail type the scenarios give a file: only when every use says the same SCP or RCP. */
  typeOf(file: string): 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | undefined {
    this.byPolicy ??= this.index();
    // Most projects have no policy tests: their files need no path.resolve (slow while cold).
    if (!this.byPolicy.size) return undefined;
    const types = this.byPolicy.get(path.resolve(file));
    return types ? guardrailTypeFromUses(types) : undefined;
  }

  private index(): Map<string, PolicyType[]> {
    const out = new Map<string, PolicyType[]>();
    for (const { names } of this.uses.values()) {
      for (const u of names) {
        const types = out.get(u.file);
        if (types) types.push(u.type);
        else out.set(u.file, [u.type]);
      }
    }
    return out;
  }
}

/** Whether a folder, by its entries, is a project of its own (holds `.sts-lens.json` or `.git`). */
function isProject(entries: readonly fs.Dirent[]): boolean {
  return entries.some((e) => e.name === PROJECT_CONFIG_FILE || e.name === '.git');
}

/**
 * Up to `budget` entries of a folder, read a batch at a time: a folder of millions of entries costs
 * no more than the bound (readdirSync would list all of them first). Empty when it cannot be read.
 */
function readEntriesSync(dir: string, budget: number): fs.Dirent[] {
  const entries: fs.Dirent[] = [];
  let handle: fs.Dir;
  try {
    handle = fs.opendirSync(dir, { bufferSize: 256 });
  } catch {
    return entries;
  }
  try {
    for (let e = handle.readSync(); e && entries.length < budget; e = handle.readSync()) entries.push(e);
  } catch {
    // A folder that fails part way through lists what was read.
  } finally {
    handle.closeSync();
  }
  return entries;
}

/**
 * Lists the scenario files under the project folder `root`, at most MAX_GUARDRAIL_SCENARIO_FILES of
 * them, breadth first so the nearest count first. It skips node_modules, .git and nested projects
 * (their policy tests name their own files) and follows no links. With `recursive` false it lists
 * `root` alone: a folder that is no project (a home folder, /tmp) is not searched below.
 */
export function listScenarioFilesSync(root: string, matches: (relativePath: string) => boolean, recursive = true): string[] {
  const found: string[] = [];
  const queue = [path.resolve(root)];
  let listed = 0;
  for (let next = 0; next < queue.length && found.length < MAX_GUARDRAIL_SCENARIO_FILES && listed < MAX_ENTRIES_LISTED; next++) {
    const dir = queue[next];
    const entries = readEntriesSync(dir, MAX_ENTRIES_LISTED - listed);
    if (next > 0 && isProject(entries)) continue;
    listed += entries.length;
    // Only the folders to enter and the files that match are put in name order: a folder of many
    // policies and no policy test sorts nothing. A file of the root folder is named relative to it as
    // it is, with no path arithmetic per file.
    const kept = entries.filter((e) =>
      e.isDirectory() ? recursive && !SKIPPED_FOLDERS.has(e.name) : e.isFile() && matches(next === 0 ? e.name : path.relative(root, path.join(dir, e.name)).split(path.sep).join('/')),
    );
    kept.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of kept) {
      if (found.length >= MAX_GUARDRAIL_SCENARIO_FILES) break;
      if (e.isDirectory()) queue.push(path.join(dir, e.name));
      else found.push(path.join(dir, e.name));
    }
  }
  return found;
}

/** Reads a scenario file for the names it holds, within the size bound; undefined when it cannot be. */
export function readGuardrailScenarioSync(file: string, root: string): { mtime: number; names: GuardrailName[] } | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (!st.isFile() || st.size > MAX_GUARDRAIL_SCENARIO_BYTES) return undefined;
  const text = readScenarioFileSync(file);
  return typeof text === 'string' ? { mtime: st.mtimeMs, names: guardrailNames(file, text, root) } : undefined;
}

/**
 * What the scenario files of a project folder say, read at once (the CLI). `recursive` false reads
 * only those directly in `root`, for a folder that is no project.
 */
export function readGuardrailUsesSync(root: string, matches: (relativePath: string) => boolean, recursive = true): GuardrailUses {
  const uses = new GuardrailUses();
  for (const file of listScenarioFilesSync(root, matches, recursive)) {
    const read = readGuardrailScenarioSync(file, root);
    if (read) uses.set(file, read.mtime, read.names);
  }
  return uses;
}
