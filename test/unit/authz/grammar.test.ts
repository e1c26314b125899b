import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fixturePath, repoRoot } from '../fixtures';
import { loadGrammar, scopesAt, tokenize } from '../grammars/textmate';
import { bundleKey } from '../l10n/bundleKeys';

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

  it('colours a verdict by its shape in any language: a capital or uncased first word, red when a dash follows, and the footer after the raw message', () => {
    const r = run(fixturePath('authz', 'grammar', 'verdicts.test.sts-lens-authz'));
    assert.strictEqual(r.status, 0, r.output);
  });

  describe('the shape of a verdict in the summary', () => {
    const dir = path.join(repoRoot(), 'l10n');
    const english = () => JSON.parse(fs.readFileSync(path.join(dir, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    /** The summary templates that open with the verdict (verdictWording.ts). */
    const verdicts = () => Object.keys(english()).filter((k) => /^(?:DENIED|ALLOWED) \{0\} on \{1\}/.test(k));

    /** Each summary of `bundle` whose verdict the view would not colour as its verdict. */
    async function miscoloured(name: string, bundle: Record<string, string | { message: string }>): Promise<string[]> {
      const grammar = await loadGrammar('text.sts-lens-authz');
      const wrong: string[] = [];
      for (const key of verdicts()) {
        const entry = bundle[key];
        if (entry === undefined) continue;
        const summary = (typeof entry === 'string' ? entry : entry.message).replace(/\{(\d)\}/g, (_, i: string) => ['ec2:RunInstances', 'instance/*', 'statement Guard'][Number(i)]);
        const word = summary.split(' ')[0];
        const scopes = scopesAt(tokenize(grammar, `# Title\n\n${summary}\n`), 2, summary, word, 0);
        const expected = key.startsWith('DENIED') ? 'invalid.illegal.denied.sts-lens-authz' : 'markup.inserted.allowed.sts-lens-authz';
        if (!scopes.includes(expected)) wrong.push(`${name}: ${JSON.stringify(summary)} colours ${word} as ${scopes.join(' ')}, not ${expected}`);
      }
      return wrong;
    }

    it('is found in English and in every translation the extension ships (a translation keeps the verdict first, and the dash of a denial)', async () => {
      assert.strictEqual(verdicts().length, 6, verdicts().join('\n'));
      const shipped = fs.readdirSync(dir).filter((f) => /^bundle\.l10n\.[\w-]+\.json$/.test(f));
      const wrong = [await miscoloured('bundle.l10n.json', english())];
      for (const f of shipped) wrong.push(await miscoloured(f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>));
      assert.deepStrictEqual(wrong.flat(), []);
    });

    it('tells a translator, in each verdict template\'s comment, the shape the view colours: the verdict first, and the dash only in a denial', () => {
      const bundle = english() as Record<string, string | { message: string; comment?: string[] }>;
      const comments = verdicts().map((key) => {
        const entry = bundle[key];
        return { key, comment: typeof entry === 'string' ? '' : (entry.comment ?? []).join(' ') };
      });
      assert.deepStrictEqual(comments.filter((c) => !/the first word/.test(c.comment) || !(c.key.startsWith('DENIED') ? /keep the dash " — "/ : /add no dash " — "/).test(c.comment)).map((c) => c.key), []);
    });

    it('is found in a translation, and a translation that drops the dash of a denial is reported', async () => {
      const german = {
        [bundleKey('DENIED {0} on {1} — explicit deny by {2}')]: 'VERWEIGERT {0} auf {1} — ausdrückliche Verweigerung durch {2}',
        [bundleKey('DENIED {0} on {1} — implicit deny: no statement allows it')]: 'VERWEIGERT {0} auf {1} — implizit: keine Anweisung erlaubt es',
        [bundleKey('ALLOWED {0} on {1}')]: 'ERLAUBT {0} auf {1}',
      };
      assert.deepStrictEqual(await miscoloured('de', german), []);
      assert.deepStrictEqual(await miscoloured('de', { [bundleKey('DENIED {0} on {1} — explicit deny')]: 'VERWEIGERT {0} auf {1}: ausdrücklich' }), [
        'de: "VERWEIGERT ec2:RunInstances auf instance/*: ausdrücklich" colours VERWEIGERT as text.sts-lens-authz markup.inserted.allowed.sts-lens-authz, not invalid.illegal.denied.sts-lens-authz',
      ]);
    });
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
