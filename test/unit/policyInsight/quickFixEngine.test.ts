import * as assert from 'assert';
import * as fs from 'fs';
import { parseTree, type ParseError } from 'jsonc-parser';
import { lintPolicy } from '../../../src/core/policy';
import { applyTextEdits, quickFixesFor } from '../../../src/core/policy/insight';
import { fixturePath } from '../fixtures';
import { catalogFor, readFixture } from './helpers';

function syntaxErrors(text: string): ParseError[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors;
}

describe('quick fixes for the engine findings', () => {
  const files = fs.readdirSync(fixturePath('policy-editor')).filter((f) => /\.jsonc?$/.test(f) && !f.startsWith('not-a-policy') && !f.startsWith('cloudformation'));

  it('run over fixtures that have fixable findings', () => {
    assert.ok(files.length >= 8, files.join(', '));
  });

  for (const file of files) {
    it(`keep ${file} valid and fix what they say they fix`, () => {
      const text = readFixture(file);
      const catalog = catalogFor(text);
      const { findings } = lintPolicy(text, { policyType: 'auto', catalog });
      for (const f of findings) {
        for (const fix of quickFixesFor(text, f)) {
          const out = applyTextEdits(text, fix.edits);
          assert.notStrictEqual(out, text, `${f.issueCode}: "${fix.title}" changes nothing`);
          assert.deepStrictEqual(syntaxErrors(out), [], `${f.issueCode}: "${fix.title}" broke the JSON:\n${out}`);
          const after = lintPolicy(out, { policyType: 'auto', catalog }).findings;
          const before = findings.filter((x) => x.issueCode === f.issueCode).length;
          assert.ok(after.filter((x) => x.issueCode === f.issueCode).length < before || /Require MFA|:aud condition/.test(fix.title), `${f.issueCode}: "${fix.title}" did not remove the finding:\n${out}`);
        }
      }
    });
  }

  it('removes a comment without touching the rest of the document', () => {
    const text = readFixture('jsonc-comments.jsonc');
    const { findings } = lintPolicy(text, { policyType: 'auto', catalog: catalogFor(text) });
    const comment = findings.find((f) => f.issueCode === 'JSON_COMMENT');
    assert.ok(comment);
    const [fix] = quickFixesFor(text, comment);
    assert.strictEqual(applyTextEdits(text, fix.edits), text.replace('// Read access for the reporting job', ''));
  });
});
