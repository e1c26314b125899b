import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fixturePath, repoRoot } from '../fixtures';

const runner = path.join(repoRoot(), 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const config = fixturePath('authz', 'grammar', 'grammars.json');

function run(file: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [runner, '--compact', '--config', config, file], { cwd: repoRoot(), encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('explanation view grammar', function () {
  this.timeout(30_000);

  it('scopes headings, verdicts, effects, ARNs, condition keys and the embedded JSON', () => {
    const r = run(fixturePath('authz', 'grammar', 'explanation.test.sts-lens-authz'));
    assert.strictEqual(r.status, 0, r.output);
  });

  it('finds the allowing statement and the raw message by their shape, so they read as JSON under translated headings', () => {
    const r = run(fixturePath('authz', 'grammar', 'translated.test.sts-lens-authz'));
    assert.strictEqual(r.status, 0, r.output);
  });

  it('fails on a wrong scope assertion (the runner really checks)', () => {
    const original = fs.readFileSync(fixturePath('authz', 'grammar', 'explanation.test.sts-lens-authz'), 'utf8');
    const broken = fixturePath('authz', 'grammar', 'broken.tmp.sts-lens-authz');
    fs.writeFileSync(broken, original.replace('invalid.illegal.denied.sts-lens-authz', 'markup.inserted.allowed.sts-lens-authz'));
    try {
      const r = run(broken);
      assert.notStrictEqual(r.status, 0, r.output);
    } finally {
      fs.rmSync(broken, { force: true });
    }
  });

  it('is the grammar the extension contributes for its explanation language', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
    const entry = (pkg.contributes.grammars as { language: string; scopeName: string; path: string }[]).find((g) => g.language === 'sts-lens-authz');
    assert.deepStrictEqual(entry && [entry.scopeName, entry.path], ['text.sts-lens-authz', './syntaxes/sts-lens-authz.tmLanguage.json']);
  });
});
