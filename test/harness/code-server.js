// A real VS Code for tests: code-server 4.100.3 on loopback, driven by headless Chromium.
// code-server's CLI has no --extensionDevelopmentPath, but its web workbench takes the same options
// from a `payload` URL parameter, runs the tests in the Node remote extension host, forwards their
// console output to window.codeAutomationLog(type, args) and reports window.codeAutomationExit(code).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { freePort, waitForHttp, spawnServer } = require('./net');
const { install, isInstalled, codeServerBin } = require('./install-code-server');
const { cleanEnv } = require('./env');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Workbench chatter forwarded with the test output; shown only with STS_LENS_VERBOSE=1.
const WORKBENCH_NOISE = /^(?:Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Updating additional builtin extensions|ChatSessionStore:)|open-vsx\.org/;

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
  'git.openRepositoryInParentFolders': 'never',
};

function codeServer() {
  if (process.env.CODE_SERVER) return process.env.CODE_SERVER;
  return isInstalled() ? codeServerBin() : install();
}

/**
 * Starts code-server (auth none) on 127.0.0.1. Options: folder to open, extensionsDir, userDataDir,
 * env (added to the server's and so the extension host's environment, which has no AWS_* variables
 * of its own), settings, port, workspaceTrust (true: Workspace Trust on, so the folder opens in
 * Restricted Mode until trusted; default off).
 * Returns { origin, host, port, folder, dir, output, stop() }.
 */
async function startCodeServer({ folder, extensionsDir, userDataDir, env = {}, settings = {}, port, workspaceTrust = false } = {}) {
  const bin = codeServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-cs-'));
  userDataDir = userDataDir || path.join(dir, 'user-data');
  extensionsDir = extensionsDir || path.join(dir, 'extensions');
  folder = folder || path.join(dir, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // workspaceTrust: VS Code asks whether to trust the folder, and opens it in Restricted Mode until you do.
  const trustSettings = workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' } : {};
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...trustSettings, ...settings }, null, 2));
  port = port || (await freePort());
  // The caller's AWS_* variables never reach the extension host: tests and the sandbox see only `env`.
  const serverEnv = {
    ...cleanEnv(),
    // code-server keeps logs and state under the XDG dirs; keep them out of the real home
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_CACHE_HOME: path.join(dir, 'xdg-cache'),
    ...env,
  };
  const server = spawnServer(bin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir, '--config', path.join(dir, 'code-server.yaml'), '--disable-telemetry',
    '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', folder], { env: serverEnv });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${origin}/healthz`, { timeoutMs: 60000, alive: server.alive, what: 'code-server' });
  } catch (e) {
    const output = server.output;
    await stop();
    throw new Error(`${e.message}\n${output}`);
  }
  return {
    origin,
    host: `127.0.0.1:${port}`,
    port,
    folder,
    dir,
    extensionsDir,
    get output() {
      return server.output;
    },
    stop,
  };
}

/** The workbench URL for `folder`, with an extension-development payload when paths are given. */
function workbenchUrl(server, { folder = server.folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const remote = (p) => `vscode-remote://${server.host}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = `${server.origin}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Headless Debian Chromium; its crashpad/dconf files stay out of $HOME. */
function launchChromium() {
  const profile = path.join(os.tmpdir(), 'sts-lens-chromium');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * Runs an extension's tests in code-server's Node extension host and resolves with the exit code
 * the workbench reports (1 on timeout). Everything started here is stopped before it resolves.
 */
async function runExtensionTests({ extensionDevelopmentPath, extensionTestsPath, folder, userDataDir, env = {}, settings, timeoutMs = 15 * 60000, log = console.log, logError = console.error }) {
  const server = await startCodeServer({ folder, userDataDir, env, settings });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (!process.env.STS_LENS_VERBOSE && WORKBENCH_NOISE.test(args.map(String).join(' '))) return;
      (type === 'error' ? logError : log)(...args);
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
    if (process.env.STS_LENS_VERBOSE) page.on('console', (m) => log(`[browser] ${m.text()}`));
    const crashed = new Promise((resolve) => page.once('crash', () => resolve('crash')));
    // The workbench's first load on a busy machine can take longer than Playwright's default 30 s; the run's own timeout still bounds it.
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }), { timeout: Math.min(timeoutMs, 180000) });
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([exited, timedOut, crashed]);
    clearTimeout(timer);
    if (result === 'timeout' || result === 'crash') {
      logError(result === 'crash' ? '[code-server] the workbench page crashed' : `[code-server] no result from the extension host within ${timeoutMs} ms`);
      logError(server.output.slice(-4000));
      return 1;
    }
    return Number(result);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
  }
}

module.exports = { startCodeServer, workbenchUrl, launchChromium, runExtensionTests, codeServer };
