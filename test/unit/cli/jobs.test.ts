import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SIZE_SAMPLE, threadsFor } from '../../../src/cli/jobs';
import { MAX_POLICY_FILE_BYTES } from '../../../src/core/policy/limits';
import { fixturePath } from '../fixtures';
import { CLI, ensureBuiltCli } from './builtCli';


/** The line STS_LENS_JOBS_REPORT=1 adds to standard error (see src/cli/lintPool.ts). */
const REPORT = /^sts-lens: jobs: threads=(\d+) main=(\d+) workers=([\d,]+) again=(\d+)\n/m;

interface Run {
  status: number | null;
  stdout: string;
  /** Standard error without the report line. */
  stderr: string;
  report?: { threads: number; main: number; workers: number[]; again: number };
}

function lint(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Run {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { encoding: 'utf8', cwd, input, env: { ...process.env, STS_LENS_JOBS_REPORT: '1', ...env }, maxBuffer: 1 << 26 });
  const m = REPORT.exec(r.stderr);
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr.replace(REPORT, ''),
    report: m ? { threads: Number(m[1]), main: Number(m[2]), workers: m[3].split(',').map(Number), again: Number(m[4]) } : undefined,
  };
}

const FIXTURES = ['invalid-action.json', 'passrole-star.json', 'trust-wildcard.json', 'valid-identity.json', 'missing-version.json', 'syntax-error.json', 'duplicate-sid.json', 'bool-mismatch.json'];

/**
 * A project of 90 files to lint: fixtures with findings, clean ones and syntax errors, a file its
 * project file ignores, suppressions and a severity, a folder whose own project file is broken (said
 * on standard error where its first file comes), a missing file, a folder of two policies and a
 * package.json (linted as the files below it), and a file too large to read.
 */
function makeProject(dir: string): string[] {
  fs.mkdirSync(path.join(dir, 'policies'));
  fs.mkdirSync(path.join(dir, 'broken'));
  fs.mkdirSync(path.join(dir, 'generated'));
  fs.writeFileSync(
    path.join(dir, '.sts-lens.json'),
    JSON.stringify({
      severity: { REDUNDANT_ACTION: 'off', MISSING_VERSION: 'error' },
      ignore: ['generated/**'],
      suppressions: [{ file: 'policies/p1*-passrole-star.json', issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', reason: 'reviewed' }],
    }),
  );
  fs.writeFileSync(path.join(dir, 'broken', '.sts-lens.json'), '{ "ignore": ["x"] "severity": {} }\n');
  const files: string[] = [];
  for (let i = 0; i < 80; i++) {
    const name = FIXTURES[i % FIXTURES.length];
    const file = path.join(i % 20 === 13 ? 'broken' : 'policies', `p${i}-${name}`);
    fs.copyFileSync(fixturePath('policy', name), path.join(dir, file));
    files.push(file);
    if (i === 5) files.push('missing.json');
    if (i === 17) {
      fs.mkdirSync(path.join(dir, 'nested'));
      fs.copyFileSync(fixturePath('policy', 'invalid-action.json'), path.join(dir, 'nested', 'a.json'));
      fs.copyFileSync(fixturePath('policy', 'passrole-star.json'), path.join(dir, 'nested', 'b.json'));
      fs.writeFileSync(path.join(dir, 'nested', 'package.json'), '{ "name": "nested" }');
      files.push('nested');
    }
    if (i === 40) {
      fs.writeFileSync(path.join(dir, 'generated', 'g.json'), '{ "Version": "2012-10-17", "Statement": [] }');
      files.push(path.join('generated', 'g.json'));
    }
    if (i === 60) {
      fs.writeFileSync(path.join(dir, 'policies', 'huge.json'), ' '.repeat(MAX_POLICY_FILE_BYTES + 1));
      files.push(path.join('policies', 'huge.json'));
    }
  }
  return files;
}

describe('sts-lens lint --jobs (worker threads)', function () {
  this.timeout(120_000);
  let dir: string;
  let files: string[];

  before(function () {
    ensureBuiltCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-jobs-'));
    files = makeProject(dir);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const format of ['text', 'json', 'sarif']) {
    it(`writes the same ${format} output, standard error and exit status on 1, 2 and 3 threads and with auto, in the files' order`, () => {
      const one = lint(dir, ['--format', format, '--jobs', '1', ...files]);
      assert.strictEqual(one.report, undefined, 'one thread has no pool');
      assert.strictEqual(one.status, 2, 'the unreadable files and the broken project file make it 2');
      assert.match(one.stderr, /cannot read missing\.json: no such file/);
      assert.match(one.stderr, /broken[\\/]\.sts-lens\.json:1:\d+: error: /);
      if (format !== 'sarif') assert.ok(one.stdout.indexOf('p0-invalid-action.json') < one.stdout.indexOf('p79-bool-mismatch.json'));
      for (const jobs of ['2', '3', 'auto']) {
        const many = lint(dir, ['--format', format, '--jobs', jobs, ...files]);
        assert.strictEqual(many.stdout, one.stdout, `--jobs ${jobs}`);
        assert.strictEqual(many.stderr, one.stderr, `--jobs ${jobs}`);
        assert.strictEqual(many.status, one.status, `--jobs ${jobs}`);
        if (jobs === 'auto') continue;
        // The parallel path was taken: each worker linted files, and every file was linted once.
        assert.ok(many.report, 'the pool reports');
        assert.strictEqual(many.report.threads, Number(jobs));
        assert.strictEqual(many.report.workers.length, Number(jobs) - 1);
        assert.ok(many.report.workers.every((n) => n > 0), `every worker linted files: ${many.report.workers.join()}`);
        assert.strictEqual(many.report.again, 0, 'no file was left for the main thread to lint again');
        // The folder counts as the three files below it.
        assert.strictEqual(many.report.main + many.report.workers.reduce((a, b) => a + b, 0), files.length + 2);
      }
    });
  }

  it('reads standard input on the main thread, where its - stands among the files', () => {
    const input = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObjct","Resource":"*"}}';
    const withStdin = [...files.slice(0, 30), '-', ...files.slice(30)];
    const one = lint(dir, ['--format', 'json', '--jobs', '1', ...withStdin], {}, input);
    const two = lint(dir, ['--format', 'json', '--jobs', '2', ...withStdin], {}, input);
    assert.strictEqual(two.stdout, one.stdout);
    assert.strictEqual(two.stderr, one.stderr);
    assert.strictEqual(two.status, one.status);
    const entries = JSON.parse(two.stdout) as { file: string; findings: { issueCode: string }[] }[];
    const stdin = entries.find((e) => e.file === '-');
    assert.deepStrictEqual(stdin?.findings.map((f) => f.issueCode), ['INVALID_ACTION']);
    assert.ok(two.report && two.report.workers[0] > 0);
  });

  for (const fault of ['exit', 'throw']) {
    it(`lints again on the main thread the files of a worker that ${fault === 'exit' ? 'exits in the middle of its chunk' : 'throws on a file'}`, () => {
      const one = lint(dir, ['--format', 'json', '--jobs', '1', ...files]);
      // With one worker, the worker holds the first files (see STS_LENS_JOBS_REPORT).
      const two = lint(dir, ['--format', 'json', '--jobs', '2', ...files], { STS_LENS_TEST_WORKER_FAULT: `${fault}:${files[2]}` });
      assert.strictEqual(two.stdout, one.stdout);
      assert.strictEqual(two.stderr, one.stderr);
      assert.strictEqual(two.status, one.status);
      assert.ok(two.report, 'the pool reports');
      assert.ok(two.report.again >= 1, `the file was linted again: ${JSON.stringify(two.report)}`);
      assert.strictEqual(two.report.main + two.report.workers[0] + two.report.again, files.length + 2);
      if (fault === 'throw') assert.strictEqual(two.report.again, 1, 'only the file that threw');
    });
  }

  it('goes on to its exit status, quietly, when its output is closed early, as on one thread', () => {
    const quoted = [process.execPath, CLI, 'lint', '--format', 'json', ...files, ...files, ...files].map((a) => `'${a}'`).join(' ');
    for (const jobs of ['1', '2']) {
      const r = spawnSync('bash', ['-c', `${quoted} --jobs ${jobs} | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`], { cwd: dir, encoding: 'utf8', env: { ...process.env, STS_LENS_JOBS_REPORT: '1' } });
      assert.strictEqual(r.status, 2, `--jobs ${jobs}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /EPIPE|Error/, `--jobs ${jobs}`);
    }
  });

  it('keeps a dump given with --auth-details on the main thread, before the files', () => {
    const args = ['--format', 'json', '--auth-details', fixturePath('account', 'auth-details.json'), ...files.slice(0, 40)];
    const one = lint(dir, [...args, '--jobs', '1']);
    const two = lint(dir, [...args, '--jobs', '2']);
    assert.strictEqual(two.stdout, one.stdout);
    assert.strictEqual(two.status, one.status);
    assert.ok(two.report && two.report.workers[0] > 0);
  });

  it('lints a run of a few files on one thread with auto', () => {
    const r = lint(dir, ['--format', 'json', ...files.slice(0, 20)]);
    assert.strictEqual(r.report, undefined);
    assert.strictEqual((JSON.parse(r.stdout) as unknown[]).length, 21, 'the missing file is an entry too, and the folder gives its two policies');
  });

  it('auto keeps a run the size of the AWS managed policies on one thread, gives a larger one the cores, and stays on one on a busy machine', () => {
    const sized = (name: string, count: number, bytes: number) =>
      Array.from({ length: count }, (_, k) => {
        const file = path.join(dir, `${name}-${k}.json`);
        fs.writeFileSync(file, ' '.repeat(bytes));
        return file;
      });
    // 764 policies of 5.4 KB on average: a second thread saved 6% of the wall time for 33% more CPU time.
    const corpusSized = sized('corpus', 764, 5400);
    const large = sized('large', 12, 1 << 20);
    const cores = os.availableParallelism();
    assert.strictEqual(threadsFor('auto', corpusSized, 0), 1);
    assert.strictEqual(threadsFor('auto', large, 0), Math.min(cores, 3));
    assert.strictEqual(threadsFor('auto', large, cores), 1, 'a load average of the cores or more');
    assert.strictEqual(threadsFor(2, large, cores), Math.min(2, large.length), 'a number is taken as asked');
  });

  it('auto sizes at most SIZE_SAMPLE files, spread over the list, and takes them for the rest', function () {
    const cores = os.availableParallelism();
    if (cores < 2) this.skip();
    const sizes = new Map<string, number>();
    const sized: string[] = [];
    const size = (file: string) => {
      sized.push(file);
      return sizes.get(file) ?? 0;
    };
    // 10,000 files of 100 KB: about 1 GB of work, enough for every core.
    const many = Array.from({ length: 10_000 }, (_, k) => `p${k}.json`);
    for (const f of many) sizes.set(f, 100 * 1024);
    assert.strictEqual(threadsFor('auto', many, 0, size), cores);
    assert.strictEqual(sized.length, SIZE_SAMPLE);
    assert.strictEqual(new Set(sized).size, SIZE_SAMPLE);
    assert.ok(sized.includes(many[0]) && sized.some((f) => Number(f.slice(1, -5)) >= 9000), 'from the start of the list to its end');
    // The same files of 1 KB: about 20 MB of work (each file also counts 1 KB), four threads' worth.
    for (const f of many) sizes.set(f, 1024);
    sized.length = 0;
    assert.strictEqual(threadsFor('auto', many, 0, size), Math.min(cores, 4));
    assert.strictEqual(sized.length, SIZE_SAMPLE);
    // Fewer files than the sample: each is sized once.
    sized.length = 0;
    threadsFor('auto', many.slice(0, 5), 0, size);
    assert.deepStrictEqual(sized, many.slice(0, 5));
  });

  it('lowers --jobs to twice the cores the process may use (at least 4), says so in one line on standard error, and writes what one thread writes', function () {
    // taskset gives the process one core, as a container limited to one CPU does.
    if (spawnSync('taskset', ['-c', '0', 'true']).status !== 0) this.skip();
    const one = lint(dir, ['--format', 'json', '--jobs', '1', ...files]);
    const r = spawnSync('taskset', ['-c', '0', process.execPath, CLI, 'lint', '--format', 'json', '--jobs', '5000', ...files], { encoding: 'utf8', cwd: dir, env: { ...process.env, STS_LENS_JOBS_REPORT: '1' }, maxBuffer: 1 << 26 });
    const m = REPORT.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.strictEqual(Number(m[1]), 4, 'four threads: the main thread and three workers');
    const notice = 'sts-lens: --jobs 5000 is lowered to 4 threads: a run uses at most twice the cores this process may use (1), and at least 4.\n';
    assert.strictEqual(r.stderr.replace(REPORT, ''), notice + one.stderr);
    assert.strictEqual(r.stdout, one.stdout);
    assert.strictEqual(r.status, one.status);
    // A number that the files or the cap already bound says nothing.
    const few = lint(dir, ['--format', 'json', '--jobs', '5000', ...files.slice(0, 3)]);
    assert.doesNotMatch(few.stderr, /lowered/);
    assert.strictEqual(threadsFor(5000, files.slice(0, 3).map((f) => path.join(dir, f)), 0), 3);
    assert.strictEqual(threadsFor(5000, files, 0), Math.min(files.length, Math.max(4, 2 * os.availableParallelism())));
  });

  it('rejects --jobs that is not auto or a whole number of threads from 1 up', () => {
    for (const value of ['0', 'x', '1.5', '-1', '']) {
      const r = lint(dir, ['--jobs', value, files[0]]);
      assert.strictEqual(r.status, 2, value);
      assert.match(r.stderr, new RegExp(`--jobs must be auto or a whole number of threads from 1 up; got "${value.replace('.', '\\.')}"`));
    }
    assert.strictEqual(lint(dir, ['--jobs', 'AUTO', '--fail-on', 'none', files[0]]).status, 0);
  });
});
