import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { lintPolicy, type Finding } from '../../../src/core/policy';
import { completionsAt, findPolicyRegions, hoverAt, quickFixesFor, summarizeStatements, summarizeTrust } from '../../../src/core/policy/insight';
import { fixturePath } from '../fixtures';
import { testCatalog } from '../policy/catalog';
import { corpusDir } from '../policy/corpus.test';
import { fuzzParameters, fuzzTimeout, lineColumn } from './settings';

/** Real policies to mutate: the test fixtures and a slice of the managed-policy corpus. */
function seedPolicies(): string[] {
  const dir = fixturePath('policy');
  const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const corpus = fs.existsSync(corpusDir())
    ? fs.readdirSync(corpusDir()).filter((f) => f.endsWith('.json')).slice(0, 60).map((f) => JSON.stringify((JSON.parse(fs.readFileSync(path.join(corpusDir(), f), 'utf8')) as { document: unknown }).document, null, 2))
    : [];
  return [...fixtures, ...corpus];
}

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

// Edits that break policies the way people and attackers do: cut, repeat, insert syntax.
const TOKENS = ['{', '}', '[', ']', '"', '\\', ',', ':', '${', '}', '*', '?', '//', '/*', '\n', '"Statement"', '"Action"', '"Condition"', '"arn:aws:s3:::', 'null', '-1e999', '\u00a0', '\ud800'];
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), length: fc.nat({ max: 60 }), times: fc.integer({ min: 2, max: 50 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })) }),
  fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 3000 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const at = text.length ? m.at % (text.length + 1) : 0;
  switch (m.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'repeat':
      return text.slice(0, at) + text.slice(at, at + m.length).repeat(m.times) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'nest':
      return `${text.slice(0, at)}${'['.repeat(m.depth)}${']'.repeat(m.depth)}${text.slice(at)}`;
  }
}

const ACTIONS = ['s3:GetObject', 's3:Get*', 's3:*', '*', 'ec2:Describe*', 'iam:PassRole', 'sts:AssumeRole', 'kms:Decrypt', 'S3:getobject', 'nope:Nothing', ''];
const element = fc.oneof(fc.constantFrom(...ACTIONS), fc.array(fc.constantFrom(...ACTIONS), { maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }));
const statement = fc.dictionary(fc.constantFrom('Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'effect', 'Extra'), element, { maxKeys: 7 });
const structured = fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17', 1, null), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 5 })) }, { requiredKeys: [] }).map((p) => JSON.stringify(p, null, 2));

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

  it('mutated real policies: no throw, findings inside the document', () => {
    fc.assert(fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (base, ms) => check(ms.reduce(mutate, base))), fuzzParameters(80));
  });

  it('generated policy structures and random JSON', () => {
    fc.assert(fc.property(fc.oneof(structured, fc.json({ maxDepth: 6 }), fc.string({ maxLength: 200 })), check), fuzzParameters(150));
  });

  it('policies found in JSON, Terraform and YAML map to ranges inside the host', () => {
    const host = fc.tuple(fc.constantFrom('json', 'terraform', 'yaml'), fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 3 })).map(([language, policy, ms]) => {
      const p = ms.reduce(mutate, policy);
      const text = language === 'json' ? `{"Resources": {"R": {"Properties": {"PolicyDocument": ${p}}}}}` : language === 'terraform' ? `resource "aws_iam_policy" "p" {\n  policy = <<EOF\n${p}\nEOF\n}\nx = jsonencode(${p})\n` : `Resources:\n  R:\n    Properties:\n      PolicyDocument: ${p.replace(/\n/g, ' ')}\n`;
      return { language, text };
    });
    fc.assert(
      fc.property(host, ({ language, text }) => {
        for (const region of findPolicyRegions(text, language)) {
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
