/**
 * Reads and writes files in `~/.aws/sso/cache` with owner-only permissions (0600 files in a 0700
 * folder, as the AWS CLI creates them), replacing a file in one rename so the CLI and SDKs never
 * read half a token. Contents are never logged.
 */
import * as l10n from '@vscode/l10n';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { homeDir } from './awsFiles';
import { readErrorReason } from './boundedRead';

export function ssoCacheDir(home = homeDir()): string {
  return path.join(home, '.aws', 'sso', 'cache');
}

/** The file's text, or undefined when it does not exist. Files over 1 MB are not tokens. */
export async function readCacheFile(dir: string, name: string): Promise<string | undefined> {
  const file = path.join(dir, name);
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return '';
    if (stat.size > 1_000_000) return '';
    return await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(l10n.t('{0} could not be read: {1}', file, readErrorReason(e)));
  }
}

export async function writeCacheFile(dir: string, name: string, text: string): Promise<void> {
  const file = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    await fs.promises.writeFile(tmp, text, { mode: 0o600, flag: 'wx' });
    await fs.promises.rename(tmp, file);
    // A file that existed keeps its mode through rename of the new one; make sure of 0600 anyway.
    await fs.promises.chmod(file, 0o600).catch(() => undefined);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw new Error(l10n.t('{0} could not be written: {1}', file, writeErrorReason(e)));
  }
}

export async function deleteCacheFile(dir: string, name: string): Promise<boolean> {
  try {
    await fs.promises.rm(path.join(dir, name));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new Error(l10n.t('{0} could not be removed: {1}', path.join(dir, name), writeErrorReason(e)));
  }
}

/**
 * Why a file could not be written, replaced or removed, in words: the reasons the system gives for a
 * change it refuses, and otherwise those of a read (a file where a folder should be, a long path).
 */
export function writeErrorReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM': return l10n.t('permission denied: the folder or the file may not be changed by this user');
    case 'EROFS': return l10n.t('the file system is read-only');
    case 'ENOSPC': return l10n.t('the disk is full');
    case 'EDQUOT': return l10n.t("the user's disk quota is used up");
    case 'ERR_FS_EISDIR': return l10n.t('is a directory');
    case 'EEXIST': return l10n.t('a file of the same name appeared at the same moment: try again');
    default: return readErrorReason(e);
  }
}
