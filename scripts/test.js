#!/usr/bin/env node
// Builds and lints, then runs the test levels: node scripts/test.js [unit|integration|ui ...] [--grep PATTERN]
// unit: mocha in Node. integration: mocha in code-server's extension host against moto and the
// decode responder. ui: mocha + playwright driving the workbench in headless Chromium.
// Ends with one line "N passed, N failed[, N skipped]" and a non-zero exit code on any failure.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..');
// The SDK's notice that it will soon need Node 22 would repeat in every log; the harness runs on Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const OUT = path.join(REPO, 'out', 'test');
const LEVELS = ['unit', 'integration', 'ui'];
const REPORTER = path.join(REPO, 'test', 'harness', 'count-reporter.js');
const MOCHA = path.join(REPO, 'node_modules', 'mocha', 'bin', 'mocha.js');
const C8 = path.join(REPO, 'node_modules', 'c8', 'bin', 'c8.js');

function parseArgs(argv) {
  const levels = [];
  let grep;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--grep' || a === '-g') grep = argv[++i];
    else if (a.startsWith('--grep=')) grep = a.slice('--grep='.length);
    else if (LEVELS.includes(a)) levels.push(a);
    else {
      console.error(`unknown argument ${a}; usage: node scripts/test.js [${LEVELS.join('|')} ...] [--grep PATTERN]`);
      process.exit(2);
    }
  }
  return { levels: levels.length ? LEVELS.filter((l) => levels.includes(l)) : LEVELS, grep };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function filesUnder(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(suffix)).sort().map((f) => path.join(dir, f));
}

function readCounts(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs a child with inherited output; resolves with its exit code. */
function runChild(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: REPO, ...options });
    children.add(child);
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

const children = new Set();
const cleanups = [];

async function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (e) {
      console.error(`cleanup: ${e.message}`);
    }
  }
}

function build() {
  const started = Date.now();
  const problems = [];
  const esbuild = spawnSync(process.execPath, ['esbuild.js'], { cwd: REPO, stdio: 'inherit' });
  if (esbuild.status !== 0) problems.push('esbuild failed');
  // tsc still emits JavaScript when there are type errors, so the tests can run and be counted.
  const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: REPO, stdio: 'inherit' });
  if (tsc.status !== 0) problems.push('type errors (tsc -p .)');
  console.log(`build: ${problems.length ? problems.join(', ') : 'ok'} (${seconds(Date.now() - started)})`);
  return problems;
}

/** ESLint over the repository (eslint.config.mjs); its problems are printed and fail the run. */
function lint() {
  const started = Date.now();
  const eslint = path.join(REPO, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const cache = path.join(REPO, 'node_modules', '.cache', 'eslint', '.eslintcache');
  const result = spawnSync(process.execPath, [eslint, '.', '--cache', '--cache-location', cache, '--max-warnings', '0'], { cwd: REPO, stdio: 'inherit' });
  const problem = result.status === 0 ? undefined : `eslint reported problems (exit ${result.status ?? result.signal}); see above, or run npx eslint .`;
  console.log(`lint: ${problem ? 'failed' : 'ok'} (${seconds(Date.now() - started)})`);
  return problem;
}

/** Runs `npm run package` and returns the vsix path; throws with the packager's reason. */
function packageVsix() {
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'package.js')], { cwd: REPO, stdio: 'inherit' });
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const vsix = path.join(REPO, `sts-lens-${version}.vsix`);
  if (result.status !== 0 || !fs.existsSync(vsix)) throw new Error(`npm run package failed (exit ${result.status}); the UI tests need the packaged extension`);
  return vsix;
}

/** Mocha in plain Node over `files`; the counts come from the reporter's JSON. */
async function runMocha(level, files, { grep, env = {}, timeoutMs, coverage = false }) {
  if (files.length === 0) return { passes: 0, failures: 0, pending: 0, note: 'no test files' };
  const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `sts-lens-${level}-`)), 'results.json');
  // Coverage of the product's code (src/, through the source maps), as one summary; the full table is in coverage/.
  const c8 = coverage
    ? [C8, '--all', '--src', 'out/src', '--include', 'src/**', '--include', 'out/src/**', '--exclude-after-remap', '--exclude', 'src/vscode/**', '--exclude', 'src/extension.ts',
      '--reporter=text-summary', '--reporter=html', '--reports-dir', path.join(REPO, 'coverage'), '--temp-directory', path.join(path.dirname(results), 'c8'), process.execPath]
    : [];
  const args = [...c8, MOCHA, '--reporter', REPORTER, process.stdout.isTTY ? '--color' : '--no-color', ...(timeoutMs ? ['--timeout', String(timeoutMs)] : []), ...(grep ? ['--grep', grep] : []), ...files];
  const code = await runChild(process.execPath, args, { env: { ...process.env, ...env, STS_LENS_TEST_RESULTS: results } });
  const counts = readCounts(results);
  if (coverage) console.log(`${level}: coverage of src/ outside src/vscode (which the integration level reaches); per file in coverage/index.html`);
  fs.rmSync(path.dirname(results), { recursive: true, force: true });
  if (!counts) return { passes: 0, failures: 1, pending: 0, note: `mocha exited with ${code} before reporting` };
  if (code !== 0 && counts.failures === 0) counts.failures = 1;
  return counts;
}

async function startWorld(tmp) {
  const { startTestWorld } = require('../test/harness/test-world');
  const world = await startTestWorld(path.join(tmp, 'world'), { log: (m) => console.log(`[world] ${m}`) });
  cleanups.push(() => world.stop());
  return world;
}

/**
 * The VS Code that runs the integration tests, for @vscode/test-electron's runTests: code-server through
 * test/harness/code-launcher.js by default; STS_LENS_VSCODE=/path/to/code for a desktop VS Code, or
 * STS_LENS_VSCODE=download[:VERSION] to let test-electron download one where the network allows it.
 */
function vscodeUnderTest() {
  const chosen = process.env.STS_LENS_VSCODE;
  if (!chosen) return { vscodeExecutablePath: path.join(REPO, 'test', 'harness', 'code-launcher.js'), label: 'code-server 4.100.3 (VS Code 1.100.3)' };
  const download = /^download(?::(.+))?$/.exec(chosen);
  if (download) return { version: download[1] || '1.100.3', label: `downloaded VS Code ${download[1] || '1.100.3'}` };
  return { vscodeExecutablePath: path.resolve(chosen), label: chosen };
}

async function runIntegration(world, tmp, grep) {
  const { runTests } = require('@vscode/test-electron');
  const { AWS_ENV } = require('../test/harness/env');
  const { codeServer } = require('../test/harness/code-server');
  const entry = path.join(OUT, 'integration', 'index.js');
  if (!fs.existsSync(entry)) return { passes: 0, failures: 1, pending: 0, note: `${path.relative(REPO, entry)} was not built` };
  const folder = path.join(tmp, 'workspace');
  fs.cpSync(path.join(REPO, 'test', 'fixtures', 'workspace'), folder, { recursive: true });
  const results = path.join(tmp, 'integration-results.json');
  const { label, ...where } = vscodeUnderTest();
  console.log(`integration: running in ${label}`);
  // The launcher runs with the world's HOME: tell it where code-server is, as found with the real one.
  const launcherEnv = where.vscodeExecutablePath && !process.env.STS_LENS_VSCODE ? { CODE_SERVER: codeServer() } : {};
  let code = 0;
  try {
    await runTests({
      ...where,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: entry,
      launchArgs: [folder],
      // runTests passes its own environment on; the developer's AWS_* variables are cleared ('' is unset for the SDK).
      extensionTestsEnv: { ...Object.fromEntries(AWS_ENV.map((k) => [k, ''])), ...world.env, ...launcherEnv, STS_LENS_TEST_RESULTS: results, ...(grep ? { STS_LENS_TEST_GREP: grep } : {}) },
    });
  } catch (e) {
    code = e && typeof e.code === 'number' ? e.code : 1;
    if (!(e instanceof Error && /Test run failed/.test(e.message))) console.error(`integration: ${e.message}`);
  }
  const counts = readCounts(results);
  if (!counts) return { passes: 0, failures: 1, pending: 0, note: `the extension host exited with ${code} before reporting` };
  if (code !== 0 && counts.failures === 0) counts.failures = 1;
  return counts;
}

async function main() {
  const { levels, grep } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const totals = { passes: 0, failures: 0, pending: 0 };
  const add = (level, counts, ms) => {
    totals.passes += counts.passes;
    totals.failures += counts.failures;
    totals.pending += counts.pending;
    const skipped = counts.pending ? `, ${counts.pending} skipped` : '';
    console.log(`\n${level}: ${counts.passes} passed, ${counts.failures} failed${skipped}${counts.note ? ` (${counts.note})` : ''} in ${seconds(ms)}\n`);
  };

  const problems = build();
  if (problems.length) add('build', { passes: 0, failures: problems.length, pending: 0, note: problems.join(', ') }, 0);
  const lintProblem = lint();
  if (lintProblem) add('lint', { passes: 0, failures: 1, pending: 0, note: lintProblem }, 0);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-test-'));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  let world;
  for (const level of levels) {
    const t0 = Date.now();
    let counts;
    try {
      if (level === 'unit') {
        counts = await runMocha('unit', filesUnder(path.join(OUT, 'unit'), '.test.js'), { grep, timeoutMs: 20000, coverage: !grep && process.env.STS_LENS_COVERAGE !== '0' });
      } else {
        world = world || (await startWorld(tmp));
        if (level === 'integration') {
          counts = await runIntegration(world, tmp, grep);
        } else {
          // UI tests start their own code-server with the same world (see test/ui/workbench.ts).
          // Screenshots of an earlier failure would otherwise look like this run's.
          fs.rmSync(path.join(REPO, 'test-results', 'screenshots'), { recursive: true, force: true });
          const { HOME, ...worldEnv } = world.env;
          // The UI level drives the packaged extension, so a vsix that would not install or start fails here.
          const vsix = process.env.STS_LENS_UI_VSIX || packageVsix();
          counts = await runMocha('ui', filesUnder(path.join(OUT, 'ui'), '.ui.js'), { grep, timeoutMs: 180000, env: { ...worldEnv, STS_LENS_TEST_HOME: HOME, STS_LENS_UI_VSIX: vsix } });
        }
      }
    } catch (e) {
      console.error(`${level}: ${e.stack || e.message}`);
      counts = { passes: 0, failures: 1, pending: 0, note: e.message.split('\n')[0] };
    }
    add(level, counts, Date.now() - t0);
  }
  await cleanup();
  console.log(`all levels in ${seconds(Date.now() - started)}`);
  console.log(`${totals.passes} passed, ${totals.failures} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`);
  process.exitCode = totals.failures > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping servers`);
    cleanup().finally(() => process.exit(130));
  });
}

main().catch(async (e) => {
  console.error(e.stack || e.message);
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
});
