import * as assert from 'assert';
import fc from 'fast-check';
import { findEncodedMessages, messagesInSelection } from '../../../src/core/authz/detect';
import { findStatedDenials } from '../../../src/core/authz/statedDenial';
import { fuzzParameters, fuzzTimeout } from './settings';

// Pieces of real error output: the anchor phrase whole and cut, what wraps and quotes it, gutters.
const FRAGMENTS = [
  'Encoded authorization failure message:',
  'Encoded authorization failure message',
  'Encoded',
  'encoded',
  'authorization',
  ' failure',
  'message',
  'Encoded authoriza\ntion failure message: ',
  '"EncodedMessage": "',
  'encoded_message=',
  '--encoded-message ',
  '<EncodedMessage>',
  'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ec2:RunInstances on resource: * ',
  'with an explicit deny in a service control policy. ',
  ' ',
  '\t',
  '\u00a0',
  '\n',
  '\r\n',
  '\n> ',
  '\n│ ',
  '\n  ',
  '\\n',
  '\\"',
  ':',
  '=',
  '"',
  '...',
  '\u001b[31m',
];
const token = fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/);
const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), token, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(''));

/** A message as STS returns it: base64url, several hundred characters. */
const message = fc.stringMatching(/^[A-Za-z0-9_-]{300,600}$/).filter((m) => /[A-Z]/.test(m) && /[a-z]/.test(m) && /[0-9]/.test(m) && !/^(?:eyJ|AQoD|IQoJ|FwoG|FQoG|AAAA)/.test(m));

describe('fuzz: authorization-message text', function () {
  this.timeout(fuzzTimeout());

  it('detection never throws and reports ranges inside the text, in order', () => {
    fc.assert(
      fc.property(text, (t) => {
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
      fc.property(text, message, fc.constantFrom('\n', '\n\n', '. ', '\r\n'), (prefix, m, separator) => {
        const t = `${prefix}${separator}An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ${m}\n`;
        const found = findEncodedMessages(t);
        assert.ok(found.some((f) => f.message === m && !f.problem), `message not found after ${JSON.stringify(prefix.slice(-80))}`);
      }),
      fuzzParameters(200),
    );
  });
});
