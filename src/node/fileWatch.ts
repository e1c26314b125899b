/**
 * Watches specific files (and cache folders) outside the workspace with Node's fs.watch on their
 * parent folders, so atomic saves (write to temp, rename) are seen too.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface WatchTarget {
  readonly dir: string;
  /** Only changes to this file name count; undefined for every file in the folder. */
  readonly file?: string;
}

export function watchTargets(targets: readonly WatchTarget[], onChange: () => void): { dispose(): void } {
  const watchers: fs.FSWatcher[] = [];
  const byDir = new Map<string, Set<string> | undefined>();
  for (const t of targets) {
    const dir = path.resolve(t.dir);
    const existing = byDir.get(dir);
    if (byDir.has(dir) && existing === undefined) continue;
    if (t.file === undefined) byDir.set(dir, undefined);
    else byDir.set(dir, new Set([...(existing ?? []), t.file]));
  }
  for (const [dir, files] of byDir) {
    try {
      const w = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (!files || !name || files.has(name.toString())) onChange();
      });
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // The folder does not exist (yet): nothing to watch there.
    }
  }
  return { dispose: () => watchers.forEach((w) => w.close()) };
}
