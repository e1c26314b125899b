// Reads that stop at a size: a command's inputs (policy files, account dumps, AWS config files) can
// be anything a path names, a huge file, a device that never ends (a symbolic link to /dev/zero
// committed to a repository) or a pipe, and reading it whole would exhaust memory or never return.
import * as fs from 'fs';

/** The input holds more than the limit: `bytes` is its size, or with `atLeast` the limit it is over (a stream is not read to its end). */
export interface TooLarge {
  readonly tooLarge: true;
  readonly bytes: number;
  readonly atLeast: boolean;
}

/** "50.0 MB", "1,536 KB" or "20,480 characters", in English: for the command line's own messages (the editor's say lengthWords of src/core/policy/limits.ts). */
export function describeLength(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / 1024 / 1024).toFixed(1)} MB`;
  if (chars >= 10 * 1024) return `${Math.round(chars / 1024).toLocaleString('en-US')} KB`;
  return `${chars.toLocaleString('en-US')} characters`;
}

/**
 * An input over its limit in words, for the command line: "it is 20.3 MB", or "it is larger than
 * 16.0 MB" for a stream, which is read only up to the limit.
 */
export function tooLargeText(t: TooLarge): string {
  return `it is ${t.atLeast ? 'larger than ' : ''}${describeLength(t.bytes)}`;
}

const CHUNK = 64 * 1024;

function isDirectoryError(): NodeJS.ErrnoException {
  return Object.assign(new Error('is a directory'), { code: 'EISDIR' });
}

/**
 * The text (UTF-8) of a file, or of a descriptor such as 0 for standard input, when it holds at most
 * `maxBytes`; a regular file is sized before it is read, anything else is read until it ends or
 * passes the limit. Errors (ENOENT, EACCES, EISDIR) are thrown as by fs.readFileSync.
 */
export function readTextBoundedSync(file: string | number, maxBytes: number): string | TooLarge {
  const fd = typeof file === 'number' ? file : fs.openSync(file, 'r');
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw isDirectoryError();
    if (st.isFile()) {
      if (st.size > maxBytes) return { tooLarge: true, bytes: st.size, atLeast: false };
      // Straight into a string: no Buffer copy per file.
      if (typeof file !== 'number') return fs.readFileSync(fd, 'utf8');
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

/** The bytes of a file when it holds at most `maxBytes`, read without blocking the extension host. */
export async function readBytesBounded(file: string, maxBytes: number): Promise<Buffer | TooLarge> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw isDirectoryError();
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
 * Whether text decoded as UTF-8 was UTF-16 (Windows PowerShell 5's `>` and Out-File write it): a
 * UTF-16 byte order mark, or NULs in at least a third of its first characters.
 */
export function isUtf16Text(text: string): boolean {
  if (text.startsWith('\ufffd\ufffd') && text.includes('\0')) return true;
  const start = text.slice(0, 64);
  let nuls = 0;
  for (let i = 0; i < start.length; i++) if (start.charCodeAt(i) === 0) nuls++;
  return start.length >= 4 && nuls * 3 >= start.length;
}

export function isTooLarge(r: string | Buffer | TooLarge): r is TooLarge {
  return typeof r === 'object' && 'tooLarge' in r;
}
