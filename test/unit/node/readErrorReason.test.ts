// Why a file cannot be read, for the codes the system gives when it refuses one: the tests run as
// root, which may read every file, so the errors are made here as Node makes them.
import * as assert from 'assert';
import { readErrorReason } from '../../../src/node/boundedRead';
import { createIamCatalog } from '../../../src/node/iamData';

/** An error as fs.openSync throws it: Node's English message with the code and the path in it. */
function nodeError(code: string, syscall = 'open', file = '/home/someone/.sts-lens.json'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: some reason, ${syscall} '${file}'`), { code, syscall, path: file, errno: -1 });
}

describe('why a file cannot be read, in words', () => {
  const cases: [string, string][] = [
    ['EACCES', 'permission denied: the file or a folder above it may not be read by this user'],
    ['EPERM', 'permission denied: the file or a folder above it may not be read by this user'],
    ['ENOTDIR', 'a part of the path before its last name is a file, not a folder'],
    ['ENAMETOOLONG', 'the path or a name in it is longer than the system allows'],
    ['EMFILE', 'too many files are open at once: close some programs and try again'],
    ['ENFILE', 'too many files are open at once: close some programs and try again'],
    ['EIO', 'the disk or device reported an input/output error'],
    ['ENXIO', 'it names a device that is not there'],
    ['EBUSY', 'the file is busy or locked'],
    ['ELOOP', 'it is a loop of symbolic links, which leads to no file'],
  ];
  for (const [code, words] of cases) {
    it(`says ${code} in words, not in Node's message`, () => {
      const reason = readErrorReason(nodeError(code));
      assert.strictEqual(reason, words);
      assert.ok(!reason.includes(code), reason);
    });
  }

  it("keeps Node's own message for a code it does not know", () => {
    assert.strictEqual(readErrorReason(nodeError('EWEIRD')), "EWEIRD: some reason, open '/home/someone/.sts-lens.json'");
  });

  it('says why the IAM data snapshot cannot be read in the same words', () => {
    // A folder: opened, then refused by the first read with EISDIR.
    assert.throws(() => createIamCatalog({ snapshotFile: __dirname }), (e: Error) => e.message === `IAM data snapshot ${__dirname} is unreadable: is a directory. Rebuild it with node esbuild.js.`);
  });
});
