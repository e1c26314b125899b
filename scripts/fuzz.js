#!/usr/bin/env node
// npm run fuzz: the fuzz suite of the unit tests (test/unit/fuzz), run long with a random seed.
// FUZZ_SEED replays a run (a failure prints its seed and counterexample path); FUZZ_RUNS sets the
// number of inputs per property (default 20,000). Usage: FUZZ_SEED=123 FUZZ_RUNS=5000 npm run fuzz
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const seed = process.env.FUZZ_SEED || String(Math.floor(Math.random() * 2 ** 31));
const runs = process.env.FUZZ_RUNS || '20000';
console.log(`fuzz: seed ${seed}, ${runs} runs per property (replay with FUZZ_SEED=${seed} npm run fuzz)`);
const r = spawnSync(process.execPath, [path.join(__dirname, 'test.js'), 'unit', '--grep', '^fuzz: '], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
if (r.status !== 0) console.log(`\nfuzz: failed with seed ${seed}; replay with FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz`);
process.exitCode = r.status ?? 1;
