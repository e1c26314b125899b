// Why a glob, an STS request, an AWS file, a shell line or an IAM Identity Center sign-in is refused, the words of quick-fix titles and the name of an
// operation that failed are read in the editor: each text goes through @vscode/l10n's t (vscode.l10n.t
// in the editor). The modules beside them that build
// no words (a caller's identities, "did you mean" for a setting) are checked too, so a word added there
// later is not left English; and the access diff's plain-text and Markdown renderings, which only the
// command line prints (English by design), stay out of the editor.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { repoRoot } from '../fixtures';
import { areaReport, filesNaming, sources, unwrappedCoreStrings, type CoreWordsArea } from './coreStrings';
import { literalsIn } from './userStrings';

const root = repoRoot();

const LIMIT_FILES = [
  'src/core/glob/boundedGlob.ts',
  'src/core/sessions/limits.ts',
  'src/core/evaluation/principal.ts',
  'src/core/profiles/configLintSuggest.ts',
  'src/vscode/fixTitleText.ts',
  'src/node/awsFiles.ts',
  'src/core/sessions/shellQuote.ts',
  'src/core/sso/deviceFlow.ts',
];

/**
 * Names, not words: glob syntax put into a template as a value, the IAM user ARN behind a federated user,
 * the shell lines that set or remove a variable (copied to the clipboard), and OAuth's error codes.
 */
const LIMIT_AREA: CoreWordsArea = {
  names: [
    '`export ${variable}=${q}`', '`set -gx ${variable} ${q}`', 'return `$Env:${variable} = ${q}`', '`set "${variable}=${q}"`',
    '`unset ${variable}`', '`set -e ${variable}`', '`Remove-Item Env:${variable} -ErrorAction SilentlyContinue`', '`set "${variable}="`',
    "return 'authorization_pending'", "return 'slow_down'", "return 'expired_token'", "return 'access_denied'", "return 'invalid_grant'",
    "return 'invalid_client'", "return 'unauthorized_client'", "return 'unknown'",
    "a value of l10n.t '{a,b}'",
    'return `arn:${c.partition}:iam::${c.account}:user/${name}`',
  ],
};

/** The argument that names the operation in "{0} failed: …" of the editor's error reporters. */
const OPERATION_ARGUMENT: Record<string, number> = { run: 0, reportError: 2, reportSsoError: 2 };

/** Operations named by literal text that is not an AWS API's name (`AssumeRole`): English in every display language. */
function englishOperations(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in OPERATION_ARGUMENT) {
      const arg = node.arguments[OPERATION_ARGUMENT[node.expression.text]];
      for (const l of arg ? literalsIn(arg) : []) if (!/^['`"][A-Z][A-Za-z]+['`"]$/.test(l.getText(source))) found.push(`${file}:${source.getLineAndCharacterOfPosition(l.getStart(source)).line + 1} ${l.getText(source)}`);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

describe('localisation: glob limits, STS request limits and quick-fix titles', () => {
  it('sends every text of those files through l10n.t', () => {
    assert.deepStrictEqual(areaReport(root, LIMIT_FILES, LIMIT_AREA), []);
  });

  it('finds a refusal, a duration\'s reason or a fix title left out of l10n.t', () => {
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      "const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;",
      "export function globProblem(glob: string) { if (!glob) return { message: 'The glob is empty.', index: 0 }; return { message: `The glob is ${plural(glob.length, 'character')} long.`, index: 0 }; }",
      "function duration(value: number, max: number, why: string, out: string[]) { if (value > max) out.push(l10n.t('duration must be at most {0} seconds ({1})', max, why)); }",
      "duration(7200, 3600, 'role chaining caps sessions at 1 hour', []);",
      "export function fixTitleText(t: { kind: string; service?: string }): string { switch (t.kind) { case 'passRoleOnlyTo': return l10n.t('Allow passing roles only to {0}', t.service ?? 'one service'); default: return 'Remove the comment'; } }",
      // Names, not words: a function typed to return one of a few names, through an alias too.
      "type Match = 'direct' | 'role';",
      "export function match(v: string): Match | undefined { return v === '*' ? 'direct' : undefined; }",
    ].join('\n');
    assert.deepStrictEqual(unwrappedCoreStrings('sample.ts', sample, LIMIT_AREA).map((u) => `${u.line} ${u.text}`), [
      "2 's'",
      "3 'The glob is empty.'",
      "3 `The glob is ${plural(glob.length, 'character')} long.`",
      "5 'role chaining caps sessions at 1 hour'",
      "6 'one service'",
      "6 'Remove the comment'",
    ]);
  });

  it('names the operation that failed in the display language, unless it is an AWS API\'s name', () => {
    const editor = sources(path.join(root, 'src', 'vscode'));
    assert.deepStrictEqual(editor.flatMap((f) => englishOperations(path.relative(root, f), fs.readFileSync(f, 'utf8'))), []);
    const sample = [
      "return run('Start Session', () => start(), retry);",
      "return run(copy ? 'Copy as export lines' : vscode.l10n.t('Copy as JSON'), () => copy(), retry);",
      "return reportError(log, e, 'AssumeRole');",
      "return reportSsoError(log, e, vscode.l10n.t('Sign In'));",
    ].join('\n');
    assert.deepStrictEqual(englishOperations('sample.ts', sample), ["sample.ts:1 'Start Session'", "sample.ts:2 'Copy as export lines'"]);
  });

  it('leaves English only what no person reads in the editor: the English fix titles of tests, and the diff the command line prints', () => {
    // fixTitleEnglish is for tests and plain Node: nothing in src/ shows it.
    assert.deepStrictEqual(filesNaming(root, 'fixTitleEnglish'), ['src/core/fixTitle.ts']);
    // sts-lens diff's text and Markdown; the editor renders the same diff with renderAccessDocument (translated).
    assert.deepStrictEqual(filesNaming(root, 'formatDiffText'), ['src/cli/diff.ts', 'src/core/evaluation/access/index.ts', 'src/core/evaluation/access/render.ts']);
    assert.deepStrictEqual(filesNaming(root, 'formatDiffMarkdown'), ['src/cli/diff.ts', 'src/core/evaluation/access/index.ts', 'src/core/evaluation/access/render.ts']);
  });
});
