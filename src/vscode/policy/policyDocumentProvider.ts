import * as vscode from 'vscode';

/** Scheme of read-only documents holding policies that live in an AWS account rather than a file. */
export const POLICY_SCHEME = 'sts-lens-policy';

/**
 * Read-only virtual documents for policies fetched from an account. Any feature registers a text
 * under a readable path and gets the URI back; registering the same path again updates the open
 * document. Nothing is written to disk: **Save as File** copies a policy into the workspace.
 */
export class PolicyDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(POLICY_SCHEME, this);

  /** `path` like `123456789012/role/deploy trust policy`; `.json` is added so the document opens as JSON. */
  register(path: string, text: string): vscode.Uri {
    const clean = path.replace(/^\/+/, '').replace(/[\\?#]/g, '_');
    const uri = vscode.Uri.from({ scheme: POLICY_SCHEME, path: `/${clean}${clean.endsWith('.json') ? '' : '.json'}` });
    const key = uri.toString();
    const had = this.texts.get(key);
    this.texts.set(key, text);
    if (had !== undefined && had !== text) this.changed.fire(uri);
    return uri;
  }

  has(uri: vscode.Uri): boolean {
    return this.texts.has(uri.toString());
  }

  textOf(uri: vscode.Uri): string | undefined {
    return this.texts.get(uri.toString());
  }

  /** Forgets every document whose path starts with the prefix (e.g. one account's previous run). */
  forget(prefix: string): void {
    const start = vscode.Uri.from({ scheme: POLICY_SCHEME, path: `/${prefix.replace(/^\/+/, '')}` }).toString();
    for (const key of [...this.texts.keys()]) if (key.startsWith(start)) this.texts.delete(key);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
