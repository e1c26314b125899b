import * as vscode from 'vscode';

/** Scheme of read-only documents holding policies that live in an AWS account rather than a file. */
export const POLICY_SCHEME = 'sts-lens-policy';

/**
 * Read-only virtual documents for policies fetched from an account (and the texts explaining them).
 * One instance serves every feature: register a text under a readable path and get the URI back;
 * registering the same path again updates the open document. Text lives in memory only, never on
 * disk or in settings: **Save as File** copies a policy into the workspace.
 */
export class PolicyDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(POLICY_SCHEME, this);

  /** `path` like `123456789012/role/deploy trust policy`; `.json` is added unless it ends in `.json` or `.txt`. */
  register(path: string, text: string): vscode.Uri {
    const clean = path.replace(/^\/+/, '').replace(/[\\?#]/g, '_');
    const uri = vscode.Uri.from({ scheme: POLICY_SCHEME, path: `/${clean}${/\.(?:json|txt)$/.test(clean) ? '' : '.json'}` });
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

  /** Forgets every document whose path starts with the prefix (all when absent), e.g. one account's previous run. */
  forget(prefix = ''): void {
    const start = vscode.Uri.from({ scheme: POLICY_SCHEME, path: `/${prefix.replace(/^\/+/, '')}` }).toString();
    for (const key of [...this.texts.keys()]) if (key.startsWith(start)) this.texts.delete(key);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('This policy is no longer in memory: read it from the account again.');
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}

/** A path segment safe in a URI path from a policy name such as an ARN or `role/app inline:guard`. */
export function policyPathSegment(name: string): string {
  return name.replace(/^arn:[^:]*:[^:]*:[^:]*:[^:]*:/, '').replace(/[^\w.@+=,-]+/g, '-').replace(/^-+|(?<!-)-+$/g, '') || 'policy';
}
