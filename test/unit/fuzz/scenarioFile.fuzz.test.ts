import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import { parseTree, type ParseError } from 'jsonc-parser';
import * as os from 'os';
import * as path from 'path';
import { runSimulate } from '../../../src/cli/simulate';
import { scenarioCases } from '../../../src/core/debugging/scenarioRun';
import { MAX_SCENARIO_NESTING } from '../../../src/core/evaluation/scenario';
import { excessiveNestingAt } from '../../../src/core/policy/limits';
import { testCatalog } from '../policy/catalog';
import { scenarioFileText } from './fileGenerators';
import { fuzzParameters, fuzzTimeout } from './settings';

describe('fuzz: scenario files', function () {
  this.timeout(fuzzTimeout());
  let project: string;
  let file: string;

  before(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-fuzz-scenario-'));
    fs.writeFileSync(path.join(project, '.sts-lens.json'), '{}');
    fs.writeFileSync(path.join(project, 'policy.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }));
    fs.mkdirSync(path.join(project, 'dir'));
    fs.symlinkSync('/etc/passwd', path.join(project, 'link.json'));
    file = path.join(project, 'cases.policytest.json');
  });

  after(() => fs.rmSync(project, { recursive: true, force: true }));

  it('deep nesting, many cases, wrong types, huge inline policies and hostile paths: a result per case or a clear error, exit 0, 1 or 2', () => {
    fc.assert(
      fc.property(scenarioFileText, (text) => {
        fs.writeFileSync(file, text);
        let out = '';
        let err = '';
        const code = runSimulate(['--format', 'json', file], (s) => (out += s), (s) => (err += s), testCatalog());
        assert.ok([0, 1, 2].includes(code), `exit ${code}`);
        const outcomes = JSON.parse(out) as { file: string; errors?: string[]; decision?: string }[];
        assert.ok(outcomes.length >= 1, 'at least one outcome');
        for (const o of outcomes) {
          assert.ok(o.decision !== undefined || (o.errors?.length ?? 0) > 0, `${o.file}: neither a decision nor an error`);
          for (const e of o.errors ?? []) assert.ok(e.trim().length > 10, `an empty error for ${o.file}`);
        }
        if (outcomes.some((o) => o.errors)) assert.strictEqual(code, 2, 'a file with errors exits 2');
        // What a refused path holds never reaches the output.
        assert.ok(!out.includes('root:x:0:0') && !err.includes('root:x:0:0'), '/etc/passwd was read');
        // A file that is not JSON is reported with the line and column of the first error.
        const errors: ParseError[] = [];
        const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
        if (excessiveNestingAt(body, MAX_SCENARIO_NESTING) < 0 && (parseTree(body, errors, { allowTrailingComma: true }), errors.length)) {
          assert.match(outcomes[0].errors?.[0] ?? '', /line \d+, column \d+/, 'a syntax error without its position');
        }
        if (outcomes.length > 1) assert.strictEqual(outcomes.length, scenarioCases(text).length, 'one outcome per case');
      }),
      fuzzParameters(25),
    );
  });
});
