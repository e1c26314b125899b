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

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s|require\(|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('source layering', () => {
  const src = path.join(repoRoot(), 'src');

  it('keeps src/core free of vscode, the AWS SDK, Node I/O and the other layers', () => {
    // The evaluation engine is pure like the linter whose parser and data it shares.
    assert.ok(sources(path.join(src, 'core', 'evaluation')).length > 5);
    const offenders = sources(path.join(src, 'core')).flatMap((f) =>
      imports(f)
        .filter((m) => m === 'vscode' || m.startsWith('@aws-sdk/') || m.startsWith('@smithy/') || /^(?:node:)?(?:fs|child_process|net|http|https)(?:\/|$)/.test(m) || /\.\.\/(?:vscode|aws|cli)\b/.test(m) || /(?:^|\/)extension$/.test(m))
        .map((m) => `${path.relative(src, f)} imports ${m}`));
    assert.deepStrictEqual(offenders, []);
  });

  it('imports vscode only under src/vscode and the AWS SDK only under src/aws', () => {
    const offenders = sources(src).flatMap((f) => {
      const rel = path.relative(src, f);
      return imports(f)
        .filter((m) => (m === 'vscode' && !rel.startsWith('vscode/') && rel !== 'extension.ts') || (m.startsWith('@aws-sdk/') && !rel.startsWith('aws/')))
        .map((m) => `${rel} imports ${m}`);
    });
    assert.deepStrictEqual(offenders, []);
  });

  it('never imports extension.ts from another module', () => {
    const offenders = sources(src).filter((f) => imports(f).some((m) => /(?:^|\/)extension$/.test(m)));
    assert.deepStrictEqual(offenders.map((f) => path.relative(src, f)), []);
  });
});
