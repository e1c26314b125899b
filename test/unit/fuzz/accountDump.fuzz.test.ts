import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../../src/cli/main';
import { policiesToLint, readAccountDump } from '../../../src/core/policy/accountDump';
import { MAX_POLICY_NESTING } from '../../../src/core/policy/limits';
import { testCatalog } from '../policy/catalog';
import { accountDumpText, deepPolicyDump } from './fileGenerators';
import { fuzzParameters, fuzzTimeout } from './settings';

interface Entry {
  readonly file: string;
  readonly findings: { issueCode: string }[];
}

describe('fuzz: account dumps (lint --auth-details)', function () {
  this.timeout(fuzzTimeout());
  let dir: string;
  let file: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-fuzz-dump-'));
    file = path.join(dir, 'auth.json');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lint = (text: string) => {
    fs.writeFileSync(file, text);
    let out = '';
    let err = '';
    const code = run(['lint', '--no-config', '--format', 'json', '--fail-on', 'none', '--auth-details', file], (s) => (out += s), (s) => (err += s), testCatalog());
    return { code, out, err };
  };

  it('wrong types, mutations, deep nesting and repeated group names: one result per policy, problems named, exit 0 or 2', () => {
    fc.assert(
      fc.property(accountDumpText, (text) => {
        const { code, out, err } = lint(text);
        assert.ok(code === 0 || code === 2, `exit ${code}: ${err.slice(0, 300)}`);
        assert.doesNotMatch(err, /Maximum call stack|RangeError|TypeError|at .*\.js:\d+/, 'a crash reached the output');
        const dump = readAccountDump(text);
        // A principal's policies are listed once each, however often its GroupList names a group.
        for (const p of dump.principals) assert.strictEqual(new Set(p.policies).size, p.policies.length, `${p.name} lists a policy twice`);
        if (code === 2) {
          assert.match(err, /sts-lens: .*auth\.json: /, 'exit 2 without naming the dump');
          return;
        }
        const entries = JSON.parse(out) as Entry[];
        assert.deepStrictEqual(entries.map((e) => e.file), policiesToLint(dump, false).map((i) => `auth.json#${dump.policies[i].name}`));
        for (const problem of dump.problems) assert.ok(err.includes(problem), `the problem "${problem}" was not reported`);
      }),
      fuzzParameters(40),
    );
  });

  it('a policy nested deep is that policy\'s POLICY_NESTING_TOO_DEEP; every other policy of the dump is linted', () => {
    fc.assert(
      fc.property(deepPolicyDump, ({ text, depth }) => {
        const { code, out, err } = lint(text);
        assert.strictEqual(code, 0, err.slice(0, 300));
        const entries = JSON.parse(out) as Entry[];
        const deep = entries.find((e) => e.file === 'auth.json#role/deep inline:deep');
        // Shallow documents are linted as usual; past the limit, the nesting is the one finding.
        if (depth >= MAX_POLICY_NESTING) assert.deepStrictEqual(deep?.findings.map((f) => f.issueCode), ['POLICY_NESTING_TOO_DEEP']);
        else assert.ok(deep, 'the deep policy has no result');
        const dump = readAccountDump(text);
        assert.strictEqual(entries.length, policiesToLint(dump, false).length, 'a policy of the dump was not linted');
      }),
      fuzzParameters(15),
    );
  });
});
