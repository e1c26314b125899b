import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CREDENTIALS_FILE_KEYS, PROFILE_KEYS, S3_NESTED_KEYS, SERVICE_NESTED_KEYS, SSO_SESSION_KEYS } from '../../../src/core/profiles/configLintKeys';
import { repoRoot } from '../fixtures';

const root = repoRoot();
const runner = path.join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const config = path.join(root, 'test', 'grammar', 'grammars.json');
const grammarPath = path.join(root, 'syntaxes', 'aws-config.tmLanguage.json');

function runGrammarTests(glob: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [runner, '--compact', '--config', config, glob], { cwd: root, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** The keys in the alternation of a grammar rule's `(a|b|c)(?=\s*[=:])` group. */
function keysOfRule(match: string): string[] {
  const m = /\(\?:\(([^()]+)\)\(\?=/.exec(match);
  assert.ok(m, `no key alternation in ${match.slice(0, 80)}`);
  return m[1].split('|').map((k) => k.replace(/\\(.)/g, '$1')).sort();
}

describe('AWS config TextMate grammar', function () {
  this.timeout(60_000);

  it('passes every grammar test case in test/grammar', () => {
    const cases = fs.readdirSync(path.join(root, 'test', 'grammar')).filter((f) => /\.test\.aws-(?:config|credentials)$/.test(f));
    assert.ok(cases.length >= 3, `expected grammar test cases, found ${cases.join(', ')}`);
    const r = runGrammarTests('test/grammar/*.test.aws-*');
    assert.strictEqual(r.status, 0, r.output);
    for (const c of cases) assert.match(r.output, new RegExp(`${c.replace(/\./g, '\\.')} run successfuly`));
  });

  it('fails a test case whose scopes the grammar does not produce', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-grammar-'));
    try {
      const file = path.join(dir, 'wrong.test.aws-config');
      fs.writeFileSync(file, '# SYNTAX TEST "source.aws-config"\nregoin = us-east-1\n# <------ support.type.property-name.aws-config\n');
      const r = runGrammarTests(file);
      assert.notStrictEqual(r.status, 0, r.output);
      assert.match(r.output, /Missing required scopes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('highlights exactly the keys the linter knows', () => {
    const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));
    const top = [...new Set([...PROFILE_KEYS, ...SSO_SESSION_KEYS, ...CREDENTIALS_FILE_KEYS])].sort();
    const nested = [...new Set([...S3_NESTED_KEYS, ...SERVICE_NESTED_KEYS])].sort();
    assert.deepStrictEqual(keysOfRule(grammar.repository.entry.match), top);
    assert.deepStrictEqual(keysOfRule(grammar.repository['nested-entry'].match), nested);
  });

  it('is contributed for both language ids with a language configuration', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const languages = (pkg.contributes?.languages ?? []) as Array<{ id: string; filenamePatterns?: string[]; configuration?: string }>;
    const grammars = (pkg.contributes?.grammars ?? []) as Array<{ language?: string; scopeName: string; path: string }>;
    for (const [id, scope, pattern] of [['aws-config', 'source.aws-config', '**/.aws/config'], ['aws-credentials', 'source.aws-credentials', '**/.aws/credentials']]) {
      const lang = languages.find((l) => l.id === id);
      assert.ok(lang, `language ${id} is contributed`);
      assert.ok(lang.filenamePatterns?.includes(pattern), `${id} matches ${pattern}`);
      assert.ok(lang.configuration && fs.existsSync(path.join(root, lang.configuration)), `${id} has a language configuration`);
      const g = grammars.find((x) => x.language === id);
      assert.ok(g && g.scopeName === scope && fs.existsSync(path.join(root, g.path)), `${id} has the ${scope} grammar`);
    }
  });
});
