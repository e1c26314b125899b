import * as assert from 'assert';
import * as path from 'path';
import { STS_ERROR_KINDS } from '../../../src/core/sessions/errors';
import { repoRoot } from '../fixtures';
import { editorCases, l10nBundle } from './editorCases';

const root = repoRoot();
const EDITOR = path.join(root, 'src', 'vscode', 'profiles', 'stsErrorText.ts');
const DENIAL_EDITOR = path.join(root, 'src', 'vscode', 'profiles', 'denialHintText.ts');

describe('STS error explanations: localisation', () => {
  it('gives every kind of STS error an editor wording of what failed and what to do next through vscode.l10n.t, each template in l10n/bundle.l10n.json', () => {
    const bundle = l10nBundle();
    const cases = editorCases(EDITOR);
    assert.deepStrictEqual([...cases.keys()].sort(), [...STS_ERROR_KINDS].sort());
    for (const kind of STS_ERROR_KINDS) {
      const message = cases.get(kind)?.byProperty.get('message') ?? [];
      const next = cases.get(kind)?.byProperty.get('next') ?? [];
      assert.ok(message.length > 0, `${kind}: no literal vscode.l10n.t template for the message`);
      assert.ok(next.length > 0, `${kind}: no literal vscode.l10n.t template for the next step`);
      for (const t of [...message, ...next]) assert.ok(t in bundle, `${kind}: "${t}" is missing from l10n/bundle.l10n.json (npm run l10n)`);
    }
  });

  it('words the likely cause of a denial (a missing external ID or MFA, said by a profile or the trust policy) through vscode.l10n.t, each template in l10n/bundle.l10n.json', () => {
    const bundle = l10nBundle();
    const cases = editorCases(DENIAL_EDITOR);
    assert.deepStrictEqual([...cases.keys()].sort(), ['externalId', 'mfa']);
    for (const [kind, { all }] of cases) {
      assert.strictEqual(all.length, 2, `${kind}: one template for a profile, one for the trust policy`);
      for (const t of all) assert.ok(t in bundle, `${kind}: "${t}" is missing from l10n/bundle.l10n.json (npm run l10n)`);
    }
  });
});
