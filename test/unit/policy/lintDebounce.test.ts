import * as assert from 'assert';
import { lintDebounceMs } from '../../../src/core/policy/lintDebounce';

describe('lint debounce while typing', () => {
  it('waits twice the last lint time of the document, so a quick document shows squiggles sooner', () => {
    assert.strictEqual(lintDebounceMs(12), 24);
    assert.strictEqual(lintDebounceMs(30), 60);
  });

  it('never waits under 15 ms or over 75 ms, and 75 ms before the first lint', () => {
    assert.strictEqual(lintDebounceMs(1), 15);
    assert.strictEqual(lintDebounceMs(400), 75);
    assert.strictEqual(lintDebounceMs(undefined), 75);
    assert.strictEqual(lintDebounceMs(Number.NaN), 75);
  });
});
