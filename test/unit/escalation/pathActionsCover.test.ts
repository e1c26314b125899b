import * as assert from 'assert';
import { globMatch } from '../../../src/core/policy/actions';
import { coveredBy, PATH_ACTION_NAMES } from '../../../src/core/evaluation/escalation/pathActions';

/** Every path action the pattern matches, by trying each one. */
function byTrying(pattern: string): number[] {
  return PATH_ACTION_NAMES.flatMap((name, i) => (globMatch(pattern, name) ? [i] : []));
}

describe('the path actions an Action string covers', () => {
  it('are the ones it matches, for wildcards cut from path action names in either case', () => {
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let checked = 0;
    for (let k = 0; k < 3000; k++) {
      const name = PATH_ACTION_NAMES[next(PATH_ACTION_NAMES.length)];
      const chars = [...name];
      // Replace one or two runs with * or ?, then change the case of some letters.
      for (let r = 0; r < 1 + next(2); r++) {
        const at = next(chars.length);
        chars.splice(at, next(4), next(3) ? '*' : '?');
      }
      const pattern = chars.map((c) => (next(3) ? c : c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
      assert.deepStrictEqual([...coveredBy(pattern)], byTrying(pattern), pattern);
      checked++;
    }
    assert.strictEqual(checked, 3000);
  });

  it('a wildcard whose literal part no path action contains covers none, and one without a literal part covers all', () => {
    assert.deepStrictEqual([...coveredBy('*123')], []);
    assert.deepStrictEqual([...coveredBy('*PASSROLE')], byTrying('*PASSROLE'));
    assert.ok(coveredBy('*PASSROLE').length > 0);
    assert.strictEqual(coveredBy('*?*').length, PATH_ACTION_NAMES.length);
  });
});
