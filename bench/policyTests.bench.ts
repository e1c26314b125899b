// The Test Explorer's run of 200 policy test files, pure part: read each scenario, read the policy
// files it references, evaluate every case, compare with `expect`. Cold (IAM data loading as the
// first cases need it) and warm (data cached, as on every later run), against a plain read +
// JSON.parse of the same files for scale.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCase, scenarioCases } from '../src/core/debugging/scenarioRun';
import { createIamCatalog } from '../src/node/iamData';
import { fixturePath } from '../test/unit/fixtures';

const FILES = 200;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function workspace(): { dir: string; files: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-policy-tests-'));
  fs.mkdirSync(path.join(dir, 'policies'));
  fs.mkdirSync(path.join(dir, 'policy-tests'));
  for (const f of fs.readdirSync(fixturePath('workspace', 'policies'))) fs.copyFileSync(fixturePath('workspace', 'policies', f), path.join(dir, 'policies', f));
  const examples = fs.readdirSync(fixturePath('workspace', 'policy-tests'));
  for (const f of examples.filter((e) => !e.endsWith('.policytest.json'))) fs.copyFileSync(fixturePath('workspace', 'policy-tests', f), path.join(dir, 'policy-tests', f));
  const tests = examples.filter((e) => e.endsWith('.policytest.json')).map((e) => fs.readFileSync(fixturePath('workspace', 'policy-tests', e), 'utf8'));
  const files: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const file = path.join(dir, 'policy-tests', `case-${i}.policytest.json`);
    fs.writeFileSync(file, tests[i % tests.length].replace(/2026\/q3\.csv/g, `2026/q${i}.csv`));
    files.push(file);
  }
  return { dir, files };
}

const read = (abs: string) => {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
};

if (require.main === module) {
  const { dir, files } = workspace();
  try {
    let cases = 0;
    let passed = 0;
    const run = (catalog: ReturnType<typeof createIamCatalog>) => {
      cases = 0;
      passed = 0;
      for (const file of files) {
        for (const c of scenarioCases(fs.readFileSync(file, 'utf8'))) {
          const o = runCase(c, file, read, catalog.catalog, (s) => catalog.ensureServicesSync(s));
          cases++;
          if (o.kind === 'evaluated' && o.pass) passed++;
        }
      }
    };
    const t0 = performance.now();
    const cold = createIamCatalog();
    run(cold);
    const coldMs = performance.now() - t0;
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      run(cold);
      warm.push(performance.now() - t);
    }
    const plain: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      for (const file of files) JSON.parse(fs.readFileSync(file, 'utf8'));
      plain.push(performance.now() - t);
    }
    const w = median(warm);
    console.log(`policy tests: ${FILES} files, ${cases} cases (${passed} pass): cold ${coldMs.toFixed(1)} ms (IAM data loaded on first use); warm ${w.toFixed(1)} ms median of 7 (${(w / cases * 1000).toFixed(0)} µs a case); plain read + JSON.parse ${median(plain).toFixed(1)} ms, ratio ${(w / median(plain)).toFixed(1)}x; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
