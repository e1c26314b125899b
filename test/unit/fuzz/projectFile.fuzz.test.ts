import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../../src/cli/main';
import { lintSettingsFor } from '../../../src/core/policy/config/applyConfig';
import { parseProjectConfig } from '../../../src/core/policy/config/projectConfig';
import { testCatalog } from '../policy/catalog';
import { projectFileText } from './fileGenerators';
import { fuzzParameters, fuzzTimeout, lineColumn } from './settings';

describe('fuzz: .sts-lens.json project files', function () {
  this.timeout(fuzzTimeout());
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-fuzz-project-'));
    fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hostile globs, deep nesting, huge arrays and wrong types: every problem has a message and a position in the file; matching long paths ends', () => {
    const longPath = `${'a/'.repeat(2000)}${'a'.repeat(250)}.json`;
    fc.assert(
      fc.property(projectFileText, (text) => {
        const { config, problems } = parseProjectConfig(text);
        for (const p of problems) {
          assert.ok(p.message.trim().length > 10, `a problem without a message: ${JSON.stringify(p.message)}`);
          assert.ok(p.offset >= 0 && p.offset + p.length <= text.length, `problem at ${p.offset}+${p.length} outside a ${text.length}-character file: ${p.message}`);
          assert.deepStrictEqual({ line: p.span.start.line, column: p.span.start.column }, lineColumn(text, p.offset), `line/column disagree with offset ${p.offset}: ${p.message}`);
        }
        for (const subject of ['policy.json', longPath, 'generated/1/x.json']) lintSettingsFor(config, subject);
      }),
      fuzzParameters(150),
    );
  });

  it('the CLI lints under any project file, or exits 2 naming the project file', () => {
    fc.assert(
      fc.property(projectFileText, (text) => {
        fs.writeFileSync(path.join(dir, '.sts-lens.json'), text);
        let out = '';
        let err = '';
        const code = run(['lint', '--format', 'json', path.join(dir, 'policy.json')], (s) => (out += s), (s) => (err += s), testCatalog());
        assert.ok([0, 1, 2].includes(code), `exit ${code}`);
        if (code === 2) assert.match(err, /\.sts-lens\.json/, `exit 2 without naming the project file: ${err.slice(0, 300)}`);
        else assert.ok(Array.isArray(JSON.parse(out)), 'the JSON output is an array of files');
      }),
      fuzzParameters(60),
    );
  });
});
