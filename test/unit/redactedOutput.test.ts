import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './fixtures';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Calls that put text in front of people or into the log without going through src/vscode/output.ts. */
const BYPASSES = [
  /\bshow(Error|Warning|Information)Message\b/,
  /\bcreateOutputChannel\b/,
  /\bconsole\.(log|info|warn|error|debug|trace)\b/,
  /\bprocess\.(stdout|stderr)\b/,
];

describe('redacted output', () => {
  it('sends every notification and log line of the extension through the redacting output module', () => {
    const src = path.join(repoRoot(), 'src');
    const files = [...sources(path.join(src, 'vscode')), ...sources(path.join(src, 'node')), ...sources(path.join(src, 'aws')), path.join(src, 'extension.ts')];
    const offenders = files
      .filter((f) => path.relative(src, f) !== path.join('vscode', 'output.ts'))
      .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, line, i })))
      .filter(({ line }) => BYPASSES.some((re) => re.test(line)))
      .map(({ f, i, line }) => `${path.relative(src, f)}:${i + 1}: ${line.trim()}`);
    assert.deepStrictEqual(offenders, []);
  });

  it('finds a direct call when one is written', () => {
    assert.ok(BYPASSES.some((re) => re.test("void vscode.window.showErrorMessage(`failed: ${e.message}`);")));
    assert.ok(BYPASSES.some((re) => re.test("const { showWarningMessage } = vscode.window;")));
  });
});
