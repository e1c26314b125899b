// The bundles load @vscode/l10n without Node's fs/promises, which it needs only to read a
// translation bundle from a file: URI (scripts/esbuild-lazy-l10n-promises.js); that read still works.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type * as L10n from '@vscode/l10n';
import { bundleForTest } from './bundleForTest';
import { repoRoot } from './fixtures';

interface LazyPromises {
  lazyPromises(source: string, file: string): string;
  lazyL10nPromisesPlugin: esbuild.Plugin;
}
// esbuild.js's plugin is plain Node (scripts/), not part of the TypeScript project.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lazyPromises, lazyL10nPromisesPlugin } = require(path.join(repoRoot(), 'scripts', 'esbuild-lazy-l10n-promises.js')) as LazyPromises;

/** A bundle of @vscode/l10n, built with or without the plugin, as the CLI's and the extension's bundles are. */
const bundle = (plugins: esbuild.Plugin[]): Promise<string> => bundleForTest({ source: "export { config, t } from '@vscode/l10n';" }, plugins);

/** Loads a bundle; returns its exports and the modules it has required so far (a live list). */
function load(code: string): { l10n: typeof L10n; required: string[] } {
  const required: string[] = [];
  const realRequire = createRequire(__filename);
  const trackingRequire = (id: string): unknown => {
    required.push(id);
    return realRequire(id) as unknown;
  };
  const mod = { exports: {} as typeof L10n };
  new Function('module', 'exports', 'require', code)(mod, mod.exports, trackingRequire);
  return { l10n: mod.exports, required };
}

describe('bundles: @vscode/l10n requires fs/promises only to read a bundle from a URI', function () {
  this.timeout(60000);

  it('loading the bundle requires fs but not fs/promises, which the library requires on load', async () => {
    assert.ok(load(await bundle([])).required.includes('fs/promises'), 'without the plugin the library requires fs/promises on load');
    const { l10n, required } = load(await bundle([lazyL10nPromisesPlugin]));
    assert.deepStrictEqual(required, ['fs']);
    assert.strictEqual(l10n.t('Hello {0}', 'there'), 'Hello there');
  });

  it('l10n.config({ uri }) still reads the translations from a file: URI, as a URL or as a string', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-l10n-'));
    try {
      const file = path.join(dir, 'bundle.l10n.fr.json');
      fs.writeFileSync(file, JSON.stringify({ 'Hello {0}': 'Bonjour {0}' }));
      for (const uri of [pathToFileURL(file), pathToFileURL(file).toString()]) {
        const { l10n, required } = load(await bundle([lazyL10nPromisesPlugin]));
        await l10n.config({ uri });
        assert.strictEqual(l10n.t('Hello {0}', 'Marie'), 'Bonjour Marie');
        assert.ok(required.includes('fs/promises'));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses, naming the file, a main.js that requires fs/promises in another way', () => {
    const eager = 'var import_promises = require("fs/promises");\nimport_promises.readFile(u);\n';
    assert.match(lazyPromises(eager, 'main.js'), /readFile: \(\.\.\.args\) => require\("fs\/promises"\)\.readFile/);
    assert.throws(() => lazyPromises('var p = require("fs/promises");\n', 'main.js'), /main\.js: fs\/promises is not required as expected/);
    assert.throws(() => lazyPromises(`${eager}import_promises.open(u);\n`, 'main.js'), /not required as expected/);
    assert.throws(() => lazyPromises(`${eager}var again = require("fs/promises");\n`, 'main.js'), /not required as expected/);
  });
});
