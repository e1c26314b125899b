// npm run bench: policy engine speed. Prints figures; asserts nothing.
//  - warm lint time per corpus policy (median of runs per policy; then median, p99, max)
//  - cold IAM-data load for one policy, in a fresh process
//  - whole-corpus CLI run vs a plain Node read + JSON.parse of the same files, as a ratio
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

function timeProcess(args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; status: number | null } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, env });
  return { ms: ms(process.hrtime.bigint() - t0), status: r.status };
}

function cli(policies: { name: string; text: string }[]): void {
  const cliJs = path.join(repoRoot(), 'dist', 'cli.js');
  if (!fs.existsSync(cliJs)) {
    console.log('CLI ratio: dist/cli.js missing; run node esbuild.js');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-corpus-'));
  try {
    const files = policies.map((p) => {
      const f = path.join(dir, p.name);
      fs.writeFileSync(f, p.text);
      return f;
    });
    const list = path.join(dir, 'files.txt');
    fs.writeFileSync(list, files.join('\n'));
    const plain = `const fs=require('fs');let n=0;for(const f of fs.readFileSync(${JSON.stringify(list)},'utf8').split('\\n')){n+=Object.keys(JSON.parse(fs.readFileSync(f,'utf8'))).length}process.stdout.write(String(n)+'\\n')`;
    // Alternate runs and keep the best of each, so one noisy neighbour does not decide the ratio.
    const ours: number[] = [];
    const uncached: number[] = [];
    const defaults: number[] = [];
    const base: number[] = [];
    // STS_LENS_BENCH_BASELINE_CLI: another build's dist/cli.js (e.g. main's), timed in the same alternation for a before/after.
    const baselineCli = process.env.STS_LENS_BENCH_BASELINE_CLI;
    const baseline: number[] = [];
    let status: number | null = 0;
    const args = [cliJs, 'lint', '--format', 'json', '--fail-on', 'none', '--policy-type', 'IDENTITY_POLICY', ...files];
    // The CLI keeps V8's code cache in its own folder here, filled by the first run.
    const cacheEnv = { ...process.env, STS_LENS_CACHE: path.join(dir, 'cache') };
    timeProcess(args, cacheEnv);
    const baselineArgs = baselineCli ? [baselineCli, ...args.slice(1)] : [];
    const baselineEnv = { ...process.env, STS_LENS_CACHE: path.join(dir, 'cache-baseline') };
    if (baselineCli) timeProcess(baselineArgs, baselineEnv);
    // The machine is shared and its speed drifts by tens of percent over seconds: nine rounds give
    // every variant the same chances of a quiet moment.
    for (let i = 0; i < 9; i++) {
      base.push(timeProcess(['-e', plain]).ms);
      const r = timeProcess(args, cacheEnv);
      status = r.status;
      ours.push(r.ms);
      uncached.push(timeProcess(args, { ...cacheEnv, STS_LENS_NO_CODE_CACHE: '1' }).ms);
      defaults.push(timeProcess(args, { ...cacheEnv, STS_LENS_V8_DEFAULTS: '1' }).ms);
      if (baselineCli) baseline.push(timeProcess(baselineArgs, baselineEnv).ms);
    }
    const o = Math.min(...ours);
    const u = Math.min(...uncached);
    const d = Math.min(...defaults);
    const b = Math.min(...base);
    // The machine is shared: the load average says how far to trust the figures.
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`CLI over the whole corpus (${files.length} files): ${o.toFixed(0)} ms (exit ${status}); plain node read+JSON.parse: ${b.toFixed(0)} ms; ratio ${(o / b).toFixed(2)}x (target <= 5x; best of ${ours.length} alternating runs, load average ${load})`);
    console.log(`  without the V8 code cache (STS_LENS_NO_CODE_CACHE=1): ${u.toFixed(0)} ms, ratio ${(u / b).toFixed(2)}x`);
    console.log(`  with V8's default tiering and young generation (STS_LENS_V8_DEFAULTS=1): ${d.toFixed(0)} ms, ratio ${(d / b).toFixed(2)}x`);
    if (baselineCli) {
      const before = Math.min(...baseline);
      console.log(`  baseline ${baselineCli}: ${before.toFixed(0)} ms, ratio ${(before / b).toFixed(2)}x (this build: ${(o / b).toFixed(2)}x)`);
    }
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
