import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { explainDecodedMessage } from '../../../src/core/authz/explain';

const json = fs.readFileSync(fixturePath('authz-real', 'decoded', 'docs-explicit-deny-unprefixed.json'), 'utf8').trim();
const summary = 'DENIED ec2:RunInstances on instance/* — explicit deny by statement VisualEditor0';

function summaryOf(text: string): string {
  const r = explainDecodedMessage(text);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.explanation.summary;
}

describe('decoded messages as the AWS CLI prints them', () => {
  it('--output json: the whole response', () => {
    assert.strictEqual(summaryOf(JSON.stringify({ DecodedMessage: json }, null, 4)), summary);
  });

  it('--query DecodedMessage --output json: the JSON as a JSON string', () => {
    assert.strictEqual(summaryOf(`${JSON.stringify(json)}\n`), summary);
  });

  it('--query DecodedMessage --output text: the JSON itself, with a byte order mark from PowerShell', () => {
    assert.strictEqual(summaryOf(`\uFEFF${json}\r\n`), summary);
  });

  it('--output yaml: a single-quoted scalar', () => {
    const quoted = json.replace(/'/g, "''");
    assert.strictEqual(summaryOf(`DecodedMessage: '${quoted}'\n`), summary);
  });

  it('an action whose service prefix is in capitals is shown in IAM spelling', () => {
    const r = explainDecodedMessage(json.replace('"action":"RunInstances"', '"action":"EC2:RunInstances"'));
    assert.ok(r.ok);
    assert.deepStrictEqual([r.explanation.action?.full, r.explanation.action?.raw], ['ec2:RunInstances', 'EC2:RunInstances']);
  });

  it('a JSON string that is not an object still gets a clear error', () => {
    const r = explainDecodedMessage('"access denied"');
    assert.ok(!r.ok && /not an object/.test(r.error));
  });
});
