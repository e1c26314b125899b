// Every reader of untrusted files against hostile inputs: the CLI's lint of files and of account
// dumps (--auth-details), simulate's scenario files, diff, check, the project file (--config), the
// AWS config file, an SSO cache file, and the scanners of terminal and log text for encoded
// authorization messages. Each input that has a size runs at ×1, ×2 and ×4 and the growth per
// doubling is printed (linear ≈ 2×; over 3× is flagged); each line also says what the reader made of
// the input: read, or refused with the reason it gave (which must name the file), or THREW.
// Usage: npm run bench hostileReaders   (HOSTILE_FILTER=config runs the readers whose name has "config")
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../src/cli/main';
import { findEncodedMessages, findEncodedMessagesAround, messagesInSelection } from '../src/core/authz/detect';
import { fileProblems } from '../src/core/profiles/fileProblems';
import { lintAwsConfig } from '../src/core/profiles/configLint';
import { readRegistrationFile, readTokenFile } from '../src/core/sso/cacheFiles';
import { readAwsFile } from '../src/node/awsFiles';
import { createIamCatalog } from '../src/node/iamData';
import { readCacheFile } from '../src/node/ssoCacheFiles';

type Shape = 'json' | 'ini';

interface Input {
  readonly name: string;
  /** The bytes at a scale (1, 2, 4); fixed inputs ignore it. */
  readonly bytes: (scale: number, shape: Shape) => Buffer;
  readonly scales: boolean;
}

interface Reader {
  readonly name: string;
  readonly shape: Shape;
  /** What the reader made of the file: 'read', or the reason it refused it. */
  readonly read: (file: string) => Promise<string>;
}

const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
const INI = '[default]\nregion = eu-west-1\n[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = default\n';
const MB = 1024 * 1024;

function seeded(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let block = crypto.createHash('sha256').update('hostile').digest();
  for (let i = 0; i < bytes; i += block.length) {
    block.copy(out, i);
    block = crypto.createHash('sha256').update(block).digest();
  }
  return out;
}

const text = (s: string) => Buffer.from(s, 'utf8');

const INPUTS: Input[] = [
  { name: 'empty', scales: false, bytes: () => Buffer.alloc(0) },
  { name: 'binary garbage (1 MB)', scales: true, bytes: (k) => seeded(k * MB) },
  { name: 'one line (12.5 MB)', scales: true, bytes: (k, s) => text(s === 'ini' ? `[default]\nregion = ${'x'.repeat(k * 12.5 * MB)}\n` : `{"a":"${'x'.repeat(k * 12.5 * MB)}"}`) },
  { name: 'nesting [[[[ (25k deep)', scales: true, bytes: (k) => text('['.repeat(k * 25_000) + ']'.repeat(k * 25_000)) },
  {
    name: 'keys (250k)',
    scales: true,
    bytes: (k, s) => {
      const n = k * 250_000;
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(s === 'ini' ? `k${i} = v\n` : `"k${i}":0`);
      return text(s === 'ini' ? `[default]\n${parts.join('')}` : `{${parts.join(',')}}`);
    },
  },
  { name: 'NUL bytes (1 MB)', scales: true, bytes: (k) => Buffer.alloc(k * MB) },
  { name: 'CR only lines (1M)', scales: true, bytes: (k, s) => text((s === 'ini' ? INI : POLICY).replace(/\n/g, '\r') + '\r'.repeat(k * MB)) },
  { name: 'invalid UTF-8', scales: false, bytes: (_, s) => Buffer.concat([text(s === 'ini' ? '[default]\nregion = eu' : '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get'), Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]), text(s === 'ini' ? '\n' : 'Object","Resource":"*"}}')]) },
  { name: 'lone surrogate \\ud800', scales: false, bytes: (_, s) => text(s === 'ini' ? '[default]\nregion = \\ud800\n' : POLICY.replace('GetObject', 'Get\\ud800Object')) },
  { name: 'NUL inside', scales: false, bytes: (_, s) => text((s === 'ini' ? INI : POLICY).replace('e', 'e\0')) },
  { name: 'CRLF', scales: false, bytes: (_, s) => text((s === 'ini' ? INI : POLICY.replace(/,/g, ',\n')).replace(/\n/g, '\r\n')) },
  { name: 'BOM', scales: false, bytes: (_, s) => text(`\ufeff${s === 'ini' ? INI : POLICY}`) },
];

function cliReader(name: string, argv: (file: string, good: string) => string[], good: string): Reader {
  const handle = createIamCatalog();
  return {
    name,
    shape: 'json',
    read: (file) => {
      let err = '';
      const status = run(argv(file, good), () => undefined, (s) => (err += s), handle);
      return Promise.resolve(status === 2 ? err.split('\n')[0] : 'read');
    },
  };
}

function readers(dir: string): Reader[] {
  const good = path.join(dir, 'good.json');
  fs.writeFileSync(good, POLICY);
  return [
    cliReader('lint FILE', (f) => ['lint', '--format', 'json', f], good),
    cliReader('lint --auth-details FILE', (f) => ['lint', '--format', 'json', '--auth-details', f], good),
    cliReader('simulate FILE', (f) => ['simulate', f], good),
    cliReader('diff GOOD FILE', (f, g) => ['diff', g, f], good),
    cliReader('check FILE', (f) => ['check', '--no-public-access', f], good),
    cliReader('lint --config FILE GOOD', (f, g) => ['lint', '--format', 'json', '--config', f, g], good),
    {
      name: 'AWS config file',
      shape: 'ini',
      read: async (file) => {
        const loaded = await readAwsFile(file);
        if (loaded.error) return loaded.error;
        lintAwsConfig(loaded.text ?? '', 'config');
        fileProblems(loaded.text ?? '', 'config');
        return 'read';
      },
    },
    {
      name: 'SSO cache file',
      shape: 'json',
      read: async (file) => {
        const t = await readCacheFile(path.dirname(file), path.basename(file));
        const token = readTokenFile(t, { sessionName: 's', startUrl: 'https://example.awsapps.com/start', region: 'eu-west-1' });
        readRegistrationFile(t);
        return token.kind === 'corrupt' ? token.reason : 'read';
      },
    },
    {
      name: 'authz scanners (terminal, log)',
      shape: 'json',
      read: (file) => {
        const t = fs.readFileSync(file, 'utf8');
        findEncodedMessages(t);
        findEncodedMessagesAround(t);
        messagesInSelection(t);
        return Promise.resolve('read');
      },
    },
  ];
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function timed(reader: Reader, file: string): Promise<{ ms: number; outcome: string }> {
  const t0 = cpuMs();
  let outcome: string;
  try {
    outcome = await reader.read(file);
  } catch (e) {
    outcome = `THREW ${(e as Error).message}`;
  }
  return { ms: cpuMs() - t0, outcome };
}

async function main(): Promise<void> {
  const filter = process.env.HOSTILE_FILTER;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-hostile-bench-'));
  try {
    const file = path.join(dir, 'input.json');
    for (const reader of readers(dir).filter((r) => !filter || r.name.includes(filter))) {
      console.log(`\n${reader.name}`);
      for (const input of INPUTS) {
        const scales = input.scales ? [1, 2, 4] : [1];
        const times: number[] = [];
        let outcome = '';
        for (const k of scales) {
          fs.writeFileSync(file, input.bytes(k, reader.shape));
          const r = await timed(reader, file);
          times.push(r.ms);
          outcome = r.outcome;
        }
        const growth = times.slice(1).map((t, i) => t / Math.max(times[i], 1));
        const flag = growth.some((g) => g > 3) ? '  SUPER-LINEAR?' : '';
        const named = outcome === 'read' || outcome.includes(file) || outcome.startsWith('THREW') ? '' : '  (reason does not name the file)';
        const said = outcome.replaceAll(file, 'FILE').slice(0, 110);
        console.log(`  ${input.name.padEnd(26)} ${times.map((t) => `${t.toFixed(0).padStart(6)} ms`).join(' ')}  ${growth.map((g) => `${g.toFixed(1)}×`).join(' ').padEnd(10)} ${said}${flag}${named}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
