// checkKeySupport reads whether an action takes tags from the catalog's lists, and whether a
// statement's actions are known without expanding their wildcards. These check both against the
// slow way: the action's whole set of supported keys, and the findings of a statement that needs
// the wildcard's expansion.
import * as assert from 'assert';
import { actionTakesTags, listsHoldKey, supportedKeys } from '../../../src/core/policy/checks/keySupport';
import { lint, testCatalog } from './catalog';

const TAG_KEYS = new Set(['aws:resourcetag/${tagkey}', 'aws:requesttag/${tagkey}']);
const takesTagsFromSet = (keys: ReadonlySet<string>) => [...keys].some((x) => TAG_KEYS.has(x) || /^[a-z0-9-]+:resourcetag\//.test(x));

describe('condition key support shortcuts', () => {
  it('whether an action takes tags is what its set of supported keys says, for every action of several services', () => {
    const h = testCatalog();
    const services = ['s3', 'ec2', 'logs', 'iam', 'kms', 'lambda', 'dynamodb', 'sqs', 'secretsmanager', 'cloudwatch', 'sts'];
    h.ensureServicesSync(services);
    let takes = 0;
    let not = 0;
    for (const service of services) {
      for (const a of h.catalog.actions(service)) {
        const expected = takesTagsFromSet(supportedKeys(h.catalog, a));
        assert.strictEqual(actionTakesTags(h.catalog, a), expected, `${service}:${a.name}`);
        // Asked again, from the cache.
        assert.strictEqual(actionTakesTags(h.catalog, a), expected, `${service}:${a.name}, again`);
        if (expected) takes++;
        else not++;
      }
    }
    // Both answers occur, so neither a constant true nor a constant false passes.
    assert.ok(takes > 100 && not > 100, `${takes} take tags, ${not} do not`);
  });

  it('whether an action supports a key, read from its lists, is what its set of supported keys says, for every action and key of several services', () => {
    const h = testCatalog();
    const services = ['s3', 'ec2', 'kms', 'iam', 'lambda'];
    h.ensureServicesSync(services);
    let supported = 0;
    let not = 0;
    for (const service of services) {
      // The service's keys, the global tag key its resource types list, and one no action lists.
      const keys = [...h.catalog.conditionKeyNames!(service), 'aws:ResourceTag/${TagKey}', `${service}:NoSuchKey`].map((k) => k.toLowerCase());
      for (const a of h.catalog.actions(service)) {
        const set = supportedKeys(h.catalog, a);
        for (const key of keys) {
          const expected = set.has(key);
          // The same key as the template and as written (ec2:ResourceTag/Owner), and each alone.
          assert.strictEqual(listsHoldKey(h.catalog, a, key, key), expected, `${service}:${a.name} ${key}`);
          assert.strictEqual(listsHoldKey(h.catalog, a, key, 'x:none'), expected, `${service}:${a.name} ${key} as the template`);
          assert.strictEqual(listsHoldKey(h.catalog, a, 'x:none', key), expected, `${service}:${a.name} ${key} as written`);
          if (expected) supported++;
          else not++;
        }
      }
    }
    // Both answers occur, so neither a constant true nor a constant false passes.
    assert.ok(supported > 1000 && not > 1000, `${supported} supported, ${not} not`);
  });

  it('a service key is checked against what a wildcard matches, after the actions without one, and a statement with an unknown action is left alone', () => {
    const codes = (Action: string[]) =>
      lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource: '*', Condition: { StringEquals: { 's3:prefix': 'home/' } } }] }), 'IDENTITY_POLICY').findings.map((f) => f.issueCode);
    // s3:ListBucket supports s3:prefix; s3:GetObject does not.
    assert.ok(!codes(['s3:GetObject', 's3:List*']).includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
    assert.ok(!codes(['s3:List*', 's3:GetObject']).includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
    assert.ok(!codes(['s3:ListBucket', 's3:Get*']).includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
    assert.ok(codes(['s3:GetObject', 's3:Put*']).includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
    assert.ok(codes(['s3:GetObject']).includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
    assert.ok(!codes(['s3:GetObject', 's3:NoSuchAction']).includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
    assert.ok(!codes(['s3:GetObject', 's3:NoSuch*']).includes('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS'));
  });
});
