import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { perFolder } from '../../../src/cli/inputs';
import { threadRun } from '../../../src/cli/lintFile';
import type { IamCatalogHandle } from '../../../src/node/iamData';

describe('lookups per folder in the CLI', () => {
  it('runs a lookup once per folder as written, and gives each folder its own answer', () => {
    const asked: string[] = [];
    const lookup = perFolder((file) => {
      asked.push(file);
      return file.includes('b/') ? undefined : `answer for ${file}`;
    });
    assert.strictEqual(lookup('a/x.json'), 'answer for a/x.json');
    assert.strictEqual(lookup('a/y.json'), 'answer for a/x.json');
    assert.strictEqual(lookup('b/x.json'), undefined);
    assert.strictEqual(lookup('b/z.json'), undefined);
    assert.strictEqual(lookup('x.json'), 'answer for x.json');
    assert.strictEqual(lookup('a/c/x.json'), 'answer for a/c/x.json');
    assert.deepStrictEqual(asked, ['a/x.json', 'b/x.json', 'x.json', 'a/c/x.json']);
  });

  it('finds each file its own project file when files of several folders are linted in one run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-per-folder-'));
    try {
      for (const sub of ['one', 'two', path.join('two', 'inner')]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
      fs.writeFileSync(path.join(dir, 'one', '.sts-lens.json'), '{}\n');
      fs.writeFileSync(path.join(dir, 'two', '.sts-lens.json'), '{}\n');
      const run = threadRun({ policyType: 'IDENTITY_POLICY', strict: false, noConfig: false }, {} as IamCatalogHandle);
      const projectOf = (file: string) => run.project(path.join(dir, file))?.file;
      assert.strictEqual(projectOf('one/a.json'), path.join(dir, 'one', '.sts-lens.json'));
      assert.strictEqual(projectOf('two/a.json'), path.join(dir, 'two', '.sts-lens.json'));
      assert.strictEqual(projectOf('two/inner/a.json'), path.join(dir, 'two', '.sts-lens.json'));
      assert.strictEqual(projectOf('one/b.json'), path.join(dir, 'one', '.sts-lens.json'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
