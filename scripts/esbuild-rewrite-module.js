// The shape of the build's plugins that rewrite one library module as it is bundled
// (esbuild-lazy-jsonc-tables.js, esbuild-lazy-l10n-promises.js): the module's file, read as text,
// is passed to `rewrite`, which returns the text to bundle or throws, naming the file, when the
// module no longer looks as expected.
'use strict';
const fs = require('fs');

/** An esbuild plugin that bundles each file matching `filter` as `rewrite(source, file)`. */
function rewriteModulePlugin(name, filter, rewrite) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter }, async (args) => {
        const source = await fs.promises.readFile(args.path, 'utf8');
        return { contents: rewrite(source, args.path), loader: 'js' };
      });
    },
  };
}

module.exports = { rewriteModulePlugin };
