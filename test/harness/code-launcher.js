#!/usr/bin/env node
// A stand-in for the desktop `code` executable, for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// It takes the arguments runTests passes (--extensionDevelopmentPath=, --extensionTestsPath=, electron-only
// flags, profile directories, the folder to open), runs the tests in code-server's Node extension host
// through runExtensionTests (a headless Chromium opens the workbench with the extension-development
// payload), and exits with the exit code the extension host reports.
// The environment runTests hands over (extensionTestsEnv) reaches the extension host; variables set to ''
// are dropped, which is how the caller clears the developer's own AWS_* variables.
'use strict';
const path = require('path');
const { runExtensionTests } = require('./code-server');

// Desktop-only flags and profile directories: code-server gets its own throwaway directories.
const IGNORED = new Set(['--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes',
  '--disable-workspace-trust', '--disable-gpu', '--disable-extensions', '--new-window', '--user-data-dir', '--extensions-dir']);
const TAKES_VALUE = new Set(['--user-data-dir', '--extensions-dir', '--extensionDevelopmentPath', '--extensionTestsPath']);

function parseArgs(argv) {
  const o = { dev: [], tests: undefined, folder: undefined, unknown: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    if (name === '--extensionDevelopmentPath') o.dev.push(path.resolve(value()));
    else if (name === '--extensionTestsPath') o.tests = path.resolve(value());
    else if (IGNORED.has(name)) {
      if (TAKES_VALUE.has(name) && eq < 0) i++;
    } else if (!arg.startsWith('-')) o.folder = path.resolve(arg);
    else o.unknown.push(arg);
  }
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  for (const a of o.unknown) console.error(`[code-launcher] ignoring ${a}, which code-server does not take`);
  if (!o.tests || o.dev.length !== 1) {
    console.error('[code-launcher] needs one --extensionDevelopmentPath and an --extensionTestsPath');
    return 2;
  }
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
  return runExtensionTests({ extensionDevelopmentPath: o.dev[0], extensionTestsPath: o.tests, folder: o.folder, env });
}

main().then((code) => process.exit(code), (e) => {
  console.error(`[code-launcher] ${e.stack || e.message}`);
  process.exit(1);
});
