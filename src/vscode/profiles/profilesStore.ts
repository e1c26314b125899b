import * as path from 'path';
import * as vscode from 'vscode';
import { buildProfilesModelInSteps, type AwsProfile, type IniSections, type ProfilesModel } from '../../core/profiles/model';
import { fileProblems } from '../../core/profiles/fileProblems';
import type { AwsFileKind, IniSyntaxProblem } from '../../core/profiles/iniSyntax';
import type { SessionRecord } from '../../core/sessions/session';
import { awsFilePaths, AwsFilesLoader, homeDir, MAX_CACHE_ENTRIES, MAX_CACHE_FILES, readDiskSessions, type AwsFilePaths, type DiskSessions, type LoadedAwsFiles } from '../../node/awsFiles';
import { AwsConfigChecks } from '../../node/awsConfigChecks';
import { AwsConfigParser, CONFIG_WORKER_MIN_CHARS } from '../../node/awsConfigParser';
import { watchTargets } from '../../node/fileWatch';

/** A line of an AWS file the SDK cannot use, for the tree's error nodes. */
export interface FileProblem {
  readonly file: string;
  readonly fileKind: AwsFileKind;
  /** 0-based; -1 when the whole file is affected. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The AWS files as they are on disk now, and their profiles model. */
export interface AwsFilesNow {
  readonly files: LoadedAwsFiles;
  readonly model: ProfilesModel;
}

/** Where a feature other than the Profiles view reads the AWS files (decoding a message as a profile). */
export interface AwsFilesSource {
  onDisk(): Promise<AwsFilesNow>;
}

export interface ProfilesSnapshot {
  readonly paths: AwsFilePaths;
  readonly model: ProfilesModel;
  readonly problems: readonly FileProblem[];
  /** Sessions from the CLI and SSO caches (read-only). */
  readonly diskSessions: readonly SessionRecord[];
  readonly loadedAt: number;
  /** The SDK loader's sections the model was built from; undefined when the files could not be parsed. */
  readonly sources?: { readonly config: IniSections; readonly credentials: IniSections };
}

/**
 * Lets the extension host serve what waits between the stages of a reload (the SDK's parse, each
 * file's line check, the model): over a file of many megabytes each takes a second or more.
 */
const yieldToHost = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));


/** Problems and cached sessions are a few hundred small records at most. */
const sameRecords = (a: readonly object[], b: readonly object[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The profiles model, loaded on first use and reloaded when the AWS files or caches change.
 * Watches the exact file paths (honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE), not
 * workspace globs.
 */
export class ProfilesStore implements vscode.Disposable, AwsFilesSource {
  private snapshot: ProfilesSnapshot | undefined;
  private watchedKey: string | undefined;
  private generation = 0;
  /** The newest reload started: an older one that finishes later answers with it. */
  private latestReload: Promise<ProfilesSnapshot> | undefined;
  private firstLoad: Promise<ProfilesSnapshot> | undefined;
  private watchers: vscode.Disposable[] = [];
  private reloadTimer: NodeJS.Timeout | undefined;
  /** Parses a changed config file in a worker thread, a small one on this thread. */
  private readonly configParser: AwsConfigParser | undefined;
  /** Parses a file again only when its bytes changed. */
  readonly files: AwsFilesLoader;
  /** Start Session's check of a chain in a large config file, in a worker thread. */
  readonly configChecks: AwsConfigChecks | undefined;
  /** The model last built by onDisk, with the sections it was built from. */
  private onDiskModel: { config: IniSections; credentials: IniSections; model: ProfilesModel } | undefined;
  private readonly problemsOf = new Map<AwsFileKind, { file: string; sections: object; problems: FileProblem[] }>();
  private readonly changed = new vscode.EventEmitter<ProfilesSnapshot>();
  readonly onDidChange = this.changed.event;

  /** `configWorker`: dist/awsConfigWorker.js; without it every file is parsed on this thread. */
  constructor(private readonly log: vscode.LogOutputChannel, private readonly defaultRegion: () => string, configWorker?: string) {
    const worker = configWorker ? { workerPath: configWorker, coreWords: vscode.l10n.bundle, warn: (m: string) => log.warn(m), minWorkerChars: CONFIG_WORKER_MIN_CHARS } : undefined;
    this.configParser = worker && new AwsConfigParser(worker);
    this.configChecks = worker && new AwsConfigChecks(worker);
    this.files = new AwsFilesLoader(this.configParser);
  }

  get current(): ProfilesSnapshot | undefined {
    return this.snapshot;
  }

  profile(name: string): AwsProfile | undefined {
    return this.snapshot?.model.profiles.get(name);
  }

  /** Loads on first call; later calls return the latest snapshot. */
  ensureLoaded(): Promise<ProfilesSnapshot> {
    if (this.snapshot) return Promise.resolve(this.snapshot);
    // The tree, the status bar and commands ask at once on first use: one read of the files serves all.
    this.firstLoad ??= this.reload().finally(() => (this.firstLoad = undefined));
    return this.firstLoad;
  }

  /**
   * The AWS files read now, through the view's loader: a file whose bytes are unchanged is not parsed
   * again, and the model is the view's while the sections are the same.
   */
  async onDisk(): Promise<AwsFilesNow> {
    const files = await this.files.load(awsFilePaths());
    const same = (s: { config: IniSections; credentials: IniSections } | undefined) => s?.config === files.configSections && s.credentials === files.credentialsSections;
    const last = this.snapshot;
    if (last && same(last.sources)) return { files, model: last.model };
    if (!same(this.onDiskModel)) this.onDiskModel = { config: files.configSections, credentials: files.credentialsSections, model: await buildProfilesModelInSteps(files.configSections, files.credentialsSections, yieldToHost) };
    return { files, model: this.onDiskModel!.model };
  }

  /**
   * Reads the files again and shows what they hold; resolves once the newest load started so far is
   * shown, so that a caller (Refresh, a test) never gets the files as they were before a reload that
   * a file change started meanwhile.
   */
  reload(): Promise<ProfilesSnapshot> {
    const generation = ++this.generation;
    const run: Promise<ProfilesSnapshot> = this.load().then((s) => {
      // A slower, older load must not overwrite a newer one: it answers with what the newer one finds.
      if (generation !== this.generation) return this.latestReload ?? s;
      // A load that found nothing new keeps the snapshot, and the tree is not redrawn.
      if (s !== this.snapshot) {
        this.snapshot = s;
        this.watch(s.paths);
        this.changed.fire(s);
      }
      return this.snapshot ?? s;
    });
    this.latestReload = run;
    return run;
  }

  private async load(): Promise<ProfilesSnapshot> {
    const paths = awsFilePaths();
    let problems: FileProblem[] = [];
    let model: ProfilesModel = { profiles: new Map(), ssoSessions: new Map() };
    let sources: ProfilesSnapshot['sources'];
    try {
      const files = await this.files.load(paths);
      for (const [kind, f] of [['config', files.config], ['credentials', files.credentials]] as const) {
        if (f.error) problems.push({ file: f.path, fileKind: kind, line: -1, column: 0, message: vscode.l10n.t('cannot be read: {0}', f.error) });
        if (f.text !== undefined) problems.push(...(await this.syntaxProblems(kind, f.path, f.text, kind === 'config' ? files.configSections : files.credentialsSections, kind === 'config' ? files.configProblems : undefined)));
      }
      sources = { config: files.configSections, credentials: files.credentialsSections };
      const last = this.snapshot;
      if (last?.sources?.config !== sources.config || last.sources.credentials !== sources.credentials) await yieldToHost();
      // Sections are kept by the loader while their file's bytes stay the same.
      model = last?.sources?.config === sources.config && last.sources.credentials === sources.credentials ? last.model : await buildProfilesModelInSteps(sources.config, sources.credentials, yieldToHost);
    } catch (e) {
      problems = [{ file: paths.config, fileKind: 'config', line: -1, column: 0, message: vscode.l10n.t('could not be parsed: {0}', e instanceof Error ? e.message : String(e)) }];
    }
    const disk = await readDiskSessions(this.defaultRegion()).catch((): DiskSessions => ({ sessions: [], partlyRead: [] }));
    const diskSessions = disk.sessions;
    for (const dir of disk.partlyRead) this.log.warn(`${dir} holds more files than are read: only the first ${MAX_CACHE_FILES} cache files among its first ${MAX_CACHE_ENTRIES.toLocaleString('en-US')} entries were read. Remove old cache files to see the rest.`);
    const last = this.snapshot;
    if (last && last.model === model && last.paths.config === paths.config && last.paths.credentials === paths.credentials && sameRecords(last.problems, problems) && sameRecords(last.diskSessions, diskSessions)) {
      this.log.info(`${paths.config} and ${paths.credentials} are unchanged; ${diskSessions.length} cached session(s)`);
      return last;
    }
    this.log.info(`Loaded ${model.profiles.size} profiles from ${paths.config} and ${paths.credentials}${problems.length ? ` with ${problems.length} problem(s)` : ''}; ${diskSessions.length} cached session(s)`);
    return { paths, model, problems, diskSessions, sources, loadedAt: Date.now() };
  }

  /**
   * The lines the SDK drops, found again only when the SDK's sections of the file were parsed again;
   * `found` when the config parser found them with the sections.
   */
  private async syntaxProblems(kind: AwsFileKind, file: string, text: string, sections: object, found: readonly IniSyntaxProblem[] | undefined): Promise<FileProblem[]> {
    const kept = this.problemsOf.get(kind);
    if (kept?.sections === sections && kept.file === file) return kept.problems;
    if (!found) await yieldToHost();
    const problems = (found ?? fileProblems(text, kind)).map((p) => ({ file, fileKind: kind, ...p }));
    this.problemsOf.set(kind, { file, sections, problems });
    return problems;
  }

  private watch(paths: AwsFilePaths): void {
    const key = `${paths.config}|${paths.credentials}`;
    if (this.watchedKey === key) return;
    for (const w of this.watchers) w.dispose();
    const home = homeDir();
    const w = watchTargets([
      { dir: path.dirname(paths.config), file: path.basename(paths.config) },
      { dir: path.dirname(paths.credentials), file: path.basename(paths.credentials) },
      { dir: path.join(home, '.aws', 'cli', 'cache') },
      { dir: path.join(home, '.aws', 'sso', 'cache') },
    ], () => this.scheduleReload());
    this.watchers = [new vscode.Disposable(() => w.dispose())];
    this.watchedKey = key;
  }

  private scheduleReload(): void {
    // Editors save in several writes; reload once they settle.
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload();
    }, 200);
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    for (const w of this.watchers) w.dispose();
    this.configParser?.dispose();
    this.configChecks?.dispose();
    this.changed.dispose();
  }
}
