import * as assert from 'assert';
import * as fs from 'fs';
import { lintPolicy, servicesReferenced, type PolicyType } from '../../../src/core/policy';
import { createIamCatalog } from '../../../src/node/iamData';
import { fixturePath } from '../fixtures';

/**
 * The linter keeps what it learns about action strings, action lists and ARNs per catalog, across
 * policies. Whatever was linted before, and whether the data was loaded then, a policy must get the
 * findings a fresh catalog gives it.
 */
describe('policy caches shared across policies', () => {
  const dir = fixturePath('policy');
  const texts = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(`${dir}/${f}`, 'utf8') }));

  it("gives statements whose actions' resource types begin alike the findings of their own types", () => {
    // Types in order: [object], [object, bucket], [object, accesspoint], [object, bucket, accesspoint].
    const lists = [['s3:GetObject'], ['s3:GetObject', 's3:ListBucket'], ['s3:GetObject', 's3:GetAccessPoint'], ['s3:GetObject', 's3:ListBucket', 's3:GetAccessPoint'], ['s3:ListBucket']];
    const policy = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: 'arn:aws:s3:::amzn-s3-demo-bucket' }] });
    const shared = createIamCatalog();
    shared.ensureServicesSync(['s3']);
    const codes = new Set<string>();
    for (const actions of [...lists, ...[...lists].reverse()]) {
      const fresh = createIamCatalog();
      fresh.ensureServicesSync(['s3']);
      const want = lintPolicy(policy(actions), { policyType: 'IDENTITY_POLICY', catalog: fresh.catalog });
      assert.deepStrictEqual(lintPolicy(policy(actions), { policyType: 'IDENTITY_POLICY', catalog: shared.catalog }), want, actions.join(' '));
      codes.add(want.findings.map((f) => f.issueCode).join(' '));
    }
    assert.ok(codes.size > 1, `every list got the same findings: ${[...codes].join(' | ')}`);
  });

  for (const policyType of ['auto', 'IDENTITY_POLICY', 'RESOURCE_POLICY'] as (PolicyType | 'auto')[]) {
    it(`gives every fixture the findings of a fresh catalog (${policyType})`, function () {
      this.timeout(60000);
      assert.ok(texts.length > 20, 'the policy fixtures are missing');
      const shared = createIamCatalog();
      // Linted before its data is loaded: what is unknown then must not be remembered.
      for (const { text } of texts) lintPolicy(text, { policyType, catalog: shared.catalog });
      for (const { name, text } of texts) {
        shared.ensureServicesSync(servicesReferenced(text));
        const fresh = createIamCatalog();
        fresh.ensureServicesSync(servicesReferenced(text));
        const want = lintPolicy(text, { policyType, catalog: fresh.catalog });
        assert.deepStrictEqual(lintPolicy(text, { policyType, catalog: shared.catalog }), want, name);
        // And again, now that everything is remembered.
        assert.deepStrictEqual(lintPolicy(text, { policyType, catalog: shared.catalog }), want, `${name} (second time)`);
      }
    });
  }
});
