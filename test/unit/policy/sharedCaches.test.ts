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
