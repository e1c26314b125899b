#!/usr/bin/env node
// npm run sandbox: a browser VS Code (code-server) with the packaged STS Lens, against a local STS.
// Installs code-server into the cache if needed, packages the vsix, starts moto + the decode
// responder, seeds the world, writes throwaway AWS files under .sandbox/ (HOME, AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE point there, so ~/.aws is never touched), and serves a fresh copy of
// test/fixtures/sandbox-workspace/ on http://127.0.0.1:$PORT (default 8080, else a free port).
// In that copy, `{{encoded:NAME}}` is replaced by an encoded authorization message the local STS
// decodes: NAME is a test/fixtures/authz/decoded/NAME.json fixture, or sample/accessDenied/slow/unknown.
// Ctrl+C (SIGINT), SIGTERM or SIGHUP (to this script or to `npm run sandbox`) stops everything.
// Terminals keep the caller's PATH (with its shims, such as pyenv's `aws`) although HOME changes.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const REPO = path.resolve(__dirname, '..');
const SANDBOX = path.join(REPO, '.sandbox');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const log = (m) => console.log(`[sandbox] ${m}`);

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort() {
  const wanted = Number(process.env.PORT) || 8080;
  if (await portIsFree(wanted)) return wanted;
  if (process.env.PORT) throw new Error(`PORT ${wanted} is in use; choose another one or unset PORT`);
  const { freePort } = require('../test/harness/net');
  const port = await freePort();
  log(`port ${wanted} is in use, using ${port}`);
  return port;
}

/** Copies the sample workspace and fills in `{{encoded:NAME}}` placeholders. */
function prepareWorkspace(world, dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(path.join(REPO, 'test', 'fixtures', 'sandbox-workspace'), dest, { recursive: true });
  const messages = { ...world.specialMessages, ...world.encodedMessages };
  for (const rel of fs.readdirSync(dest, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dest, rel);
    if (!fs.statSync(file).isFile()) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('{{encoded:')) continue;
    fs.writeFileSync(file, text.replace(/\{\{encoded:([\w.-]+)\}\}/g, (all, name) => messages[name] ?? all));
  }
  const fixtures = Object.entries(world.encodedMessages);
  if (fixtures.length) {
    const lines = fixtures.map(([name, encoded]) => `fixture ${name}: Encoded authorization failure message: ${encoded}`);
    fs.writeFileSync(path.join(dest, 'logs', 'authz-fixtures.log'), `${lines.join('\n')}\n`);
  }
}

/**
 * Makes the workspace a git repository with everything committed, so that editing a policy shows
 * what the change grants (the "Access since HEAD" lens). Without git the sandbox runs all the same.
 */
function commitWorkspace(folder) {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'STS Lens sandbox', GIT_AUTHOR_EMAIL: 'sandbox@example.com', GIT_COMMITTER_NAME: 'STS Lens sandbox', GIT_COMMITTER_EMAIL: 'sandbox@example.com' };
  try {
    for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '--no-gpg-sign', '-m', 'The sandbox as it starts']]) execFileSync('git', args, { cwd: folder, env, stdio: 'pipe' });
    log('workspace: a git repository with one commit (edit a policy to see its "Access since HEAD" lens)');
  } catch (e) {
    log(`workspace: not a git repository (${e.code === 'ENOENT' ? 'git is not installed' : String(e.stderr || e.message).trim().split('\n')[0]}); access diffs need one`);
  }
}

const stops = [];
let stopping = false;
async function stopAll(why) {
  if (stopping) return;
  stopping = true;
  log(`${why}: stopping`);
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(e.message));
  log('stopped');
  process.exit(0);
}

/** Stops on signals, and when the parent (`npm run`, a shell) goes away without passing one on. */
function stopWithParent() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stopAll(signal));
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) void stopAll('parent process exited');
  }, 1000);
  timer.unref();
}

/** The environment terminals get: the sandbox's AWS files and HOME, with the caller's PATH and tool roots. */
function terminalEnv(worldEnv) {
  const keep = {};
  for (const k of ['PATH', 'PYENV_ROOT', 'NVM_DIR', 'VOLTA_HOME', 'ASDF_DIR', 'ASDF_DATA_DIR', 'CARGO_HOME', 'RUSTUP_HOME']) {
    if (process.env[k]) keep[k] = process.env[k];
  }
  // pyenv and asdf shims find their root through HOME when these are unset.
  if (!keep.PYENV_ROOT && process.env.HOME && fs.existsSync(path.join(process.env.HOME, '.pyenv'))) keep.PYENV_ROOT = path.join(process.env.HOME, '.pyenv');
  if (!keep.ASDF_DATA_DIR && process.env.HOME && fs.existsSync(path.join(process.env.HOME, '.asdf'))) keep.ASDF_DATA_DIR = path.join(process.env.HOME, '.asdf');
  return { ...worldEnv, ...keep };
}

/**
 * Shell start files in the sandbox HOME that restore the caller's PATH: login shells reset PATH in
 * /etc/profile, and the caller's own ~/.bashrc (which usually adds pyenv, nvm or asdf) is not read.
 */
function writeShellStartFiles(home, env) {
  const quote = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
  const lines = ['# Written by npm run sandbox: the tools of the shell that started the sandbox (aws, python, node).'];
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('AWS_') && k !== 'HOME' && !k.startsWith('STS_LENS_')) lines.push(`export ${k}=${quote(v)}`);
  const rc = `${lines.join('\n')}\n`;
  fs.writeFileSync(path.join(home, '.bashrc'), rc);
  fs.writeFileSync(path.join(home, '.profile'), `[ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"\n`);
  fs.writeFileSync(path.join(home, '.zshrc'), rc);
}

async function main() {
  stopWithParent();
  const { install } = require('../test/harness/install-code-server');
  const codeServerBin = install();
  const { packageVsix } = require('./package');
  const vsix = packageVsix();

  fs.mkdirSync(SANDBOX, { recursive: true });
  const { startTestWorld } = require('../test/harness/test-world');
  const { startCodeServer } = require('../test/harness/code-server');

  const worldDir = path.join(SANDBOX, 'world');
  fs.rmSync(worldDir, { recursive: true, force: true });
  const world = await startTestWorld(worldDir, { log });
  stops.push(() => world.stop());
  if (stopping) return;
  // Open AWS Console as sts-user: its long-term keys first get a federation token.
  await require('../test/harness/world').allowConsoleFederation(world.moto.endpoint);

  const extensionsDir = path.join(SANDBOX, 'extensions');
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  execFileSync(codeServerBin, ['--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: 'pipe', env: { ...process.env, ...world.env } });
  log(`installed ${path.relative(REPO, vsix)}`);

  const folder = path.join(SANDBOX, 'workspace');
  prepareWorkspace(world.world, folder);
  await require('../test/harness/app-role-denial').writeAppRoleDenialLog(`${world.responder.endpoint}/__sts-lens/issue`, world.world, folder);
  commitWorkspace(folder);
  const port = await choosePort();
  const env = terminalEnv(world.env);
  writeShellStartFiles(world.env.HOME, env);
  // STS_LENS_RESTRICTED=1 (or --restricted): Workspace Trust on, so the workspace opens in Restricted Mode until you trust it.
  const workspaceTrust = process.env.STS_LENS_RESTRICTED === '1' || process.argv.includes('--restricted');
  const server = await startCodeServer({ folder, extensionsDir, userDataDir: path.join(SANDBOX, 'user-data'), port, env, workspaceTrust });
  if (workspaceTrust) log('Workspace Trust is on: choose "No, I don\'t trust the authors" to try Restricted Mode');
  stops.push(() => server.stop());
  if (stopping) return;
  log(`AWS config: ${world.env.AWS_CONFIG_FILE}`);
  log(`profiles: ${Object.keys(world.world.profiles).join(', ')}`);
  console.log(`\nSTS Lens sandbox: ${server.origin}/?folder=${encodeURIComponent(folder)}\n(Ctrl+C to stop)\n`);
}

main().catch((e) => {
  console.error(`[sandbox] failed: ${e.message}`);
  process.exit(1);
});
