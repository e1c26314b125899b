import * as assert from 'assert';
import * as fs from 'fs';
import { fileProblems } from '../../../src/core/profiles/fileProblems';
import { fixturePath } from '../fixtures';

const read = (name: string) => fs.readFileSync(fixturePath('aws-config', name), 'utf8');

describe('file problems for the tree', () => {
  it('reports each broken line once, with the reason, in line order', () => {
    const found = fileProblems(read('broken.config'), 'config');
    assert.deepStrictEqual(found.map((p) => p.line + 1), [6, 7, 10]);
    assert.match(found[0].message, /not "key = value"/);
    assert.match(found[1].message, /no closing "\]"/);
    assert.match(found[2].message, /\[profile dev\]/);
    for (const p of found) assert.doesNotMatch(p.message, /wJalr/);
  });

  it('covers the credentials file and leaves semantic findings (cycles) to the chain nodes', () => {
    assert.deepStrictEqual(fileProblems(read('broken.credentials'), 'credentials').map((p) => p.line), [0, 1]);
    assert.deepStrictEqual(fileProblems(read('cycle.config'), 'config'), []);
    assert.deepStrictEqual(fileProblems(read('kinds.config'), 'config'), []);
  });

  it('lists 101 broken lines of each kind, the last saying how many more there are, however many the file has', function () {
    this.timeout(30_000);
    // The SDK reads "k: v" as no setting: the line check reports it where the linter only warns.
    const found = fileProblems(`[default]\n${'k: v\n'.repeat(50_000)}[x]\n`, 'config');
    assert.strictEqual(found.length, 102);
    assert.deepStrictEqual(found.slice(0, 101).map((p) => p.line), Array.from({ length: 101 }, (_, i) => i + 1));
    assert.strictEqual(found[0].message, 'this line is not "key = value", a [section] header or a comment, so the SDK ignores it');
    assert.strictEqual(found[100].message, 'this line is not "key = value", a [section] header or a comment, so the SDK ignores it. 49,899 more findings like this one after it are not listed');
    assert.strictEqual(found[101].line, 50_001);
  });
});
