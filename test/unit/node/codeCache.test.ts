// The features load through V8's code cache: the first start writes it, later starts use it, and a
// cache that V8 refuses (damaged, or from another build) only means the code compiles as before.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { requireWithCodeCache } from '../../../src/node/codeCache';

/** What a fresh Node process sees when it loads the bundle (V8 keeps compiled code within a process, so each load gets its own). */
interface ChildLoad {
  cache: string;
  answer: string;
  dir: string;
  sameOnRequire: boolean;
  saved: string | null;
}

function loadInChild(bundle: string, cacheFolder: string): ChildLoad {
  const script = `
    const { requireWithCodeCache } = require(${JSON.stringify(path.join(__dirname, '..', '..', '..', 'src', 'node', 'codeCache.js'))});
    const load = requireWithCodeCache(process.argv[1], process.argv[2]);
    load.save().then((saved) => console.log(JSON.stringify({ cache: load.cache, answer: load.exports.answer(), dir: load.exports.dir, sameOnRequire: require(process.argv[1]) === load.exports, saved: saved ?? null })));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, bundle, cacheFolder], { encoding: 'utf8' })) as ChildLoad;
}

describe('code cache of a bundle', function () {
  this.timeout(20000);
  let dir: string;
  let bundle: string;
  let cacheFolder: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-code-cache-'));
    bundle = path.join(dir, 'features.js');
    cacheFolder = path.join(dir, 'storage', 'code-cache');
    fs.writeFileSync(bundle, "const path = require('path');\nexports.answer = () => path.basename(__filename) + ' ' + String(21 * 2);\nexports.dir = __dirname;\n");
  });

  afterEach(() => {
    delete require.cache[bundle];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the bundle as require() would, then writes the cache, owner-only, that the next start uses', () => {
    const first = loadInChild(bundle, cacheFolder);
    assert.deepStrictEqual({ ...first, saved: undefined }, { cache: 'none', answer: 'features.js 42', dir, sameOnRequire: true, saved: undefined });
    assert.ok(first.saved && fs.existsSync(first.saved), 'the cache was written');
    if (process.platform !== 'win32') assert.strictEqual(fs.statSync(first.saved).mode & 0o777, 0o600);
    const second = loadInChild(bundle, cacheFolder);
    assert.strictEqual(second.cache, 'used');
    assert.strictEqual(second.answer, 'features.js 42');
    assert.strictEqual(second.saved, null, 'a cache that was used is not written again');
  });

  it("compiles as before when the cache is damaged, and replaces it; a new build drops the old build's cache", () => {
    const file = loadInChild(bundle, cacheFolder).saved;
    assert.ok(file);
    fs.writeFileSync(file, Buffer.from('not a code cache'));
    const damaged = loadInChild(bundle, cacheFolder);
    assert.deepStrictEqual([damaged.cache, damaged.answer, damaged.saved], ['rejected', 'features.js 42', file]);
    assert.strictEqual(loadInChild(bundle, cacheFolder).cache, 'used', 'the replaced cache is used');
    // A new build (another size) gets a cache of its own, and the old one goes.
    fs.appendFileSync(bundle, 'exports.more = true;\n');
    const rebuilt = loadInChild(bundle, cacheFolder);
    assert.strictEqual(rebuilt.cache, 'none');
    assert.ok(rebuilt.saved && rebuilt.saved !== file);
    assert.deepStrictEqual(fs.readdirSync(cacheFolder), [path.basename(rebuilt.saved)]);
  });

  it('loads the bundle in this process too, and when the cache cannot be written it writes nothing', async () => {
    fs.writeFileSync(path.join(dir, 'storage'), 'a file where the folder should be');
    const load = requireWithCodeCache<{ answer(): string }>(bundle, cacheFolder);
    assert.strictEqual(load.exports.answer(), 'features.js 42');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    assert.strictEqual(require(bundle), load.exports, 'a later require() of the path returns the same module');
    assert.strictEqual(await load.save(), undefined);
  });
});
