import * as assert from 'assert';
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../fixtures';
import { CLI, ensureBuiltCli } from './builtCli';


/** Runs the shipped CLI; a run that does not end within a minute fails the test instead of hanging it. */
function cli(args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: repoRoot(), timeout: 60_000, ...options });
  assert.strictEqual(r.signal, null, `the CLI did not end by itself (${String(r.signal)})`);
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides. */
function actsOnTerminal(c: string): boolean {
  const n = c.charCodeAt(0);
  return (n < 0x20 && n !== 0x09 && n !== 0x0a) || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e);
}

const NOT_REGULAR = 'it is not a regular file (a device, pipe or socket); only regular files are read, and - reads standard input';

const POLICY = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('sts-lens with hostile inputs: reads are bounded and output cannot drive the terminal', function () {
  this.timeout(120_000);
  let dir: string;

  before(function () {
    ensureBuiltCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-hostile-'));
    fs.writeFileSync(path.join(dir, 'good.json'), POLICY('s3:GetObjekt'));
    // A repository can commit a link to a device: checking it out puts /dev/zero under a policy's name.
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    fs.writeFileSync(path.join(dir, 'large.json'), `{"Statement":[${'{"Effect":"Allow","Action":"s3:*","Resource":"*"},'.repeat(90_000)}{}]}`);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lint: a file that never ends (a link to /dev/zero) is refused as not a regular file, exit 2, and the other files are linted', () => {
    const r = cli(['lint', path.join(dir, 'zero.json'), path.join(dir, 'good.json')]);
    assert.strictEqual(r.status, 2, r.stderr);
    assert.ok(r.stderr.includes(`sts-lens: cannot read ${path.join(dir, 'zero.json')}: ${NOT_REGULAR}\n`), r.stderr);
    assert.match(r.stdout, /zero\.json:1:1: ERROR FILE_READ_ERROR The file could not be read: it is not a regular file/);
    assert.match(r.stdout, /good\.json:1:\d+: ERROR INVALID_ACTION The action s3:GetObjekt does not exist/);
  });

  it('a pipe named as any input is refused at once, exit 2, instead of waiting for a writer', () => {
    const fifo = path.join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const good = path.join(dir, 'good.json');
    const lint = cli(['lint', fifo, good]);
    assert.strictEqual(lint.status, 2, lint.stderr);
    assert.ok(lint.stderr.includes(`sts-lens: cannot read ${fifo}: ${NOT_REGULAR}\n`), lint.stderr);
    assert.match(lint.stdout, /good\.json:1:\d+: ERROR INVALID_ACTION/);
    const dump = cli(['lint', '--auth-details', fifo]);
    assert.strictEqual(dump.status, 2);
    assert.ok(dump.stderr.includes(`sts-lens: cannot read ${fifo}: ${NOT_REGULAR}\n`), dump.stderr);
    const project = cli(['lint', '--config', fifo, good]);
    assert.strictEqual(project.status, 2);
    assert.match(project.stderr, /fifo\.json.*not a regular file/);
    const check = cli(['check', '--no-public-access', fifo]);
    assert.strictEqual(check.status, 2);
    assert.ok(check.stderr.includes(`sts-lens check: cannot read ${fifo}: ${NOT_REGULAR}\n`), check.stderr);
    const diff = cli(['diff', good, fifo]);
    assert.strictEqual(diff.status, 2);
    assert.ok(diff.stderr.includes(`sts-lens diff: cannot read ${fifo}: ${NOT_REGULAR}\n`), diff.stderr);
    const simulate = cli(['simulate', fifo]);
    assert.strictEqual(simulate.status, 2);
    assert.match(simulate.stderr, /fifo\.json: not a regular file \(a device, pipe or socket\)/);
  });

  it('lint: a regular file over the limit is sized, not read, and reported with its size', () => {
    const r = cli(['lint', '--format', 'json', path.join(dir, 'large.json')]);
    const out = JSON.parse(r.stdout) as { findings: { issueCode: string; findingDetails: string }[] }[];
    assert.deepStrictEqual(out[0].findings.map((f) => f.issueCode), ['POLICY_DOCUMENT_TOO_LARGE']);
    const mb = (fs.statSync(path.join(dir, 'large.json')).size / 1024 / 1024).toFixed(1);
    assert.ok(out[0].findings[0].findingDetails.startsWith(`The document is ${mb} MB, far beyond`), out[0].findings[0].findingDetails);
  });

  it('lint and --auth-details: a UTF-16 file (as PowerShell writes) is refused with the reason and exit 2, not linted as garbage', () => {
    const utf16 = (text: string, bom: boolean) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
    fs.writeFileSync(path.join(dir, 'utf16.json'), utf16(POLICY('s3:GetObject'), true));
    fs.writeFileSync(path.join(dir, 'utf16-nobom.json'), utf16(POLICY('s3:GetObject'), false));
    fs.writeFileSync(path.join(dir, 'dump16.json'), utf16(JSON.stringify({ RoleDetailList: [] }), true));
    const reason = "it is saved as UTF-16 (as Windows PowerShell's > and Out-File write), and policies and account dumps are read as UTF-8: save it again as UTF-8";
    const r = cli(['lint', path.join(dir, 'utf16.json'), path.join(dir, 'utf16-nobom.json'), path.join(dir, 'good.json')]);
    assert.strictEqual(r.status, 2, r.stderr);
    assert.ok(r.stderr.includes(`utf16.json: ${reason}`), r.stderr);
    assert.ok(r.stderr.includes(`utf16-nobom.json: ${reason}`), r.stderr);
    assert.match(r.stdout, /good\.json:1:\d+: ERROR INVALID_ACTION/);
    const d = cli(['lint', '--auth-details', path.join(dir, 'dump16.json')]);
    assert.strictEqual(d.status, 2);
    assert.ok(d.stderr.includes(`dump16.json: ${reason}`), d.stderr);
  });

  it('a file of NUL bytes alone (one cut short by a crash or a full disk) is not called UTF-16 by any reader: each says what is wrong with its text', () => {
    const zeros = path.join(dir, 'zeros.json');
    fs.writeFileSync(zeros, Buffer.alloc(4096));
    const runs: [string[], RegExp][] = [
      [['lint', zeros], /zeros\.json:1:1: ERROR JSON_SYNTAX_ERROR Fix the JSON syntax error at index 0 line 1 column 0: unexpected character/],
      [['lint', '--auth-details', zeros], /^sts-lens: .*zeros\.json: not JSON: /],
      [['simulate', zeros], /^sts-lens simulate: .*zeros\.json: not valid JSON: unexpected character at line 1, column 1\./],
      [['diff', path.join(dir, 'good.json'), zeros], /^sts-lens diff: .*zeros\.json is not a policy that can be compared: the document is not valid JSON \(unexpected character at line 1, column 1\)/],
      [['check', '--no-public-access', zeros], /^sts-lens check: .*zeros\.json is not a policy that can be checked: the document is not valid JSON/],
    ];
    for (const [args, said] of runs) {
      const r = cli(args);
      assert.notStrictEqual(r.status, 0, args.join(' '));
      assert.match(args[0] === 'lint' && args.length === 2 ? r.stdout : r.stderr, said, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.doesNotMatch(r.stdout + r.stderr, /UTF-16/, args.join(' '));
    }
  });

  it('lint -: standard input that never ends is read up to the limit', () => {
    const zero = fs.openSync('/dev/zero', 'r');
    try {
      const r = cli(['lint', '-'], { stdio: [zero, 'pipe', 'pipe'] });
      assert.strictEqual(r.status, 1, r.stderr);
      assert.match(r.stdout, /^-:1:1: ERROR POLICY_DOCUMENT_TOO_LARGE The document is larger than 3\.0 MB/m);
    } finally {
      fs.closeSync(zero);
    }
  });

  it('lint --auth-details, check and diff: a link to a device is refused as not a regular file, exit 2', () => {
    const zero = path.join(dir, 'zero.json');
    const r = cli(['lint', '--auth-details', zero]);
    assert.strictEqual(r.status, 2);
    assert.ok(r.stderr.includes(`sts-lens: cannot read ${zero}: ${NOT_REGULAR}\n`), r.stderr);
    const check = cli(['check', '--no-public-access', zero]);
    assert.strictEqual(check.status, 2);
    assert.ok(check.stderr.includes(`sts-lens check: cannot read ${zero}: ${NOT_REGULAR}\n`), check.stderr);
    const diff = cli(['diff', path.join(dir, 'good.json'), zero]);
    assert.strictEqual(diff.status, 2);
    assert.ok(diff.stderr.includes(`sts-lens diff: cannot read ${zero}: ${NOT_REGULAR}\n`), diff.stderr);
  });

  it('text output writes control characters of a policy as escapes: no escape sequence, carriage return or bidirectional override reaches the terminal', () => {
    const action = 's3:Get\u001b[2J\u001b]0;pwned\u0007Obj\rect\u202e\u009b31m';
    const file = path.join(dir, 'controls.json');
    fs.writeFileSync(file, POLICY(action));
    const text = cli(['lint', file]);
    assert.match(text.stdout, /The action s3:Get\\u001b\[2J\\u001b\]0;pwned\\u0007Obj\\u000dect\\u202e\\u009b31m does not exist/);
    assert.deepStrictEqual([...text.stdout].filter(actsOnTerminal), []);
    // JSON keeps the value: the escapes are JSON's own.
    const json = cli(['lint', '--format', 'json', file]);
    assert.doesNotMatch(json.stdout, /[\u007f-\u009f\u202a-\u202e]/);
    const out = JSON.parse(json.stdout) as { findings: { findingDetails: string }[] }[];
    assert.ok(out[0].findings.some((f) => f.findingDetails.includes(action)), json.stdout);
  });

  it('lint, diff and check: a second - is refused, exit 2, instead of reading standard input again and calling it empty', () => {
    const input = POLICY('s3:GetObject');
    const twice = (n: number) => `- (standard input) is given ${n} times, but standard input can be read only once: give - once, and save the other text to a file.`;
    const runs: [string[], string][] = [
      [['lint', '-', '-'], `sts-lens: ${twice(2)}\n`],
      [['lint', '--auth-details', '-', '-'], `sts-lens: ${twice(2)}\n`],
      [['lint', '-', path.join(dir, 'good.json'), '-', '-'], `sts-lens: ${twice(3)}\n`],
      [['diff', '-', '-'], `sts-lens diff: ${twice(2)}\n`],
      [['check', '--not-granted', 'iam:PassRole', '-', '-'], `sts-lens check: ${twice(2)}\n`],
    ];
    for (const [args, message] of runs) {
      const r = cli(args, { input });
      assert.strictEqual(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.stderr.startsWith(message), `${args.join(' ')}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /empty/);
      assert.strictEqual(r.stdout, '');
    }
    // One - with a file still reads standard input.
    const once = cli(['diff', '-', path.join(dir, 'good.json')], { input });
    assert.strictEqual(once.status, 1, once.stderr);
    assert.match(once.stdout, /s3:GetObjekt/);
  });
});
