import * as vscode from 'vscode';

export const POLICY_DOCUMENT_SCHEME = 'sts-lens-policy';

/**
 * Read-only documents for policies fetched from AWS (and the texts explaining them). Text lives in
 * memory only, never on disk or in settings: register text under a path, get its URI back.
 */
export class PolicyDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores `text` under `path` (e.g. `/123456789012/role/app/inline-guard.json`) and returns its URI; an existing document is updated. */
  register(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: POLICY_DOCUMENT_SCHEME, path: path.startsWith('/') ? path : `/${path}` });
    const key = uri.toString();
    const before = this.texts.get(key);
    this.texts.set(key, text);
    if (before !== undefined && before !== text) this.changed.fire(uri);
    return uri;
  }

  has(uri: vscode.Uri): boolean {
    return this.texts.has(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This policy is no longer in memory: evaluate the request again to fetch it.';
  }

  /** Forgets every document under `prefix` (all when absent), e.g. when their identity's cache is refreshed. */
  forget(prefix = '/'): void {
    for (const key of [...this.texts.keys()]) if (vscode.Uri.parse(key).path.startsWith(prefix)) this.texts.delete(key);
  }

  dispose(): void {
    this.texts.clear();
    this.changed.dispose();
  }
}

/** A path segment safe in a URI path from a policy name such as an ARN or `role/app inline:guard`. */
export function policyPathSegment(name: string): string {
  return name.replace(/^arn:[^:]*:[^:]*:[^:]*:[^:]*:/, '').replace(/[^A-Za-z0-9._@+=,-]+/g, '-').replace(/^-+|-+$/g, '') || 'policy';
}
