// Action strings as the linter resolves them (resolveStatements): the run keeps one resolution per
// distinct string and makes its lowercase form and its list of matches only when a check first reads
// them. Every string must read the same, met first or again, and read twice.
import * as assert from 'assert';
import { hasWildcard } from '../../../src/core/policy/actions';
import { resolveStatements } from '../../../src/core/policy/checks/actions';
import type { LintContext, ResolvedAction } from '../../../src/core/policy/context';
import { lintServices } from '../../../src/core/policy';
import { parsePolicy } from '../../../src/core/policy/parse';
import { testCatalog } from './catalog';

const ACTIONS = ['s3:GetObject', 'S3:getobject', 's3:Get*', 's3:NoSuchAction', 's3:Nothing*', 'nosuchservice:Thing', 'notanaction', '*'];

function resolved(actions: string[]): ResolvedAction[] {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
  const h = testCatalog();
  h.ensureServicesSync(lintServices(text));
  const policy = parsePolicy(text);
  return resolveStatements({ policy, catalog: h.catalog } as LintContext)[0].actions;
}

function statement(actions: string[]) {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
  const h = testCatalog();
  h.ensureServicesSync(lintServices(text));
  return resolveStatements({ policy: parsePolicy(text), catalog: h.catalog } as LintContext)[0];
}

function reading(a: ResolvedAction) {
  const matches = a.matches;
  // A second read gives the same list.
  assert.deepStrictEqual(a.matches, matches, a.value);
  // The action an exact name gives is the one its matches hold.
  assert.strictEqual(a.action, !hasWildcard(a.value) && matches?.length === 1 ? matches[0] : undefined, a.value);
  return { value: a.value, lower: a.lower, service: a.service, name: a.name, invalid: !!a.invalid, known: a.known, matches: matches?.map((m) => `${m.service}:${m.name}`) };
}

describe('resolved action strings', () => {
  it('read what each string names: exact, in another case, a wildcard, unknown, malformed, and *', () => {
    const got = resolved(ACTIONS).map(reading);
    const getObject = testCatalog().catalog.action('s3', 'GetObject');
    assert.ok(getObject);
    assert.deepStrictEqual(got[0], { value: 's3:GetObject', lower: 's3:getobject', service: 's3', name: 'GetObject', invalid: false, known: true, matches: ['s3:GetObject'] });
    assert.deepStrictEqual(got[1], { value: 'S3:getobject', lower: 's3:getobject', service: 's3', name: 'getobject', invalid: false, known: true, matches: ['s3:GetObject'] });
    assert.strictEqual(resolved(['s3:GetObject'])[0].matches?.[0], getObject, "the catalog's own action object");
    assert.strictEqual(got[2].known, true);
    assert.strictEqual(got[2].invalid, false);
    assert.ok(got[2].matches!.length > 5 && got[2].matches!.every((m) => m.startsWith('s3:Get')), 's3:Get* expands to the GetX actions');
    assert.deepStrictEqual(got[3], { value: 's3:NoSuchAction', lower: 's3:nosuchaction', service: 's3', name: 'NoSuchAction', invalid: true, known: true, matches: [] });
    assert.deepStrictEqual(got[4], { value: 's3:Nothing*', lower: 's3:nothing*', service: 's3', name: 'Nothing*', invalid: true, known: true, matches: [] });
    assert.deepStrictEqual(got[5], { value: 'nosuchservice:Thing', lower: 'nosuchservice:thing', service: 'nosuchservice', name: 'Thing', invalid: true, known: true, matches: [] });
    assert.deepStrictEqual(got[6], { value: 'notanaction', lower: 'notanaction', service: '', name: 'notanaction', invalid: true, known: true, matches: [] });
    assert.deepStrictEqual(got[7], { value: '*', lower: '*', service: '', name: '*', invalid: false, known: false, matches: undefined });
  });

  it('read the same when met again in another policy, in another order, whatever was read first', () => {
    const strings = ['s3:PutObject', 'S3:putobject', 's3:Put*', 's3:NoSuchPut', 'notaputaction'];
    // Nothing read as the first policy resolves them: the second policy's reads make the shared fields.
    const first = resolved(strings);
    const second = resolved([...strings].reverse()).map(reading).reverse();
    assert.deepStrictEqual(first.map(reading), second);
    assert.deepStrictEqual(second[0].matches, ['s3:PutObject']);
    assert.strictEqual(second[1].lower, 's3:putobject');
  });

  it('tell a list that writes a string twice from one that does not, short or long, whatever the string resolves to', () => {
    const names = ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket', 'GetBucketPolicy', 'PutBucketPolicy', 'GetObjectAcl', 'PutObjectAcl', 'GetBucketAcl', 'PutBucketAcl', 'GetBucketTagging', 'PutBucketTagging'];
    const long = names.map((n) => `s3:${n}`);
    assert.strictEqual(statement(long).actionsRepeat, false);
    assert.strictEqual(statement([...long, 's3:GetBucketAcl']).actionsRepeat, true, 'an exact name met again after many');
    assert.strictEqual(statement(['s3:GetObject', 's3:Get*', 's3:GetObject']).actionsRepeat, true);
    assert.strictEqual(statement(['s3:GetObject', 'S3:getobject']).actionsRepeat, false, 'the same action in another case is not the same string');
    assert.strictEqual(statement([...long, 'S3:getobject', 's3:Nope', 's3:Nope']).actionsRepeat, true, 'an unknown name met twice');
    assert.strictEqual(statement(['nosuchservice:Thing', 'notanaction', 'nosuchservice:Thing']).actionsRepeat, true);
    assert.strictEqual(statement(['*', 's3:GetObject', '*']).actionsRepeat, true);
    assert.strictEqual(statement(['*', 's3:GetObject']).actionsRepeat, false);
  });

  it("say which escalation path's actions they cover, whether or not the string is met first", () => {
    for (const order of [['iam:PassRole', 's3:GetObject'], ['s3:GetObject', 'iam:PassRole']]) {
      const got = resolved(order);
      const passRole = got.find((a) => a.value === 'iam:PassRole')!;
      const getObject = got.find((a) => a.value === 's3:GetObject')!;
      assert.ok(passRole.covers && passRole.covers.length > 0, 'iam:PassRole covers a path action');
      assert.deepStrictEqual(getObject.covers, []);
    }
    assert.strictEqual(statement(['iam:PassRole']).coversPathAction, true);
    assert.strictEqual(statement(['s3:GetObject', 's3:PutObject']).coversPathAction, false);
  });
});
