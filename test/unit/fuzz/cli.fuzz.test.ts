import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../../src/cli/main';
import { testCatalog } from '../policy/catalog';
import { fuzzParameters, fuzzTimeout } from './settings';

describe('fuzz: CLI arguments', function () {
  this.timeout(fuzzTimeout());
  let dir: string;
  const files: string[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-fuzz-'));
    const write = (name: string, text: string) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text);
      files.push(f);
    };
    write('ok.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }));
    write('bad.json', '{"Statement": [ {"Effect": "Alow", "Action": "s3:*"} ');
    write('deep.json', `{"Statement":${'['.repeat(3000)}${']'.repeat(3000)}}`);
    write('empty.json', '');
    write('binary.json', '\u0000\uffff\ud800{');
    files.push(dir, path.join(dir, 'missing.json'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('never throws and exits 0, 1 or 2 for any argument list', () => {
    // Standard input ("-") is left out: the property runs in-process and would wait for it.
    const arg = fc.oneof(
      fc.constantFrom('lint', '--format', 'json', 'sarif', 'text', 'TEXT', '--policy-type', 'auto', 'TRUST_POLICY', 'identity_policy', '--fail-on', 'none', 'ERROR', 'SUGGESTION', '--account-id', '123456789012', '12', '--', '-h', '--help', '--version', '--format=json', '--fail-on=', '--policy-type=RESOURCE_POLICY', '-x', '--bogus'),
      fc.constantFrom(...files.length ? files : ['x']),
      fc.string({ maxLength: 12 }).filter((s) => s !== '-'),
    );
    const argv = fc.oneof(fc.array(arg, { maxLength: 8 }), fc.array(arg, { maxLength: 7 }).map((rest) => ['lint', ...rest]));
    fc.assert(
      fc.property(argv, (args) => {
        let out = '';
        let err = '';
        const code = run(args, (s) => (out += s), (s) => (err += s), testCatalog());
        assert.ok([0, 1, 2].includes(code), `exit ${code} for ${JSON.stringify(args)}`);
        assert.ok(out.length > 0 || err.length > 0, `no output at all for ${JSON.stringify(args)}`);
      }),
      fuzzParameters(150),
    );
  });
});
