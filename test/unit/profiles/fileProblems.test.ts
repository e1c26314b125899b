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
});
