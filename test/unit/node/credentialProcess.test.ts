// A profile's credential_process, run with a time limit, a stop on cancel and a bound on what is read:
// what a person is told names the profile and the program, never its arguments or what it printed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isCredentialSourceError } from '../../../src/core/profiles/localCredentials';
import { commandName, runCredentialProcess } from '../../../src/node/credentialProcess';
import { processAlive as alive } from '../fixtures';

/** Waits until `probe` holds, looking again every 20 ms: the test waits for a state, not a time. */
async function until(what: string, probe: () => boolean, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a credential_process run with limits', function () {
  this.timeout(30_000);
  let dir: string;
  /** An executable script in the test folder; its path is the command's first word. */
  const script = (name: string, body: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-credential-process-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops a command that never ends at the limit and says so, naming the profile and the program, not its arguments', async () => {
    const pidFile = path.join(dir, 'hang.pid');
    const hang = script('hang.sh', `echo $$ > ${pidFile}\nexec sleep 3600`);
    const err = await runCredentialProcess(`${hang} --token SECRET-ARGUMENT-1234`, { profile: 'vault', timeoutMs: 1000 }).then(() => undefined, (e: unknown) => e);
    assert.ok(isCredentialSourceError(err), String(err));
    assert.strictEqual(err.message, `The credential_process of profile vault (${hang}) did not finish within 1 second and was stopped. It may be waiting for input that cannot be given here (a prompt or a sign-in): run it in a terminal to see what it waits for.`);
    assert.doesNotMatch(err.message, /SECRET-ARGUMENT/);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    await until('the stopped process to be gone', () => !alive(pid));
  });

  it('stops the command when the person cancels', async () => {
    const pidFile = path.join(dir, 'cancel.pid');
    const hang = script('cancel.sh', `echo $$ > ${pidFile}\nexec sleep 3600`);
    const abort = new AbortController();
    const run = runCredentialProcess(hang, { profile: 'vault', signal: abort.signal }).then(() => 'resolved', (e: Error) => e.name);
    await until('the process to start', () => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').trim() !== '');
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.ok(alive(pid));
    abort.abort();
    assert.strictEqual(await run, 'CredentialProcessCancelled');
    await until('the cancelled process to be gone', () => !alive(pid));
  });

  it('refuses an output over 1 MB by its size, says what a valid output is, and repeats none of it', async () => {
    const flood = script('flood.sh', "head -c 3000000 /dev/zero | tr '\\000' 'S'");
    await assert.rejects(runCredentialProcess(`${flood} prod`, { profile: 'big' }), (e: Error) => {
      assert.ok(isCredentialSourceError(e));
      assert.strictEqual(e.message, `The credential_process of profile big (${flood}) printed more than 1.0 MB, the most that is read; a valid output is one JSON object of a few hundred bytes: {"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…", "Expiration": "2026-01-01T00:00:00Z"}.`);
      assert.doesNotMatch(e.message, /SSSS/);
      return true;
    });
  });

  it('reads Version 1 credentials as the SDK does', async () => {
    const good = script('good.sh', `echo '{"Version": 1, "AccessKeyId": "AKIAEXAMPLE", "SecretAccessKey": "secret", "SessionToken": "token", "Expiration": "2999-01-01T00:00:00Z"}'`);
    assert.deepStrictEqual(await runCredentialProcess(good, { profile: 'ok' }), { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date('2999-01-01T00:00:00Z') });
  });

  it('says what is wrong with an output without repeating it', async () => {
    const cases: [string, string][] = [
      ['echo "not json SECRET-OUT"', 'did not print JSON. A valid output is one JSON object: {"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…", "Expiration": "2026-01-01T00:00:00Z"}.'],
      [`echo '{"Version": 2, "AccessKeyId": "SECRET-OUT", "SecretAccessKey": "x"}'`, 'did not print "Version": 1. A valid output is one JSON object: '],
      [`echo '{"Version": 1, "AccessKeyId": "SECRET-OUT"}'`, 'printed no AccessKeyId or SecretAccessKey. A valid output is one JSON object: '],
      [`echo '{"Version": 1, "AccessKeyId": "SECRET-OUT", "SecretAccessKey": "x", "Expiration": "2000-01-01T00:00:00Z"}'`, 'printed credentials that have already expired.'],
      ['echo SECRET-OUT >&2; exit 3', 'ended with exit code 3: run it in a terminal to see its message.'],
    ];
    for (const [i, [body, words]] of cases.entries()) {
      const file = script(`bad${i}.sh`, body);
      await assert.rejects(runCredentialProcess(`${file} --password SECRET-ARG`, { profile: 'p' }), (e: Error) => {
        assert.ok(e.message.startsWith(`The credential_process of profile p (${file}) ${words}`), e.message);
        assert.doesNotMatch(e.message, /SECRET/);
        return true;
      });
    }
    await assert.rejects(runCredentialProcess(`${path.join(dir, 'missing-helper')} --key SECRET-ARG`, { profile: 'p' }), {
      message: `The credential_process of profile p (${path.join(dir, 'missing-helper')}) was not found: the shell could run no such command (exit code 127). Check the program's path in the profile.`,
    });
  });

  it('names a command by its first word only, quoted or not', () => {
    assert.strictEqual(commandName('aws-vault export --format=json prod'), 'aws-vault');
    assert.strictEqual(commandName('"/opt/my tools/helper" --secret abc'), '/opt/my tools/helper');
    assert.strictEqual(commandName("  '/opt/x y/h' a"), '/opt/x y/h');
    assert.strictEqual(commandName(`${'a'.repeat(200)} --k v`), '… (200 characters)');
  });

  it('never names a variable set before the program, whose value may be a secret', () => {
    assert.strictEqual(commandName('VAULT_TOKEN=s3cr3t aws-vault export prod'), 'aws-vault');
    assert.strictEqual(commandName('A=1 TOKEN="two words" B=\'x y\' /opt/helper --k v'), '/opt/helper');
    assert.strictEqual(commandName('TOKEN="never closed helper'), 'a command');
    assert.strictEqual(commandName('TOKEN=abc"def ghi" helper'), 'helper');
    assert.strictEqual(commandName('TOKEN=only'), 'a command');
    assert.strictEqual(commandName('   '), 'a command');
    for (const secret of ['s3cr3t', 'two words', 'never closed', 'abc', 'def', 'ghi', 'only']) {
      for (const c of ['VAULT_TOKEN=s3cr3t aws-vault', 'A=1 TOKEN="two words" h', 'TOKEN="never closed helper', 'TOKEN=abc"def ghi" helper', 'TOKEN=only']) {
        assert.ok(!commandName(c).includes(secret), `${c} -> ${commandName(c)}`);
      }
    }
  });
});
