// Why a file in ~/.aws/sso/cache cannot be read, written or removed, in the words the other file
// readers use, never as a bare error code. The tests run as root, which may change every file, so a
// refusal of the system (EACCES, ENOSPC) is made here as Node makes it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deleteCacheFile, readCacheFile, writeCacheFile, writeErrorReason } from '../../../src/node/ssoCacheFiles';

const messageOf = (p: Promise<unknown>): Promise<string> => p.then(() => 'no error', (e: Error) => e.message);

describe('SSO cache files: why one cannot be read, written or removed, in words', () => {
  let dir: string;
  let notAFolder: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-sso-cache-'));
    notAFolder = path.join(dir, 'cache');
    fs.writeFileSync(notAFolder, '');
    fs.mkdirSync(path.join(dir, 'folder', 'a.json'), { recursive: true });
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const NOT_A_FOLDER = 'a part of the path before its last name is a file, not a folder';

  it('a cache folder that is a file: the read names the file and says why, without ENOTDIR', async () => {
    const message = await messageOf(readCacheFile(notAFolder, 'a.json'));
    assert.strictEqual(message, `${path.join(notAFolder, 'a.json')} could not be read: ${NOT_A_FOLDER}`);
  });

  it('a cache folder that is a file: the write names the file and says why, without ENOTDIR or the folder it tried to make', async () => {
    const message = await messageOf(writeCacheFile(path.join(notAFolder, 'sub'), 'a.json', '{}'));
    assert.strictEqual(message, `${path.join(notAFolder, 'sub', 'a.json')} could not be written: ${NOT_A_FOLDER}`);
  });

  it('a cache file that is a folder: the write and the removal say it is a directory', async () => {
    const target = path.join(dir, 'folder', 'a.json');
    assert.strictEqual(await messageOf(writeCacheFile(path.join(dir, 'folder'), 'a.json', '{}')), `${target} could not be written: is a directory`);
    assert.strictEqual(await messageOf(deleteCacheFile(path.join(dir, 'folder'), 'a.json')), `${target} could not be removed: is a directory`);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'folder')), ['a.json'], 'no temporary file is left behind');
  });

  it('a removal under a file says why, without ENOTDIR', async () => {
    assert.strictEqual(await messageOf(deleteCacheFile(notAFolder, 'a.json')), `${path.join(notAFolder, 'a.json')} could not be removed: ${NOT_A_FOLDER}`);
  });

  const refusals: [string, string][] = [
    ['EACCES', 'permission denied: the folder or the file may not be changed by this user'],
    ['EPERM', 'permission denied: the folder or the file may not be changed by this user'],
    ['EROFS', 'the file system is read-only'],
    ['ENOSPC', 'the disk is full'],
    ['EDQUOT', "the user's disk quota is used up"],
    ['EIO', 'the disk or device reported an input/output error'],
  ];
  for (const [code, words] of refusals) {
    it(`says a refused change (${code}) in words`, () => {
      const e = Object.assign(new Error(`${code}: some reason, open '/home/ana/.aws/sso/cache/a.json'`), { code, path: '/home/ana/.aws/sso/cache/a.json' });
      const reason = writeErrorReason(e);
      assert.strictEqual(reason, words);
      assert.ok(!reason.includes(code));
    });
  }
});
