// Reads that stop at a size: a command's inputs (policy files, account dumps, AWS config files) can
// be anything a path names, a huge file, a device that never ends (a symbolic link to /dev/zero
// committed to a repository) or a pipe, and reading it whole would exhaust memory or never return.
// Its words (why a path names no readable file) are read in the editor, in a project file's problem, and
// on the command line: they go through @vscode/l10n's t, which the command line leaves English.
import * as fs from 'fs';
import * as l10n from '@vscode/l10n';

export { isUtf16Text } from '../core/textEncoding';

/** The input holds more than the limit: `bytes` is its size, or with `atLeast` the limit it is over (a stream is not read to its end). */
export interface TooLarge {
  readonly tooLarge: true;
  readonly bytes: number;
  readonly atLeast: boolean;
}

const CHUNK = 64 * 1024;

/** readFileSync's options as an object: given the encoding's name alone, Node copies its default options into a new object on every call. */
const READ_UTF8 = { encoding: 'utf8' } as const;

function isDirectoryError(): NodeJS.ErrnoException {
  return Object.assign(new Error(l10n.t('is a directory')), { code: 'EISDIR' });
}

/** The error code of a path that names a device, pipe or socket (readTextBoundedSync), or a pipe or socket (readBytesBounded). */
export const NOT_REGULAR_FILE = 'ENOTREGULAR';

function notRegularFileError(message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code: NOT_REGULAR_FILE });
}

// Non-blocking: opening a pipe with no writer would otherwise wait until one comes. A path is then
// refused when it is not a regular file, so nothing is read without it.
const OPEN_PATH_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * The text (UTF-8) of a file, or of a descriptor such as 0 for standard input, when it holds at most
 * `maxBytes`; a regular file is sized before it is read, and a descriptor that is not one is read
 * until it ends or passes the limit. A path that names a device, pipe or socket is refused with the
 * code NOT_REGULAR_FILE (a pipe would block until written, a device might never end). Errors
 * (ENOENT, EACCES, EISDIR) are thrown as by fs.readFileSync.
 */
export function readTextBoundedSync(file: string | number, maxBytes: number): string | TooLarge {
  const fd = typeof file === 'number' ? file : fs.openSync(file, OPEN_PATH_FLAGS);
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw isDirectoryError();
    if (typeof file !== 'number' && !st.isFile()) throw notRegularFileError(l10n.t('not a regular file (a device, pipe or socket)'));
    if (st.isFile()) {
      if (st.size > maxBytes) return { tooLarge: true, bytes: st.size, atLeast: false };
      // Straight into a string: no Buffer copy per file.
      if (typeof file !== 'number') return fs.readFileSync(fd, READ_UTF8);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSome(fd, buf);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { tooLarge: true, bytes: maxBytes, atLeast: true };
      chunks.push(n === CHUNK ? buf : buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    if (typeof file !== 'number') fs.closeSync(fd);
  }
}

/** One read; a non-blocking standard input that has nothing yet is waited for, as fs.readFileSync(0) cannot. */
function readSome(fd: number, buf: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/**
 * The bytes of a file when it holds at most `maxBytes`, read without blocking the extension host.
 * A pipe or socket is refused with the code NOT_REGULAR_FILE: opening a pipe that no one writes to would
 * hold one of Node's few file threads for good, and every later read of the extension would wait.
 * A device (a link to /dev/zero) is read up to the limit.
 */
export async function readBytesBounded(file: string, maxBytes: number): Promise<Buffer | TooLarge> {
  const handle = await fs.promises.open(file, OPEN_PATH_FLAGS);
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw isDirectoryError();
    if (st.isFIFO() || st.isSocket()) throw notRegularFileError(l10n.t('it is a pipe or socket, not a file'));
    if (st.isFile() && st.size > maxBytes) return { tooLarge: true, bytes: st.size, atLeast: false };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: true, bytes: maxBytes, atLeast: true };
      chunks.push(bytesRead === CHUNK ? buf : buf.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/**
 * Why a read failed, in words, for the reasons a path can name no readable file and the common
 * reasons the system refuses one; Node's own message (English) only for a rare code.
 */
export function readErrorReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return err.path && fs.lstatSync(err.path, { throwIfNoEntry: false })?.isSymbolicLink() ? l10n.t('it is a link to a file that does not exist') : l10n.t('no such file');
    case 'EISDIR': return l10n.t('is a directory');
    case 'ELOOP': return l10n.t('it is a loop of symbolic links, which leads to no file');
    case NOT_REGULAR_FILE: return l10n.t('not a regular file');
    case 'EACCES':
    case 'EPERM': return l10n.t('permission denied: the file or a folder above it may not be read by this user');
    case 'ENOTDIR': return l10n.t('a part of the path before its last name is a file, not a folder');
    case 'ENAMETOOLONG': return l10n.t('the path or a name in it is longer than the system allows');
    case 'EMFILE':
    case 'ENFILE': return l10n.t('too many files are open at once: close some programs and try again');
    case 'EIO': return l10n.t('the disk or device reported an input/output error');
    case 'ENXIO':
    case 'ENODEV': return l10n.t('it names a device that is not there');
    case 'EBUSY': return l10n.t('the file is busy or locked');
    default: return err.message;
  }
}

export function isTooLarge(r: string | Buffer | TooLarge): r is TooLarge {
  return typeof r === 'object' && 'tooLarge' in r;
}

/** Names of a folder's entries, listed up to a bound (see listNamesBounded). */
export interface BoundedListing {
  /** The names kept, in the folder's own order. */
  readonly names: string[];
  /** Entries looked at, kept or not. */
  readonly scanned: number;
  /** The folder holds entries that were not looked at. */
  readonly more: boolean;
}

/**
 * Up to `keep` names of a folder's entries that `wanted` accepts, looking at no more than `maxScanned`
 * entries, read a batch at a time: a folder of a million files costs no more than the bound
 * (fs.promises.readdir would list every one first). Throws as fs.promises.opendir does.
 */
export async function listNamesBounded(dir: string, wanted: (name: string) => boolean, keep: number, maxScanned: number): Promise<BoundedListing> {
  const handle = await fs.promises.opendir(dir, { bufferSize: 128 });
  const names: string[] = [];
  let scanned = 0;
  let more = false;
  try {
    for (let e = await handle.read(); e; e = await handle.read()) {
      if (names.length >= keep || scanned >= maxScanned) {
        more = true;
        break;
      }
      scanned++;
      if (wanted(e.name)) names.push(e.name);
    }
  } finally {
    await handle.close();
  }
  return { names, scanned, more };
}
