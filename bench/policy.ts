// npm run bench: policy engine speed. Prints figures; asserts nothing.
//  - warm lint time per corpus policy (median of runs per policy; then median, p99, max)
//  - cold IAM-data load for one policy, in a fresh process
//  - whole-corpus CLI run (--jobs auto and --jobs 1) vs a minimal `node parse.js DIR` (read + JSON.parse), median of alternating
//    pairs, in wall and CPU time
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintPolicy, servicesReferenced } from '../src/core/policy';
import { createIamCatalog } from '../src/node/iamData';
import { repoRoot } from '../test/unit/fixtures';

// The shared corpus above the checkout (the build's own lookup), or STS_LENS_POLICY_CORPUS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CORPUS = (require(path.join(repoRoot(), 'scripts', 'build-iam-snapshot.js')) as { corpusDir(): string }).corpusDir();

function ms(ns: bigint): number {
  return Number(ns) / 1e6;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function loadCorpus(): { name: string; text: string }[] {
  return fs
    .readdirSync(CORPUS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, text: JSON.stringify(JSON.parse(fs.readFileSync(path.join(CORPUS, f), 'utf8')).document, null, 2) }));
}

function warm(policies: { name: string; text: string }[]): void {
  const h = createIamCatalog();
  for (const p of policies) h.ensureServicesSync(servicesReferenced(p.text));
  const runs = 7;
  for (let i = 0; i < 3; i++) for (const p of policies) lintPolicy(p.text, { policyType: 'IDENTITY_POLICY', catalog: h.catalog });
  const per: { name: string; t: number; size: number }[] = [];
  for (const p of policies) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      lintPolicy(p.text, { policyType: 'IDENTITY_POLICY', catalog: h.catalog });
      times.push(ms(process.hrtime.bigint() - t0));
    }
    times.sort((a, b) => a - b);
    per.push({ name: p.name, t: times[runs >> 1], size: p.text.length });
  }
  const sorted = per.map((p) => p.t).sort((a, b) => a - b);
  const worst = [...per].sort((a, b) => b.t - a.t).slice(0, 3);
  console.log(`warm lint, ${per.length} policies (median of ${runs} runs each): median ${quantile(sorted, 0.5).toFixed(3)} ms, p99 ${quantile(sorted, 0.99).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms (target p99 < 5 ms)`);
  console.log(`  slowest: ${worst.map((w) => `${w.name} ${w.t.toFixed(2)} ms (${(w.size / 1024).toFixed(0)} KB)`).join(', ')}`);
}

function cold(policies: { name: string; text: string }[]): void {
  const bySize = [...policies].sort((a, b) => a.text.length - b.text.length);
  const picks = [bySize[bySize.length >> 1], bySize[bySize.length - 1]];
  const out = path.join(repoRoot(), 'out');
  const snapshot = path.join(repoRoot(), 'dist', 'iamData.snapshot');
  // What ships (the build's snapshot), then the package's own files that the loader falls back to.
  const sources: [string, string][] = [['snapshot', `{ snapshotFile: ${JSON.stringify(snapshot)} }`], ['package files', `{ dataDir: require(${JSON.stringify(path.join(out, 'src', 'node', 'iamData.js'))}).iamDataDir() }`]];
  if (!fs.existsSync(snapshot)) {
    console.log('cold load: dist/iamData.snapshot missing; run node esbuild.js');
    sources.shift();
  }
  for (const [label, options] of sources) for (const p of picks) {
    const file = path.join(os.tmpdir(), `sts-lens-bench-${process.pid}.json`);
    fs.writeFileSync(file, p.text);
    const script = `
      const t0 = process.hrtime.bigint();
      const { createIamCatalog } = require(${JSON.stringify(path.join(out, 'src', 'node', 'iamData.js'))});
      const P = require(${JSON.stringify(path.join(out, 'src', 'core', 'policy', 'index.js'))});
      const text = require('fs').readFileSync(${JSON.stringify(file)}, 'utf8');
      const t1 = process.hrtime.bigint();
      const h = createIamCatalog(${options});
      const services = P.servicesReferenced(text);
      h.ensureServicesSync(services);
      const t2 = process.hrtime.bigint();
      P.lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog: h.catalog });
      const t3 = process.hrtime.bigint();
      console.log(JSON.stringify({ modules: Number(t1 - t0) / 1e6, data: Number(t2 - t1) / 1e6, firstLint: Number(t3 - t2) / 1e6, services: services.length }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    fs.rmSync(file, { force: true });
    if (r.status !== 0) {
      console.log(`cold load for ${p.name}: failed: ${r.stderr}`);
      continue;
    }
    const f = JSON.parse(r.stdout) as { modules: number; data: number; firstLint: number; services: number };
    console.log(`cold IAM-data load (${label}) for ${p.name} (${(p.text.length / 1024).toFixed(1)} KB, ${f.services} prefixes): ${f.data.toFixed(1)} ms (target < 50 ms); first lint ${f.firstLint.toFixed(1)} ms; module load ${f.modules.toFixed(1)} ms`);
  }
}

/** Wall time and CPU time (user + system, threads included) of one whole Node process. */
interface ProcessTime {
  wall: number;
  cpu: number;
  status: number | null;
}

/**
 * Runs Node under bash, whose `times` builtin reports the CPU that its finished children used:
 * the CLI's extra threads (GC, compilation) hide part of its work in wall time, not in CPU time.
 */
function timeProcess(args: string[], env: NodeJS.ProcessEnv = process.env): ProcessTime {
  const quoted = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', `${quoted} >/dev/null; s=$?; times >&2; exit $s`], { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const wall = ms(process.hrtime.bigint() - t0);
  // `times` prints the shell's own user/system line, then its children's: "0m0.512s 0m0.041s".
  const children = r.stderr.trim().split('\n').pop() ?? '';
  const cpu = children.split(' ').reduce((sum, t) => {
    const m = t.indexOf('m');
    return sum + Number(t.slice(0, m)) * 60_000 + Number(t.slice(m + 1, -1)) * 1000;
  }, 0);
  return { wall, cpu, status: r.status };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cli(policies: { name: string; text: string }[]): void {
  const cliJs = path.join(repoRoot(), 'dist', 'cli.js');
  if (!fs.existsSync(cliJs)) {
    console.log('CLI ratio: dist/cli.js missing; run node esbuild.js');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-corpus-'));
  try {
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    const files = policies.map((p) => {
      const f = path.join(corpus, p.name);
      fs.writeFileSync(f, p.text);
      return f;
    });
    // The least any tool must do with these files: start Node, list the folder, read and parse each file.
    const parseJs = path.join(dir, 'parse.js');
    fs.writeFileSync(parseJs, `const fs = require('fs'); const path = require('path'); const dir = process.argv[2]; let n = 0;
for (const f of fs.readdirSync(dir)) n += Object.keys(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))).length;
console.log(n);\n`);
    const args = [cliJs, 'lint', '--format', 'json', '--fail-on', 'none', '--policy-type', 'IDENTITY_POLICY', ...files];
    // The CLI keeps V8's code cache in its own folder here, filled by the first run.
    const cacheEnv = { ...process.env, STS_LENS_CACHE: path.join(dir, 'cache') };
    // STS_LENS_BENCH_BASELINE_CLI: another build's dist/cli.js (e.g. main's), timed in the same alternation for a before/after.
    const baselineCli = process.env.STS_LENS_BENCH_BASELINE_CLI;
    const baselineEnv = { ...process.env, STS_LENS_CACHE: path.join(dir, 'cache-baseline') };
    const variants: { label: string; args: string[]; env: NodeJS.ProcessEnv }[] = [
      { label: 'CLI', args, env: cacheEnv },
      // --jobs auto (the default) against everything on the main thread.
      { label: 'on one thread (--jobs 1)', args: [...args.slice(0, 2), '--jobs', '1', ...args.slice(2)], env: cacheEnv },
      { label: 'without the V8 code cache (STS_LENS_NO_CODE_CACHE=1)', args, env: { ...cacheEnv, STS_LENS_NO_CODE_CACHE: '1' } },
      { label: "with V8's default tiering and young generation (STS_LENS_V8_DEFAULTS=1)", args, env: { ...cacheEnv, STS_LENS_V8_DEFAULTS: '1' } },
      ...(baselineCli ? [{ label: `baseline ${baselineCli}`, args: [baselineCli, ...args.slice(1)], env: baselineEnv }] : []),
    ];
    for (const v of variants) timeProcess(v.args, v.env);
    // Each variant runs right after its own plain parse, and the ratio is taken per pair: the machine's
    // speed drifts over seconds, and a pair sees the same moment. The median pair is reported.
    const rounds = 11;
    const pairs = variants.map(() => [] as { ours: ProcessTime; base: ProcessTime }[]);
    let status: number | null = 0;
    for (let i = 0; i < rounds; i++) {
      variants.forEach((v, k) => {
        const base = timeProcess([parseJs, corpus]);
        const ours = timeProcess(v.args, v.env);
        if (k === 0) status = ours.status;
        pairs[k].push({ ours, base });
      });
    }
    // The machine is shared: the load average says how far to trust the figures.
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    variants.forEach((v, k) => {
      const p = pairs[k];
      const wall = median(p.map((x) => x.ours.wall / x.base.wall));
      const cpu = median(p.map((x) => x.ours.cpu / x.base.cpu));
      const figures = `${median(p.map((x) => x.ours.wall)).toFixed(0)} ms wall, ${median(p.map((x) => x.ours.cpu)).toFixed(0)} ms CPU; ratio ${wall.toFixed(2)}x wall, ${cpu.toFixed(2)}x CPU`;
      if (k === 0) {
        console.log(`CLI over the whole corpus (${files.length} files, --jobs auto on ${os.availableParallelism()} cores, exit ${status}): ${figures} (targets <= 4x wall, <= 5x CPU)`);
        console.log(`  against \`node parse.js DIR\` (read + JSON.parse): ${median(p.map((x) => x.base.wall)).toFixed(0)} ms wall, ${median(p.map((x) => x.base.cpu)).toFixed(0)} ms CPU; median of ${rounds} alternating pairs, load average ${load}`);
      } else {
        console.log(`  ${v.label}: ${figures}`);
      }
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  if (!fs.existsSync(CORPUS)) {
    console.log(`policy bench: corpus not found at ${CORPUS}; set STS_LENS_POLICY_CORPUS`);
    return;
  }
  const policies = loadCorpus();
  cold(policies);
  warm(policies);
  cli(policies);
}

main();
