import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../fixtures';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObject'], Resource: '*' }] }, null, 2);

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a broken project file in the CLI', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-broken-project-'));
    fs.mkdirSync(path.join(dir, 'gen'));
    fs.writeFileSync(path.join(dir, 'gen', 'p.json'), POLICY);
  });

  it('a syntax error is named with its line and column, nothing of the file applies, and the run exits 2', () => {
    fs.writeFileSync(path.join(dir, '.sts-lens.json'), '{\n  "ignore": ["gen/**"]\n  "severity": { "REDUNDANT_ACTION": "off" }\n}\n');
    const r = cli(['lint', 'gen/p.json'], dir);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /\.sts-lens\.json:3:3: error: Syntax error: comma expected\. Nothing in this file applies until it is fixed\./);
    assert.doesNotMatch(r.stderr, /CommaExpected|at .*\.js:\d+/);
    // The ignore of the half-read file is not applied: the policy is linted, its redundant action reported.
    assert.match(r.stdout, /REDUNDANT_ACTION/);
  });

  it('hostile globs are errors at their positions and the run ends at once with exit 2', () => {
    const deep = `${'{'.repeat(8000)}a${'}'.repeat(8000)}`;
    fs.writeFileSync(path.join(dir, '.sts-lens.json'), `{\n  "ignore": ["*a*b*a*b*a*b*", "${deep}"],\n  "policyTypes": { "${'x'.repeat(65000)}": "TRUST_POLICY" }\n}\n`);
    fs.writeFileSync(path.join(dir, 'gen', `${'ab'.repeat(50)}.json`), POLICY);
    const r = cli(['lint', 'gen/p.json', `gen/${'ab'.repeat(50)}.json`], dir);
    assert.strictEqual(r.status, 2, r.stderr);
    assert.match(r.stderr, /\.sts-lens\.json:2:31: error: ignore: The glob is 16,001 characters long/);
    assert.match(r.stderr, /\.sts-lens\.json:3:20: error: policyTypes: The glob is 65,000 characters long/);
    // The 13-byte glob is usable: it ignores the long name, which it matches.
    assert.doesNotMatch(r.stdout, /abababab/);
  });
});
