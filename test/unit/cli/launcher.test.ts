// The launcher loads the modules of Node that every run needs before it sets V8's flags: Node's code
// cached for its own modules fits only the flags Node started with, so a module loaded after the
// change is compiled from source.
import * as assert from 'assert';
import { spawnSync, type StdioOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixturePath, repoRoot } from '../fixtures';
import { CLI, ensureBuiltCli } from './builtCli';


// Loaded with -r before the launcher: notes Node's modules loaded once V8's flags first change.
const WATCH_FLAGS = `
const v8 = require('v8');
const fs = require('fs');
const setFlags = v8.setFlagsFromString;
let before;
v8.setFlagsFromString = function (flag) {
  before ??= new Set(process.moduleLoadList);
  return setFlags.call(this, flag);
};
process.on('exit', () => {
  const after = process.moduleLoadList.filter((m) => before && !before.has(m) && m.startsWith('NativeModule '));
  fs.writeFileSync(process.env.REPORT, JSON.stringify({ flagsSet: before !== undefined, after, all: process.moduleLoadList }));
});
`;

interface Report {
  flagsSet: boolean;
  /** Node's modules first loaded after the flags changed. */
  after: string[];
  all: string[];
}

describe('CLI launcher: Node modules loaded before the V8 flags change', function () {
  this.timeout(60_000);
  let dir: string;

  before(function () {
    ensureBuiltCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-launcher-'));
    fs.writeFileSync(path.join(dir, 'watch.js'), WATCH_FLAGS);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Lints a policy with standard output to `stdout`; returns what the watcher saw. */
  function lint(stdout: 'pipe' | number): Report {
    const report = path.join(dir, 'report.json');
    const stdio: StdioOptions = ['ignore', stdout, 'pipe'];
    const r = spawnSync(process.execPath, ['-r', path.join(dir, 'watch.js'), CLI, 'lint', '--no-config', '--format', 'json', fixturePath('policy', 'invalid-action.json')], {
      cwd: repoRoot(),
      encoding: 'utf8',
      stdio,
      env: { ...process.env, REPORT: report, STS_LENS_CACHE: path.join(dir, 'cache') },
    });
    assert.strictEqual(r.status, 1, r.stderr);
    return JSON.parse(fs.readFileSync(report, 'utf8')) as Report;
  }

  it('output to a pipe: net, the module behind the pipe, is loaded before the flags change', () => {
    const report = lint('pipe');
    assert.ok(report.flagsSet, 'the launcher sets V8 flags for a lint');
    assert.ok(report.all.includes('NativeModule net'), 'the pipe is a socket');
    assert.deepStrictEqual(report.after.filter((m) => m === 'NativeModule net' || m.includes('stream')), []);
  });

  it('output to a file: the stream that writes it is loaded before the flags change', () => {
    const out = fs.openSync(path.join(dir, 'out.json'), 'w');
    try {
      const report = lint(out);
      assert.ok(report.all.includes('NativeModule internal/fs/sync_write_stream'), 'a file is written by a sync write stream');
      assert.deepStrictEqual(report.after.filter((m) => m.includes('stream')), []);
    } finally {
      fs.closeSync(out);
    }
    assert.match(fs.readFileSync(path.join(dir, 'out.json'), 'utf8'), /INVALID_ACTION/);
  });

  it('the module behind fs.opendirSync, which a lint uses to look for policy tests, is loaded before the flags change', () => {
    const report = lint('pipe');
    assert.ok(report.all.includes('NativeModule internal/fs/dir'), 'the lint listed the folder of its file');
    assert.deepStrictEqual(report.after, [], 'no module of Node is compiled from source');
  });

  it("the launcher loads neither Node's module API nor its ESM loader: the bundle is given the launcher's own require", () => {
    const all = lint('pipe').all;
    assert.ok(!all.includes('NativeModule module'), 'node:module');
    assert.ok(!all.includes('NativeModule internal/modules/esm/loader'), 'the ESM loader');
  });

  it('Node loads no fs/promises, which a lint never uses', () => {
    assert.ok(!lint('pipe').all.some((m) => m.includes('fs/promises')));
  });
});

describe('CLI launcher: the code cache folder', function () {
  this.timeout(60_000);
  let dir: string;

  before(function () {
    ensureBuiltCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-cache-'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stays small across builds: writing a cache keeps only the newest five others, and removes temporary files left an hour ago', () => {
    const v8Dir = path.join(dir, 'v8');
    fs.mkdirSync(v8Dir, { recursive: true });
    const hour = 60 * 60;
    const now = Date.now() / 1000;
    const old = Array.from({ length: 8 }, (_, i) => `cli-${1000 + i}-1700000000000-v20.0.0-x64-files.bin`);
    old.forEach((name, i) => {
      fs.writeFileSync(path.join(v8Dir, name), 'stale');
      fs.utimesSync(path.join(v8Dir, name), now - (10 - i) * hour, now - (10 - i) * hour);
    });
    fs.writeFileSync(path.join(v8Dir, 'cli-1-2-v20-x64-files.bin.77.tmp'), 'killed long ago');
    fs.utimesSync(path.join(v8Dir, 'cli-1-2-v20-x64-files.bin.77.tmp'), now - 2 * hour, now - 2 * hour);
    fs.writeFileSync(path.join(v8Dir, 'cli-1-2-v20-x64-files.bin.78.tmp'), 'being written');
    fs.writeFileSync(path.join(v8Dir, 'notes.txt'), 'not ours');

    const r = spawnSync(process.execPath, [CLI, 'lint', '--no-config', '--format', 'json', fixturePath('policy', 'invalid-action.json')], {
      cwd: repoRoot(),
      encoding: 'utf8',
      env: { ...process.env, STS_LENS_CACHE: dir },
    });
    assert.strictEqual(r.status, 1, r.stderr);

    const left = fs.readdirSync(v8Dir).sort();
    const written = left.filter((n) => n.endsWith('.bin') && !old.includes(n));
    assert.strictEqual(written.length, 1, `this build's cache is written: ${left.join(', ')}`);
    assert.deepStrictEqual(left.filter((n) => old.includes(n)), old.slice(3), 'the five newest others stay, the three oldest go');
    assert.ok(left.includes('cli-1-2-v20-x64-files.bin.78.tmp'), "another run's write in progress stays");
    assert.ok(!left.includes('cli-1-2-v20-x64-files.bin.77.tmp'), 'a temporary file left two hours ago goes');
    assert.ok(left.includes('notes.txt'), 'a file that is not a cache stays');
  });
});
