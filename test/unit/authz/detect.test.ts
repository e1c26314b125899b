import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { distinctMessages, findEncodedMessages, messageAt, messagesInSelection, MAX_ENCODED_MESSAGE_LENGTH } from '../../../src/core/authz/detect';

interface Expected {
  readonly message: string;
  readonly line: number;
  readonly problem?: string;
}

const expected: Record<string, Expected[]> = JSON.parse(fs.readFileSync(fixturePath('authz', 'logs', 'expected.json'), 'utf8'));

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

/** What a range covers once wrap breaks, gutters and indentation are taken out. */
function stripWraps(s: string): string {
  return s.replace(/\r?\n[ \t]*(?:[│┃║][ \t]*)?/g, '');
}

describe('findEncodedMessages on log fixtures', () => {
  for (const [file, messages] of Object.entries(expected)) {
    it(`finds ${messages.length} message(s) in ${file} with exact ranges`, () => {
      const text = fs.readFileSync(fixturePath('authz', 'logs', file), 'utf8');
      const found = findEncodedMessages(text);
      assert.deepStrictEqual(found.map((m) => m.message), messages.map((m) => m.message));
      found.forEach((m, i) => {
        assert.strictEqual(lineOf(text, m.start), messages[i].line, `start line of message ${i}`);
        assert.strictEqual(stripWraps(text.slice(m.start, m.end)), m.message, 'range covers exactly the message');
        assert.strictEqual(m.segments.map((s) => text.slice(s.start, s.end)).join(''), m.message, 'segments concatenate to the message');
        assert.strictEqual(m.problem, messages[i].problem, `problem of message ${i}`);
        assert.ok(m.anchorStart <= m.start);
      });
    });
  }
});

describe('findEncodedMessages edge cases', () => {
  const message = 'Ab3_'.repeat(150);

  it('keeps the status line after a wrapped message out of it', () => {
    const wrapped = `Encoded authorization failure message: ${message.slice(0, 200)}\n${message.slice(200)}\n\tstatus code: 403, request id: 1234`;
    const [m] = findEncodedMessages(wrapped);
    assert.strictEqual(m.message, message);
    assert.strictEqual(m.segments.length, 2);
  });

  it('does not join a timestamp on the next line', () => {
    const text = `ERROR Encoded authorization failure message: ${message}\n2024-05-14T10:22:31.119Z next line`;
    assert.strictEqual(findEncodedMessages(text)[0].message, message);
  });

  it('handles CRLF line endings', () => {
    const text = `x\r\nEncoded authorization failure message: ${message.slice(0, 300)}\r\n${message.slice(300)}\r\nstatus code: 403\r\n`;
    assert.strictEqual(findEncodedMessages(text)[0].message, message);
  });

  it('flags a message longer than STS accepts', () => {
    const text = `Encoded authorization failure message: ${'A1b2'.repeat(MAX_ENCODED_MESSAGE_LENGTH / 4 + 10)}`;
    assert.strictEqual(findEncodedMessages(text)[0].problem, 'too-long');
  });

  it('ignores field names whose values are not messages', () => {
    assert.deepStrictEqual(findEncodedMessages('"EncodedMessage": "You are not authorized" and encoded_message=abc'), []);
  });

  it('finds the message a cursor offset is in, including over its anchor', () => {
    const text = `line one\nEncoded authorization failure message: ${message}\nline three`;
    const anchor = text.indexOf('Encoded');
    assert.strictEqual(messageAt(text, anchor + 3)?.message, message);
    assert.strictEqual(messageAt(text, text.indexOf(message) + 50)?.message, message);
    assert.strictEqual(messageAt(text, 2), undefined);
  });

  it('scans a few megabytes of noise quickly and finds nothing', () => {
    const noise = 'INFO token=Zm9vYmFyYmF6 id=27db932f-e5be-41a1 "EncodedMessage" is fine\n'.repeat(40000);
    assert.deepStrictEqual(findEncodedMessages(noise), []);
  });
});

describe('messagesInSelection', () => {
  const message = 'Zx9-Qw_e'.repeat(80);

  it('accepts a bare message, quoted and wrapped over indented lines', () => {
    const text = `  '${message.slice(0, 250)}\n      ${message.slice(250)}'  `;
    const r = messagesInSelection(text);
    assert.ok(r.ok);
    assert.strictEqual(r.bare, true);
    assert.strictEqual(r.messages[0].message, message);
  });

  it('accepts JSON-escaped quotes around a bare message', () => {
    const r = messagesInSelection(`\\"${message}\\"`);
    assert.ok(r.ok && r.messages[0].message === message);
  });

  it('prefers anchored messages inside a larger selection', () => {
    const r = messagesInSelection(`Error: x\nEncoded authorization failure message: ${message}\nmore`);
    assert.ok(r.ok);
    assert.strictEqual(r.bare, false);
    assert.strictEqual(r.messages[0].message, message);
  });

  const problems: [string, string, RegExp][] = [
    ['empty', '   \n ', /empty/],
    ['not-a-message', 'Hello, world! This is not it.', /contains a space at position 7|contains "," at position 6/],
    ['not-a-message', `${message.slice(0, 300)}!${message.slice(300)}`, /"!" at position 301/],
    ['truncated', 'AbCdEf012345', /truncated: it has 12 characters/],
    ['truncated', `${message.slice(0, 300)}...`, /ends with "\.\.\."/],
    ['too-long', 'Ab1-'.repeat(3000), /12,000 characters; STS accepts encoded messages of at most 10,240/],
    ['too-large', 'word '.repeat(20000), /too long to be a message itself/],
  ];
  for (const [reason, text, detail] of problems) {
    it(`explains ${reason}: ${JSON.stringify(text.slice(0, 24))}`, () => {
      const r = messagesInSelection(text);
      assert.ok(!r.ok, 'should be refused');
      assert.strictEqual(r.reason, reason);
      assert.match(r.detail, detail);
    });
  }

  it('refuses to scan more than 8 MB', () => {
    const r = messagesInSelection('x'.repeat(9 * 1024 * 1024));
    assert.ok(!r.ok && r.reason === 'too-large' && /9\.0 MB/.test(r.detail));
  });
});

describe('distinctMessages', () => {
  const full = 'Qm9_x-'.repeat(120);
  it('keeps the longest copy of a message a terminal garbled, and distinct messages apart', () => {
    const other = 'Zz81-_'.repeat(120);
    const text = [
      `echo 'Encoded authorization failure message: ${full.slice(0, 90)}root@vm:~# echo 'Encoded authorization failure message: ${full}'`,
      `Encoded authorization failure message: ${full}`,
      `Encoded authorization failure message: ${other}`,
    ].join('\n');
    const found = findEncodedMessages(text);
    assert.strictEqual(found.length, 4);
    assert.deepStrictEqual(distinctMessages(found).map((m) => m.message), [full, other]);
  });
});
