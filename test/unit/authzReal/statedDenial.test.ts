import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { findEncodedMessages } from '../../../src/core/authz/detect';
import { explainDecodedMessage } from '../../../src/core/authz/explain';
import { renderExplanationMarkdown, renderExplanationText } from '../../../src/core/authz/render';
import { findStatedDenials, type StatedDenial } from '../../../src/core/authz/statedDenial';

const log = (name: string) => fs.readFileSync(fixturePath('authz-real', 'logs', name), 'utf8');
const decoded = (name: string) => fs.readFileSync(fixturePath('authz-real', 'decoded', name), 'utf8');
const U = 'arn:aws:sts::111122223333:assumed-role/ci-deployer/gha-1700000000';

function stated(file: string): Omit<StatedDenial, 'start' | 'end'> | undefined {
  const [m] = findEncodedMessages(log(file));
  if (!m.statedDenial) return undefined;
  const { start, end, ...rest } = m.statedDenial;
  assert.ok(end <= m.anchorStart && start < end);
  return rest;
}

describe('the plain-text denial before an encoded message', () => {
  it('an explicit deny in a service control policy (AWS CLI v2)', () => {
    assert.deepStrictEqual(stated('cli-v2-scp-deny.txt'), { principal: U, action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*', kind: 'explicit', policyType: 'service control policy' });
  });

  it('no identity-based policy allows it (AWS CLI v1, IAM user)', () => {
    assert.deepStrictEqual(stated('cli-v1-no-identity-policy.txt'), { principal: 'arn:aws:iam::111122223333:user/alice', action: 'ec2:CreateVolume', resource: 'arn:aws:ec2:eu-west-1:111122223333:volume/*', kind: 'implicit', policyType: 'identity-based policy' });
  });

  it('inside coloured Terraform output, CloudFormation events, the Java SDK and a Karpenter JSON log', () => {
    assert.strictEqual(stated('terraform-v1-box-ansi.log')?.policyType, 'identity-based policy');
    assert.deepStrictEqual([stated('cloudformation-console.txt')?.kind, stated('cloudformation-console.txt')?.policyType], ['explicit', 'identity-based policy']);
    assert.strictEqual(stated('java-sdk-v2.log')?.resource, 'arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0');
    assert.deepStrictEqual([stated('karpenter-json.log')?.action, stated('karpenter-json.log')?.kind], ['ec2:CreateFleet', 'implicit']);
  });

  it('is absent when the error has no such sentence', () => {
    assert.strictEqual(stated('terraform-v0-classic.txt'), undefined);
    assert.strictEqual(stated('java-sdk-v1.log'), undefined);
  });

  it('reads the older forms without a reason, and every policy kind AWS names', () => {
    const [old] = findStatedDenials('User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/admin\n');
    assert.deepStrictEqual([old.action, old.resource, old.kind], ['sts:AssumeRole', 'arn:aws:iam::111122223333:role/admin', undefined]);
    const [redacted] = findStatedDenials('UnauthorizedOperation: You are not authorized to perform this operation. User: ----- is not authorized to perform: ec2:DescribeRegions with an explicit deny in a service control policy');
    assert.deepStrictEqual([redacted.action, redacted.resource, redacted.policyType], ['ec2:DescribeRegions', undefined, 'service control policy']);
    const kinds = ['permissions boundary', 'session policy', 'resource-based policy', 'VPC endpoint policy'].map(
      (p) => findStatedDenials(`User: ${U} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" because no ${p} allows the s3:GetObject action`)[0],
    );
    assert.deepStrictEqual(kinds.map((k) => [k.policyType, k.kind, k.resource]), [
      ['permissions boundary', 'implicit', 'arn:aws:s3:::b/k'],
      ['session policy', 'implicit', 'arn:aws:s3:::b/k'],
      ['resource-based policy', 'implicit', 'arn:aws:s3:::b/k'],
      ['VPC endpoint policy', 'implicit', 'arn:aws:s3:::b/k'],
    ]);
    const [rcp] = findStatedDenials(`User: ${U} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k with an explicit deny in a resource control policy.`);
    assert.deepStrictEqual([rcp.kind, rcp.policyType, rcp.resource], ['explicit', 'resource control policy', 'arn:aws:s3:::b/k']);
  });
});

describe('explanations that use the stated denial', () => {
  it('an explicit deny says to look in the service control policies', () => {
    const [m] = findEncodedMessages(log('cli-v2-scp-deny.txt'));
    const r = explainDecodedMessage(decoded('scp-region-deny-govcloud.json'), m.statedDenial);
    assert.ok(r.ok);
    assert.ok(r.explanation.advice.some((a) => a.startsWith("AWS's error says the explicit deny is in a service control policy: look in the organization's service control policies")), r.explanation.advice.join('\n'));
    assert.ok(!r.explanation.advice.some((a) => a.startsWith('Find the policy with')), 'the generic list of policy kinds gives way');
    assert.match(renderExplanationText(r.explanation).text, /^Policy {6}explicit deny in a service control policy \(from the error text\)$/m);
  });

  it('an implicit deny by a permissions boundary does not tell the user to edit an identity policy', () => {
    const [boundary] = findStatedDenials(`User: arn:aws:iam::111122223333:user/engineering/alice is not authorized to perform: ec2:CreateVolume on resource: arn:aws:ec2:eu-west-1:111122223333:volume/* because no permissions boundary allows the ec2:CreateVolume action`);
    const r = explainDecodedMessage(decoded('implicit-deny-iam-user-tags.json'), boundary);
    assert.ok(r.ok);
    assert.match(r.explanation.advice[0], /no permissions boundary allows ec2:CreateVolume: the Allow is missing from the permissions boundary set on user alice\. It must allow ec2:CreateVolume on arn:aws:ec2:eu-west-1:111122223333:volume\/\*\./);
    assert.ok(!r.explanation.advice.some((a) => a.includes('in an identity policy of')));
    assert.deepStrictEqual(r.explanation.wouldAllow, { action: 'ec2:CreateVolume', resource: 'arn:aws:ec2:eu-west-1:111122223333:volume/*' });
  });

  it('without a stated denial the explanation is unchanged', () => {
    const r = explainDecodedMessage(decoded('implicit-deny-iam-user-tags.json'));
    assert.ok(r.ok && r.explanation.statedDenial === undefined && /in an identity policy of user alice/.test(r.explanation.advice[0]));
  });
});

describe('a stated denial word-wrapped inside Terraform\'s box', () => {
  it('is read across the gutters', () => {
    assert.deepStrictEqual(stated('terraform-v1-box-wordwrapped.txt'), { principal: U, action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*', kind: 'explicit', policyType: 'service control policy' });
  });
});

describe('the hover shows the stated kind of policy', () => {
  it('names the service control policy', () => {
    const [m] = findEncodedMessages(log('cli-v2-scp-deny.txt'));
    const r = explainDecodedMessage(decoded('scp-region-deny-govcloud.json'), m.statedDenial);
    assert.ok(r.ok);
    assert.match(renderExplanationMarkdown(r.explanation), /^- \*\*Policy\*\*: explicit deny in a service control policy \(from the error text\)$/m);
    const plain = explainDecodedMessage(decoded('scp-region-deny-govcloud.json'));
    assert.ok(plain.ok && !renderExplanationMarkdown(plain.explanation).includes('**Policy**'));
  });
});
