import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../fixtures';

/**
 * The key of `message` in l10n/bundle.l10n.json: the message itself, or `message/comment` where the
 * template carries a translator's comment (as @vscode/l10n looks it up). A test's small bundle names its
 * templates through this, so a comment added later does not leave the bundle's entries unread.
 */
export function bundleKey(message: string): string {
  const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string | { message: string }>;
  const keys = Object.keys(bundle).filter((k) => (typeof bundle[k] === 'string' ? k : (bundle[k] as { message: string }).message) === message);
  if (keys.length !== 1) throw new Error(`${keys.length} keys in l10n/bundle.l10n.json for ${JSON.stringify(message)}`);
  return keys[0];
}
