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

  it('Node loads no fs/promises, which a lint never uses', () => {
    assert.ok(!lint('pipe').all.some((m) => m.includes('fs/promises')));
  });
});
