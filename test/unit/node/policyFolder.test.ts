import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FolderWalker } from '../../../src/node/policyFolder';
import { holdsPolicyDocument } from '../../../src/core/policy/insight/policyDocumentFile';

describe('the walk of a folder for sts-lens lint is bounded however hostile the tree', () => {
  let dir: string;
  const touch = (name: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), '{}');
  };
  const below = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-walk-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('orders each folder by its names, whatever order the file system lists them in', () => {
    for (const name of ['b.json', 'B.json', 'a/z.json', 'a.json', 'é.json', '10.json', '9.json']) touch(name);
    assert.deepStrictEqual(below(new FolderWalker().walk(dir)), ['10.json', '9.json', 'B.json', 'a/z.json', 'a.json', 'b.json', 'é.json']);
  });

  it('does not follow a symbolic link to a folder, so a loop of links ends', function () {
    touch('p/x.json');
    try {
      fs.symlinkSync(dir, path.join(dir, 'p', 'loop'), 'dir');
    } catch {
      this.skip(); // Windows without the right to make links
    }
    const walker = new FolderWalker();
    assert.deepStrictEqual(below(walker.walk(dir)), ['p/x.json']);
    assert.strictEqual(walker.skipped.folderLink, 1);
  });

  it('stops at the depth bound and says where', () => {
    touch('1/2/3/deep.json');
    touch('1/shallow.json');
    const walker = new FolderWalker({ maxDepth: 2, maxEntries: 1000, maxFiles: 1000 });
    assert.deepStrictEqual(below(walker.walk(dir)), []);
    assert.match(walker.stopped ?? '', /3 is more than 2 folders below the folder named/);
  });

  it('stops at the bound on entries before it lists a folder of many files whole', () => {
    for (let i = 0; i < 50; i++) touch(`many/${i}.json`);
    const walker = new FolderWalker({ maxDepth: 8, maxEntries: 20, maxFiles: 1000 });
    assert.deepStrictEqual(walker.walk(dir), []);
    assert.match(walker.stopped ?? '', /more than 20 files and folders/);
  });

  it('stops at the bound on files, keeping the first ones in order', () => {
    for (let i = 0; i < 9; i++) touch(`${i}.json`);
    const walker = new FolderWalker({ maxDepth: 8, maxEntries: 1000, maxFiles: 4 });
    assert.deepStrictEqual(below(walker.walk(dir)), ['0.json', '1.json', '2.json', '3.json']);
    assert.match(walker.stopped ?? '', /more than 4 JSON files/);
  });
});

describe('a JSON file found in a folder is a policy when its top level is an object with a Statement', () => {
  it('takes policies, however their keys are ordered or spaced', () => {
    assert.ok(holdsPolicyDocument('{"Version":"2012-10-17","Statement":[]}'));
    assert.ok(holdsPolicyDocument('\n{ "Id": "x", "Statement": {"Effect": "Deny"}, "Version": "2012-10-17" }'));
  });

  it('takes a policy with comments, a trailing comma or a syntax error, which the linter then reports', () => {
    assert.ok(holdsPolicyDocument('// deploy role\n{ "Statement": [ { "Effect": "Allow", } ] }'));
    assert.ok(holdsPolicyDocument('{ "Statement": [ { "Effect": "Allow"'));
  });

  it('leaves out other JSON: package.json, a CloudFormation template, a Terraform plan, an array of policies', () => {
    assert.ok(!holdsPolicyDocument('{"name":"infra","version":"1.0.0"}'));
    assert.ok(!holdsPolicyDocument('{"Resources":{"Role":{"Properties":{"PolicyDocument":{"Version":"2012-10-17","Statement":[]}}}}}'));
    assert.ok(!holdsPolicyDocument('{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"values":{"policy":"{\\"Statement\\":[]}"}}]}}}'));
    assert.ok(!holdsPolicyDocument('[{"Version":"2012-10-17","Statement":[]}]'));
    assert.ok(!holdsPolicyDocument('{"Version":"2012-10-17","Policy":{"Statement":[]}'));
  });
});
