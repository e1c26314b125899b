import * as fs from 'fs';
import * as path from 'path';

/** Absolute path of a file under test/fixtures, from compiled tests in out/ or from sources. */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...parts);
}

export function repoRoot(): string {
  let dir = __dirname;
  while (path.basename(dir) !== 'out' && path.dirname(dir) !== dir && !fs.existsSync(path.join(dir, 'package.json'))) {
    dir = path.dirname(dir);
  }
  return path.basename(dir) === 'out' ? path.dirname(dir) : dir;
}

/** Whether a process is still there (a signal 0 reaches it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
