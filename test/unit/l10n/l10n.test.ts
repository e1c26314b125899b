import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getL10nJson } from '@vscode/l10n-dev';
import { repoRoot } from '../fixtures';
import { readsAsText, unwrappedStrings } from './userStrings';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const root = repoRoot();
const editorSources = () => [...sources(path.join(root, 'src', 'vscode')), path.join(root, 'src', 'extension.ts')];
const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('localisation', () => {
  it('sends every text the editor shows through vscode.l10n.t', function () {
    this.timeout(60_000);
    const found = editorSources().flatMap((f) => unwrappedStrings(path.relative(root, f), read(f)));
    assert.deepStrictEqual(found.map((u) => `${u.file}:${u.line} ${u.where} ${u.text}`), []);
  });

  it('finds a shown text that is left out of vscode.l10n.t, in each place it can be shown', () => {
    const sample = [
      "import * as vscode from 'vscode';",
      "void vscode.window.showInformationMessage('Signed in', 'Open');",
      'void showWarning(`Copied ${n} lines`);',
      "void vscode.window.showQuickPick(['First', 'Second'], { title: 'Pick one', placeHolder: vscode.l10n.t('Choose') });",
      "void vscode.window.showInputBox({ prompt: 'Role ARN', validateInput: (v) => (v ? undefined : 'Enter a value') });",
      "const item = new vscode.TreeItem('Loading…');",
      "item.tooltip = ok ? vscode.l10n.t('Fine') : 'Broken';",
      "item.description = [active ? 'active' : undefined, region].filter(Boolean).join(' · ');",
      "const lens = new vscode.CodeLens(range, { title: `$(play) Run ${name}`, command: 'x' });",
      "md.appendMarkdown(`Role: ${arn}\\n\\n`);",
      "void vscode.window.withProgress({ location: 1, title: 'Signing in…' }, run);",
      "vscode.window.setStatusBarMessage('Saved', 1000);",
      'const dynamic = vscode.l10n.t(message);',
      "throw new Error('the session was forgotten');",
      "const headline = disagreement.split('. Possible causes')[0];",
      "controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, run); run.errored(item, new vscode.TestMessage('the file could not be read'));",
      // Shown, but with nothing to translate, or already translated: not reported.
      "item.label = `$(key) ${name}`;",
      "item.description = `${a} · ${b}`;",
      "const account = arn.split(':')[4] ?? (name.startsWith('arn:aws') ? name : '');",
      "void vscode.window.showErrorMessage(vscode.l10n.t('Failed: {0}', reason), vscode.l10n.t('Show Log'));",
    ].join('\n');
    const found = unwrappedStrings('sample.ts', sample).map((u) => `${u.line} ${u.text}`);
    assert.deepStrictEqual(found, [
      "2 'Signed in'", "2 'Open'",
      '3 `Copied ${n} lines`',
      "4 'First'", "4 'Second'", "4 'Pick one'",
      "5 'Role ARN'", "5 'Enter a value'",
      "6 'Loading…'",
      "7 'Broken'",
      "8 'active'",
      '9 `$(play) Run ${name}`',
      '10 `Role: ${arn}\\n\\n`',
      "11 'Signing in…'",
      "12 'Saved'",
      '13 vscode.l10n.t(message)',
      "14 'the session was forgotten'",
      "15 '. Possible causes'",
      "16 'Run'", "16 'the file could not be read'",
    ]);
  });

  it('counts codicons and punctuation as nothing to translate', () => {
    assert.strictEqual(readsAsText('$(key) · $(sync~spin) — …'), false);
    assert.strictEqual(readsAsText('$(key) Start'), true);
  });

  it('keeps l10n/bundle.l10n.json equal to what @vscode/l10n-dev exports from src (npm run l10n)', async function () {
    // The exporter parses each file with a WebAssembly grammar: 18 s on two cores at a load of 7, over
    // 40 s at a load of 15. The limit only stops a hang.
    this.timeout(240_000);
    // Files without `l10n.t` add nothing to the export; leaving them out keeps the test quick.
    const files = sources(path.join(root, 'src')).map((f) => ({ extension: '.ts', contents: read(f) })).filter((f) => f.contents.includes('l10n.t('));
    const exported = await getL10nJson(files);
    const committed = JSON.parse(read(path.join(root, 'l10n', 'bundle.l10n.json'))) as Record<string, string>;
    const missing = Object.keys(exported).filter((k) => !(k in committed));
    const stale = Object.keys(committed).filter((k) => !(k in exported));
    assert.deepStrictEqual({ missing, stale }, { missing: [], stale: [] }, 'run npm run l10n and commit l10n/bundle.l10n.json');
    assert.deepStrictEqual(committed, exported);
  });

  it('points package.json at the bundle, and the packaged extension ships it', () => {
    const pkg = JSON.parse(read(path.join(root, 'package.json'))) as { l10n?: string };
    assert.strictEqual(pkg.l10n, './l10n');
    assert.ok(read(path.join(root, '.vscodeignore')).split(/\r?\n/).includes('!l10n/**'));
  });
});

describe('package.nls.json', () => {
  /** Manifest properties whose text people read: command titles, view names, setting descriptions, … */
  const SHOWN = new Set(['title', 'shortTitle', 'description', 'markdownDescription', 'name', 'contents', 'label', 'category', 'displayName', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'markdownDeprecationMessage', 'altText']);
  const pkg = JSON.parse(read(path.join(root, 'package.json'))) as Record<string, unknown>;
  const nls = JSON.parse(read(path.join(root, 'package.nls.json'))) as Record<string, string>;

  function strings(v: unknown, at: string, key: string, out: { at: string; key: string; value: string }[]): typeof out {
    if (typeof v === 'string') out.push({ at, key, value: v });
    else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${at}[${i}]`, key, out));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, `${at}.${k}`, k, out);
    return out;
  }
  const manifestText = () => strings({ displayName: pkg.displayName, description: pkg.description, capabilities: pkg.capabilities, contributes: pkg.contributes }, 'package.json', '', []);
  const reference = (s: string) => /^%([^%]+)%$/.exec(s)?.[1];

  it('gives every command title, view name, welcome text and setting description a key in package.nls.json', () => {
    const shown = manifestText().filter((s) => SHOWN.has(s.key));
    assert.ok(shown.length > 100);
    assert.deepStrictEqual(shown.filter((s) => !reference(s.value)).map((s) => `${s.at}: ${s.value}`), []);
  });

  it('defines every key package.json names, and no key that nothing names', () => {
    const named = new Set(manifestText().map((s) => reference(s.value)).filter((k): k is string => !!k));
    assert.deepStrictEqual([...named].filter((k) => !(k in nls)), []);
    assert.deepStrictEqual(Object.keys(nls).filter((k) => !named.has(k)), []);
  });
});
