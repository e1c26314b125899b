import * as assert from 'assert';
import { findEncodedMessages, findEncodedMessagesAround, FULL_SCAN_LENGTH, MAX_PROBLEM_MATCHES, messagesInSelection } from '../../../src/core/authz/detect';
import { explainDecodedMessage } from '../../../src/core/authz/explain';
import { renderExplanationMarkdown, renderExplanationText } from '../../../src/core/authz/render';
import { statedDenialBefore } from '../../../src/core/authz/statedDenial';

// A message as STS returns it (base64url, several hundred characters).
const MESSAGE = 'Xz9Kq2Lm4Np6Rs8Tu0Vw1Yb3Cd5Ef7Gh9Ij2Kl4Mn6Op8Qr0St1Uv3Wx5Yz7Ab9Cd2Ef4Gh6Ij8Kl0Mn1Op3Qr5St7Uv9Wx2Yz4Ab6Cd8Ef0Gh1Ij3Kl5Mn7Op9Qr2St4Uv6Wx8Yz0Ab1Cd3Ef5Gh7Ij9Kl2Mn4Op6Qr8St0Uv1Wx3Yz5Ab7Cd9Ef2Gh4Ij6Kl8Mn0Op1Qr3St5Uv7Wx9Yz2Ab4Cd6Ef8Gh0Ij1Kl3Mn5Op7Qr9St2Uv4Wx6Yz8Ab0Cd1Ef3Gh5Ij7Kl9Mn2Op4Qr6St8Uv0Wx1Yz3Ab5Cd7Ef9Gh2Ij4Kl6Mn8Op0Qr1St3Uv5Wx7Yz9';
const ERROR = `An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: ${MESSAGE}\n`;

/** Text that made the old pattern-based detection backtrack for minutes or overflow its stack. */
const ADVERSARIAL: Record<string, string> = {
  'whitespace runs after "Encoded"': 'Encoded' + ' \n\t'.repeat(5000),
  'Markdown gutters after the phrase': 'Encoded authorization failure message:' + '\n>'.repeat(200_000),
  'a phrase cut before its colon, many times': 'Encoded authorization failure message \n\t '.repeat(2000),
  'flags glued to one another': '--encoded-message'.repeat(5000),
  'quotes and backslashes': '\\\\\\"'.repeat(20_000),
};

describe('authz detection on adversarial text', function () {
  this.timeout(30_000);

  for (const [name, prefix] of Object.entries(ADVERSARIAL)) {
    it(`finds nothing in ${name}, then the message of an error that follows`, () => {
      assert.deepStrictEqual(findEncodedMessages(prefix).filter((m) => !m.problem), []);
      const found = findEncodedMessages(`${prefix}\n${ERROR}`);
      const m = found.find((f) => f.message === MESSAGE);
      assert.ok(m, `message not found after ${name}`);
      assert.strictEqual(m.statedDenial?.policyType, 'identity-based policy');
    });
  }

  it('reports at most 100 truncated messages of 100,000 spaced flags, and still every whole message after them', () => {
    const text = `${'--encoded-message '.repeat(100_000)}\n${ERROR}${ERROR}`;
    for (const found of [findEncodedMessages(text), findEncodedMessagesAround(text)]) {
      assert.strictEqual(found.filter((m) => m.problem === 'truncated').length, MAX_PROBLEM_MATCHES);
      assert.deepStrictEqual(found.filter((m) => !m.problem).map((m) => m.message), [MESSAGE, MESSAGE]);
    }
  });

  it('keeps the first 100 truncated messages by their place in the text, not by the kind of anchor that found them', () => {
    // Flags (found by the field scan, which runs second) come first in the text, then cut-off phrases.
    const cut = MESSAGE.slice(0, 40);
    const text = `${`aws sts decode-authorization-message --encoded-message ${cut}\n`.repeat(150)}${`Encoded authorization failure message: ${cut}\n`.repeat(150)}`;
    for (const found of [findEncodedMessages(text), findEncodedMessagesAround(text)]) {
      const truncated = found.filter((m) => m.problem === 'truncated');
      assert.strictEqual(truncated.length, MAX_PROBLEM_MATCHES);
      assert.deepStrictEqual(new Set(truncated.map((m) => m.anchor)), new Set(['field']));
      const firstFlags = [...text.matchAll(/--encoded-message (\S+)/g)].slice(0, MAX_PROBLEM_MATCHES).map((m) => m.index + m[0].length - m[1].length);
      assert.deepStrictEqual(truncated.map((m) => m.start), firstFlags);
    }
  });

  it('still joins a message that a terminal wrapped under a Markdown quote', () => {
    const wrapped = `> Encoded authorization failure message: ${MESSAGE.slice(0, 120)}\n> ${MESSAGE.slice(120, 240)}\n> ${MESSAGE.slice(240)}\n`;
    assert.deepStrictEqual(findEncodedMessages(wrapped).map((m) => m.message), [MESSAGE]);
  });

  it('reads a stated denial across wrapped lines, with offsets into the original text', () => {
    const text = `│ User: arn:aws:iam::123456789012:user/dev is not authorized to perform:\n│ s3:GetObject on resource: arn:aws:s3:::b/k with an explicit deny in a\n│ service control policy. Encoded authorization failure message: ${MESSAGE}`;
    const d = statedDenialBefore(text, text.indexOf('Encoded'));
    assert.strictEqual(d?.policyType, 'service control policy');
    assert.strictEqual(text.slice(d.start, d.start + 5), 'User:');
  });

  it('a pasted selection of quotes, gutters or blanks is refused with a reason', () => {
    for (const text of ['"'.repeat(30_000) + 'x', `${' '.repeat(30_000)}x │`, '\\'.repeat(30_000)]) {
      const r = messagesInSelection(text);
      assert.strictEqual(r.ok, false);
    }
  });
});

describe('authz detection in large logs, as the editor runs it', function () {
  this.timeout(30_000);

  it('finds the same messages around each mention of "encoded" as a full scan, at the same offsets', () => {
    const noise = '2024-05-14T10:22:30.001Z INFO deploy step ok request-id=27db932f-e5be-41a1-8262-a698d82df933\n';
    const text = `${noise.repeat(8000)}${ERROR}${noise.repeat(8000)}│ ${ERROR}${noise.repeat(100)}`;
    assert.ok(text.length > FULL_SCAN_LENGTH);
    const around = findEncodedMessagesAround(text);
    assert.deepStrictEqual(around, findEncodedMessages(text));
    assert.strictEqual(around.length, 2);
    assert.strictEqual(text.slice(around[1].start, around[1].end), MESSAGE);
  });
});

describe('explaining a decoded message nested 100,000 deep', () => {
  const DEPTH = 100_000;
  const context = '"context":{"principal":{"id":"AIDAEXAMPLE"},"action":"s3:GetObject","resource":"arn:aws:s3:::bucket/key","conditions":{"items":[]}}';

  it('explains it instead of overflowing the stack, and keeps the raw JSON compact', () => {
    const decoded = `{"allowed":false,"explicitDeny":false,"deep":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)},${context}}`;
    const r = explainDecodedMessage(decoded);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.strictEqual(r.explanation.summary.startsWith('DENIED s3:GetObject'), true, r.explanation.summary);
    assert.strictEqual(r.explanation.rawJson, decoded);
  });

  it('a statement value and a wrapper nested that deep are read as text', () => {
    const deepValue = `${'{"value":'.repeat(DEPTH)}"s3:GetObject"${'}'.repeat(DEPTH)}`;
    const deepOther = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
    const decoded = `{"allowed":false,"explicitDeny":true,"matchedStatements":{"items":[{"statementId":"Deep","effect":"DENY","actions":{"items":[${deepValue}]},"resources":{"items":[{"value":${deepOther}}]},"extra":${deepOther}}]},${context}}`;
    const r = explainDecodedMessage(decoded);
    assert.ok(r.ok, r.ok ? '' : r.error);
    const [s] = r.explanation.matchedStatements;
    assert.deepStrictEqual(s.actions, ['s3:GetObject']);
    assert.deepStrictEqual(s.resources, [deepOther]);
    assert.match(renderExplanationText(r.explanation).text, /extra +\[\[\[/);
    assert.match(renderExplanationMarkdown(r.explanation), /Deep/);
  });
});

describe('explaining a decoded message of 100,000 matched statements and context keys', function () {
  this.timeout(60_000);
  const statement = (i: number) => `{"statementId":"S${i}","effect":"DENY","principals":{"items":[]},"principalGroups":{"items":[]},"actions":{"items":[{"value":"s3:GetObject"}]},"resources":{"items":[{"value":"*"}]},"conditions":{"items":[]}}`;
  const key = (i: number) => `{"key":"aws:PrincipalTag/k${i}","values":{"items":[{"value":"v"}]}}`;
  const many = (n: number) => `{"allowed":false,"explicitDeny":true,"matchedStatements":{"items":[${Array.from({ length: n }, (_, i) => statement(i)).join(',')}]},"context":{"principal":{"id":"AIDAEXAMPLE"},"action":"s3:GetObject","resource":"arn:aws:s3:::bucket/key","conditions":{"items":[${Array.from({ length: n }, (_, i) => key(i)).join(',')}]}}}`;

  it('the hover and the explanation list the first 100 statements and count the rest; the hover lists 100 context keys', () => {
    const r = explainDecodedMessage(many(100_000));
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.strictEqual(r.explanation.matchedStatements.length, 100_000);
    assert.match(r.explanation.summary, /^DENIED s3:GetObject on bucket\/key — explicit deny by statements S0, S1, .*, S19 and 99,980 more$/);
    const hover = renderExplanationMarkdown(r.explanation);
    assert.strictEqual(hover.match(/^- \*\*Deny\*\* statement/gm)?.length, 100);
    assert.match(hover, /`S99`/);
    assert.doesNotMatch(hover, /`S100`/);
    assert.match(hover, /^- 99,900 more matched statements are not listed; the raw decoded message holds them all\.$/m);
    assert.strictEqual(hover.match(/^\| `aws:PrincipalTag\/k/gm)?.length, 100);
    assert.match(hover, /^\| 99,900 more keys are not listed \| \|$/m);
    const text = renderExplanationText(r.explanation).text;
    assert.match(text, /## Matched statements \(100000\)/);
    assert.match(text, /^ {2}99,900 more matched statements are not listed; the raw decoded message holds them all\.$/m);
    assert.strictEqual(text.split('\n## Request context')[0].match(/S100\b/), null);
  });

  it('lists every one of 100 statements without a count', () => {
    const r = explainDecodedMessage(many(100));
    assert.ok(r.ok);
    const hover = renderExplanationMarkdown(r.explanation);
    assert.strictEqual(hover.match(/^- \*\*Deny\*\* statement/gm)?.length, 100);
    assert.doesNotMatch(hover, /not listed/);
  });
});
