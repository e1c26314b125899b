import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { distinctMessages, findEncodedMessages, messagesInSelection } from '../../../src/core/authz/detect';

interface Expected {
  readonly message: string;
  readonly line: number;
}

const logs = (name: string) => fs.readFileSync(fixturePath('authz-real', 'logs', name), 'utf8');
const expected: Record<string, Expected[]> = JSON.parse(logs('expected.json'));

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

describe('detection on real-world error output', () => {
  for (const [file, messages] of Object.entries(expected)) {
    it(`${file}: ${messages.length} message(s), exact ranges`, () => {
      const text = logs(file);
      const found = findEncodedMessages(text);
      assert.deepStrictEqual(found.map((m) => m.message.length), messages.map((m) => m.message.length), 'message lengths');
      assert.deepStrictEqual(found.map((m) => m.message), messages.map((m) => m.message));
      found.forEach((m, i) => {
        assert.strictEqual(lineOf(text, m.start), messages[i].line, `start line of message ${i}`);
        assert.strictEqual(m.segments.map((s) => text.slice(s.start, s.end)).join(''), m.message, 'segments hold exactly the message');
        // eslint-disable-next-line no-control-regex -- the colour codes of a captured terminal log.
        const covered = text.slice(m.start, m.end).replace(/\r?\n[ \t]*(?:[│┃║][ \t]*|(?:>[ \t]*)+)?/g, '').replace(/\x1b\[[0-9;]*m/g, '');
        assert.strictEqual(covered, m.message, 'the range covers exactly the message and its wrap breaks');
        assert.strictEqual(m.problem, undefined, 'a complete message has no problem');
        assert.strictEqual(m.anchor, 'phrase');
      });
    });
  }

  it('a selection of each whole log yields the same messages, one per distinct message', () => {
    for (const [file, messages] of Object.entries(expected)) {
      const r = messagesInSelection(logs(file));
      if (messages.length === 0) {
        assert.ok(!r.ok, `${file}: nothing to decode`);
        continue;
      }
      assert.ok(r.ok, file);
      assert.strictEqual(r.bare, false, file);
      assert.deepStrictEqual(distinctMessages(r.messages).map((m) => m.message), [...new Set(messages.map((m) => m.message))], file);
    }
  });
});
