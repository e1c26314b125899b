import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fixturePath, repoRoot } from '../fixtures';
import { parseTree, type ParseError } from 'jsonc-parser';
import { detectPolicyType, lintPolicy, matchActions, parsePolicy, servicesReferenced, stringValues, suggestAction, toAccessAnalyzerFinding, type JsonNode } from '../../../src/core/policy';
import { linkParents, parseStrictTree } from '../../../src/core/policy/parse';
import { createIamCatalog } from '../../../src/node/iamData';
import { testCatalog } from './catalog';

function read(name: string): string {
  return fs.readFileSync(fixturePath('policy', name), 'utf8');
}

describe('policy engine API', () => {
  it('detects the policy type from the content', () => {
    assert.strictEqual(detectPolicyType(read('valid-identity.json')), 'IDENTITY_POLICY');
    assert.strictEqual(detectPolicyType(read('trust-valid.json')), 'TRUST_POLICY');
    assert.strictEqual(detectPolicyType(read('trust-oidc-ok.json')), 'TRUST_POLICY');
    assert.strictEqual(detectPolicyType(read('resource-public.json')), 'RESOURCE_POLICY');
    assert.strictEqual(detectPolicyType('not json'), 'IDENTITY_POLICY');
  });

  it('lists the services a policy needs, including condition-key and ARN services', () => {
    const s = servicesReferenced(read('trust-github-no-sub.json'));
    assert.ok(s.includes('sts'));
    assert.ok(s.includes('token.actions.githubusercontent.com'));
    assert.ok(servicesReferenced(read('arn-region.json')).includes('ec2'));
  });

  it('parses with offsets, statements and condition keys', () => {
    const p = parsePolicy(read('missing-qualifier.json'));
    assert.strictEqual(p.statements.length, 1);
    const key = p.statements[0].conditions[0].keys[0];
    assert.strictEqual(key.key, 'aws:TagKeys');
    assert.deepStrictEqual(key.keyPath, [{ value: 'Statement' }, { index: 0 }, { value: 'Condition' }, { value: 'StringEquals' }, { key: 'aws:TagKeys' }]);
    assert.strictEqual(p.text.slice(key.keyNode.offset, key.keyNode.offset + key.keyNode.length), '"aws:TagKeys"');
  });

  it('never throws on broken input', () => {
    const catalog = testCatalog().catalog;
    for (const text of ['', '{', '[]', 'null', '{"Statement": 5}', '{"Statement": [1, "x", null]}', '{"Version": 1, "Statement": {"Effect": 3, "Action": {}, "Condition": []}}', '{"Statement":[{"Condition":{"StringEquals":{"aws:username":{"a":1}}}}]}']) {
      const r = lintPolicy(text, { policyType: 'auto', catalog });
      assert.ok(r.findings.length > 0, `findings for ${text}`);
    }
  });

  it('expands wildcards and suggests actions', () => {
    const h = testCatalog();
    h.ensureServicesSync(['s3']);
    const gets = matchActions('s3:GetObject*', h.catalog).map((a) => a.name);
    assert.ok(gets.includes('GetObject') && gets.includes('GetObjectAcl'));
    assert.ok(gets.every((n) => n.startsWith('GetObject')));
    assert.deepStrictEqual(matchActions('s3:getobject', h.catalog).map((a) => a.name), ['GetObject']);
    assert.strictEqual(suggestAction('s3:GetObjekt', h.catalog)[0], 's3:GetObject');
    assert.strictEqual(suggestAction('s4:GetObject', h.catalog)[0], 's3:GetObject');
  });

  it('suggests the action a typo came from: swapped, missing, extra, replaced and non-ASCII letters', () => {
    const h = testCatalog();
    h.ensureServicesSync(['s3']);
    const typos: [string, string][] = [
      ['s3:GetObjcet', 's3:GetObject'],
      ['s3:PutObjct', 's3:PutObject'],
      ['s3:DeleteObjectt', 's3:DeleteObject'],
      ['s3:ListBuckte', 's3:ListBucket'],
      ['s3:GetÖbject', 's3:GetObject'],
      ['s3:GetBucketPolicyy', 's3:GetBucketPolicy'],
      ['s3:GetObjxxt', 's3:GetObject'],
    ];
    for (const [typo, meant] of typos) assert.strictEqual(suggestAction(typo, h.catalog)[0], meant, typo);
    // Names that share few letters with every action get no suggestion rather than a far one.
    assert.deepStrictEqual(suggestAction('s3:Zzzzqqqq', h.catalog), []);
  });

  it('strips editor-only fields from the Access Analyzer shape', () => {
    const f = lintPolicy(read('invalid-action.json'), { policyType: 'IDENTITY_POLICY', catalog: testCatalog().catalog }).findings[0];
    assert.deepStrictEqual(Object.keys(toAccessAnalyzerFinding(f)).sort(), ['findingDetails', 'findingType', 'issueCode', 'learnMoreLink', 'locations']);
  });

  it('loads services lazily and asynchronously, and resolves pattern condition keys', async () => {
    const h = createIamCatalog();
    assert.strictEqual(h.catalog.isLoaded('s3'), false);
    assert.ok(h.catalog.hasService('s3'));
    assert.deepStrictEqual(h.catalog.actions('s3'), []);
    await h.ensureServices(['s3', 'secretsmanager', 'token.actions.githubusercontent.com']);
    assert.ok(h.catalog.isLoaded('s3') && h.catalog.isLoaded('sts'));
    assert.match(h.catalog.conditionKey('s3:ExistingObjectTag/team')?.key ?? '', /^s3:ExistingObjectTag\//);
    assert.ok(h.catalog.conditionKey('secretsmanager:ResourceTag/owner'));
    assert.strictEqual(h.catalog.conditionKey('aws:PrincipalTag/team')?.type, 'String');
    assert.strictEqual(h.catalog.conditionKey('AWS:SOURCEIP')?.type, 'IPAddress');
    assert.strictEqual(h.catalog.conditionKey('aws:nope'), undefined);
  });
});

describe('servicesReferenced', () => {
  /** The plain definition the scanner must agree with. */
  function byRegex(text: string): string[] {
    const out = new Set<string>();
    for (const m of text.matchAll(/"([A-Z0-9.*?/-]+):/gi)) {
      const p = m[1].toLowerCase();
      if (!['arn', 'aws', 'http', 'https'].includes(p) && !p.includes('*') && !p.includes('?')) out.add(p);
    }
    for (const m of text.matchAll(/arn:[^:"]*:([A-Za-z0-9-]+):/g)) out.add(m[1].toLowerCase());
    if (/"[A-Z0-9-]*[*?][A-Z0-9*?-]*:/i.test(text)) out.add('*');
    if (/"(?:Not)?Principal"/.test(text)) out.add('sts');
    out.add('iam');
    return [...out].sort();
  }

  it('finds action, ARN and condition-key prefixes, wildcard services and principals', () => {
    const text = JSON.stringify({ Statement: [{ Principal: { AWS: '*' }, Action: ['s3:GetObject', 'ec*:Describe*', 'token.actions.githubusercontent.com:sub'], Resource: 'arn:aws:dynamodb:*:*:table/t', Condition: { StringEquals: { 'aws:SourceVpc': 'v', 'kms:ViaService': 'x' } } }] });
    assert.deepStrictEqual(servicesReferenced(text), ['*', 'dynamodb', 'iam', 'kms', 's3', 'sts', 'token.actions.githubusercontent.com']);
  });

  it('agrees with the regular-expression definition on every fixture and corpus policy', function () {
    const texts = fs.readdirSync(fixturePath('policy')).map((f) => fs.readFileSync(fixturePath('policy', f), 'utf8'));
    const corpus = process.env.STS_LENS_POLICY_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus', 'aws-managed-policies');
    if (fs.existsSync(corpus)) for (const f of fs.readdirSync(corpus)) texts.push(JSON.stringify(JSON.parse(fs.readFileSync(path.join(corpus, f), 'utf8')).document, null, 2));
    for (const t of texts) assert.deepStrictEqual(servicesReferenced(t), byRegex(t));
    assert.ok(texts.length > 100);
  });
});

describe('parseStrictTree', () => {
  /** The fields of jsonc-parser's Node, without parent links, which would make the comparison circular. */
  function plain(n: JsonNode | undefined): unknown {
    if (!n) return n;
    const { type, value, offset, length, colonOffset, children } = n;
    return { type, value, offset, length, colonOffset, children: children?.map(plain) };
  }

  it('builds exactly the tree jsonc-parser builds, for every fixture and corpus policy', function () {
    const texts = fs.readdirSync(fixturePath('policy')).map((f) => fs.readFileSync(fixturePath('policy', f), 'utf8'));
    const corpus = process.env.STS_LENS_POLICY_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus', 'aws-managed-policies');
    if (fs.existsSync(corpus)) for (const f of fs.readdirSync(corpus)) texts.push(fs.readFileSync(path.join(corpus, f), 'utf8'));
    texts.push('{"a":[1,-2.5e3,true,false,null,{},[]],"b":"x\\u00e9\\n\\"y\\"","c":{"d":0}}', ' [ ] ', '"s"', '12', '{"a":["b","c"],"d":{"e":"f"},"g":[]}', '{"a":  "b", "c": \n 1, "d":\t"e", "f": {"g": [ "h" ]}, "i":"j"}', ' \r\n{ "a" :\t[ "b" , "\\\\" ] ,\n"d" : { } , "e\\"" : [ ] }\n');
    let strict = 0;
    for (const t of texts) {
      const fast = parseStrictTree(t);
      const errors: ParseError[] = [];
      const slow = parseTree(t, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
      if (!fast) {
        assert.ok(errors.length > 0 || !slow, `the fast path gave up on valid JSON: ${t.slice(0, 80)}`);
        continue;
      }
      strict++;
      assert.deepStrictEqual(errors, [], `jsonc-parser found errors the fast path missed: ${t.slice(0, 80)}`);
      assert.deepStrictEqual(plain(fast), plain(slow));
      linkParents(fast);
      const stack: JsonNode[] = [fast];
      for (let n = stack.pop(); n; n = stack.pop()) {
        for (const c of n.children ?? []) {
          assert.strictEqual(c.parent, n, 'once linked, every child links to its parent');
          stack.push(c);
        }
      }
    }
    assert.ok(strict > 100, `only ${strict} texts took the fast path`);
  });

  it("gives a policy's elements the same keys, nodes and paths as jsonc-parser's tree does", () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*",' +
      '"Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Condition":{"StringEquals":{"aws:ResourceTag/team":["x","y"]},"Bool":{"aws:SecureTransport":"true"}}}]}';
    const strict = parsePolicy(text);
    // A comment after the document sends it through jsonc-parser, every offset before it unchanged.
    const lenient = parsePolicy(`${text} // end`);
    assert.strictEqual(lenient.syntax[0]?.kind, 'comment', 'the second parse took the lenient path');
    const span = (n: JsonNode) => [n.type, n.offset, n.length, n.value];
    const shape = (p: typeof strict) => ({
      top: p.elements.map((e) => [e.key, span(e.keyNode), span(e.valueNode), e.path]),
      statements: p.statements.map((st) => ({
        elements: st.elements.map((e) => [e.key, span(e.keyNode), span(e.valueNode), e.path, stringValues(e).map((v) => [v.value, span(v.node), v.path])]),
        principal: st.principal?.valueNode.children?.map((c) => [span(c.children![0]), span(c.children![1])]),
        conditions: st.conditions.map((op) => [op.operator, span(op.keyNode), op.path, op.keys.map((k) => [k.key, span(k.keyNode), span(k.valueNode), k.path, k.keyPath, k.values.map((v) => [v.value, v.path])])]),
      })),
    });
    assert.deepStrictEqual(shape(strict), shape(lenient));
    assert.strictEqual(shape(strict).statements[0].conditions.length, 2);
  });

  it('parses each document afresh after one it gave up on deep inside', () => {
    const deep = '{"a":'.repeat(40) + '["b", "c", tru';
    const nested = '{"a":'.repeat(40) + '["b"]' + '}'.repeat(40);
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}';
    for (const t of [deep, nested, deep, policy]) {
      const errors: ParseError[] = [];
      const slow = parseTree(t, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
      assert.deepStrictEqual(plain(parseStrictTree(t)), errors.length ? undefined : plain(slow), t.slice(0, 40));
    }
  });

  it('leaves comments, trailing commas, bad literals and unusual whitespace to jsonc-parser', () => {
    for (const t of ['{"a":1,}', '{"a":1 // c\n}', '{"a":tru}', '{"a":truex}', '{"a":01}', '{"a":1}x', '\u00a0{}', '{"a":"\t"}', '', '{"a" 1}', '[1,]', '{"a":1.}', '{"a":"b', '{"a":"b\\', '["\\n\u0001"]', '{"a\n":1}', '{"a":\u00a01}', '[1,\u00a02]', '[\u00a01]', '{"a":1\u00a0}']) {
      assert.strictEqual(parseStrictTree(t), undefined, JSON.stringify(t));
    }
  });
});
