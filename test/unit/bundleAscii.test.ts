// Every bundle is plain ASCII: one non-ASCII character (a regex literal, which esbuild leaves as
// written) makes Node decode the whole file as UTF-16 when the extension host loads it, which made
// reading dist/features.js several times slower and doubled the memory its source takes.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as path from 'path';
import { repoRoot } from './fixtures';

interface BuildOptions {
  common: esbuild.BuildOptions;
  entries: esbuild.BuildOptions[];
}
// esbuild.js is plain Node, not part of the TypeScript project: the same options the build uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { common, entries } = require(path.join(repoRoot(), 'esbuild.js')) as BuildOptions;

/** The index of the first character above U+007F, or -1. */
function firstNonAscii(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return i;
  return -1;
}

describe('bundles: plain ASCII', function () {
  this.timeout(120000);

  for (const production of [true, false]) {
    it(`every bundle esbuild.js writes${production ? ' with --production' : ''} holds only ASCII characters, so Node reads it as one-byte text`, async () => {
      const found: string[] = [];
      for (const entry of entries) {
        const result = await esbuild.build({ ...common, ...entry, minify: production, sourcemap: false, absWorkingDir: repoRoot(), write: false, logLevel: 'silent' });
        const text = result.outputFiles[0].text;
        const at = firstNonAscii(text);
        if (at >= 0) found.push(`${String(entry.outfile)}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`);
      }
      assert.deepStrictEqual(found, []);
    });
  }
});
