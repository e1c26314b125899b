#!/usr/bin/env node
// Installs code-server (a real VS Code, 1.100.3, the last one that runs on Node 20) into a cache
// outside the repo, keyed by version. Only the npm registry and Debian's archive are needed:
// native modules build from source and @vscode/ripgrep gets Debian's rg instead of a GitHub download.
// Usage: node test/harness/install-code-server.js   (prints the code-server binary path)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const VERSION = '4.100.3';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'ripgrep', 'build-essential', 'python3'];

function cacheRoot() {
  return process.env.STS_LENS_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'sts-lens');
}

function installDir() {
  return path.join(cacheRoot(), `code-server-${VERSION}`);
}

function codeServerBin() {
  return path.join(installDir(), 'node_modules', '.bin', 'code-server');
}

const marker = () => path.join(installDir(), '.installed');

function isInstalled() {
  return fs.existsSync(marker()) && fs.existsSync(codeServerBin());
}

function run(cmd, args, opts = {}) {
  console.log(`[install-code-server] ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', ...opts });
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    try {
      const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return !status.includes('install ok installed');
    } catch {
      return true;
    }
  });
}

function ensureAptPackages() {
  let missing;
  try {
    missing = missingAptPackages();
  } catch {
    return; // not a Debian-like system; the build below reports what it lacks
  }
  if (missing.length === 0) return;
  if (process.getuid && process.getuid() !== 0) {
    throw new Error(`missing system packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

// @vscode/ripgrep's postinstall downloads rg from GitHub unless its tarball is already in
// $TMPDIR/vscode-ripgrep-cache-<package version>/; put Debian's rg there under the expected name.
function seedRipgrepCache(dir, env) {
  const shrinkwrap = require(path.join(dir, 'node_modules/code-server/lib/vscode/npm-shrinkwrap.json'));
  const pkgVersion = shrinkwrap.packages['node_modules/@vscode/ripgrep'].version;
  const cache = path.join(os.tmpdir(), `vscode-ripgrep-cache-${pkgVersion}`);
  fs.mkdirSync(cache, { recursive: true });
  const packed = execFileSync('npm', ['pack', `@vscode/ripgrep@${pkgVersion}`, '--silent'], { cwd: cache, env, encoding: 'utf8' }).trim().split('\n').pop();
  const postinstall = execFileSync('tar', ['xzf', packed, '-O', 'package/lib/postinstall.js'], { cwd: cache, encoding: 'utf8' });
  const tag = /const VERSION = '([^']+)'/.exec(postinstall)?.[1];
  if (!tag) throw new Error('could not read the ripgrep release tag from @vscode/ripgrep');
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch];
  const tarball = path.join(cache, `ripgrep-${tag}-${arch}-unknown-linux-musl.tar.gz`);
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  run('tar', ['czf', tarball, '-C', path.dirname(rg), path.basename(rg)]);
  fs.rmSync(path.join(cache, packed), { force: true });
}

function nodedirConfigured(env) {
  try {
    const value = execFileSync('npm', ['config', 'get', 'nodedir'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return value !== '' && value !== 'undefined' && value !== 'null';
  } catch {
    return false;
  }
}

function install() {
  if (isInstalled()) return codeServerBin();
  const started = Date.now();
  ensureAptPackages();
  const dir = installDir();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'sts-lens-code-server', private: true, dependencies: { 'code-server': VERSION } }, null, 2));
  // code-server refuses root installs without unsafe-perm; node-pty's `npx node-gyp` must not prompt (~/.npmrc may say yes=false)
  const env = { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false' };
  // node-gyp downloads Node's headers from nodejs.org unless told where they are; Debian's nodejs ships them
  if (!nodedirConfigured(env) && fs.existsSync(path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = path.dirname(path.dirname(process.execPath));
  }
  run('npm', ['install', '--ignore-scripts', '--no-package-lock'], { cwd: dir, env });
  seedRipgrepCache(dir, env);
  run('npm', ['rebuild', '--foreground-scripts'], { cwd: dir, env });
  // code-server may print a log line before the version line
  const versionOutput = execFileSync(codeServerBin(), ['--version'], { encoding: 'utf8' });
  if (!versionOutput.split('\n').some((line) => line.startsWith(`${VERSION} `))) {
    throw new Error(`installed code-server does not report version ${VERSION}: ${versionOutput.trim()}`);
  }
  fs.writeFileSync(marker(), `${new Date().toISOString()}\n`);
  console.log(`[install-code-server] code-server ${VERSION} installed in ${dir} (${Math.round((Date.now() - started) / 1000)} s)`);
  return codeServerBin();
}

module.exports = { VERSION, install, isInstalled, codeServerBin, installDir };

if (require.main === module) {
  try {
    console.log(install());
  } catch (e) {
    console.error(`[install-code-server] failed: ${e.message}`);
    process.exit(1);
  }
}
