import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { flagSet, v8Flags, type FlagSet } from '../../../src/cli/launcherFlags';

/**
 * The young generation's size (bytes) in a fresh Node process that sets a flag set's flags after
 * start, as the launcher does, and then keeps 60,000 small objects (about 1.5 MB): enough for V8
 * to grow its young generation from its starting size. `default-start`: its size in a fresh
 * process that sets no flag and keeps nothing.
 */
function youngGenerationAfterGrowth(set: FlagSet | 'default-start'): number {
  const script = `
    const v8 = require('v8');
    for (const flag of ${JSON.stringify(set === 'default-start' ? [] : v8Flags(set))}) v8.setFlagsFromString(flag);
    const keep = [];
    for (let i = 0; i < (${JSON.stringify(set === 'default-start')} ? 0 : 60000); i++) keep.push({ i });
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(young.space_size) + ' ' + keep.length);`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  return Number(r.stdout.split(' ')[0]);
}

describe('CLI launcher: V8 flags', () => {
  it('a lint of files gets the files set; an account dump, the other commands and STS_LENS_V8_DEFAULTS do not', () => {
    assert.strictEqual(flagSet(['lint', 'a.json', 'b.json'], {}), 'files');
    assert.strictEqual(flagSet(['lint', '--format', 'json', '-'], {}), 'files');
    assert.strictEqual(flagSet(['lint', '--auth-details', 'dump.json'], {}), 'batch');
    assert.strictEqual(flagSet(['lint', '--auth-details=dump.json'], {}), 'batch');
    assert.strictEqual(flagSet(['simulate', 'scenario.json'], {}), 'batch');
    assert.strictEqual(flagSet(['diff', 'a.json', 'b.json'], {}), 'batch');
    assert.strictEqual(flagSet(['lint', 'a.json'], { STS_LENS_V8_DEFAULTS: '1' }), 'default');
    assert.deepStrictEqual(v8Flags('default'), []);
  });

  it('every set but the defaults waits longer before optimizing; only a lint of files grows the young generation differently', () => {
    for (const set of ['batch', 'files'] as const) assert.ok(v8Flags(set).includes('--interrupt-budget=614400'), set);
    assert.ok(v8Flags('files').some((f) => f.startsWith('--semi-space-growth-factor=')));
    assert.ok(!v8Flags('batch').some((f) => f.startsWith('--semi-space-growth-factor=')));
  });

  it('only a lint of files optimizes without inlining', () => {
    assert.ok(v8Flags('files').includes('--no-turbo-inlining'));
    assert.ok(!v8Flags('batch').includes('--no-turbo-inlining'));
    assert.ok(!v8Flags('default').includes('--no-turbo-inlining'));
  });

  it('Node knows every flag of every set: an unknown one would be reported on standard error at every run', () => {
    for (const set of ['batch', 'files'] as const) {
      const r = spawnSync(process.execPath, ['-e', `for (const flag of ${JSON.stringify(v8Flags(set))}) require('v8').setFlagsFromString(flag);`], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.strictEqual(r.stderr + r.stdout, '', set);
    }
  });

  it('set after start, as the launcher sets them, a lint of files scavenges on its own thread: no scavenge hands work to V8\'s helper threads', () => {
    const script = `
      for (const flag of ${JSON.stringify(v8Flags('files'))}) require('v8').setFlagsFromString(flag);
      const keep = [];
      for (let i = 0; i < 200000; i++) { keep.push({ i }); if (keep.length > 20000) keep.length = 0; }`;
    const r = spawnSync(process.execPath, ['--trace-gc-nvp', '-e', script], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const scavenges = r.stdout.split('\n').filter((line) => line.includes('gc=s '));
    assert.ok(scavenges.length >= 3, `scavenges traced: ${scavenges.length}`);
    for (const line of scavenges) assert.match(line, /background\.scavenge\.parallel=0\.00 /);
  });

  it('set after start, as the launcher sets it, the growth factor keeps a lint of files at the young generation V8 starts with', () => {
    // A fresh process has committed one half of its starting young generation; after a scavenge, both.
    const start = 2 * youngGenerationAfterGrowth('default-start');
    // V8's own growth (doubling) has grown it at this point: the test tells the two apart.
    assert.ok(youngGenerationAfterGrowth('batch') > start, 'V8 grows the young generation');
    assert.strictEqual(youngGenerationAfterGrowth('files'), start, 'the files set keeps its starting size');
  });
});
