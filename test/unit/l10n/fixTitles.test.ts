import * as assert from 'assert';
import * as path from 'path';
import { FIX_TITLE_KINDS } from '../../../src/core/fixTitle';
import { repoRoot } from '../fixtures';
import { editorCases, l10nBundle } from './editorCases';

const EDITOR = path.join(repoRoot(), 'src', 'vscode', 'fixTitleText.ts');

describe('quick-fix titles: localisation', () => {
  it('gives every kind of fix title an editor rendering through vscode.l10n.t, each template in l10n/bundle.l10n.json', () => {
    const bundle = l10nBundle();
    const cases = editorCases(EDITOR);
    assert.deepStrictEqual([...cases.keys()].sort(), [...FIX_TITLE_KINDS].sort());
    for (const kind of FIX_TITLE_KINDS) {
      const templates = cases.get(kind)?.all ?? [];
      assert.ok(templates.length > 0, `${kind}: no literal vscode.l10n.t template`);
      for (const t of templates) assert.ok(t in bundle, `${kind}: "${t}" is missing from l10n/bundle.l10n.json (npm run l10n)`);
    }
  });
});
