import * as assert from 'assert';
import { findPolicyRegions, looksLikePolicy, terraformInterpolations } from '../../../src/core/policy/insight';
import { cloudFormationYamlPolicies as readYaml } from '../../../src/core/policy/insight/cloudformationYaml';
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
    assert.strictEqual(trust.origin, 'embedded-json');
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

describe('Terraform jsonencode policies', () => {
  const text = readFixture('terraform-jsonencode.tf');
  const regions = findPolicyRegions(text, 'terraform');

  it('translates each jsonencode object into JSON and marks assume_role_policy as a trust policy', () => {
    assert.strictEqual(regions.length, 2);
    const [trust, inline] = regions;
    assert.strictEqual(trust.origin, 'terraform-jsonencode');
    assert.strictEqual(trust.editable, false);
    assert.strictEqual(trust.typeHint, 'TRUST_POLICY');
    assert.deepStrictEqual(JSON.parse(trust.text), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] });
    assert.strictEqual(inline.typeHint, undefined);
    assert.deepStrictEqual(JSON.parse(inline.text).Statement[0], {
      Effect: 'Allow',
      Action: ['s3:GetObjekt', 's3:ListBucket'],
      Resource: ['${expression}', '${template}', 'arn:aws:s3:::b/${aws:username}/*'],
      Condition: { Bool: { 'aws:SecureTransport': true } },
    });
  });

  it('maps positions in the JSON back to the Terraform source, both ways', () => {
    const inline = regions[1];
    const inJson = inline.text.indexOf('s3:GetObjekt');
    const inHost = text.indexOf('s3:GetObjekt');
    assert.strictEqual(inline.toHostOffset(inJson), inHost);
    assert.strictEqual(inline.toHostOffset(inJson + 12), inHost + 12);
    assert.strictEqual(inline.fromHostOffset(inHost + 3), inJson + 3);
    const key = inline.text.indexOf('"Effect"');
    assert.strictEqual(inline.toHostOffset(key + 1), text.indexOf('Effect   = "Allow",'));
    const variable = inline.text.indexOf('${aws:username}');
    assert.strictEqual(text.slice(inline.toHostOffset(variable), inline.toHostOffset(variable) + 15), '${aws:username}');
  });

  it('reports template expressions as opaque host ranges', () => {
    const inline = regions[1];
    const ref = text.indexOf('aws_s3_bucket.data.arn,');
    const tpl = text.indexOf('"${aws_s3_bucket.data.arn}/*"');
    assert.deepStrictEqual(inline.opaqueRanges, [[ref, ref + 'aws_s3_bucket.data.arn'.length], [tpl, tpl + '"${aws_s3_bucket.data.arn}/*"'.length]]);
  });
});

describe('CloudFormation YAML policies', () => {
  const text = readFixture('cloudformation.template.yaml');
  const regions = findPolicyRegions(text, 'yaml', { readYaml });

  it('translates each policy document into JSON, with the trust policy marked', () => {
    assert.strictEqual(regions.length, 2);
    const [trust, inline] = regions;
    assert.strictEqual(trust.origin, 'cloudformation-yaml');
    assert.strictEqual(trust.typeHint, 'TRUST_POLICY');
    assert.strictEqual(trust.editable, false);
    assert.deepStrictEqual(JSON.parse(trust.text), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '${intrinsic}' }, Action: 'sts:AssumeRole' }] });
    assert.deepStrictEqual(JSON.parse(inline.text).Statement[0], { Effect: 'Allow', Action: ['s3:GetObjekt', 's3:ListBucket'], Resource: ['${intrinsic}', '${intrinsic}', 'arn:aws:s3:::b/${aws:username}/*'] });
    assert.strictEqual(JSON.parse(inline.text).Version, '2012-10-17');
  });

  it('maps JSON positions back to the YAML scalars', () => {
    const inline = regions[1];
    const at = inline.text.indexOf('s3:GetObjekt');
    assert.strictEqual(inline.toHostOffset(at), text.indexOf('s3:GetObjekt'));
    const quoted = inline.text.indexOf('s3:ListBucket');
    assert.strictEqual(inline.toHostOffset(quoted), text.indexOf('s3:ListBucket'));
    const allow = inline.text.indexOf('Allow');
    assert.strictEqual(inline.toHostOffset(allow), text.indexOf("'Allow'") + 1);
    assert.strictEqual(inline.fromHostOffset(text.indexOf('s3:GetObjekt') + 4), at + 4);
  });

  it('reports intrinsic functions as opaque ranges', () => {
    const inline = regions[1];
    const getAtt = text.indexOf('!GetAtt Bucket.Arn');
    assert.ok(inline.opaqueRanges.some(([s, e]) => s <= getAtt + 8 && e >= getAtt + 18), JSON.stringify(inline.opaqueRanges));
    assert.strictEqual(inline.opaqueRanges.length, 2);
  });
});

describe('spans of translated policies', () => {
  it('cover the scalar in the template, with or without quotes', () => {
    const yaml = readFixture('cloudformation.template.yaml');
    const inline = findPolicyRegions(yaml, 'yaml', { readYaml })[1];
    const json = inline.text.indexOf('"s3:GetObjekt"');
    assert.strictEqual(yaml.slice(inline.toHostOffset(json), inline.toHostEnd(json + 14)), 's3:GetObjekt');
    const quoted = inline.text.indexOf('"s3:ListBucket"');
    assert.strictEqual(yaml.slice(inline.toHostOffset(quoted), inline.toHostEnd(quoted + 15)), '"s3:ListBucket"');
    const tf = readFixture('terraform-jsonencode.tf');
    const region = findPolicyRegions(tf, 'terraform')[1];
    const action = region.text.indexOf('"s3:GetObjekt"');
    assert.strictEqual(tf.slice(region.toHostOffset(action), region.toHostEnd(action + 14)), '"s3:GetObjekt"');
    const key = region.text.indexOf('"Effect"');
    assert.strictEqual(tf.slice(region.toHostOffset(key), region.toHostEnd(key + 8)), 'Effect');
  });
});

describe('policies nested in other JSON', () => {
  it('finds the policy document of AWS CLI output and of the managed-policy corpus format', () => {
    const cli = '{"Role": {"RoleName": "r", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}}';
    const [trust, ...none] = findPolicyRegions(cli, 'json');
    assert.deepStrictEqual(none, []);
    assert.strictEqual(trust.typeHint, 'TRUST_POLICY');
    assert.strictEqual(trust.start, cli.indexOf('{"Version"'));
    const corpus = '{"name": "X", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}, "accessAnalyzerFindings": []}';
    const [doc] = findPolicyRegions(corpus, 'json');
    assert.strictEqual(doc.typeHint, undefined);
    assert.strictEqual(doc.text, corpus.slice(corpus.indexOf('{"Version"'), corpus.indexOf(', "accessAnalyzerFindings"')));
  });

  it('ignores objects that merely have a Statement key', () => {
    assert.deepStrictEqual(findPolicyRegions('{"a": {"Statement": "text"}, "b": [{"Statement": []}]}', 'json'), []);
  });
});

describe('Terraform aws_iam_policy_document data sources', () => {
  const text = readFixture('terraform-policy-document.tf');
  const regions = findPolicyRegions(text, 'terraform');

  it('renders each block as the policy Terraform would produce', () => {
    assert.strictEqual(regions.length, 2);
    const [assume, read] = regions;
    assert.strictEqual(assume.origin, 'terraform-policy-document');
    assert.deepStrictEqual(JSON.parse(assume.text), {
      Version: '2012-10-17',
      Statement: [{
        Sid: 'GitHubDeploy',
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Effect: 'Allow',
        Principal: { Federated: ['arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'] },
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'] } },
      }],
    });
    assert.deepStrictEqual(JSON.parse(read.text).Statement[0], {
      Effect: 'Allow',
      Action: ['s3:GetObjekt', 's3:ListBucket'],
      Resource: ['${expression}', '${template}'],
      Condition: { Bool: { 'aws:SecureTransport': ['true'] }, StringLike: { 's3:prefix': ['home/${aws:username}/*'] } },
    });
  });

  it('maps values and element names back to the Terraform source', () => {
    const read = regions[1];
    const at = read.text.indexOf('"s3:GetObjekt"');
    assert.strictEqual(text.slice(read.toHostOffset(at), read.toHostEnd(at + 14)), '"s3:GetObjekt"');
    const key = read.text.indexOf('"Action"');
    assert.strictEqual(text.slice(read.toHostOffset(key), read.toHostEnd(key + 8)), 'actions');
  });
});
