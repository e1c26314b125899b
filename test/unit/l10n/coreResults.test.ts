// The words of Evaluation Results, policy test results, Simulate Request and the evaluation engine's
// explanations (built in src/core) go through @vscode/l10n: a text left out of l10n.t stays English.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../fixtures';
import { unwrappedCoreStrings } from './coreStrings';

const root = repoRoot();
/** The core files whose words the results, the text trace and the policy tests show. */
const RESULT_FILES = ['src/core/debugging/resultTree.ts', 'src/core/debugging/resultText.ts'];

describe('localisation: words of evaluation results built in core', () => {
  it('sends every text of the results, the trace and the engine\'s explanations through l10n.t', () => {
    const found = RESULT_FILES.flatMap((f) => unwrappedCoreStrings(f, fs.readFileSync(path.join(root, f), 'utf8')));
    assert.deepStrictEqual(found.map((u) => `${u.file}:${u.line} ${u.where} ${u.text}`), []);
  });

  it('finds a text, a single word too, that core returns, pushes, passes as an explanation, keeps in a table or puts into a template without l10n.t', () => {
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      'function trace(key: string, matched: boolean, explanation: string) { return { key, matched, explanation }; }',
      'export function kindLabel(kind: string): string {',
      "  if (kind === 'scp') return 'SCP';",
      "  return kind === 'identity' ? l10n.t('identity policy') : 'resource policy';",
      '}',
      'export function reasons(action: string): string[] {',
      '  const out: string[] = [];',
      '  out.push(`No policy allows ${action}.`);',
      "  out.push(l10n.t('The session policy does not allow {0}.', action));",
      '  return out;',
      '}',
      "export const absent = (key: string) => trace(key, false, `${key} is absent from the request`);",
      "export const fine = (key: string) => trace(key, true, l10n.t('{0} matches.', key));",
      "export const statement = { applies: false, explanation: 'Action does not include it.' };",
      "export const glued = (n: number) => l10n.t('{0} {1}', n, n === 1 ? 'policy' : 'policies');",
      "const TITLES: Readonly<Record<string, string>> = { Allowed: 'ALLOWED', Denied: 'DENIED' };",
      // Not shown words: comparisons, keys, identifiers and text without letters.
      "export const lower = (s: string) => (s.startsWith('aws:') ? s.toLowerCase() : `${s} · ${s}`);",
    ].join('\n');
    const found = unwrappedCoreStrings('sample.ts', sample).map((u) => `${u.line} ${u.text}`);
    assert.deepStrictEqual(found, [
      "4 'SCP'",
      "5 'resource policy'",
      '9 `No policy allows ${action}.`',
      '13 `${key} is absent from the request`',
      "15 'Action does not include it.'",
      "16 'policy'",
      "16 'policies'",
      "17 'ALLOWED'",
      "17 'DENIED'",
    ]);
  });
});
