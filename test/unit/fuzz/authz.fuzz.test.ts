import * as assert from 'assert';
import fc from 'fast-check';
import { findEncodedMessages, messagesInSelection } from '../../../src/core/authz/detect';
import { findStatedDenials } from '../../../src/core/authz/statedDenial';
import { authzText, encodedMessage } from './generators';
import { fuzzParameters, fuzzTimeout } from './settings';

describe('fuzz: authorization-message text', function () {
  this.timeout(fuzzTimeout());

  it('detection never throws and reports ranges inside the text, in order', () => {
    fc.assert(
      fc.property(authzText, (t) => {
        const found = findEncodedMessages(t);
        let previousEnd = 0;
        for (const m of found) {
          assert.ok(m.anchorStart >= 0 && m.anchorStart <= m.start && m.start <= m.end && m.end <= t.length, `match ${m.anchorStart}/${m.start}-${m.end} outside a ${t.length}-character text`);
          assert.ok(m.start >= previousEnd, 'matches overlap or are out of order');
          previousEnd = m.end;
          let last = m.start;
          for (const s of m.segments) {
            assert.ok(s.start >= last && s.start <= s.end && s.end <= m.end, 'segments out of order');
            last = s.end;
          }
          assert.strictEqual(m.segments.map((s) => t.slice(s.start, s.end)).join(''), m.message, 'the message is not the text of its segments');
          if (m.statedDenial) assert.ok(m.statedDenial.start >= 0 && m.statedDenial.end <= m.anchorStart, 'stated denial outside the text before the anchor');
        }
        for (const d of findStatedDenials(t)) assert.ok(d.start >= 0 && d.start <= d.end && d.end <= t.length);
        messagesInSelection(t);
      }),
      fuzzParameters(400),
    );
  });

  it('a message after any prefix of fragments is still found whole', () => {
    fc.assert(
      fc.property(authzText, encodedMessage, fc.constantFrom('\n', '\n\n', '. ', '\r\n'), (prefix, m, separator) => {
        const t = `${prefix}${separator}An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ${m}\n`;
        const found = findEncodedMessages(t);
        assert.ok(found.some((f) => f.message === m && !f.problem), `message not found after ${JSON.stringify(prefix.slice(-80))}`);
      }),
      fuzzParameters(200),
    );
  });
});
