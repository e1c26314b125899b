// Huge and hostile AWS config files through every stage the extension runs on them: the bounded read,
// the SDK's ini loader, the editor's lint (Problems panel), and the Profiles view (its broken lines,
// the profiles model and every profile's row). Each shape runs at three sizes that double, up to about
// 12 MB (files over 16 MB are not read); the CPU milliseconds of each stage and the growth per doubling
// are printed (linear ≈ 2×; over 3× is flagged). Usage: npm run bench configFiles
//   (CONFIG_FILTER=keys runs the shapes whose name has "keys")
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintAwsConfig } from '../src/core/profiles/configLint';
import { lintAwsConfigErrorsOf } from '../src/core/profiles/configLintChain';
import { fileProblems } from '../src/core/profiles/fileProblems';
import { buildProfilesModel, buildProfilesModelInSteps, chainText, chainWords, needsMfa, profileChain } from '../src/core/profiles/model';
import { AwsConfigChecks } from '../src/node/awsConfigChecks';
import { AwsConfigParser, CONFIG_WORKER_MIN_CHARS } from '../src/node/awsConfigParser';
import { AwsFilesLoader, readAwsFile } from '../src/node/awsFiles';

const CONFIG_WORKER = path.join(__dirname, '..', '..', 'dist', 'awsConfigWorker.js');

const ROLE = 'arn:aws:iam::123456789012:role/Deploy';

interface Shape {
  readonly name: string;
  /** The file's text with `n` repeats of its line or section. */
  readonly text: (n: number) => string;
  /** Repeats at the smallest size; the next two double it. */
  readonly n: number;
}

const lines = (head: string, n: number, line: (i: number) => string) => {
  const parts = [head];
  for (let i = 0; i < n; i++) parts.push(line(i));
  return parts.join('');
};

const SHAPES: Shape[] = [
  { name: 'unknown settings (kk1 = v)', n: 250_000, text: (n) => lines('[default]\n', n, (i) => `kk${i} = v\n`) },
  { name: 'misspelt settings (regoin1 = v)', n: 200_000, text: (n) => lines('[default]\n', n, (i) => `regoin${i} = v\n`) },
  { name: 'profiles ([profile p1] + region)', n: 75_000, text: (n) => lines('', n, (i) => `[profile p${i}]\nregion = eu-west-1\n`) },
  { name: 'one source_profile chain', n: 35_000, text: (n) => lines('[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n', n, (i) => `[profile p${i}]\nrole_arn = ${ROLE}\nsource_profile = ${i ? `p${i - 1}` : 'default'}\n`) },
  { name: 'a source_profile loop', n: 35_000, text: (n) => lines('', n, (i) => `[profile p${i}]\nrole_arn = ${ROLE}\nsource_profile = p${(i + 1) % n}\n`) },
  { name: 'role_arn values that are no ARNs, no source ([profile p1] role_arn = x1)', n: 75_000, text: (n) => lines('', n, (i) => `[profile p${i}]\nrole_arn = x${i}\n`) },
  { name: 'mfa_serial on profiles without a role ([profile p1] mfa_serial = x1)', n: 5_000, text: (n) => lines('', n, (i) => `[profile p${i}]\nmfa_serial = x${i}\n`) },
  { name: 'values out of range ([profile p1] region = x1, duration_seconds = 1)', n: 50_000, text: (n) => lines('', n, (i) => `[profile p${i}]\nregion = x${i}\nduration_seconds = ${i}\n`) },
  { name: 'headers the SDKs skip ([Profile p1])', n: 200_000, text: (n) => lines('', n, (i) => `[Profile p${i}]\n`) },
  { name: 'settings with ":" (k1: v)', n: 250_000, text: (n) => lines('[default]\n', n, (i) => `k${i}: v\n`) },
  { name: 'lines that are not settings', n: 200_000, text: (n) => lines('[default]\n', n, (i) => `junk line ${i}\n`) },
  { name: 'one value of n×4 characters', n: 750_000, text: (n) => `[default]\nregion = ${'x'.repeat(4 * n)}\n` },
  { name: 'one line of ";" comments after a value', n: 750_000, text: (n) => `[default]\nregion = eu ${'; '.repeat(2 * n)}\n` },
];

function cpuMs(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function cpuMsAsync(fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * The longest time the thread is held without a turn of its event loop (wall ms) while the Profiles
 * view reloads a changed file: read, parse, dropped lines, profiles model, with a turn between stages;
 * as it did (all on this thread) or as src/vscode/profiles/profilesStore.ts does now (the parse and line
 * check in the worker, the model in steps).
 */
async function longestHold(paths: { config: string; credentials: string }, inWorker: boolean): Promise<number> {
  return holdOf(async (turn) => {
    const parser = inWorker ? new AwsConfigParser({ workerPath: CONFIG_WORKER, warn: (m) => console.log(m) }) : undefined;
    const files = await new AwsFilesLoader(parser).load(paths);
    await turn();
    if (!files.configProblems) fileProblems(files.config.text!, 'config');
    await turn();
    if (inWorker) await buildProfilesModelInSteps(files.configSections, files.credentialsSections, turn);
    else buildProfilesModel(files.configSections, files.credentialsSections);
    await turn();
  });
}

/** The longest wall ms the thread is held without a turn of its event loop while `work` runs. */
async function holdOf(work: (turn: () => Promise<void>) => Promise<unknown>): Promise<number> {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  let longest = 0;
  let last = performance.now();
  let watching = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (watching) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  await work(turn);
  watching = false;
  tick();
  return longest;
}

/**
 * The longest holds of the config linter's checks: the Problems panel's lint of the open document and
 * Start Session's check of one chain, on this thread (as before) and as the editor runs them now.
 */
async function checkHolds(text: string): Promise<Record<string, number>> {
  const options = { workerPath: CONFIG_WORKER, warn: (m: string) => console.log(m), minWorkerChars: CONFIG_WORKER_MIN_CHARS };
  const chain = new Set(['p1', 'p0', 'default']);
  const lintHold = await holdOf(async () => lintAwsConfig(text, 'config', { otherFileProfiles: [] }));
  const lintWkr = await holdOf(async () => new AwsConfigChecks(options).lint('doc', text, []));
  const chainHold = await holdOf(async () => lintAwsConfigErrorsOf(text, 'config', chain, []));
  const chainWkr = await holdOf(async () => new AwsConfigChecks(options).chainErrors(text, chain, []));
  return { lintHold, lintWkr, chainHold, chainWkr };
}

/** The CPU ms of each stage, for one file. */
async function stages(file: string, text: string): Promise<Record<string, number>> {
  const paths = { config: file, credentials: path.join(path.dirname(file), 'none') };
  const read = await cpuMsAsync(() => readAwsFile(file));
  let loaded: Awaited<ReturnType<AwsFilesLoader['load']>> | undefined;
  const loader = new AwsFilesLoader();
  const sdk = (await cpuMsAsync(async () => (loaded = await loader.load(paths)))) - read;
  const again = await cpuMsAsync(() => loader.load(paths));
  const editor = cpuMs(() => lintAwsConfig(text, 'config'));
  // Start Session's check of one chain (the profiles named p1 and on, or the default profile).
  const chain = cpuMs(() => lintAwsConfigErrorsOf(text, 'config', new Set(['p1', 'p0', 'default'])));
  const tree = cpuMs(() => {
    fileProblems(text, 'config');
    const model = buildProfilesModel(loaded!.configSections, loaded!.credentialsSections);
    const words = chainWords();
    const rows: string[] = [];
    for (const p of model.profiles.values()) rows.push(`${chainText(profileChain(model, p.name), words)} ${needsMfa(model, p.name) ? 'MFA' : ''}`);
  });
  const hold = await longestHold(paths, false);
  const holdWkr = await longestHold(paths, true);
  return { read, sdk, again, editor, chain, tree, hold, holdWkr, ...(await checkHolds(text)) };
}

async function main(): Promise<void> {
  const filter = process.env.CONFIG_FILTER;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-config-bench-'));
  const file = path.join(dir, 'config');
  console.log('AWS config files: CPU ms per stage at three sizes; growth per doubling (linear ≈ 2×)');
  console.log('  stages: read = bounded read; sdk = the SDK ini loader; again = the Profiles view\'s reload of the file unchanged; editor = lint for the Problems panel; chain = Start Session\'s check of one profile\'s chain; tree = broken lines + profiles model + every profile\'s row; hold = the longest wall ms the thread is held while the Profiles view reloads the changed file, parsing it on its own thread, holdWkr = the same as the view does it now: the parse and line check in a worker, the profiles model in steps; lintHold / lintWkr = the longest hold of the Problems panel\'s lint of the open config on this thread / as the editor runs it now (a worker from 128 K characters); chainHold / chainWkr = the same for Start Session\'s check of one chain');
  let flagged = 0;
  try {
    for (const shape of SHAPES) {
      if (filter && !shape.name.includes(filter)) continue;
      const runs: { mb: number; ms: Record<string, number> }[] = [];
      for (const n of [shape.n, 2 * shape.n, 4 * shape.n]) {
        const text = shape.text(n);
        fs.writeFileSync(file, text);
        runs.push({ mb: Buffer.byteLength(text) / 1024 / 1024, ms: await stages(file, text) });
      }
      console.log(`${shape.name}: ${runs.map((r) => `${r.mb.toFixed(1)} MB`).join(', ')}`);
      for (const stage of Object.keys(runs[0].ms)) {
        const ms = runs.map((r) => r.ms[stage]);
        // Below a few ms a stage is all fixed cost and noise: its growth means nothing.
        const growth = ms.slice(1).map((m, i) => m / Math.max(ms[i], 5));
        const superlinear = ms[2] > 50 && growth[1] > 3;
        if (superlinear) flagged++;
        console.log(`  ${stage.padEnd(7)} ${ms.map((m) => `${m.toFixed(0).padStart(7)} ms`).join('')}   growth ${growth.map((g) => `×${g.toFixed(2)}`).join(' ')}${superlinear ? '  SUPERLINEAR' : ''}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(flagged ? `${flagged} stage(s) grew superlinearly` : 'every stage grew about linearly');
}

if (require.main === module) void main();
