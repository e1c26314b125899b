import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { findEncodedMessages, lookalike, messagesInSelection } from '../../../src/core/authz/detect';

const expected: Record<string, { message: string }[]> = JSON.parse(fs.readFileSync(fixturePath('authz-real', 'logs', 'expected.json'), 'utf8'));
const real = expected['cli-v2-scp-deny.txt'][0].message;
const filler = 'Qm9vdFN0cmFwQ29uZmlnMTIzNDU2Nzg5'.repeat(20);

// Values that look like base64 in logs and on clipboards, and must never be sent to STS as messages.
const lookalikes: Record<string, string> = {
  'session token (v2)': `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${filler}`,
  'session token (v1)': `FwoGZXIvYXdzEBYaDKx${filler}`,
  'session token without slashes': `IQoJb3JpZ2luX2VjE${filler}`,
  'secret access key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'S3 ETag': '"9b2cf535f27731c974343645a3985328"',
  'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'standard base64 with padding': `${filler}Zg==`,
  'JWT payload': `eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ${filler}`,
  'SSH public key': `AAAAB3NzaC1yc2EAAAADAQABAAABAQC${filler}`,
  'UUIDs, one a line': '0f9e8d7c-6b5a-4938-2716-a5b4c3d2e1f0\n'.repeat(5),
};

describe('selections that are not encoded messages', () => {
  for (const [what, value] of Object.entries(lookalikes)) {
    it(`refuses a ${what} without repeating it`, () => {
      const r = messagesInSelection(value);
      assert.ok(!r.ok, 'refused');
      assert.strictEqual(r.reason, 'not-a-message');
      assert.ok(!r.detail.includes(value.trim().slice(0, 24)), 'the detail does not echo the value');
    });
  }

  it('names a session token as one', () => {
    const r = messagesInSelection(lookalikes['session token (v2)']);
    assert.ok(!r.ok && /AWS session token/.test(r.detail));
    assert.strictEqual(lookalike(real), undefined, 'a real message is no lookalike');
  });

  it('a field named like the message does not make a session token a message', () => {
    assert.deepStrictEqual(findEncodedMessages(`{"encodedMessage":"${lookalikes['session token (v2)']}"}`), []);
    assert.deepStrictEqual(findEncodedMessages(`encoded_message=${lookalikes['standard base64 with padding']} next`), []);
    assert.deepStrictEqual(findEncodedMessages(`{"EncodedMessage": "${real}"}`).map((m) => m.message), [real]);
  });

  it('accepts a real message bare, quoted, coloured, or wrapped in a Terraform gutter', () => {
    const forms = [real, `"${real}"`, `\u001b[0m${real}\u001b[0m`, `│ ${real.slice(0, 600)}\n│ ${real.slice(600)}`];
    for (const form of forms) {
      const r = messagesInSelection(form);
      assert.ok(r.ok, JSON.stringify(form.slice(0, 12)));
      assert.strictEqual(r.messages[0].message, real);
    }
  });
});
