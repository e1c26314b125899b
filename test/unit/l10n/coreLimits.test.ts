// Why a glob or an STS request is refused, and the words of quick-fix titles, are read in the editor: each
// text goes through @vscode/l10n's t (vscode.l10n.t for the titles). The modules beside them that build
// no words (a caller's identities, "did you mean" for a setting) are checked too, so a word added there
// later is not left English; and the access diff's plain-text and Markdown renderings, which only the
// command line prints (English by design), stay out of the editor.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../fixtures';
import { areaReport, unwrappedCoreStrings, type CoreWordsArea } from './coreStrings';

const root = repoRoot();

const LIMIT_FILES = [
  'src/core/glob/boundedGlob.ts',
  'src/core/sessions/limits.ts',
  'src/core/evaluation/principal.ts',
  'src/core/profiles/configLintSuggest.ts',
  'src/vscode/fixTitleText.ts',
  'src/node/awsFiles.ts',
];

/**
 * Names, not words: glob syntax put into a template as a value, and the IAM user ARN behind a federated user.
 */
const LIMIT_AREA: CoreWordsArea = {
  names: [
    "a value of l10n.t '{a,b}'",
    'return `arn:${c.partition}:iam::${c.account}:user/${name}`',
  ],
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The files of src/ that name `identifier`, relative to the repository, with `/` separators. */
function filesNaming(identifier: string): string[] {
  const word = new RegExp(`\\b${identifier}\\b`);
  return sources(path.join(root, 'src')).filter((f) => word.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
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

  it('leaves English only what no person reads in the editor: the English fix titles of tests, and the diff the command line prints', () => {
    // fixTitleEnglish is for tests and plain Node: nothing in src/ shows it.
    assert.deepStrictEqual(filesNaming('fixTitleEnglish'), ['src/core/fixTitle.ts']);
    // sts-lens diff's text and Markdown; the editor renders the same diff with renderAccessDocument (translated).
    assert.deepStrictEqual(filesNaming('formatDiffText'), ['src/cli/diff.ts', 'src/core/evaluation/access/index.ts', 'src/core/evaluation/access/render.ts']);
    assert.deepStrictEqual(filesNaming('formatDiffMarkdown'), ['src/cli/diff.ts', 'src/core/evaluation/access/index.ts', 'src/core/evaluation/access/render.ts']);
  });
});
