import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { repoRoot } from '../fixtures';
import { l10nBundle } from './editorCases';
import { areaReport, unwrappedCoreStrings, type CoreWordsArea } from './coreStrings';

const root = repoRoot();
const AUTHZ = path.join(root, 'src', 'core', 'authz');

/**
 * Where src/core/authz puts the words of an explanation: whole functions that build them, the
 * advice, warnings and notes it collects, and the results' error and summary.
 */
const AUTHZ_AREA: CoreWordsArea = {
  shown: {
    properties: ['error', 'summary'],
    arrays: ['advice', 'warnings', 'notes', 'facts', 'lines', 'out'],
    wordFunctions: [
      // render.ts
      'verdictTitle', 'statedPolicyText', 'principalLines', 'conditionLines', 'statementLines', 'requestLines', 'renderExplanationText', 'statementPhrase', 'renderExplanationMarkdown',
      // verdictWording.ts, statedDenial.ts, decodedFields.ts
      'shortResource', 'describeStatements', 'principalLabel', 'denyConditionAdvice', 'verdictWording', 'whereToLook', 'policyTypeAdvice', 'prefixSourceText',
      // decodeErrors.ts, detect.ts
      'accessDeniedMessage', 'failureMessage', 'describeSize', 'lookalike',
    ],
  },
  /**
   * Names, not words: the condition operators and types of the statement that would allow a request,
   * its Sid, a statement's effect, the codes of why a selection is no message, of where an action's
   * service prefix came from and of a policy type (each worded by its own template where it is shown).
   */
  names: [
    "'StringEquals'", "'NumericEquals'", "'Bool'", "'DateEquals'", "'ArnEquals'", "'IpAddress'", "'bool'", "'numeric'", "'arn'", "'string'",
    "`Allow${words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`", "'Allow'", "'Deny'", "'unknown'",
    "'empty'", "'too-large'", "'not-a-message'", "'too-long'", "'truncated'",
    "words outside l10n.t 'matched statement'", "words outside l10n.t 'resource ARN'", "words outside l10n.t 'condition keys'", "words outside l10n.t 'VPC endpoint policy'",
  ],
};

/** The literal messages of every `l10n.t` call in a source file. */
function templatesIn(text: string): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.expression.getText() === 'l10n.t' && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) out.push(n.arguments[0].text);
    n.forEachChild(visit);
  };
  visit(ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true));
  return out;
}

const authzSources = () => fs.readdirSync(AUTHZ).filter((f) => f.endsWith('.ts')).map((f) => path.join(AUTHZ, f));

describe('decoded authorization message explanations: localisation', () => {
  it('sends every word of an explanation, its advice, notes, warnings and decode failures through l10n.t', () => {
    const files = authzSources();
    assert.ok(files.length >= 10, 'src/core/authz is read');
    assert.deepStrictEqual(areaReport(root, files.map((f) => path.relative(root, f)), AUTHZ_AREA), []);
  });

  it('checks the functions it names: each one is in src/core/authz', () => {
    const text = authzSources().map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const missing = (AUTHZ_AREA.shown?.wordFunctions ?? []).filter((name) => !new RegExp(String.raw`(?:function ${name}\b|const ${name} = )`).test(text));
    assert.deepStrictEqual(missing, []);
  });

  it('finds a word of an explanation left out of l10n.t, and leaves compared values, case labels, keys, locales and markup alone', () => {
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      'function verdictWording(v: string, what: string): string {',
      "  if (v === 'explicit-deny') return `DENIED ${what}`;",
      "  const on = l10n.t('on {0}', 'an unknown resource');",
      "  switch (v) { case 'allowed': return l10n.t('ALLOWED {0} {1}', what, on); }",
      "  const where: Record<string, string> = { 'session policy': l10n.t('the session policy') };",
      "  return `**${what}**: ${where['session policy']} ${(3).toLocaleString('en-US')}` + ' (none)';",
      '}',
      "const statementPhrase = (sid?: string) => (sid ? l10n.t('statement {0}', sid) : '(no Sid)');",
      'function explainObject(advice: string[], warnings: string[], notes: string[]) {',
      "  advice.push(l10n.t('Allow it.'), 'Find the policy.');",
      "  warnings.push(`The action ${a} has no prefix.`);",
      "  notes.push(l10n.t(message));",
      "  const verdict = 'allowed';",
      "  return { ok: false, error: 'The decoded message is not JSON.', reason: 'not-a-message' };",
      '}',
    ].join('\n');
    const found = unwrappedCoreStrings('sample.ts', sample, { shown: { properties: ['error'], arrays: ['advice', 'warnings', 'notes'], wordFunctions: ['verdictWording', 'statementPhrase'] }, names: AUTHZ_AREA.names }).map((u) => `${u.line} ${u.text}`);
    assert.deepStrictEqual(found, [
      '3 `DENIED ${what}`',
      "4 'an unknown resource'",
      "7 ' (none)'",
      "9 '(no Sid)'",
      "11 'Find the policy.'",
      '12 `The action ${a} has no prefix.`',
      '13 l10n.t(message)',
      "15 'The decoded message is not JSON.'",
    ]);
  });

  it('has every template of src/core/authz in l10n/bundle.l10n.json', () => {
    const bundle = l10nBundle();
    const templates = authzSources().flatMap((f) => templatesIn(fs.readFileSync(f, 'utf8')));
    assert.ok(templates.length > 50, `templates are read (${templates.length})`);
    assert.deepStrictEqual(templates.filter((t) => !(t in bundle)), [], 'missing from l10n/bundle.l10n.json: run npm run l10n');
  });
});
