// An esbuild plugin: @vscode/l10n requires Node's fs/promises as it loads, for the one call that
// reads a translation bundle from a file: URI (l10n.config({ uri })). Loading fs/promises loads
// eight more of Node's modules (file handles, directories, watchers, readline), and the CLI loads
// them after it has set V8's flags, when Node's cached code for its own modules no longer fits
// those flags, so each is compiled from source: about 10 M instructions of every `sts-lens` run,
// which never reads a bundle from a URI. The plugin defers the require to that call. If a new
// @vscode/l10n requires fs/promises some other way, the build fails and names the file.
'use strict';
const { rewriteModulePlugin } = require('./esbuild-rewrite-module');

const L10N_MAIN = /[\\/]@vscode[\\/]l10n[\\/]dist[\\/]main\.js$/;
const EAGER = 'var import_promises = require("fs/promises");';
const LAZY = 'var import_promises = { readFile: (...args) => require("fs/promises").readFile(...args) };';

/** The module's text with fs/promises required on first use; throws if it is not required as expected. */
function lazyPromises(source, file) {
  const uses = source.match(/import_promises\.(\w+)/g) ?? [];
  if (source.split(EAGER).length !== 2 || source.split('require("fs/promises")').length !== 2 || uses.some((u) => u !== 'import_promises.readFile')) {
    throw new Error(`${file}: fs/promises is not required as expected; update scripts/esbuild-lazy-l10n-promises.js`);
  }
  return source.replace(EAGER, LAZY);
}

const lazyL10nPromisesPlugin = rewriteModulePlugin('lazy-l10n-promises', L10N_MAIN, lazyPromises);

module.exports = { lazyPromises, lazyL10nPromisesPlugin };
