import * as vscode from 'vscode';

/** The part of the built-in git extension's API (`vscode.git`, version 1) that access diffs use. */
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD?: { readonly commit?: string }; readonly onDidChange: vscode.Event<void> };
  show(ref: string, path: string): Promise<string>;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

interface GitExtension {
  getAPI(version: 1): GitApi;
}

/** A file's text at HEAD, or undefined when HEAD does not hold it (a new file). */
export interface Baseline {
  readonly text: string | undefined;
  readonly commit: string;
}

/**
 * Reads files at HEAD through the built-in git extension, which is activated on first use (never at
 * STS Lens's activation). Fires `onDidChange` when a repository opens or its HEAD moves.
 */
export class GitBaselines implements vscode.Disposable {
  private api: Promise<GitApi | undefined> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly watched = new WeakSet<GitRepository>();
  private readonly cache = new Map<string, { commit: string; text: string | undefined }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  private gitApi(): Promise<GitApi | undefined> {
    this.api ??= (async () => {
      const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
      if (!ext) return undefined;
      try {
        const api = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
        this.subscriptions.push(
          api.onDidOpenRepository((r) => {
            this.watch(r);
            this.changed.fire();
          }),
          api.onDidChangeState(() => this.changed.fire()),
        );
        for (const r of api.repositories) this.watch(r);
        return api;
      } catch (e) {
        this.log.warn(`The git extension is not available, so access since HEAD is not shown: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    })();
    return this.api;
  }

  private watch(repo: GitRepository): void {
    if (this.watched.has(repo)) return;
    this.watched.add(repo);
    let commit = repo.state.HEAD?.commit;
    this.subscriptions.push(
      repo.state.onDidChange(() => {
        if (repo.state.HEAD?.commit === commit) return;
        commit = repo.state.HEAD?.commit;
        this.changed.fire();
      }),
    );
  }

  /** The file's text at HEAD; undefined when the file is not in a git repository or the repository has no commit. */
  async headOf(uri: vscode.Uri): Promise<Baseline | undefined> {
    if (uri.scheme !== 'file') return undefined;
    const api = await this.gitApi();
    const repo = api?.getRepository(uri);
    const commit = repo?.state.HEAD?.commit;
    if (!repo || !commit) return undefined;
    const key = uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.commit === commit) return hit;
    let text: string | undefined;
    try {
      text = await repo.show(commit, uri.fsPath);
    } catch {
      // Not at HEAD: a new file.
      text = undefined;
    }
    if (this.cache.size > 200) this.cache.clear();
    const baseline = { commit, text };
    this.cache.set(key, baseline);
    return baseline;
  }

  /**
   * Why a file has no text at HEAD to compare with: VS Code's Git extension is missing, no repository
   * that the Git extension has open holds the file, or the repository has no commit yet. Undefined
   * when the file has a HEAD.
   */
  async whyNoHead(uri: vscode.Uri): Promise<'no-git' | 'no-repository' | 'no-commit' | undefined> {
    const api = await this.gitApi();
    if (!api) return 'no-git';
    const repo = api.getRepository(uri);
    if (!repo) return 'no-repository';
    return repo.state.HEAD?.commit ? undefined : 'no-commit';
  }

  /** A URI that opens the file as it is at HEAD (for statements that only the old version has). */
  async headUri(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    return (await this.gitApi())?.toGitUri(uri, 'HEAD');
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions.splice(0)).dispose();
    this.changed.dispose();
    this.cache.clear();
  }
}
