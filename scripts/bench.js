#!/usr/bin/env node
// npm run bench: builds, then runs every benchmark in turn, each in its own Node process, and
// prints what it reports. Benchmarks are bench/*.js (plain Node) and bench/**/*.ts (compiled by
// tsc to out/bench/). Usage: node scripts/bench.js [NAME-FILTER]
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..');

function files(dir, test) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(test).sort().map((f) => path.join(dir, f));
}

function main() {
  const filter = process.argv[2];
  spawnSync(process.execPath, ['esbuild.js'], { cwd: REPO, stdio: 'inherit' });
  const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: REPO, stdio: 'inherit' });
  if (tsc.status !== 0) console.error('bench: tsc reported type errors; running what was emitted');
  const benches = [
    ...files(path.join(REPO, 'bench'), (f) => f.endsWith('.js') && !f.includes(path.sep)),
    // bench/host/ runs inside VS Code's extension host, started by bench/editor.bench.ts.
    ...files(path.join(REPO, 'out', 'bench'), (f) => f.endsWith('.js') && !f.startsWith(`host${path.sep}`)),
  ].filter((f) => !filter || path.basename(f).includes(filter));
  if (benches.length === 0) {
    console.log('bench: no benchmarks found');
    return 0;
  }
  const failed = [];
  for (const file of benches) {
    const name = path.relative(REPO, file);
    console.log(`\n== ${name}`);
    const started = Date.now();
    const run = spawnSync(process.execPath, [file], { cwd: REPO, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (run.status !== 0) failed.push(name);
    console.log(`-- ${name}: ${run.status === 0 ? 'ok' : `failed (exit ${run.status ?? run.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`\nbench: ${benches.length - failed.length} ran, ${failed.length} failed${failed.length ? `: ${failed.join(', ')}` : ''}`);
  return failed.length ? 1 : 0;
}

process.exitCode = main();
