import * as l10n from '@vscode/l10n';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { PROJECT_CONFIG_FILE } from '../core/policy/config/projectConfig';
import { MAX_POLICY_TEXT_LENGTH } from '../core/policy/limits';
import { lengthWords } from '../core/policy/limitWords';
import { isUtf16Text, readErrorReason } from './boundedRead';
import { entryExistsSync } from './projectConfigFile';

/**
 * Reading scenario files and the policy files they name. A scenario comes from a repository, so a
 * policy path is read only inside the project (the nearest folder above the scenario that holds
 * `.sts-lens.json` or `.git`; in the editor the workspace folder), only as a regular file, and
 * only after its size is checked; errors name the path as the scenario wrote it, never content.
 * Errors are in the display language's words (src/core/coreWords.ts; English in the command line).
 */

/** Largest scenario file read: thousands of cases with inline policies fit many times over. */
export const MAX_SCENARIO_FILE_BYTES = 64 * 1024 * 1024;

/** Where a scenario's policy files may be: the project folder, unless the person allows any. */
export interface PolicyFileScope {
  /** The folder policy paths must stay inside. */
  readonly root: string;
  /** What to call the root in messages: "project folder" or "workspace folder". */
  readonly rootName: string;
  /** `--allow-outside-project`: any path, still only regular files within the size limit. */
  readonly allowOutside: boolean;
  /** How to allow other paths, for the message (a CLI flag; nothing in the editor). */
  readonly allowHint?: string;
}

export type PolicyReadResult = string | { readonly error: string };

/** Whether a folder is a project of its own: it holds `.sts-lens.json` or `.git`. */
export function isProjectFolderSync(dir: string): boolean {
  return entryExistsSync(path.join(dir, PROJECT_CONFIG_FILE)) || entryExistsSync(path.join(dir, '.git'));
}

/** The nearest folder at or above `dir` that holds `.sts-lens.json` or `.git`; `dir` itself when none does. */
export function projectRootFor(dir: string): string {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (isProjectFolderSync(d)) return d;
    if (path.dirname(d) === d) return path.resolve(dir);
  }
}

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return l10n.t('no such file');
  if (code === 'EISDIR') return l10n.t('it is a folder');
  if (code === 'ELOOP') return l10n.t('too many symbolic links');
  return e instanceof Error ? readErrorReason(e) : String(e);
}

function outside(written: string, scope: PolicyFileScope, link: boolean): string {
  const { rootName, root, allowHint } = scope;
  if (allowHint) {
    return link
      ? l10n.t('the policy file {0} is a link to a file outside the {1} ({2}); {3} reads it anyway.', written, rootName, root, allowHint)
      : l10n.t('the policy file {0} is outside the {1} ({2}); {3} reads it anyway.', written, rootName, root, allowHint);
  }
  return link
    ? l10n.t('the policy file {0} is a link to a file outside the {1} ({2}); only policy files inside it are read.', written, rootName, root)
    : l10n.t('the policy file {0} is outside the {1} ({2}); only policy files inside it are read.', written, rootName, root);
}

/** Checks of the file's real path and kind; undefined when it may be read. */
function refusal(written: string, real: string, realRoot: string, st: fs.Stats, scope: PolicyFileScope): string | undefined {
  if (!scope.allowOutside && !inside(realRoot, real)) return outside(written, scope, true);
  if (st.isDirectory()) return l10n.t('the policy file {0} is a folder, not a file.', written);
  if (!st.isFile()) return l10n.t('the policy file {0} is not a regular file (a device, pipe or socket); only regular files are read.', written);
  if (st.size > MAX_POLICY_TEXT_LENGTH) return l10n.t("the policy file {0} is {1}, over the {2} limit of a policy document; IAM's own limits are a few KB.", written, lengthWords(st.size), lengthWords(MAX_POLICY_TEXT_LENGTH));
  return undefined;
}

/**
 * The file operations a read needs. Each read below is written once, as a generator that yields
 * these, and run either synchronously (the CLI) or without blocking (the extension host).
 */
type FileOp =
  | { readonly kind: 'realpath'; readonly path: string }
  | { readonly kind: 'stat'; readonly path: string }
  | { readonly kind: 'open'; readonly path: string }
  | { readonly kind: 'read'; readonly fd: number; readonly buffer: Buffer }
  | { readonly kind: 'close'; readonly fd: number };
type FileOpResult<O extends FileOp> = O['kind'] extends 'realpath' ? string : O['kind'] extends 'stat' ? fs.Stats : O['kind'] extends 'close' ? void : number;
type FileWork<T> = Generator<FileOp, T, unknown>;

function* op<O extends FileOp>(o: O): FileWork<FileOpResult<O>> {
  return (yield o) as FileOpResult<O>;
}

// Non-blocking, so a FIFO named as a policy file cannot hang the read (it is refused as not a regular file).
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function doSync(o: FileOp): unknown {
  switch (o.kind) {
    case 'realpath': return fs.realpathSync(o.path);
    case 'stat': return fs.statSync(o.path);
    case 'open': return fs.openSync(o.path, OPEN_FLAGS);
    case 'read': return fs.readSync(o.fd, o.buffer, 0, o.buffer.length, null);
    case 'close': return fs.closeSync(o.fd);
  }
}

const openAsync = promisify(fs.open);
const readAsync = promisify(fs.read);
const closeAsync = promisify(fs.close);

async function doAsync(o: FileOp): Promise<unknown> {
  switch (o.kind) {
    case 'realpath': return fs.promises.realpath(o.path);
    case 'stat': return fs.promises.stat(o.path);
    case 'open': return openAsync(o.path, OPEN_FLAGS);
    case 'read': return (await readAsync(o.fd, o.buffer, 0, o.buffer.length, null)).bytesRead;
    case 'close': return closeAsync(o.fd);
  }
}

/** Runs `work` with blocking calls; a failed operation is thrown into it, where it happened. */
function runSync<T>(work: FileWork<T>): T {
  let step = work.next();
  while (!step.done) {
    let value: unknown;
    try {
      value = doSync(step.value);
    } catch (e) {
      step = work.throw(e);
      continue;
    }
    step = work.next(value);
  }
  return step.value;
}

/** Runs `work` without blocking the thread. */
async function runAsync<T>(work: FileWork<T>): Promise<T> {
  let step = work.next();
  while (!step.done) {
    let value: unknown;
    try {
      value = await doAsync(step.value);
    } catch (e) {
      step = work.throw(e);
      continue;
    }
    step = work.next(value);
  }
  return step.value;
}

/** Reads at most `limit` + 1 bytes: a file that grew after its size was checked is still bounded. */
const CHUNK = 64 * 1024;

function* readBounded(file: string, limit: number): FileWork<Buffer> {
  const fd = yield* op({ kind: 'open', path: file });
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const n = yield* op({ kind: 'read', fd, buffer });
      if (n <= 0) break;
      chunks.push(buffer.subarray(0, n));
      total += n;
      if (total > limit) break;
    }
    return Buffer.concat(chunks, total);
  } finally {
    yield* op({ kind: 'close', fd });
  }
}

function decode(buf: Buffer, written: string): PolicyReadResult {
  if (buf.length > MAX_POLICY_TEXT_LENGTH) return { error: l10n.t('the policy file {0} is over the {1} limit of a policy document.', written, lengthWords(MAX_POLICY_TEXT_LENGTH)) };
  const text = buf.toString('utf8');
  return isUtf16Text(text) ? { error: l10n.t('the policy file {0} is saved as UTF-16, and policies are read as UTF-8: save it again as UTF-8.', written) } : text;
}

function* scenarioPolicy(abs: string, written: string, scope: PolicyFileScope): FileWork<PolicyReadResult> {
  if (!scope.allowOutside && !inside(scope.root, abs)) return { error: outside(written, scope, false) };
  try {
    const real = yield* op({ kind: 'realpath', path: abs });
    const realRoot = yield* op({ kind: 'realpath', path: scope.root });
    const problem = refusal(written, real, realRoot, yield* op({ kind: 'stat', path: real }), scope);
    if (problem) return { error: problem };
    return decode(yield* readBounded(real, MAX_POLICY_TEXT_LENGTH), written);
  } catch (e) {
    return { error: l10n.t('cannot read the policy file {0}: {1}.', written, ioReason(e)) };
  }
}

/** Reads a policy file a scenario names, synchronously (the CLI). */
export function readScenarioPolicySync(abs: string, written: string, scope: PolicyFileScope): PolicyReadResult {
  return runSync(scenarioPolicy(abs, written, scope));
}

/** Reads a policy file a scenario names without blocking (the extension host). */
export function readScenarioPolicy(abs: string, written: string, scope: PolicyFileScope): Promise<PolicyReadResult> {
  return runAsync(scenarioPolicy(abs, written, scope));
}

function* scenarioFile(file: string): FileWork<PolicyReadResult> {
  try {
    const st = yield* op({ kind: 'stat', path: file });
    if (st.isDirectory()) return { error: l10n.t('it is a folder, not a scenario file') };
    if (!st.isFile()) return { error: l10n.t('not a regular file (a device, pipe or socket)') };
    if (st.size > MAX_SCENARIO_FILE_BYTES) return { error: l10n.t('the file is {0}, over the {1} limit of a scenario file', lengthWords(st.size), lengthWords(MAX_SCENARIO_FILE_BYTES)) };
    const buf = yield* readBounded(file, MAX_SCENARIO_FILE_BYTES);
    if (buf.length > MAX_SCENARIO_FILE_BYTES) return { error: l10n.t('the file is over the {0} limit of a scenario file', lengthWords(MAX_SCENARIO_FILE_BYTES)) };
    const text = buf.toString('utf8');
    return isUtf16Text(text) ? { error: l10n.t('it is saved as UTF-16, and scenario files are read as UTF-8: save it again as UTF-8') } : text;
  } catch (e) {
    return { error: ioReason(e) };
  }
}

/** A scenario file's text, its kind and size checked first; or why it cannot be read. */
export function readScenarioFileSync(file: string): PolicyReadResult {
  return runSync(scenarioFile(file));
}

/** The same, without blocking. */
export function readScenarioFile(file: string): Promise<PolicyReadResult> {
  return runAsync(scenarioFile(file));
}
