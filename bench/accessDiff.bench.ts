// npm run bench accessDiff: access diff speed. Prints figures; asserts nothing.
//  - in process: the five largest AWS managed policies of the corpus against an edited copy
//    (an action dropped, one added, a condition added), IAM data loaded (target: 50 ms or less);
//    wall time and the process's own CPU time, which a busy machine inflates less
//  - growth: policies of 100, 200 and 400 statements (distinct resources, overlapping actions)
//    against an edited copy, with the ratio from one size to the next (linear = 2)
//  - the CLI: `diff --git HEAD` over 500 changed policy files against `lint` of the same files,
//    best of 3 alternating runs each, as a ratio (target: 5x or less)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffAccess, needsAllServices, readAccess } from '../src/core/evaluation/access';
import { detectPolicyType, servicesReferenced } from '../src/core/policy';
import { createIamCatalog } from '../src/node/iamData';
import { repoRoot } from '../test/unit/fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const CORPUS = (require(path.join(repoRoot(), 'scripts', 'build-iam-snapshot.js')) as { corpusDir(): string }).corpusDir();
const CLI = path.join(repoRoot(), 'dist', 'cli.js');

interface Doc {
  Version?: string;
  Statement: { Effect: string; Action?: string | string[]; Resource?: unknown; Condition?: unknown }[] | object;
}

function corpus(): { name: string; doc: Doc; size: number }[] {
  return fs
    .readdirSync(CORPUS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const doc = (JSON.parse(fs.readFileSync(path.join(CORPUS, f), 'utf8')) as { document: Doc }).document;
      return { name: f, doc, size: JSON.stringify(doc).length };
    });
}

/** An edited copy: one action dropped, one added, a condition added to the last statement. */
function edited(doc: Doc, salt: number): Doc {
  const copy = JSON.parse(JSON.stringify(doc)) as Doc;
  const statements = Array.isArray(copy.Statement) ? copy.Statement : [copy.Statement as Doc['Statement'] & object];
  const first = (statements as { Action?: string | string[] }[]).find((s) => Array.isArray(s.Action) && s.Action.length > 1);
  if (first && Array.isArray(first.Action)) first.Action = first.Action.slice(1).concat(salt % 2 ? 'iam:PassRole' : 'sqs:DeleteQueue');
  const last = statements[statements.length - 1] as { Condition?: unknown };
  last.Condition = { StringEquals: { 'aws:RequestedRegion': `eu-west-${(salt % 3) + 1}` } };
  return copy;
}

function ms(ns: bigint): number {
  return Number(ns) / 1e6;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Median and max wall time, median CPU time and the first run of `runs` diffs (the first 3 warm up). */
function timeDiff(before: string, after: string, catalog: IamCatalogHolder['catalog'], runs = 15): { median: number; max: number; cpu: number; first: number; items: number } {
  const type = detectPolicyType(before);
  const wall: number[] = [];
  const cpu: number[] = [];
  let items = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    const t0 = process.hrtime.bigint();
    const d = diffAccess(readAccess(before, type, catalog), readAccess(after, type, catalog));
    wall.push(ms(process.hrtime.bigint() - t0));
    cpu.push(cpuMs() - c0);
    items = d.added.length + d.removed.length;
  }
  const warm = wall.slice(3).sort((a, b) => a - b);
  const warmCpu = cpu.slice(3).sort((a, b) => a - b);
  return { median: warm[warm.length >> 1], max: warm[warm.length - 1], cpu: warmCpu[warmCpu.length >> 1], first: wall[0], items };
}

type IamCatalogHolder = ReturnType<typeof createIamCatalog>;

function inProcess(all: { name: string; doc: Doc; size: number }[], h: IamCatalogHolder): void {
  const largest = [...all].sort((a, b) => b.size - a.size).slice(0, 5);
  for (const p of largest) {
    const before = JSON.stringify(p.doc, null, 2);
    const after = JSON.stringify(edited(p.doc, 1), null, 2);
    if ([before, after].some(needsAllServices)) h.ensureAllServicesSync();
    else h.ensureServicesSync(servicesReferenced(before + after));
    const t = timeDiff(before, after, h.catalog);
    console.log(`in process: ${p.name} (${p.size.toLocaleString('en-US')} characters) against an edited copy: median ${t.median.toFixed(1)} ms (CPU ${t.cpu.toFixed(1)} ms), max ${t.max.toFixed(1)} ms, first run ${t.first.toFixed(1)} ms (${t.items} items; target <= 50 ms)`);
  }
}

/** A policy of `n` statements: each a few actions of the largest policy's on its own bucket. */
function synthetic(actions: string[], n: number): Doc {
  const Statement = Array.from({ length: n }, (_, i) => ({ Effect: 'Allow', Action: [0, 1, 2, 3, 4].map((k) => actions[(i * 7 + k * 13) % actions.length]), Resource: [`arn:aws:s3:::bucket-${i}/*`, `arn:aws:s3:::shared-${i % 10}/*`] }));
  return { Version: '2012-10-17', Statement };
}

function growth(all: { name: string; doc: Doc; size: number }[], h: IamCatalogHolder): void {
  const largest = [...all].sort((a, b) => b.size - a.size)[0];
  const statements = Array.isArray(largest.doc.Statement) ? largest.doc.Statement : [largest.doc.Statement as { Action?: string | string[] }];
  const actions = [...new Set(statements.flatMap((s) => ('Action' in s ? [s.Action ?? []].flat() : [])))].filter((a) => !a.includes('*')).slice(0, 200);
  h.ensureAllServicesSync();
  const sizes = [100, 200, 400];
  const medians = sizes.map((n) => {
    const doc = synthetic(actions, n);
    const t = timeDiff(JSON.stringify(doc, null, 2), JSON.stringify(edited(doc, 1), null, 2), h.catalog, 9);
    return { n, ...t };
  });
  const ratios = medians.slice(1).map((m, i) => (m.cpu / medians[i].cpu).toFixed(2));
  console.log(`growth: ${medians.map((m) => `${m.n} statements ${m.median.toFixed(1)} ms (CPU ${m.cpu.toFixed(1)} ms, ${m.items} items)`).join(', ')}; CPU ratio per doubling ${ratios.join(', ')} (linear = 2)`);
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

function timed(args: string[], cwd: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const t = ms(process.hrtime.bigint() - t0);
  if (r.status === 2) throw new Error(`sts-lens ${args[0]} failed: ${r.stderr.slice(0, 500)}`);
  return t;
}

function cliRatio(all: { name: string; doc: Doc; size: number }[]): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-bench-diff-'));
  try {
    const chosen = [...all].sort((a, b) => a.name.localeCompare(b.name)).slice(0, 500);
    fs.mkdirSync(path.join(dir, 'policies'));
    for (const p of chosen) fs.writeFileSync(path.join(dir, 'policies', p.name), `${JSON.stringify(p.doc, null, 2)}\n`);
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    chosen.forEach((p, i) => fs.writeFileSync(path.join(dir, 'policies', p.name), `${JSON.stringify(edited(p.doc, i), null, 2)}\n`));
    const files = chosen.map((p) => path.join('policies', p.name));
    const diffTimes: number[] = [];
    const lintTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      diffTimes.push(timed(['diff', '--git', 'HEAD', '--format', 'json'], dir));
      lintTimes.push(timed(['lint', '--fail-on', 'none', '--no-config', '--', ...files], dir));
    }
    const d = Math.min(...diffTimes);
    const l = Math.min(...lintTimes);
    console.log(`CLI, ${chosen.length} changed policy files: diff --git HEAD ${d.toFixed(0)} ms, lint ${l.toFixed(0)} ms (best of 3 alternating): ratio ${(d / l).toFixed(2)}x (target <= 5x)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const all = corpus();
const catalog = createIamCatalog();
inProcess(all, catalog);
growth(all, catalog);
cliRatio(all);
