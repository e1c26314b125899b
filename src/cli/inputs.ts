// The files a command reads, each read only up to a size (see node/boundedRead.ts).
import * as path from 'path';
import { MAX_POLICY_FILE_BYTES } from '../core/policy/limits';
import { documentTooLargeMessage } from '../core/policy/limitWords';
import { isTooLarge, isUtf16Text, NOT_REGULAR_FILE, readErrorReason, readTextBoundedSync, type TooLarge } from '../node/boundedRead';

/**
 * A file's text without its byte order mark, or how large it is when over `maxBytes` ('-': standard
 * input). Throws as fs does, and with a reason when the file is UTF-16 text.
 */
export function readInput(file: string, maxBytes: number): string | TooLarge {
  const text = readTextBoundedSync(file === '-' ? 0 : file, maxBytes);
  if (typeof text === 'string' && isUtf16Text(text)) throw new Error(UTF16_REASON);
  return typeof text === 'string' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Windows PowerShell 5's `>` and Out-File write UTF-16. */
const UTF16_REASON = "it is saved as UTF-16 (as Windows PowerShell's > and Out-File write), and policies and account dumps are read as UTF-8: save it again as UTF-8";

/** Why a named device, pipe or socket is not read, with the command line's way to read a stream. */
const NOT_REGULAR_FILE_REASON = 'it is not a regular file (a device, pipe or socket); only regular files are read, and - reads standard input';

/** Why a file could not be read, in words. */
export function readError(e: unknown): string {
  return (e as NodeJS.ErrnoException).code === NOT_REGULAR_FILE ? NOT_REGULAR_FILE_REASON : readErrorReason(e);
}

/** A policy file's text, or why it is not read (a sentence that names the file): missing, unreadable, or too large to be a policy. */
export function readPolicyFile(file: string): { text: string } | { error: string } {
  try {
    const text = readInput(file, MAX_POLICY_FILE_BYTES);
    return isTooLarge(text) ? { error: `${file} is not a policy that can be checked: ${documentTooLargeMessage(text.bytes, text.atLeast)}` } : { text };
  } catch (e) {
    return { error: `cannot read ${file}: ${readError(e)}` };
  }
}

/**
 * Memoizes a lookup that depends only on a file's folder, keyed by the folder as written: the
 * working folder does not change during a run, so that names one folder, and path.resolve (slow
 * while cold, as it stays in a short run) runs once per folder instead of for every file. The files
 * looked up were read, so their last segment is never "." or "..".
 */
export function perFolder<T>(lookup: (file: string) => T): (file: string) => T {
  const byFolder = new Map<string, T>();
  return (file) => {
    const folder = file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf(path.sep)) + 1);
    if (byFolder.has(folder)) return byFolder.get(folder) as T;
    const found = lookup(file);
    byFolder.set(folder, found);
    return found;
  };
}
