import * as assert from 'assert';
import * as fs from 'fs';
import { checkIniSyntax } from '../../../src/core/profiles/iniSyntax';
import { fixturePath } from '../fixtures';

const read = (name: string) => fs.readFileSync(fixturePath('aws-config', name), 'utf8');

describe('AWS file syntax check', () => {
  it('finds nothing wrong in a valid config', () => {
    assert.deepStrictEqual(checkIniSyntax(read('kinds.config'), 'config'), []);
    assert.deepStrictEqual(checkIniSyntax(read('kinds.credentials'), 'credentials'), []);
  });

  it('names the line and the reason for each broken line of a config', () => {
    const found = checkIniSyntax(read('broken.config'), 'config').map((p) => [p.line + 1, p.message]);
    assert.deepStrictEqual(found.map((f) => f[0]), [6, 7, 10]);
    assert.match(String(found[0][1]), /not "key = value"/);
    assert.match(String(found[1][1]), /no closing "\]"/);
    assert.match(String(found[2][1]), /write "\[profile dev\]"/);
  });

  it('never quotes the text of a stray line, which may be a secret', () => {
    for (const p of checkIniSyntax(read('broken.config'), 'config')) assert.doesNotMatch(p.message, /wJalr/);
  });

  it('flags settings before any section and the profile prefix in the credentials file', () => {
    const found = checkIniSyntax(read('broken.credentials'), 'credentials');
    assert.deepStrictEqual(found.map((p) => p.line), [0, 1]);
    assert.match(found[0].message, /before any \[section\]/);
    assert.match(found[1].message, /without the "profile " prefix/);
  });

  it('accepts nested services sub-properties and comments', () => {
    assert.deepStrictEqual(checkIniSyntax('# c\n[services x]\nsts =\n  endpoint_url = http://a\n; x\n[profile p] # trailing\nservices = x\n', 'config'), []);
  });
});
