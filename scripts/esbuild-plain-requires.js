// An esbuild plugin: `import * as vscode from 'vscode'` (and the same of a Node built-in such as
// 'fs') becomes `import vscode = require('vscode')` as the bundle is built, so the bundle calls
// require() and uses the module object as it is. Left alone, esbuild wraps each such import in
// __toESM, which copies every property of the module into a new object with a getter each: the
// VS Code API has hundreds of properties and the features import it from some sixty files, which
// cost tens of milliseconds while the extension host loads the features, and a getter call on every
// use after that. The rewrite keeps every line where it was (source maps stay right); type checks
// and the tests (tsc) still see the source as written. The bundle then requires the API once (below).
'use strict';
const fs = require('fs');
const { builtinModules } = require('module');

const PLAIN = new Set(['vscode', ...builtinModules]);
// One namespace import on a line of its own, as the sources write them; linear (no nested quantifiers).
const NAMESPACE_IMPORT = /^import \* as ([\w$]+) from '([\w:/]+)';$/gm;

/** The source with its namespace imports of PLAIN modules turned into `import x = require(...)`; and how many. */
function plainRequires(source) {
  let count = 0;
  const text = source.replace(NAMESPACE_IMPORT, (line, name, specifier) => {
    if (!PLAIN.has(specifier.startsWith('node:') ? specifier.slice(5) : specifier)) return line;
    count++;
    return `import ${name} = require('${specifier}');`;
  });
  return { text, count };
}

// The namespace of the one module of a bundle that requires the VS Code API itself.
const VSCODE_ONCE = 'vscode-once';

const plainRequiresPlugin = {
  name: 'plain-requires',
  setup(build) {
    // Each file's require('vscode') becomes a call of one module of the bundle that requires the API
    // once: in the extension host every require('vscode') goes through VS Code's own loader, which
    // looks the extension up by the caller's path, and the features' seventy such requires took
    // several milliseconds while the features loaded.
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === VSCODE_ONCE ? { path: 'vscode', external: true } : { path: 'vscode', namespace: VSCODE_ONCE }));
    build.onLoad({ filter: /^vscode$/, namespace: VSCODE_ONCE }, () => ({ contents: 'module.exports = require("vscode");', loader: 'js' }));
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      return { contents: plainRequires(source).text, loader: 'ts' };
    });
  },
};

module.exports = { plainRequires, plainRequiresPlugin };
