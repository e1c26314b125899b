import * as assert from 'assert';
import { fixTitleEnglish } from '../../../src/core/fixTitle';
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
          assert.notStrictEqual(out, text, `${f.issueCode}: "${fixTitleEnglish(fix.title)}" changes nothing`);
          assert.deepStrictEqual(syntaxErrors(out), [], `${f.issueCode}: "${fixTitleEnglish(fix.title)}" broke the JSON:\n${out}`);
          const after = lintPolicy(out, { policyType: 'auto', catalog }).findings;
          const before = findings.filter((x) => x.issueCode === f.issueCode).length;
          assert.ok(after.filter((x) => x.issueCode === f.issueCode).length < before || /Require MFA|:aud condition/.test(fixTitleEnglish(fix.title)), `${f.issueCode}: "${fixTitleEnglish(fix.title)}" did not remove the finding:\n${out}`);
        }
      }
    });
  }

  for (const [list, kept] of [
    ['["s3:Get*", "s3:GetObject"]', '["s3:Get*"]'],
    ['["s3:GetObject", "s3:Get*", "s3:ListBucket"]', '["s3:Get*", "s3:ListBucket"]'],
    ['["s3:ListBucket", "s3:Get*",\n        "s3:GetObject"]', '["s3:ListBucket", "s3:Get*"]'],
  ]) {
    it(`removes the redundant action from ${list.replace(/\s+/g, ' ')} on the list's own lines, the last element included`, () => {
      const text = `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ${list},\n      "Resource": "*"\n    }\n  ]\n}\n`;
      const catalog = catalogFor(text);
      const redundant = lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog }).findings.find((f) => f.issueCode === 'REDUNDANT_ACTION');
      assert.ok(redundant, 'the linter reports s3:GetObject as redundant');
      const out = applyTextEdits(text, quickFixesFor(text, redundant)[0].edits);
      assert.strictEqual(out, text.replace(list, kept));
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
