// The words of Evaluation Results, policy test results, Simulate Request and the evaluation engine's
// explanations (built in src/core) go through @vscode/l10n: a text left out of l10n.t stays English.
import * as assert from 'assert';
import * as l10n from '@vscode/l10n';
import { fill } from '../../../src/core/fill';
import { repoRoot } from '../fixtures';
import { areaReport, unwrappedCoreStrings, type CoreWordsArea } from './coreStrings';

const root = repoRoot();
/** The core files whose words the results, the text trace, the policy tests and Simulate Request's prompts show. */
const RESULT_FILES = [
  'src/core/debugging/decodedRequest.ts',
  'src/core/debugging/resultTree.ts',
  'src/core/debugging/resultText.ts',
  'src/core/debugging/scenarioRun.ts',
  'src/core/debugging/simulateChoices.ts',
  'src/core/evaluation/awsOwned.ts',
  'src/core/evaluation/compiledPolicy.ts',
  'src/core/evaluation/conditions.ts',
  'src/core/evaluation/explain.ts',
  'src/core/evaluation/index.ts',
  'src/core/evaluation/policies.ts',
  'src/core/evaluation/scenario.ts',
  'src/core/evaluation/unsentKeys.ts',
];

/** Lists whose elements are lines or parts of a text: the document's, a policy's and a tooltip's. */
const RESULT_AREA: CoreWordsArea = { shown: { arrays: ['out', 'lines', 'tooltip'] } };

describe('localisation: words of evaluation results built in core', () => {
  it('sends every text of the results, the trace and the engine\'s explanations through l10n.t', () => {
    assert.deepStrictEqual(areaReport(root, RESULT_FILES, RESULT_AREA), []);
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
      "const filled = (n: number) => fill(l10n.t('{0} {1}'), n, n === 1 ? 'statement' : 'statements');",
      "function required(action: string): 'trust' | 'key' | undefined { return action.startsWith('sts:') ? 'trust' : undefined; }",
      'const json = (v: string) => l10n.t(\'write {0} to name a principal\', `{"AWS": ${v}}`);',
    ].join('\n');
    const found = unwrappedCoreStrings('sample.ts', sample, RESULT_AREA).map((u) => `${u.line} ${u.text}`);
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
      "19 'statement'",
      "19 'statements'",
    ]);
  });

  it('fills a template as l10n.t fills it, values in any order, a placeholder without a value left as written', () => {
    const cases: [string, (string | number | boolean)[]][] = [
      ['{0} {1} matches {2} under {3}', ['aws:RequestedRegion', '"us-east-1"', '["a", "b"]', 'StringEquals']],
      ['{2} before {0}, then {1}', ['a', 7, false]],
      ['{0}, so {1} is {2}.', ['x', 'StringNotEquals', true]],
      ['no values here', []],
      ['{0} and {1} and {5}', ['only one']],
      ['{} {0} {x} {a{0}} {00} {10}', ['v']],
      ['{0} keeps a value that looks like {1}', ['{1}', 'a placeholder']],
      ['write {0} to name a principal', ['{"AWS": "alice"}']],
      ['unclosed {0', ['v']],
    ];
    for (const [template, values] of cases) assert.strictEqual(fill(template, ...values), l10n.t(template, ...values), template);
  });
});
