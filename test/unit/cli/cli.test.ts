import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixturePath, repoRoot } from '../fixtures';
import { corpusDir } from '../policy/corpus.test';
import { CLI, ensureBuiltCli } from './builtCli';


function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, cwd: repoRoot() });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fx = (name: string) => path.relative(repoRoot(), fixturePath('policy', name));

describe('sts-lens lint (bundled CLI)', function () {
  this.timeout(60_000);

  before(function () {
    ensureBuiltCli();
  });

  it('writes compiler-style text and exits 1 on an ERROR', () => {
    const r = cli(['lint', fx('invalid-action.json')]);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /^test\/fixtures\/policy\/invalid-action\.json:7:9: ERROR INVALID_ACTION The action s3:GetObjekt does not exist\. Did you mean s3:GetObject\?$/m);
  });

  it('exits 0 for a clean policy', () => {
    const r = cli(['lint', fx('valid-identity.json')]);
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
  });

  it('writes the JSON shape: one element per file, in order, findings as Access Analyzer has them', () => {
    const files = [fx('trust-wildcard.json'), fx('valid-identity.json')];
    const r = cli(['lint', '--format', 'json', '--policy-type', 'auto', ...files]);
    assert.strictEqual(r.status, 1);
    const out = JSON.parse(r.stdout) as { file: string; policyType: string; findings: Record<string, unknown>[] }[];
    assert.deepStrictEqual(out.map((o) => [o.file, o.policyType]), [[files[0], 'TRUST_POLICY'], [files[1], 'IDENTITY_POLICY']]);
    assert.deepStrictEqual(Object.keys(out[0]).sort(), ['file', 'findings', 'policyType']);
    const f = out[0].findings[0];
    assert.deepStrictEqual(Object.keys(f).sort(), ['findingDetails', 'findingType', 'issueCode', 'learnMoreLink', 'locations']);
    assert.strictEqual(f.issueCode, 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL');
    assert.deepStrictEqual((f.locations as { path: unknown }[])[0].path, [{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }, { value: 'AWS' }]);
    assert.deepStrictEqual(out[1].findings, []);
  });

  it('honours --fail-on', () => {
    assert.strictEqual(cli(['lint', '--fail-on', 'SECURITY_WARNING', fx('missing-version.json')]).status, 0);
    assert.strictEqual(cli(['lint', '--fail-on', 'WARNING', fx('missing-version.json')]).status, 1);
    assert.strictEqual(cli(['lint', '--fail-on', 'none', fx('invalid-action.json')]).status, 0);
    assert.strictEqual(cli(['lint', '--fail-on=security_warning', '--policy-type=IDENTITY_POLICY', fx('passrole-star.json')]).status, 1);
  });

  it('writes SARIF 2.1.0 with rules, levels and regions', () => {
    const r = cli(['lint', '--format', 'sarif', fx('passrole-star.json')]);
    const sarif = JSON.parse(r.stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.strictEqual(run.tool.driver.name, 'STS Lens');
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
    assert.ok(result);
    assert.strictEqual(result.level, 'error');
    assert.strictEqual(run.tool.driver.rules[result.ruleIndex].id, 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
    assert.strictEqual(result.locations[0].physicalLocation.artifactLocation.uri, 'test/fixtures/policy/passrole-star.json');
    assert.deepStrictEqual([result.locations[0].physicalLocation.region.startLine, result.locations[0].physicalLocation.region.startColumn], [7, 9]);
  });

  it('reports a non-JSON file as a finding on that file, not a crash', () => {
    const r = cli(['lint', '--format', 'json', fx('syntax-error.json')]);
    assert.strictEqual(r.status, 1);
    assert.strictEqual(JSON.parse(r.stdout)[0].findings[0].issueCode, 'JSON_SYNTAX_ERROR');
  });

  it('reports an unreadable file and exits 2', () => {
    const r = cli(['lint', '--format', 'json', 'no/such/policy.json', fx('valid-identity.json')]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /cannot read no\/such\/policy\.json: no such file/);
    const out = JSON.parse(r.stdout);
    assert.strictEqual(out[0].findings[0].issueCode, 'FILE_READ_ERROR');
    assert.strictEqual(out.length, 2);
  });

  it('reads standard input with -', () => {
    const r = cli(['lint', '--format', 'json', '-'], '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObjct","Resource":"*"}}');
    assert.strictEqual(JSON.parse(r.stdout)[0].findings[0].issueCode, 'INVALID_ACTION');
  });

  it('rejects bad usage with exit 2 and a specific message', () => {
    for (const [args, msg] of [
      [['lint'], /no FILE given/],
      [['lint', '--format', 'xml', 'a.json'], /--format must be text, json or sarif; got "xml"/],
      [['lint', '--policy-type', 'ROLE', 'a.json'], /--policy-type must be auto or one of/],
      [['lint', '--fail-on', 'BAD', 'a.json'], /--fail-on must be one of/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['lint', '--nope', 'a.json'], /unknown option "--nope"/],
    ] as [string[], RegExp][]) {
      const r = cli(args);
      assert.strictEqual(r.status, 2, args.join(' '));
      assert.match(r.stderr, msg);
    }
    assert.strictEqual(cli(['--help']).status, 0);
  });

  it('a policy nested 2,700 levels deep prints the depth finding and exits 1, not a stack trace', () => {
    const r = cli(['lint', '-'], `{"Statement":\n${'['.repeat(2700)}${']'.repeat(2700)}}`);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.strictEqual(r.stderr, '');
    assert.match(r.stdout, /^-:2:64: ERROR POLICY_NESTING_TOO_DEEP Objects and arrays are nested more than 64 levels deep/m);
  });

  it('a 48 MB document on standard input gets the size finding, read only up to the limit', () => {
    const r = cli(['lint', '--format', 'json', '-'], `{"Version": "2012-10-17", "Statement": [${'{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},'.repeat(800_000)}{}]}`);
    assert.strictEqual(r.status, 1, r.stderr);
    const [file] = JSON.parse(r.stdout) as { findings: { issueCode: string; findingDetails: string }[] }[];
    assert.deepStrictEqual(file.findings.map((f) => f.issueCode), ['POLICY_DOCUMENT_TOO_LARGE']);
    assert.match(file.findings[0].findingDetails, /^The document is larger than 3\.0 MB, far beyond/);
  });

  it('finds the same in a long run (every service loaded at once, V8 tuned) as in short runs, with V8 defaults or without the code cache', () => {
    // AWS managed policies of the shared corpus: 60 of them name far more services than the threshold.
    const corpus = corpusDir();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-long-run-'));
    const files = fs
      .readdirSync(corpus)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .filter((_, i) => i % 12 === 0)
      .slice(0, 60)
      .map((f) => {
        const file = path.join(dir, f);
        fs.writeFileSync(file, JSON.stringify((JSON.parse(fs.readFileSync(path.join(corpus, f), 'utf8')) as { document: unknown }).document, null, 2));
        return file;
      });
    assert.ok(files.length === 60, 'enough files to pass the load-everything threshold');
    const lint = (batch: string[], env: NodeJS.ProcessEnv = {}) => {
      const r = spawnSync(process.execPath, [CLI, 'lint', '--no-config', '--format', 'json', '--fail-on', 'none', '--policy-type', 'IDENTITY_POLICY', ...batch], { encoding: 'utf8', cwd: repoRoot(), env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
      assert.strictEqual(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { findings: unknown[] }[];
    };
    const cache = path.join(dir, 'cache');
    try {
      const long = lint(files, { STS_LENS_CACHE: cache });
      assert.ok(long.some((f) => f.findings.length > 0), 'the sample has findings to compare');
      const short: unknown[] = [];
      for (let i = 0; i < files.length; i += 10) short.push(...lint(files.slice(i, i + 10)));
      assert.deepStrictEqual(long, short);
      // The second run reads the code cache the first one wrote.
      assert.ok(fs.readdirSync(path.join(cache, 'v8')).some((f) => f.endsWith('-files.bin')));
      assert.deepStrictEqual(lint(files, { STS_LENS_CACHE: cache }), long);
      assert.deepStrictEqual(lint(files, { STS_LENS_CACHE: cache, STS_LENS_V8_DEFAULTS: '1' }), long);
      assert.deepStrictEqual(lint(files, { STS_LENS_NO_CODE_CACHE: '1' }), long);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
