import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../fixtures';

const root = repoRoot();
const runner = path.join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const config = path.join(root, 'test', 'grammar-policy', 'grammars.json');

function runGrammarTests(glob: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [runner, '--compact', '--config', config, glob], { cwd: root, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('IAM policy injection grammars', function () {
  this.timeout(30_000);

  it('pass every grammar test case in test/grammar-policy', () => {
    const cases = fs.readdirSync(path.join(root, 'test', 'grammar-policy')).filter((f) => f.endsWith('.test.json'));
    assert.ok(cases.length >= 3, `expected grammar test cases, found ${cases.join(', ')}`);
    const r = runGrammarTests('test/grammar-policy/*.test.json');
    assert.strictEqual(r.status, 0, r.output);
  });

  it('are valid manifests of injection grammars that the extension contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const contributed = (pkg.contributes?.grammars ?? []) as Array<{ scopeName: string; path: string; injectTo?: string[] }>;
    for (const file of ['iam-policy-injection.document.tmLanguage.json', 'iam-policy-injection.values.tmLanguage.json', 'iam-policy-injection.keys.tmLanguage.json']) {
      const grammar = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes', file), 'utf8'));
      const entry = contributed.find((g) => g.path === `./syntaxes/${file}`);
      assert.ok(entry, `${file} is not in contributes.grammars`);
      assert.strictEqual(entry.scopeName, grammar.scopeName);
      assert.deepStrictEqual(entry.injectTo, ['source.json', 'source.json.comments']);
    }
  });

  it('know the service prefixes of the installed IAM data (else run test/grammar-policy/update-service-prefixes.js)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script of the repository, found by path.
    const tool = require(path.join(root, 'test', 'grammar-policy', 'update-service-prefixes.js')) as { alternation(): string; patterns(alt: string): { action: string; conditionKey: string }; files(): { values: string; keys: string } };
    const expected = tool.patterns(tool.alternation());
    const f = tool.files();
    assert.strictEqual(JSON.parse(fs.readFileSync(f.values, 'utf8')).repository.action.begin, expected.action);
    assert.strictEqual(JSON.parse(fs.readFileSync(f.keys, 'utf8')).repository['condition-key'].begin, expected.conditionKey);
  });

  it('fail when a scope assertion is wrong (the runner really checks)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grammar-'));
    try {
      const file = path.join(dir, 'wrong.test.json');
      fs.writeFileSync(file, '// SYNTAX TEST "source.json" "wrong on purpose"\n  {"Action": "s3:GetObject"}\n//             ^^ constant.numeric.account.iam\n');
      const r = runGrammarTests(file);
      assert.notStrictEqual(r.status, 0, r.output);
      assert.match(r.output, /constant\.numeric\.account\.iam/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
