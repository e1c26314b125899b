import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { repoRoot } from '../fixtures';
import { objectArgumentsToL10n } from './l10nArguments';

const root = repoRoot();

function projectProgram(): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
  assert.ok(config, 'tsconfig.json is read');
  const src = path.join(root, 'src') + path.sep;
  return ts.createProgram(config.fileNames.filter((f) => path.resolve(f).startsWith(src)), config.options);
}

describe('localisation: values given to vscode.l10n.t', function () {
  // A type-checked program of the whole source: seconds, more on a busy machine.
  this.timeout(120_000);

  it('fills every {0} from a string, number or boolean: "The index of the argument is used to match the template placeholder in the localized string"; an object is read as a record of named values', () => {
    const src = path.join(root, 'src') + path.sep;
    const found = objectArgumentsToL10n(projectProgram(), (f) => path.resolve(f).startsWith(src));
    assert.deepStrictEqual(found.map((c) => `${path.relative(root, c.file)}:${c.line}: ${c.call} (${c.type})`), []);
  });

  it('finds a Uri given for {0}, as the decoded-message hover once did, and leaves named values alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-l10n-'));
    try {
      const file = path.join(dir, 'hover.ts');
      fs.writeFileSync(file, [
        'declare namespace vscode { namespace l10n { function t(message: string, ...args: Array<string | number | boolean>): string; function t(message: string, args: Record<string, any>): string; } }',
        'declare class Uri { scheme: string; toString(): string; }',
        'declare const link: Uri;',
        "export const broken = vscode.l10n.t('[Open explanation]({0})', link);",
        "export const fixed = vscode.l10n.t('[Open explanation]({0})', link.toString());",
        "export const named = vscode.l10n.t('Hello {name}', { name: 'x' });",
        "export const count = vscode.l10n.t('{0} findings', 3);",
        '',
      ].join('\n'));
      const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022 });
      const found = objectArgumentsToL10n(program, (f) => path.resolve(f) === file);
      assert.deepStrictEqual(found.map((c) => [c.line, c.type]), [[4, 'Uri']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
