// An esbuild plugin: jsonc-parser's string-intern.js builds 1,220 whitespace strings (its formatter's
// indentation tables) when it is loaded, which took about 4 ms of every start of the features even
// though only formatting (a quick fix, a merged account policy) ever reads them. The plugin turns each
// table the module exports into a stand-in that builds the tables on its first read, with the module's
// own code, so formatting gives the same text. If a new jsonc-parser exports anything but constants
// from that file, the build fails and names it, rather than bundling a module it does not understand.
'use strict';
const { rewriteModulePlugin } = require('./esbuild-rewrite-module');

const STRING_INTERN = /[\\/]jsonc-parser[\\/]lib[\\/]esm[\\/]impl[\\/]string-intern\.js$/;
// `export const name =` at the start of a line; linear (no nested quantifiers).
const EXPORTED_CONST = /^export const ([\w$]+) =/gm;

/** The module's text with its exported constants built on first read; throws on any other export. */
function lazyTables(source, file) {
  const names = [...source.matchAll(EXPORTED_CONST)].map((m) => m[1]);
  const exports = source.split('\n').filter((line) => line.startsWith('export ')).length;
  if (names.length === 0 || names.length !== exports) throw new Error(`${file}: expected only \`export const\` tables; update scripts/esbuild-lazy-jsonc-tables.js`);
  const body = source.replace(EXPORTED_CONST, 'const $1 =');
  return [
    `function buildTables() {\n${body}\nreturn { ${names.join(', ')} };\n}`,
    'let tables;',
    // Every read of a stand-in (an index, .length, .includes) is a read of the real table.
    'function lazy(name) {',
    '  const real = () => (tables ??= buildTables())[name];',
    '  return new Proxy({}, { get: (_, key) => { const t = real(); const v = t[key]; return typeof v === "function" ? v.bind(t) : v; }, has: (_, key) => key in real() });',
    '}',
    ...names.map((name) => `export const ${name} = lazy(${JSON.stringify(name)});`),
  ].join('\n');
}

const lazyJsoncTablesPlugin = rewriteModulePlugin('lazy-jsonc-tables', STRING_INTERN, lazyTables);

module.exports = { lazyTables, lazyJsoncTablesPlugin };
