import * as assert from 'assert';
import fc from 'fast-check';
import { lintPolicy, type Finding } from '../../../src/core/policy';
import { completionsAt, findPolicyRegions, hoverAt, quickFixesFor, summarizeStatements, summarizeTrust } from '../../../src/core/policy/insight';
import { cloudFormationYamlPolicies as readYaml } from '../../../src/core/policy/insight/cloudformationYaml';
import { testCatalog } from '../policy/catalog';
import { mutate, mutation, policyText, seedPolicies } from './generators';
import { fuzzParameters, fuzzTimeout, lineColumn } from './settings';

/** Every finding lies in the document, in order, with line and column matching its offset. */
export function assertFindingsInDocument(text: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    for (const { span } of f.locations) {
      for (const p of [span.start, span.end]) {
        assert.ok(p.offset >= 0 && p.offset <= text.length, `${f.issueCode} at offset ${p.offset} outside a ${text.length}-character document`);
        assert.deepStrictEqual({ line: p.line, column: p.column }, lineColumn(text, p.offset), `${f.issueCode}: line/column disagree with offset ${p.offset}`);
      }
      assert.ok(span.start.offset <= span.end.offset, `${f.issueCode}: range ends before it starts`);
    }
  }
}

describe('fuzz: policies', function () {
  this.timeout(fuzzTimeout());
  const seeds = seedPolicies();
  const catalog = () => testCatalog().catalog;

  before(() => testCatalog().ensureServicesSync(['s3', 'ec2', 'iam', 'sts', 'kms']));

  const check = (text: string) => {
    const r = lintPolicy(text, { policyType: 'auto', catalog: catalog() });
    assertFindingsInDocument(text, r.findings);
    for (const f of r.findings.slice(0, 5)) quickFixesFor(text, f);
    for (const offset of [0, text.length >> 1, text.length]) {
      hoverAt(text, offset, catalog());
      completionsAt(text, offset, catalog());
    }
    summarizeStatements(text, catalog());
    summarizeTrust(text);
  };

  it('mutated real policies, generated structures and random JSON: no throw, findings inside the document', () => {
    fc.assert(fc.property(policyText(seeds), check), fuzzParameters(200));
  });

  it('policies found in JSON, Terraform and YAML map to ranges inside the host', () => {
    const host = fc.tuple(fc.constantFrom('json', 'terraform', 'yaml'), fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 3 })).map(([language, policy, ms]) => {
      const p = ms.reduce(mutate, policy);
      const text = language === 'json' ? `{"Resources": {"R": {"Properties": {"PolicyDocument": ${p}}}}}` : language === 'terraform' ? `resource "aws_iam_policy" "p" {\n  policy = <<EOF\n${p}\nEOF\n}\nx = jsonencode(${p})\n` : `Resources:\n  R:\n    Properties:\n      PolicyDocument: ${p.replace(/\n/g, ' ')}\n`;
      return { language, text };
    });
    fc.assert(
      fc.property(host, ({ language, text }) => {
        for (const region of findPolicyRegions(text, language, { readYaml })) {
          assert.ok(region.start >= 0 && region.start <= region.end && region.end <= text.length, `region ${region.start}-${region.end} outside the host`);
          for (const f of lintPolicy(region.text, { policyType: 'auto', catalog: catalog() }).findings) {
            for (const { span } of f.locations) {
              const start = region.toHostOffset(span.start.offset);
              const end = region.toHostEnd(span.end.offset);
              assert.ok(start >= 0 && end <= text.length, `${f.issueCode} maps to ${start}-${end}, outside the host`);
            }
          }
        }
      }),
      fuzzParameters(30),
    );
  });
});
