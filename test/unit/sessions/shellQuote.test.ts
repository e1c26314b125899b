import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exportLines } from '../../../src/core/sessions/credentialFormats';
import { quoteForShell, setLine, UnquotableValue, type ShellKind } from '../../../src/core/sessions/shellQuote';

/** Values that run something, or end the quote, when a shell's quoting is wrong. MARK is replaced by a file path. */
const HOSTILE = [
  "it's",
  "'; touch MARK; echo '",
  '"; touch MARK; echo "',
  '$(touch MARK)',
  '`touch MARK`',
  '${HOME}$HOME',
  'a\\',
  'a\\\'; touch MARK; echo \'',
  "\\'; touch MARK #",
  '(touch MARK)',
  '; touch MARK',
  '& touch MARK',
  '| touch MARK',
  'a && touch MARK || touch MARK',
  '> MARK',
  '< /etc/passwd',
  '*',
  '~',
  '#comment',
  '{a,b}',
  'a b  c',
  ' leading and trailing ',
  '!!',
  '\u2018; touch MARK; \u2019',
  '\u2019; touch MARK; \u2018',
  '\u201a\u201b\u201c\u201d',
  '$Env:PATH',
  '@(touch MARK)',
  'ünïcödé ✓ 𝒜',
  '',
  'ASIAEXAMPLE/+=abc',
];

const CONTROLS = ['line\nbreak', 'carriage\rreturn', 'esc\u001b[201~; touch MARK', 'nul\u0000', 'tab\there', 'del\u007f', 'c1\u0085', 'ls\u2028'];

function have(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
}

/** Runs the pasted line and then prints the variable; returns what the shell printed and whether the marker file appeared. */
function paste(shell: 'bash' | 'zsh' | 'fish', kind: ShellKind, value: string, dir: string): { printed: string; ran: boolean } {
  const mark = path.join(dir, 'MARK');
  const line = setLine('STS_LENS_VALUE', value, kind);
  const print = shell === 'fish' ? 'printf "%s" "$STS_LENS_VALUE"' : 'printf "%s" "$STS_LENS_VALUE"';
  const args = shell === 'fish' ? ['--no-config', '-c', `${line}\n${print}`] : shell === 'zsh' ? ['-f', '-c', `${line}\n${print}`] : ['--norc', '--noprofile', '-c', `${line}\n${print}`];
  const r = spawnSync(shell, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } });
  assert.strictEqual(r.status, 0, `${shell} failed on ${JSON.stringify(line)}: ${r.stderr}`);
  return { printed: r.stdout, ran: fs.existsSync(mark) };
}

describe('copy as export lines: quoting for each shell', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-shell-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [shell, kind] of [['bash', 'posix'], ['zsh', 'posix'], ['fish', 'fish']] as const) {
    it(`${shell}: a pasted line runs nothing and sets the exact value, for every hostile value`, function () {
      if (shell !== 'bash' && !have(shell)) this.skip(); // .ci/run installs fish and zsh; bash is required
      for (const raw of HOSTILE) {
        const value = raw.replace('MARK', path.join(dir, 'MARK'));
        const { printed, ran } = paste(shell, kind, value, dir);
        assert.ok(!ran, `${shell} ran a command from ${JSON.stringify(value)}`);
        assert.strictEqual(printed, value, `${shell} changed ${JSON.stringify(value)}`);
      }
    });
  }

  it('PowerShell: doubles every character PowerShell reads as a single quote, typographic ones included', () => {
    assert.strictEqual(quoteForShell('V', "it's", 'powershell'), "'it''s'");
    assert.strictEqual(quoteForShell('V', '\u2018; Remove-Item x; \u2019', 'powershell'), "'\u2018\u2018; Remove-Item x; \u2019\u2019'");
    assert.strictEqual(quoteForShell('V', '\u201a\u201b', 'powershell'), "'\u201a\u201a\u201b\u201b'");
    // Double quotes, $ and backticks are literal inside '...': left as they are.
    assert.strictEqual(quoteForShell('V', '"$(x)`n"\u201c\u201d', 'powershell'), '\'"$(x)`n"\u201c\u201d\'');
    for (const raw of HOSTILE) {
      const q = quoteForShell('V', raw, 'powershell');
      // Between the outer quotes, single-quote characters only come in pairs: the quote never ends early.
      const inner = [...q.slice(1, -1)];
      for (let i = 0; i < inner.length; i++) {
        if (!"'\u2018\u2019\u201a\u201b".includes(inner[i])) continue;
        assert.strictEqual(inner[i + 1], inner[i], `${JSON.stringify(raw)} -> ${q}`);
        i++;
      }
    }
  });

  it('cmd: writes set "NAME=value" and refuses a value with a character cmd expands or that ends the quote', () => {
    assert.strictEqual(setLine('AWS_REGION', 'eu-west-1', 'cmd'), 'set "AWS_REGION=eu-west-1"');
    assert.strictEqual(setLine('V', 'a & b | c < d > e', 'cmd'), 'set "V=a & b | c < d > e"');
    for (const value of ['"& calc.exe', 'a"b', '%PATH%', '%', '!x!', '^&calc']) {
      assert.throws(() => setLine('AWS_SECRET_ACCESS_KEY', value, 'cmd'), (e: unknown) => {
        assert.ok(e instanceof UnquotableValue);
        assert.match(e.message, /^AWS_SECRET_ACCESS_KEY cannot be written safely as a cmd line/);
        if (value.length > 1) assert.ok(!e.message.includes(value), e.message);
        return true;
      }, value);
    }
  });

  it('refuses control characters for every shell, naming the variable and never the value', () => {
    for (const shell of ['posix', 'fish', 'powershell', 'cmd'] as const) {
      for (const value of CONTROLS) {
        assert.throws(() => quoteForShell('AWS_SESSION_TOKEN', `SECRETPART${value}`, shell), (e: unknown) => e instanceof UnquotableValue && /AWS_SESSION_TOKEN/.test(e.message) && /control character/.test(e.message) && !e.message.includes('SECRETPART'), `${shell} ${JSON.stringify(value)}`);
      }
    }
  });

  it('copies real credentials for every shell, and refuses the whole copy when one value cannot be quoted', () => {
    const creds = { accessKeyId: 'ASIAEXAMPLEEXAMPLE12', secretAccessKey: 'abc/def+ghi', sessionToken: 'IQoJb3JpZ2luX2Vj//////////wEa+/=' };
    for (const shell of ['posix', 'fish', 'powershell', 'cmd'] as const) {
      const text = exportLines(creds, { region: 'eu-west-1' }, shell);
      assert.ok(text.includes('IQoJb3JpZ2luX2Vj//////////wEa+/='), shell);
    }
    assert.match(exportLines(creds, { region: 'eu-west-1' }, 'cmd'), /^set "AWS_PROFILE="$/m);
    assert.throws(() => exportLines(creds, { region: 'eu-west-1', endpointUrl: 'https://x.example/%41"&calc' }, 'cmd'), /AWS_ENDPOINT_URL cannot be written safely as a cmd line/);
  });
});
