import * as assert from 'assert';
import { findPolicyRegions, looksLikePolicy, terraformInterpolations } from '../../../src/core/policy/insight';
import { readFixture } from './helpers';

describe('policy recognition', () => {
  it('recognises a policy with Version and Statement', () => {
    assert.strictEqual(looksLikePolicy(readFixture('identity-s3.json')), true);
  });

  it('recognises a policy without Version when a statement has Effect', () => {
    assert.strictEqual(looksLikePolicy(readFixture('no-version-effect-only.json')), true);
  });

  it('does not take other JSON with a Statement key for a policy', () => {
    assert.strictEqual(looksLikePolicy(readFixture('not-a-policy.json')), false);
    assert.strictEqual(looksLikePolicy('{"Version": "2012-10-17"}'), false);
    assert.strictEqual(looksLikePolicy('[{"Statement": []}]'), false);
  });

  it('recognises JSONC with comments and trailing commas', () => {
    assert.strictEqual(looksLikePolicy(readFixture('jsonc-comments.jsonc')), true);
  });

  it('gives the whole file as one region for a policy document', () => {
    const text = readFixture('identity-s3.json');
    const [r, ...rest] = findPolicyRegions(text, 'json');
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(r.start, 0);
    assert.strictEqual(r.text, text);
    assert.strictEqual(r.origin, 'document');
  });

  it('treats any file as a policy when forced by the files setting', () => {
    const regions = findPolicyRegions('{ "Statement": [] }', 'plaintext', { forcePolicy: true });
    assert.strictEqual(regions.length, 1);
    assert.deepStrictEqual(findPolicyRegions('{ "Statement": [] }', 'plaintext'), []);
  });

  it('finds the policies embedded in a CloudFormation JSON template, with the trust policy marked', () => {
    const text = readFixture('cloudformation.template.json');
    const regions = findPolicyRegions(text, 'json');
    assert.strictEqual(regions.length, 2);
    const [trust, inline] = regions;
    assert.strictEqual(trust.origin, 'cloudformation');
    assert.strictEqual(trust.typeHint, 'TRUST_POLICY');
    assert.strictEqual(inline.typeHint, undefined);
    assert.ok(trust.text.startsWith('{') && trust.text.includes('sts:AssumeRole'));
    assert.strictEqual(text.slice(trust.start, trust.start + trust.text.length), trust.text);
    const inner = inline.text.indexOf('s3:GetObjekt');
    assert.strictEqual(text.slice(inline.toHostOffset(inner), inline.toHostOffset(inner) + 12), 's3:GetObjekt');
    const fnSub = text.indexOf('{ "Fn::Sub"');
    assert.deepStrictEqual(inline.opaqueRanges.map(([s]) => s), [fnSub]);
  });

  it('finds a heredoc policy in Terraform and maps its offsets back', () => {
    const text = readFixture('terraform-heredoc.tf');
    const regions = findPolicyRegions(text, 'terraform');
    assert.strictEqual(regions.length, 1);
    const r = regions[0];
    assert.strictEqual(r.origin, 'terraform-heredoc');
    const at = r.text.indexOf('s3:GetObjekt');
    assert.strictEqual(text.slice(r.toHostOffset(at), r.toHostOffset(at) + 12), 's3:GetObjekt');
    const interp = text.indexOf('${aws_s3_bucket.data.arn}');
    assert.deepStrictEqual(r.opaqueRanges, [[interp, interp + '${aws_s3_bucket.data.arn}'.length]]);
  });

  it('tells Terraform interpolations from escaped AWS policy variables', () => {
    assert.deepStrictEqual(terraformInterpolations('"${var.x}/$${aws:username}/${aws:userid}/${*}"'), [[1, 9]]);
  });

  it('finds nothing in other files', () => {
    assert.deepStrictEqual(findPolicyRegions('{"compilerOptions": {}}', 'jsonc'), []);
    assert.deepStrictEqual(findPolicyRegions('resource "x" "y" {}', 'terraform'), []);
  });
});
