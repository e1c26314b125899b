/**
 * Opens a URL in the person's browser. A loopback URL (a local IAM Identity Center or federation
 * endpoint, as in the sandbox) goes through VS Code's port mapping first, with its path and query
 * kept where the host's mapping drops them. The URL may be a credential: it is never logged.
 */
import * as vscode from 'vscode';
import { restoreDroppedPath } from '../core/links/externalUri';

export async function openExternalUrl(url: string): Promise<boolean> {
  const original = vscode.Uri.parse(url, true);
  const isLoopback = /^https?$/.test(original.scheme) && /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/.test(original.authority);
  if (isLoopback) {
    const resolved = await vscode.env.asExternalUri(original);
    const fixed = restoreDroppedPath(url, resolved.toString(true));
    // Handed over as the exact string: a Uri would decode the query and re-encode it differently
    // (`Destination=https%3A%2F%2F…` became `https://…`, which the proxy then folds to `https:/…`).
    // The extension host accepts a string here and passes it through unchanged.
    if (fixed) return vscode.env.openExternal(fixed as unknown as vscode.Uri);
  }
  return vscode.env.openExternal(original);
}
