// The bundles build jsonc-parser's formatting tables on first use instead of as the features load
// (scripts/esbuild-lazy-jsonc-tables.js), and format exactly as the library does.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as jsonc from 'jsonc-parser';
import * as path from 'path';
import * as vm from 'vm';
import { bundleForTest } from './bundleForTest';
import { repoRoot } from './fixtures';

interface LazyTables {
  lazyTables(source: string, file: string): string;
  lazyJsoncTablesPlugin: esbuild.Plugin;
}
// esbuild.js's plugin is plain Node (scripts/), not part of the TypeScript project.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lazyTables, lazyJsoncTablesPlugin } = require(path.join(repoRoot(), 'scripts', 'esbuild-lazy-jsonc-tables.js')) as LazyTables;

/** A bundle of jsonc-parser's format/modify, built with or without the plugin, as the extension's bundles are. */
const bundle = (plugins: esbuild.Plugin[]): Promise<string> => bundleForTest({ source: "export { format, modify, applyEdits } from 'jsonc-parser';" }, plugins);

/** Loads a bundle; returns its exports and how many strings String.prototype.repeat made while it loaded. */
function load(code: string): { exports: typeof jsonc; repeatsOnLoad: number } {
  // The bundle runs in a context of its own, whose String.prototype.repeat counts its calls.
  const context = vm.createContext({ module: { exports: {} }, counter: { repeats: 0 } }) as { module: { exports: typeof jsonc }; counter: { repeats: number } };
  vm.runInContext('const plainRepeat = String.prototype.repeat; String.prototype.repeat = function (n) { counter.repeats++; return plainRepeat.call(this, n); };', context);
  vm.runInContext(`(function (module, exports) {${code}\n})(module, module.exports);`, context);
  return { exports: context.module.exports, repeatsOnLoad: context.counter.repeats };
}

describe('bundles: jsonc-parser formatting tables built on first use', function () {
  this.timeout(60000);

  it('loading the bundle builds none of the 1,220 indentation strings that the library builds on load', async () => {
    assert.ok(load(await bundle([])).repeatsOnLoad >= 1000, 'without the plugin the library builds its tables on load');
    assert.strictEqual(load(await bundle([lazyJsoncTablesPlugin])).repeatsOnLoad, 0);
  });

  it('formats and edits JSON exactly as jsonc-parser does (spaces, tabs, CRLF, indentation past its tables)', async () => {
    const lazy = load(await bundle([lazyJsoncTablesPlugin])).exports;
    const nested = `${'{"a":'.repeat(30)}1${'}'.repeat(30)}`;
    const cases: [string, jsonc.FormattingOptions][] = [
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}', { tabSize: 2, insertSpaces: true, eol: '\n' }],
      ['{"a":[1,2,{"b":true}]}', { tabSize: 4, insertSpaces: false, eol: '\r\n' }],
      ['{"a":{"b":{"c":null}}}', { tabSize: 3, insertSpaces: true, eol: '\r' }],
      [nested, { tabSize: 8, insertSpaces: true, eol: '\n' }],
    ];
    for (const [text, options] of cases) {
      assert.strictEqual(lazy.applyEdits(text, lazy.format(text, undefined, options)), jsonc.applyEdits(text, jsonc.format(text, undefined, options)), text);
      // jsonc-parser's own modify() fails past 200 columns of indentation, with or without the plugin.
      if (text === nested) continue;
      const edits = lazy.modify(text, ['added'], { x: [1, 2] }, { formattingOptions: options });
      assert.strictEqual(lazy.applyEdits(text, edits), jsonc.applyEdits(text, jsonc.modify(text, ['added'], { x: [1, 2] }, { formattingOptions: options })));
    }
  });

  it('refuses, naming the file, a string-intern.js that exports anything but constants', () => {
    assert.throws(() => lazyTables('export function intern(s) { return s; }\n', 'string-intern.js'), /string-intern\.js: expected only `export const` tables/);
    assert.throws(() => lazyTables('export const a = [];\nexport { b };\n', 'string-intern.js'), /expected only `export const` tables/);
  });
});
