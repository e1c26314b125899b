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

/** Relative imports of a source file, resolved to the files they name (type-only imports included). */
function localImports(file: string): string[] {
  return imports(file)
    .filter((m) => m.startsWith('.'))
    .map((m) => path.resolve(path.dirname(file), m))
    .flatMap((p) => [`${p}.ts`, path.join(p, 'index.ts')].filter((c) => fs.existsSync(c)).slice(0, 1));
}

/** Every import cycle among the files, each once, as the list of files round the loop. */
function importCycles(files: readonly string[]): string[][] {
  const edges = new Map(files.map((f) => [f, localImports(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  for (const start of files) {
    if (state.has(start)) continue;
    // Iterative depth-first walk: the stack holds each file with the index of its next import.
    const stack: { file: string; next: number }[] = [{ file: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1];
      const out = edges.get(top.file) ?? [];
      if (top.next >= out.length) {
        state.set(top.file, 'done');
        stack.pop();
        continue;
      }
      const to = out[top.next++];
      if (state.get(to) === 'open') cycles.push(stack.slice(stack.findIndex((s) => s.file === to)).map((s) => s.file));
      else if (!state.has(to) && edges.has(to)) {
        state.set(to, 'open');
        stack.push({ file: to, next: 0 });
      }
    }
  }
  return cycles;
}

describe('module dependencies', () => {
  it('has no import cycles in src/core: shared types live in their own modules, so the arrows point one way', () => {
    const src = path.join(repoRoot(), 'src');
    const cycles = importCycles(sources(path.join(src, 'core')));
    assert.deepStrictEqual(cycles.map((c) => c.map((f) => path.relative(src, f)).join(' → ')), []);
  });
});
