// A `.sts-lens.json` that names no ordinary file: each is refused with its reason, promptly, and a
// link that leads nowhere is reported where it stands instead of being taken for no project file.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProjectConfig, ProjectConfigFinder } from '../../../src/node/projectConfigFile';
import { isProjectFolderSync } from '../../../src/node/scenarioFiles';
import { readPolicyFile } from '../../../src/cli/inputs';

describe('project files that are not ordinary files', () => {
  let root: string;
  /** A folder `name` whose `.sts-lens.json` is made by `make`, with a policies folder below it. */
  function project(name: string, make: (file: string) => void): string {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'policies'), { recursive: true });
    make(path.join(dir, '.sts-lens.json'));
    return dir;
  }

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-project-files-'));
    // The folder above every case holds a project file of its own: a case that is missed finds it.
    fs.writeFileSync(path.join(root, '.sts-lens.json'), '{"accountIds": ["111122223333"]}');
    project('fifo', (f) => execFileSync('mkfifo', [f]));
    project('zero', (f) => fs.symlinkSync('/dev/zero', f));
    project('folder', (f) => fs.mkdirSync(f));
    project('sparse', (f) => {
      fs.writeFileSync(f, '');
      fs.truncateSync(f, 2 * 1024 ** 3);
    });
    project('loop', (f) => {
      fs.symlinkSync(path.join(path.dirname(f), 'b'), path.join(path.dirname(f), 'a'));
      fs.symlinkSync(path.join(path.dirname(f), 'a'), path.join(path.dirname(f), 'b'));
      fs.symlinkSync(path.join(path.dirname(f), 'a'), f);
    });
    project('dangling', (f) => fs.symlinkSync(path.join(path.dirname(f), 'gone.json'), f));
    project('linked', (f) => {
      fs.writeFileSync(path.join(path.dirname(f), 'real.json'), '{"accountIds": ["444455556666"]}');
      fs.symlinkSync(path.join(path.dirname(f), 'real.json'), f);
    });
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases: [string, string][] = [
    ['fifo', 'not a regular file'],
    ['zero', 'not a regular file'],
    ['folder', 'is a directory'],
    ['sparse', '2,147,483,648 bytes, over the 1,048,576-byte limit of a project file'],
    ['loop', 'it is a loop of symbolic links, which leads to no file'],
    ['dangling', 'it is a link to a file that does not exist'],
  ];
  for (const [name, reason] of cases) {
    it(`${name}: refused with "${reason}", and found as the project file of the files below it`, () => {
      const file = path.join(root, name, '.sts-lens.json');
      assert.strictEqual(loadProjectConfig(file).readError, reason);
      const found = new ProjectConfigFinder().find(path.join(root, name, 'policies', 'p.json'));
      assert.strictEqual(found?.file, file);
      assert.strictEqual(found?.readError, reason);
      assert.ok(isProjectFolderSync(path.join(root, name)));
    });
  }

  it('a link to an ordinary project file is read', () => {
    const found = new ProjectConfigFinder().find(path.join(root, 'linked', 'policies', 'p.json'));
    assert.strictEqual(found?.readError, undefined);
    assert.deepStrictEqual(found?.config.accountIds, ['444455556666']);
  });

  it('the command line names a loop of links and a link to nothing as such, for a policy, a dump or a project file', () => {
    assert.deepStrictEqual(readPolicyFile(path.join(root, 'loop', 'a')), { error: `cannot read ${path.join(root, 'loop', 'a')}: it is a loop of symbolic links, which leads to no file` });
    assert.deepStrictEqual(readPolicyFile(path.join(root, 'dangling', '.sts-lens.json')), { error: `cannot read ${path.join(root, 'dangling', '.sts-lens.json')}: it is a link to a file that does not exist` });
    assert.deepStrictEqual(readPolicyFile(path.join(root, 'missing.json')), { error: `cannot read ${path.join(root, 'missing.json')}: no such file` });
  });
});
