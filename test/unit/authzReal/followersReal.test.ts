import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { findEncodedMessages } from '../../../src/core/authz/detect';

const expected: Record<string, { message: string }[]> = JSON.parse(fs.readFileSync(fixturePath('authz-real', 'logs', 'expected.json'), 'utf8'));
const real = expected['cli-v2-scp-deny.txt'][0].message;

// Lines that real tools print right after an error: none of them is the rest of the message.
const followers = [
  '-----',
  '-'.repeat(80),
  '_'.repeat(40),
  'FAILED',
  'OK',
  '254',
  'Done',
  '/usr/local/bin/terraform',
  'make: *** [apply] Error 254',
  'exit status 254',
  '##[error]Process completed with exit code 254.',
  'user@host:~$ ',
  'PS C:\\> ',
  '2024/03/05 10:11:13 ui: ==> amazon-ebs: Terminating the source AWS instance...',
  '2024-03-05T10:11:13.123Z INFO next',
  'I0305 10:11:12.345700   12345 executor.go:111] Tasks: 52 done',
  '\tstatus code: 403, request id: 6f708192-a3b4-4c56-d7e8-f90a1b2c3d4e',
  'At line:1 char:1',
  '  with aws_instance.web,',
  '\u001b[31m╵\u001b[0m\u001b[0m',
  'Traceback (most recent call last):',
];

describe('the line after a message that ends a line', () => {
  for (const follower of followers) {
    it(`is not joined to it: ${JSON.stringify(follower)}`, () => {
      for (const eol of ['\n', '\r\n']) {
        const text = `An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ${real}${eol}${follower}${eol}`;
        const found = findEncodedMessages(text);
        assert.deepStrictEqual(found.map((m) => m.message), [real]);
        assert.strictEqual(found[0].segments.length, 1);
      }
    });
  }

  it('a message hard-wrapped at 100 columns still joins its short last line', () => {
    const prefix = 'Encoded authorization failure message: ';
    const line = prefix + real;
    const rows = line.match(/.{1,100}/g) ?? [];
    assert.ok(rows[rows.length - 1].length < 24, 'the fixture ends with a short tail');
    const text = `${rows.join('\n')}\nFAILED\n`;
    assert.deepStrictEqual(findEncodedMessages(text).map((m) => m.message), [real]);
  });
});
