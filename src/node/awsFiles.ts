/**
 * Reads the shared AWS config and credentials files with the SDK's ini loader, plus their raw text
 * for syntax checks, and the CLI and SSO caches. Node I/O only; no vscode, no SDK clients.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { lengthWords } from '../core/policy/limitWords';
import { buildProfilesModel, chainBase, profileChain, type IniSections, type ProfilesModel } from '../core/profiles/model';
import { CredentialSourceError } from '../core/profiles/localCredentials';
import { isTooLarge, listNamesBounded, NOT_REGULAR_FILE, readBytesBounded, readErrorReason, type BoundedListing, type TooLarge } from './boundedRead';
import { awsFileEncodingProblem } from '../core/profiles/awsFileEncoding';
import type { IniSyntaxProblem } from '../core/profiles/iniSyntax';
import { ParseSuperseded, type AwsConfigParser } from './awsConfigParser';
import { parseCliCacheEntry, parseSsoCacheEntry } from '../core/sessions/diskCaches';
import type { SessionRecord } from '../core/sessions/session';

export interface AwsFilePaths {
  readonly config: string;
  readonly credentials: string;
}

/** `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` / `~/.aws/credentials`. */
export function awsFilePaths(env: NodeJS.ProcessEnv = process.env): AwsFilePaths {
  const home = homeDir(env);
  const expand = (p: string) => (p.startsWith('~/') || p === '~' ? path.join(home, p.slice(1)) : p);
  return {
    config: expand(env.AWS_CONFIG_FILE?.trim() || path.join(home, '.aws', 'config')),
    credentials: expand(env.AWS_SHARED_CREDENTIALS_FILE?.trim() || path.join(home, '.aws', 'credentials')),
  };
}

export function homeDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}

export interface LoadedFile {
  readonly path: string;
  /** Undefined when the file does not exist. */
  readonly text?: string;
  /** A read error other than "does not exist", in words. */
  readonly error?: string;
}

export interface LoadedAwsFiles {
  readonly config: LoadedFile;
  readonly credentials: LoadedFile;
  readonly configSections: IniSections;
  readonly credentialsSections: IniSections;
  /** The lines the SDK drops from the config file, when the config parser found them with its sections. */
  readonly configProblems?: readonly IniSyntaxProblem[];
}

/**
 * Largest config or credentials file read: thousands of generated profiles fit in a few MB. A larger
 * file (or a device in its place, such as a link to /dev/zero) would stall or exhaust the extension host.
 */
export const MAX_AWS_FILE_BYTES = 16 * 1024 * 1024;

/**
 * The text of a shared config or credentials file, or why it is not read: larger than
 * MAX_AWS_FILE_BYTES (a link to /dev/zero), saved as UTF-16, or unreadable. A file that does not
 * exist has neither. The one reader of these files: the Profiles view and the check made before a
 * call see the same.
 */
export async function readAwsFile(file: string): Promise<LoadedFile> {
  return (await readAwsFileHashed(file)).file;
}

/** The file as readAwsFile reads it, and the SHA-256 of its bytes when its text was read. */
async function readAwsFileHashed(file: string): Promise<{ file: LoadedFile; hash?: string }> {
  try {
    const bytes = await readBytesBounded(file, MAX_AWS_FILE_BYTES);
    if (isTooLarge(bytes)) {
      const error = bytes.atLeast
        ? l10n.t('it is larger than {0}, far more than any AWS config or credentials file holds (files over {1} are not read)', lengthWords(bytes.bytes), lengthWords(MAX_AWS_FILE_BYTES))
        : l10n.t('it is {0}, far more than any AWS config or credentials file holds (files over {1} are not read)', lengthWords(bytes.bytes), lengthWords(MAX_AWS_FILE_BYTES));
      return { file: { path: file, error } };
    }
    const text = bytes.toString('utf8');
    const encoding = awsFileEncodingProblem(text);
    return encoding ? { file: { path: file, error: encoding } } : { file: { path: file, text }, hash: createHash('sha256').update(bytes).digest('base64') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file: { path: file } };
    return { file: { path: file, error: code === 'EISDIR' ? l10n.t('it is a folder, not a file') : code === NOT_REGULAR_FILE ? l10n.t('it is a pipe or socket, not a file') : readErrorReason(e) } };
  }
}

export async function loadAwsFiles(paths: AwsFilePaths = awsFilePaths()): Promise<LoadedAwsFiles> {
  return new AwsFilesLoader().load(paths);
}

/** The SDK loader's sections of one file, and the hash of the bytes they were read from. */
interface KeptSections {
  readonly path: string;
  readonly hash: string;
  readonly sections: IniSections;
  /** The lines the SDK drops, when the parser found them with the sections. */
  readonly problems?: readonly IniSyntaxProblem[];
}

/** Files handed to the SDK's ini loader by every loader in this process: what a test sees of a parse saved. */
let filesParsedBySdk = 0;

export function sdkParsedFiles(): number {
  return filesParsedBySdk;
}

/**
 * Loads the AWS files again and again (the Profiles view on every change in ~/.aws), giving a file
 * to the SDK's ini loader only when its bytes differ from the last load's: the loader takes seconds
 * over a file of many megabytes. The bytes are compared by hash, not by size and time: a save within
 * the same tick of the file system's clock, or a file swapped for another of the same size, changes
 * the hash and is read. Given a config parser, the config file is parsed through it (in a worker
 * thread) with its dropped lines; the credentials file is always parsed here, so that its secrets
 * never leave this thread (a credentials file holds a few lines per profile, not megabytes).
 */
export class AwsFilesLoader {
  /** Files handed to the SDK's loader so far; one read back unchanged is not. */
  parsedFiles = 0;
  private kept: { config?: KeptSections; credentials?: KeptSections } = {};

  constructor(private readonly configParser?: AwsConfigParser) {}

  async load(paths: AwsFilePaths = awsFilePaths()): Promise<LoadedAwsFiles> {
    for (;;) {
      try {
        return await this.loadOnce(paths);
      } catch (e) {
        // The config file changed again while it was parsed: read it again.
        if (!(e instanceof ParseSuperseded)) throw e;
      }
    }
  }

  private async loadOnce(paths: AwsFilePaths): Promise<LoadedAwsFiles> {
    const [config, credentials] = await Promise.all([readAwsFileHashed(paths.config), readAwsFileHashed(paths.credentials)]);
    const kept = (k: KeptSections | undefined, f: { file: LoadedFile; hash?: string }) => (k && f.hash === k.hash && f.file.path === k.path ? k : undefined);
    let keptConfig = kept(this.kept.config, config);
    let keptCredentials = kept(this.kept.credentials, credentials);
    // A file that was not read, or is kept, is replaced by its folder, which the loader reads as no file.
    const toParse = (f: { file: LoadedFile; hash?: string }, k: KeptSections | undefined) => f.file.text !== undefined && !k;
    const parseConfig = toParse(config, keptConfig);
    const parseCredentials = toParse(credentials, keptCredentials);
    const configParser = parseConfig ? this.configParser : undefined;
    const sdkConfig = parseConfig && !configParser;
    if (parseConfig || parseCredentials) {
      const [parsed, loaded] = await Promise.all([
        configParser?.parse(config.file.path, config.file.text!, config.hash!),
        // The SDK's loader reads the files again, whole.
        sdkConfig || parseCredentials
          ? loadSharedConfigFiles({
              configFilepath: sdkConfig ? config.file.path : path.dirname(config.file.path),
              filepath: parseCredentials ? credentials.file.path : path.dirname(credentials.file.path),
              ignoreCache: true,
            })
          : undefined,
      ]);
      filesParsedBySdk += (parseConfig ? 1 : 0) + (parseCredentials ? 1 : 0);
      if (parseConfig) {
        this.parsedFiles++;
        keptConfig = { path: config.file.path, hash: config.hash!, sections: parsed ? parsed.sections : (loaded!.configFile as IniSections), problems: parsed?.problems };
      }
      if (parseCredentials) {
        this.parsedFiles++;
        keptCredentials = { path: credentials.file.path, hash: credentials.hash!, sections: loaded!.credentialsFile as IniSections };
      }
    }
    this.kept = { config: keptConfig, credentials: keptCredentials };
    return {
      config: config.file,
      credentials: credentials.file,
      configSections: keptConfig?.sections ?? {},
      credentialsSections: keptCredentials?.sections ?? {},
      ...(keptConfig?.problems ? { configProblems: keptConfig.problems } : {}),
    };
  }
}

/** Cache files read from each cache folder; a folder holds a few dozen. */
export const MAX_CACHE_FILES = 200;
/** Entries of a cache folder looked at to find them. */
export const MAX_CACHE_ENTRIES = 10 * MAX_CACHE_FILES;

async function readJsonDir<T>(dir: string, parse: (text: string, name: string) => T | undefined): Promise<{ items: T[]; more: boolean }> {
  let listing: BoundedListing;
  try {
    listing = await listNamesBounded(dir, (n) => n.endsWith('.json'), MAX_CACHE_FILES, MAX_CACHE_ENTRIES);
  } catch {
    return { items: [], more: false };
  }
  const items: T[] = [];
  for (const name of listing.names) {
    try {
      const stat = await fs.promises.stat(path.join(dir, name));
      if (!stat.isFile() || stat.size > 1_000_000) continue;
      const parsed = parse(await fs.promises.readFile(path.join(dir, name), 'utf8'), name);
      if (parsed) items.push(parsed);
    } catch {
      // A file removed while reading, or unreadable: skip it.
    }
  }
  return { items, more: listing.more };
}

/** The sessions of the CLI and SSO caches, and the cache folders that held more files than were read. */
export interface DiskSessions {
  readonly sessions: SessionRecord[];
  readonly partlyRead: string[];
}

/**
 * Sessions the AWS CLI cached in `~/.aws/cli/cache` and SSO sign-ins in `~/.aws/sso/cache`: from
 * each folder, the first MAX_CACHE_FILES cache files among its first MAX_CACHE_ENTRIES entries.
 */
export async function readDiskSessions(defaultRegion: string, home = homeDir()): Promise<DiskSessions> {
  const cliDir = path.join(home, '.aws', 'cli', 'cache');
  const ssoDir = path.join(home, '.aws', 'sso', 'cache');
  const [cli, sso] = await Promise.all([
    readJsonDir(cliDir, (t, n) => parseCliCacheEntry(t, n, defaultRegion)),
    readJsonDir(ssoDir, (t, n) => parseSsoCacheEntry(t, n)),
  ]);
  return { sessions: [...cli.items, ...sso.items], partlyRead: [...(cli.more ? [cliDir] : []), ...(sso.more ? [ssoDir] : [])] };
}

/** Larger token or assertion files are refused: a SAML assertion is a few tens of kilobytes. */
const MAX_SECRET_FILE_BYTES = 200_000;

/**
 * Reads a token or assertion file that a person pointed at; the content is never logged. Read up to
 * the limit whatever it is: a link to /dev/zero has no size to check first. A pipe is refused.
 */
export async function readSecretFile(file: string): Promise<string> {
  const home = homeDir();
  const resolved = file.startsWith('~/') ? path.join(home, file.slice(2)) : file;
  let bytes: Buffer | TooLarge;
  try {
    bytes = await readBytesBounded(resolved, MAX_SECRET_FILE_BYTES);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === NOT_REGULAR_FILE) throw new Error(l10n.t('{0}: it is a pipe or socket, not a file: write the token or assertion to a file', resolved));
    throw e;
  }
  if (isTooLarge(bytes)) {
    throw new Error(bytes.atLeast
      ? l10n.t('{0}: it is larger than {1}, larger than any STS token or assertion', resolved, lengthWords(bytes.bytes))
      : l10n.t('{0}: it is {1}, larger than any STS token or assertion', resolved, lengthWords(bytes.bytes)));
  }
  return bytes.toString('utf8').trim();
}

/**
 * Reads, within the limit, the web identity token file a profile's chain starts from, if it starts
 * from one. The SDK's fromIni reads that file whole and synchronously: a link to /dev/zero would
 * stall the extension host until it ran out of memory, and a pipe would block it. Throws
 * readSecretFile's reason, naming the profile.
 */
export async function checkChainTokenFile(model: ProfilesModel, name: string): Promise<void> {
  const base = chainBase(profileChain(model, name));
  const p = base?.kind === 'webIdentity' ? model.profiles.get(base.profile) : undefined;
  if (!p?.webIdentityTokenFile) return;
  try {
    await readSecretFile(p.webIdentityTokenFile);
  } catch (e) {
    throw new CredentialSourceError(l10n.t('The web identity token file of profile {0} cannot be used: {1}', p.name, e instanceof Error ? e.message : String(e)));
  }
}

/** The profiles model of the AWS files as they are on disk now. */
export async function profilesModelOnDisk(paths: AwsFilePaths = awsFilePaths()): Promise<ProfilesModel> {
  const files = await loadAwsFiles(paths);
  return buildProfilesModel(files.configSections, files.credentialsSections);
}

/** Appends text to an AWS file the person confirmed; a missing file is created with mode 0600. */
export async function appendToAwsFile(file: string, text: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.promises.appendFile(file, text, { mode: 0o600 });
}
