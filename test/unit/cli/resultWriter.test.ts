import * as assert from 'assert';
import { resultWriter, type FileResult } from '../../../src/cli/format';
import { LineIndex } from '../../../src/core/policy/parse';
import { toAccessAnalyzerFinding, type Finding } from '../../../src/core/policy';

const span = new LineIndex('{\n  "Statement": []\n}').span(4, 11);

function finding(issueCode: string, findingType: Finding['findingType'], findingDetails: string): Finding {
  return { findingType, issueCode, findingDetails, learnMoreLink: 'https://example.com/', locations: [{ path: [{ value: 'Statement' }, { index: 0 }], span }], fix: { replacement: '""' } };
}

const RESULTS: FileResult[] = [
  { file: 'a.json', policyType: 'IDENTITY_POLICY', findings: [finding('MISSING_VERSION', 'SUGGESTION', 'Add a Version.'), finding('INVALID_ACTION', 'ERROR', 'The action "s3:Get\u0001" does not exist.')] },
  { file: 'b.json', policyType: 'RESOURCE_POLICY', findings: [] },
  { file: 'c.json', policyType: 'TRUST_POLICY', findings: [], suppressed: [{ finding: finding('PASS_ROLE_WITH_STAR_IN_RESOURCE', 'SECURITY_WARNING', 'Pass role.'), reason: 'Reviewed' }] },
];

function written(format: 'text' | 'json', results: FileResult[]): string {
  const pieces: string[] = [];
  const writer = resultWriter(format, (s) => pieces.push(s), '0.0.0');
  for (const r of results) writer.add(r);
  writer.end();
  return pieces.join('');
}

describe('CLI result writer', () => {
  it('writes JSON one file at a time, exactly as one JSON.stringify of the whole array would lay it out', () => {
    for (const n of [0, 1, 2, 3]) {
      const results = RESULTS.slice(0, n);
      const whole = results.map((r) => ({
        file: r.file,
        policyType: r.policyType,
        findings: r.findings.map(toAccessAnalyzerFinding),
        ...(r.suppressed?.length ? { suppressed: r.suppressed.map((s) => ({ ...toAccessAnalyzerFinding(s.finding), reason: s.reason })) } : {}),
      }));
      assert.strictEqual(written('json', results), `${JSON.stringify(whole, null, 2)}\n`, `${n} file(s)`);
    }
  });

  it('writes text one line per finding as each file comes, then the totals', () => {
    assert.strictEqual(
      written('text', RESULTS),
      'a.json:2:3: SUGGESTION MISSING_VERSION Add a Version.\n' +
        'a.json:2:3: ERROR INVALID_ACTION The action "s3:Get\u0001" does not exist.\n' +
        '3 file(s), 2 finding(s): 1 ERROR, 1 SUGGESTION; 1 suppressed by the project file\n',
    );
    assert.strictEqual(written('text', []), '0 file(s), 0 finding(s)\n');
  });

  it('writes each file as it is added, before the run ends', () => {
    const pieces: string[] = [];
    const writer = resultWriter('json', (s) => pieces.push(s), '0.0.0');
    writer.add(RESULTS[0]);
    assert.ok(pieces.join('').includes('"file": "a.json"'));
  });
});
