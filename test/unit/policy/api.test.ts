import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { detectPolicyType, lintPolicy, matchActions, parsePolicy, servicesReferenced, suggestAction, toAccessAnalyzerFinding } from '../../../src/core/policy';
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
