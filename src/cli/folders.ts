// `sts-lens lint FOLDER`: the folders among the files named are replaced by the policy files below
// them (see node/policyFolder.ts), and the run says on standard error what it skipped and why.
import * as fs from 'fs';
import * as path from 'path';
import { MAX_POLICY_FILE_BYTES } from '../core/policy/limits';
import { lengthWords } from '../core/policy/limitWords';
import { FolderWalker, type FolderSkip } from '../node/policyFolder';

/** The files of a run once its folders are walked. */
export interface RunFiles {
  readonly files: string[];
  /** Per file: found in a folder (linted only when it holds a policy document), or named itself. */
  readonly walked: boolean[] | undefined;
}

/**
 * The folders of one run and what their walks found: the files each gave, what was skipped, and
 * how many policy documents each held.
 */
export class FolderRun {
  readonly walker = new FolderWalker();
  /** The folders walked, in the order named. */
  private readonly folders: string[] = [];
  /** Per folder: the policy files linted (or ignored by the project file) among its files. */
  private readonly policies: number[] = [];
  /** Per file of the run: the folder (its index) it was found in, or -1. */
  private origin: number[] = [];

  /**
   * The run's files with every folder replaced by the files below it. A name that ends in .json is
   * taken for a file without asking the system, which costs a call per file of a long list: a
   * folder so named is walked when its read finds it (see `walkLate`). A file found twice (named,
   * and below a folder named too) is linted once, where it comes first.
   */
  expand(named: readonly string[]): RunFiles {
    const folderAt = named.map((f) => f !== '-' && !/\.json$/i.test(f) && fs.statSync(f, { throwIfNoEntry: false })?.isDirectory() === true);
    if (!folderAt.includes(true)) return { files: [...named], walked: undefined };
    const files: string[] = [];
    const walked: boolean[] = [];
    const seen = named.length > 1 ? new Set<string>() : undefined;
    const add = (file: string, fromFolder: number) => {
      if (seen) {
        const key = path.resolve(file);
        if (seen.has(key)) return;
        seen.add(key);
      }
      files.push(file);
      walked.push(fromFolder >= 0);
      this.origin.push(fromFolder);
    };
    named.forEach((f, i) => {
      if (!folderAt[i]) add(f, -1);
      else {
        const k = this.addFolder(f);
        for (const file of this.walker.walk(f)) add(file, k);
      }
    });
    return { files, walked };
  }

  /** The files below a folder that a read found under a name ending in .json (see `expand`); counted like those of the folders named. */
  walkLate(folder: string): string[] {
    this.addFolder(folder);
    return this.walker.walk(folder);
  }

  /** Counts the outcome of a file found in a folder: a policy linted, or a file skipped. `late`: found by walkLate. */
  count(index: number | 'late', skipped: FolderSkip | undefined): void {
    if (skipped) this.walker.skipped[skipped]++;
    else this.policies[index === 'late' ? this.folders.length - 1 : this.origin[index]]++;
  }

  /** What the walks say at the end of the run (for standard error), and whether they failed it (exit status 2). */
  report(err: (s: string) => void): boolean {
    if (!this.folders.length) return false;
    const w = this.walker;
    let failed = w.problems.length > 0 || w.stopped !== undefined;
    for (const p of w.problems) err(`sts-lens: ${p}\n`);
    if (w.stopped) err(`sts-lens: the walk stopped: ${w.stopped}. Name the folders that hold the policies instead.\n`);
    const words = skipWords(w.skipped);
    if (words) err(`sts-lens: ${words}\n`);
    this.folders.forEach((folder, k) => {
      if (this.policies[k] > 0) return;
      failed = true;
      err(`sts-lens: no policy file was found in ${folder}: a policy file is a *.json file whose top level is an object with a Statement.\n`);
    });
    return failed;
  }

  private addFolder(folder: string): number {
    this.folders.push(folder);
    this.policies.push(0);
    return this.folders.length - 1;
  }
}

/** What was skipped, in one line: the files not linted and the folders not entered, by reason. */
export function skipWords(s: Readonly<Record<FolderSkip, number>>): string | undefined {
  const files = [
    count(s.notPolicy, 'JSON file with no policy document (no top-level Statement)', 'JSON files with no policy document (no top-level Statement)'),
    count(s.notJson, 'file not named *.json', 'files not named *.json'),
    count(s.policyTest, 'policy test (*.policytest.json)', 'policy tests (*.policytest.json)'),
    count(s.tooLarge, `file over ${lengthWords(MAX_POLICY_FILE_BYTES)}`, `files over ${lengthWords(MAX_POLICY_FILE_BYTES)}`),
    count(s.hidden, 'hidden file or folder (a name with a leading ".")', 'hidden files or folders (names with a leading ".")'),
    count(s.notRegular, 'entry that is not a regular file or folder', 'entries that are not regular files or folders'),
  ].filter((x) => x);
  const folders = [count(s.nodeModules, 'node_modules folder', 'node_modules folders'), count(s.folderLink, 'symbolic link to a folder', 'symbolic links to folders')].filter((x) => x);
  if (!files.length && !folders.length) return undefined;
  const parts = [...(files.length ? [`skipped ${files.join(', ')}`] : []), ...(folders.length ? [`did not enter ${folders.join(', ')}`] : [])];
  return `${parts.join('; ')}.`;
}

function count(n: number, one: string, many: string): string {
  return n ? `${n} ${n === 1 ? one : many}` : '';
}
