// npm run bench: the editor in a real VS Code (code-server 4.100.3 with headless Chromium, the test
// harness): activation time and keystroke-to-squiggle latency, measured inside the extension host by
// bench/host/editorLatency.ts. Prints p50/p90; asserts nothing. STS_LENS_BENCH_EDITOR_RUNS sets how
// many fresh workbenches are started (each gives one activation figure; default 7, since one figure is
// noisy on a loaded machine: the spread is printed next to each median). The extension is
// built as `npm run package` ships it (esbuild --production: minified); STS_LENS_BENCH_EDITOR_BUILD=dev
// measures the development build instead. The development build is restored afterwards.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../test/unit/fixtures';
import type { Results } from './host/editorLatency';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runExtensionTests } = require(path.join(repoRoot(), 'test', 'harness', 'code-server.js')) as {
  runExtensionTests(o: { extensionDevelopmentPath: string; extensionTestsPath: string; folder: string; userDataDir?: string; env: NodeJS.ProcessEnv; log?: (...a: unknown[]) => void }): Promise<number>;
};

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
    }
  ]
}
`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const f1 = (n: number): string => n.toFixed(1);

/** The median with the spread around it, so a change can be told from noise: "p50 8.1 ms (6.9-12.4)". */
function spread(values: number[]): string {
  return `p50 ${f1(percentile(values, 50))} ms (${f1(Math.min(...values))}-${f1(Math.max(...values))})`;
}

function build(production: boolean): void {
  execFileSync(process.execPath, ['esbuild.js', ...(production ? ['--production'] : [])], { cwd: repoRoot(), stdio: 'ignore' });
}

async function main(): Promise<void> {
  const production = process.env.STS_LENS_BENCH_EDITOR_BUILD !== 'dev';
  if (production) build(true);
  try {
    await measure(production);
  } finally {
    if (production) build(false);
  }
}

async function measure(production: boolean): Promise<void> {
  const runs = Number(process.env.STS_LENS_BENCH_EDITOR_RUNS) || 7;
  const loadBefore = os.loadavg()[0];
  const all: Results[] = [];
  // One user data folder for every workbench, as one person's VS Code: the first start writes the
  // features' code cache (in the extension's global storage), later starts use it.
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-bench-user-'));
  try {
    for (let i = 0; i < runs; i++) all.push(await workbench(userData));
  } finally {
    fs.rmSync(userData, { recursive: true, force: true });
  }
  report(production, runs, loadBefore, all);
}

/** One fresh workbench with the bench's workspace and AWS config; its figures. */
async function workbench(userDataDir: string): Promise<Results> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-bench-editor-'));
  try {
    const folder = path.join(dir, 'workspace');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'policy.json'), POLICY);
    const home = path.join(dir, 'home');
    fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
    fs.writeFileSync(path.join(home, '.aws', 'config'), '[default]\nregion = us-east-1\n');
    const out = path.join(dir, 'results.json');
    const code = await runExtensionTests({
      extensionDevelopmentPath: repoRoot(),
      extensionTestsPath: path.join(repoRoot(), 'out', 'bench', 'host', 'editorLatency.js'),
      folder,
      userDataDir,
      env: { ...process.env, HOME: home, AWS_CONFIG_FILE: path.join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'), STS_LENS_BENCH_RESULTS: out },
      log: () => {},
    });
    if (!fs.existsSync(out)) throw new Error(`the extension host wrote no figures (exit ${code})`);
    const r = JSON.parse(fs.readFileSync(out, 'utf8')) as Results;
    if (r.error) throw new Error(r.error);
    return r;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(production: boolean, runs: number, loadBefore: number, all: Results[]): void {
  const keystroke = all.flatMap((r) => r.keystrokeMs);
  const clear = all.flatMap((r) => r.clearMs);
  const activation = all.map((r) => r.activationMs);
  const size = (name: string): string => `${(fs.statSync(path.join(repoRoot(), 'dist', name)).size / 1024).toFixed(0)} KB`;
  const source = all.every((r) => r.activationSource === 'vscode-marks') ? "VS Code's own marks" : "the extension's clock";
  console.log(`build: ${production ? 'esbuild --production (minified), as npm run package ships it' : 'development (not minified, with source maps)'}; dist/extension.js ${size('extension.js')}, dist/features.js ${size('features.js')}`);
  const own = all.map((r) => r.ownActivationMs);
  const codeLoad = all.map((r) => r.codeLoadMs);
  console.log(`activation, code load + activate() call, ${runs} workbenches: ${spread(own)} (target <= 10 ms; min-max in brackets; load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after)`);
  console.log(`  loading the code (from ${source}): ${spread(codeLoad)}; activate() call (its own clock): ${spread(all.map((r) => r.activateCallMs))}, of which registering ${all[0].stubCount} command stubs ${spread(all.map((r) => r.stubsMs))}`);
  // Evaluating the bundle again in the same host is the bundle's own share of the load; the rest of
  // the code-load figure is VS Code's (its extension-host require and the API object it builds).
  const reload = all.map((r) => percentile(r.moduleLoadMs, 50));
  console.log(`  of the code load: evaluating dist/extension.js again ${spread(reload)}; so VS Code's own part (code load less that) ${spread(all.map((r, i) => r.codeLoadMs - reload[i]))}`);
  console.log(`  VS Code's whole figure, until activate()'s promise settled: ${spread(activation)} (activate() returns synchronously; the rest is other extensions activating in the same turn)`);
  console.log(`  after activation, loading and starting the features: ${spread(all.map((r) => r.featuresMs))}; loading dist/features.js again: p50 ${f1(percentile(all.flatMap((r) => r.featuresLoadMs), 50))} ms; AWS SDK (dist/aws.js) loaded at startup: ${all.some((r) => r.sdkAtStartup) ? 'yes' : 'no'}`);
  const parts = Object.keys(all[0].featureParts);
  const started = all.map((r) => Object.values(r.featureParts).reduce((a, b) => a + b, 0));
  console.log(`    of which evaluating dist/features.js ${spread(all.map((r) => r.featuresEvaluateMs))}, starting the features ${spread(started)}:`);
  for (const part of parts) console.log(`      ${part}: ${spread(all.map((r) => r.featureParts[part] ?? NaN))}`);
  // The first workbench compiles the features; the later ones start as a person's next start does.
  const cached = all.filter((r) => r.codeCache === 'used');
  const uncached = all.filter((r) => r.codeCache !== 'used');
  console.log(`    by V8's code cache of the features (in the extension's global storage): starts without it (${uncached.map((r) => r.codeCache).join(', ')}): loading and starting ${uncached.length ? spread(uncached.map((r) => r.featuresMs)) : '-'}, evaluating ${uncached.length ? spread(uncached.map((r) => r.featuresEvaluateMs)) : '-'}; starts with it (${cached.length}): loading and starting ${cached.length ? spread(cached.map((r) => r.featuresMs)) : '-'}, evaluating ${cached.length ? spread(cached.map((r) => r.featuresEvaluateMs)) : '-'}`);
  const event = all.flatMap((r) => r.keystrokeEventMs);
  console.log(`keystroke -> squiggle (one typed character misspells an action; until the diagnostic is published to the editor), ${keystroke.length} keystrokes: p50 ${f1(percentile(keystroke, 50))} ms, p90 ${f1(percentile(keystroke, 90))} ms (target p50 <= 100 ms)`);
  console.log(`  the same keystrokes until onDidChangeDiagnostics fires in the extension host (VS Code debounces that event by 50 ms; the editor does not wait for it): p50 ${f1(percentile(event, 50))} ms, p90 ${f1(percentile(event, 90))} ms`);
  console.log(`fix -> squiggle gone: p50 ${f1(percentile(clear, 50))} ms, p90 ${f1(percentile(clear, 90))} ms; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main().catch((e) => {
  console.error(`editor bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
