import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../fixtures';

/** The bundled CLI's launcher (dist/cli.js). */
export const CLI = path.join(repoRoot(), 'dist', 'cli.js');

/** The CLI is tested as shipped: builds it if this checkout has not been built yet. */
export function ensureBuiltCli(): void {
  if (fs.existsSync(CLI)) return;
  const b = spawnSync(process.execPath, [path.join(repoRoot(), 'esbuild.js')], { cwd: repoRoot(), encoding: 'utf8' });
  assert.strictEqual(b.status, 0, b.stderr);
}
