import type * as childProcess from 'child_process';
import { MAX_POLICY_FILE_BYTES } from '../core/policy/limits';
import { readTextBoundedSync, type TooLarge } from '../node/boundedRead';

/** A failed git command, with git's own message. */
export class GitError extends Error {}

/** Bounds what one git answer may hold: a listing or a batch of file contents. */
const MAX_BUFFER = 512 * 1024 * 1024;

function git(args: string[], cwd: string, input?: string): Buffer {
  // Loaded here, not at startup: only `diff --git` runs git, and child_process is costly to load on every lint.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFileSync } = require('child_process') as typeof childProcess;
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: MAX_BUFFER, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer; message: string };
    if (err.code === 'ENOENT') throw new GitError('git is not installed or not on PATH.');
    const said = err.stderr?.toString('utf8').trim().split('\n')[0];
    throw new GitError(said || err.message);
  }
}

/** One changed file: its path relative to the working folder, and whether each side has it. */
export interface ChangedFile {
  path: string;
  inBase: boolean;
  inNew: boolean;
}

/** `REF` (against the working tree) or `REF..REF2`. */
export interface RevisionRange {
  base: string;
  /** Undefined for the working tree. */
  next?: string;
}

export function parseRange(spec: string): RevisionRange {
  const at = spec.indexOf('..');
  if (at < 0) return { base: spec };
  const base = spec.slice(0, at) || 'HEAD';
  const next = spec.slice(at + 2).replace(/^\./, '') || 'HEAD';
  return { base, next };
}

function verify(ref: string, cwd: string): void {
  if (ref.startsWith('-')) throw new GitError(`"${ref}" is not a revision.`);
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  } catch {
    throw new GitError(`"${ref}" is not a commit in this repository.`);
  }
}

/**
 * The files that differ between the range's two sides (renames as a removal and an addition),
 * under the given paths, relative to `cwd`; with the working tree as the new side, untracked
 * files count as added.
 */
export function changedFiles(range: RevisionRange, paths: readonly string[], cwd: string): ChangedFile[] {
  verify(range.base, cwd);
  if (range.next) verify(range.next, cwd);
  const spec = ['--', ...(paths.length ? paths : ['.'])];
  const out = git(['diff', '--name-status', '-z', '--no-renames', '--relative', range.base, ...(range.next ? [range.next] : []), ...spec], cwd).toString('utf8').split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < out.length; i += 2) {
    const status = out[i];
    const path = out[i + 1];
    if (!status || !path) continue;
    files.push({ path, inBase: status !== 'A', inNew: status !== 'D' });
  }
  if (!range.next) {
    const untracked = git(['ls-files', '-z', '--others', '--exclude-standard', ...spec], cwd).toString('utf8').split('\0');
    for (const path of untracked) if (path) files.push({ path, inBase: false, inNew: true });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The contents of files at a revision, read in one `git cat-file --batch` call (one process for
 * any number of files). A file the revision lacks comes back undefined.
 */
export function filesAt(ref: string, paths: readonly string[], cwd: string): (string | undefined)[] {
  if (paths.length === 0) return [];
  const input = paths.map((p) => `${ref}:./${p}\n`).join('');
  const out = git(['cat-file', '--batch'], cwd, input);
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < paths.length; i++) {
    const eol = out.indexOf(10, at);
    if (eol < 0) throw new GitError('git cat-file ended early.');
    const header = out.toString('utf8', at, eol);
    at = eol + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      texts.push(undefined);
      continue;
    }
    const size = Number(header.slice(header.lastIndexOf(' ') + 1));
    if (!Number.isFinite(size)) throw new GitError(`unexpected answer from git cat-file: ${header}`);
    texts.push(stripBom(out.toString('utf8', at, at + size)));
    at += size + 1;
  }
  return texts;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The working tree's copy of a file, undefined when it is gone; not read when too large to be a policy. */
export function workingFile(path: string): string | TooLarge | undefined {
  try {
    const text = readTextBoundedSync(path, MAX_POLICY_FILE_BYTES);
    return typeof text === 'string' ? stripBom(text) : text;
  } catch {
    return undefined;
  }
}
