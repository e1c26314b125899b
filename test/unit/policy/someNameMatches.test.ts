// Whether a wildcard matches some action name is found by trying only the names that begin with
// its first character, when that is not a wildcard. These compare that answer with trying every
// name, for wildcards cut from the names of several services, and for names in other cases too.
import * as assert from 'assert';
import { globMatch, LITERAL_STAR } from '../../../src/core/policy/actions';
import { someNameMatches } from '../../../src/core/policy/checks/actions';
import { PackedNames } from '../../../src/core/policy/compactData';
import { testCatalog } from './catalog';

const everyName = (names: readonly string[], pattern: string) => names.some((n) => globMatch(pattern, n));

/** Wildcards cut from a name: its beginnings with a star, in the name's case and others, and with a ? or an inner star. */
function patternsFrom(name: string): string[] {
  const out: string[] = [];
  for (let k = 0; k <= name.length; k += 3) {
    const start = name.slice(0, k);
    out.push(`${start}*`, `${start.toLowerCase()}*`, `${start.toUpperCase()}*`, `${start}?*`, `*${name.slice(k)}`);
    if (k > 1) out.push(`${name.slice(0, k - 1)}?${name.slice(k)}`, `${start}*${name.slice(-2)}`, `${start}Zz*`);
  }
  return out;
}

describe('someNameMatches', () => {
  it('answers as trying every name does, for wildcards cut from every action name of several services', () => {
    const h = testCatalog();
    const services = ['s3', 'iam', 'kms', 'lambda', 'dynamodb'];
    h.ensureServicesSync(services);
    let matched = 0;
    let unmatched = 0;
    for (const service of services) {
      const names = h.catalog.actionNames!(service);
      assert.ok(names.length > 10, service);
      for (const name of names) {
        for (const pattern of patternsFrom(name)) {
          const expected = everyName(names, pattern);
          assert.strictEqual(someNameMatches(names, pattern), expected, `${service}: ${pattern}`);
          assert.strictEqual(h.catalog.someActionNameMatches!(service, pattern), expected, `catalog ${service}: ${pattern}`);
          if (expected) matched++;
          else unmatched++;
        }
      }
    }
    // Both answers occur, so neither a constant true nor a constant false passes.
    assert.ok(matched > 1000 && unmatched > 1000, `${matched} match, ${unmatched} do not`);
  });

  it('answers as trying every name does for names out of order, repeated, or in another case, and for escaped stars', () => {
    const lists: string[][] = [
      ['ListBuckets', 'GetObject', 'ListObjects', 'DeleteObject'],
      ['GetObject', 'GetObject', 'getObjectAcl', 'PutObject'],
      ['abc', 'ABD', 'Abe', 'abf'],
      ['Get*Thing', 'GetThing', 'Gét', 'GET'],
      ['*Thing', 'Éclair', 'éclair', '', '?x'],
      [],
    ];
    const patterns = ['Get*', 'get*', 'GET*', 'List*s', 'list?uckets', 'Delete*', 'Nothing*', '*Object', 'ab*', 'AB?', 'Abf*', `Get${LITERAL_STAR}*`, `${LITERAL_STAR}Thing`, 'Gé*', 'gé*', 'É*', 'é*', '?x', '', '*', '?'];
    for (const names of lists) {
      for (const pattern of patterns) {
        assert.strictEqual(someNameMatches(names, pattern), everyName(names, pattern), `${JSON.stringify(names)}: ${pattern}`);
        // The same names packed in one string, as the catalog keeps them.
        assert.strictEqual(PackedNames.of(names).someMatch(pattern), everyName(names, pattern), `packed ${JSON.stringify(names)}: ${pattern}`);
      }
    }
  });
});
