// Escalation paths in the China (aws-cn) and AWS GovCloud (US) (aws-us-gov) partitions.
import * as assert from 'assert';
import { readAccountDump } from '../../../src/core/policy/accountDump';
import { principalEscalations } from '../../../src/core/policy/escalation/principals';
import { subjectPartition } from '../../../src/core/evaluation/partitions';
import { parsePolicy } from '../../../src/core/policy/parse';
import { lint } from '../policy/catalog';

const ACCOUNT = '111122223333';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', more: object = {}) => ({ Effect: 'Allow', Action, Resource, ...more });
const text = (...statements: object[]) => JSON.stringify(doc(...statements), null, 2);
const codes = (policy: string) => lint(policy, 'IDENTITY_POLICY').findings.map((f) => f.issueCode).filter((c) => c.startsWith('PRIVILEGE_ESCALATION_'));
const SUFFIX = 'IAM Access Analyzer: "Use the format service.amazonaws.com, or use one of the following suffixes: .amazon.com, .amazonaws.com.cn with all lowercase letters."';
const ONE_PARTITION = 'AWS Fault Isolation Boundaries: "You cannot use IAM credentials from one partition to interact with resources in a different partition."';

/** The paths an account dump's China user opens with one policy passing roles and one running instances. */
function chinaUserPaths(passable: string, instances = '*'): string[] {
  const policies = [{ PolicyName: 'pass', PolicyDocument: doc(allow('iam:PassRole', passable)) }, { PolicyName: 'run', PolicyDocument: doc(allow('ec2:RunInstances', instances)) }];
  const d = readAccountDump(JSON.stringify({ UserDetailList: [{ UserName: 'alice', Path: '/', Arn: `arn:aws-cn:iam::${ACCOUNT}:user/alice`, GroupList: [], UserPolicyList: policies, AttachedManagedPolicies: [] }], GroupDetailList: [], RoleDetailList: [], Policies: [] }));
  return principalEscalations(d, new Set(d.policies.map((_, i) => i))).map((e) => e.finding.issueCode);
}

describe('privilege-escalation paths in the aws-cn and aws-us-gov partitions', () => {
  it(`${ONE_PARTITION} — a policy whose resources are all in aws-cn opens the paths it would open in aws, judged for a caller of aws-cn`, () => {
    const cn = text(allow('iam:CreatePolicyVersion', 'arn:aws-cn:iam::*:policy/*'));
    assert.deepStrictEqual(codes(cn), ['PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION']);
    assert.deepStrictEqual(codes(cn.replace(/aws-cn/g, 'aws')), ['PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'], 'the same policy in aws');
    // A Deny on the partition's own policies closes it, as in aws.
    assert.deepStrictEqual(codes(text(allow('iam:CreatePolicyVersion', 'arn:aws-cn:iam::*:policy/*'), { Effect: 'Deny', Action: 'iam:CreatePolicyVersion', Resource: 'arn:aws-cn:iam::*:policy/*' })), []);
  });

  it(`${ONE_PARTITION} — a GovCloud policy naming one role and its functions opens the Lambda path on them`, () => {
    const gov = text(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], [`arn:aws-us-gov:iam::${ACCOUNT}:role/Admin`, `arn:aws-us-gov:lambda:us-gov-west-1:${ACCOUNT}:function:*`]));
    assert.deepStrictEqual(codes(gov), ['PRIVILEGE_ESCALATION_PASS_ROLE_LAMBDA']);
    // Its functions alone, without the role to pass, open nothing.
    assert.deepStrictEqual(codes(text(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], [`arn:aws-us-gov:lambda:us-gov-west-1:${ACCOUNT}:function:*`]))), []);
  });

  it(`${ONE_PARTITION} — a China user of an account dump is judged on its own partition's resources`, () => {
    assert.deepStrictEqual(chinaUserPaths(`arn:aws-cn:iam::${ACCOUNT}:role/*`), ['PRIVILEGE_ESCALATION_PASS_ROLE_EC2']);
    // Roles of the aws partition with the same account number are out of its reach.
    assert.deepStrictEqual(chinaUserPaths(`arn:aws:iam::${ACCOUNT}:role/*`), []);
  });

  it(`${SUFFIX} — a China policy passing a role to ec2.amazonaws.com.cn opens the EC2 paths, judged for a caller of aws-cn`, () => {
    const passTo = (service: string, partition = 'aws-cn') => text(allow('iam:PassRole', `arn:${partition}:iam::${ACCOUNT}:role/*`, { Condition: { StringEquals: { 'iam:PassedToService': service } } }), allow('ec2:RunInstances', `arn:${partition}:ec2:*:${ACCOUNT}:instance/*`));
    assert.deepStrictEqual(codes(passTo('ec2.amazonaws.com.cn')), ['PRIVILEGE_ESCALATION_PASS_ROLE_EC2']);
    assert.deepStrictEqual(codes(passTo('ec2.amazonaws.com')), ['PRIVILEGE_ESCALATION_PASS_ROLE_EC2'], 'the global form is a service principal in China too');
    // StringLike with a pattern that only China's form matches, and a condition on another service.
    assert.deepStrictEqual(codes(passTo('ec2.*.cn').replace('StringEquals', 'StringLike')), ['PRIVILEGE_ESCALATION_PASS_ROLE_EC2']);
    assert.deepStrictEqual(codes(passTo('lambda.amazonaws.com.cn')), []);
    // Outside China the .cn form names no service the role is passed to.
    assert.deepStrictEqual(codes(passTo('ec2.amazonaws.com.cn', 'aws')), []);
    assert.deepStrictEqual(codes(passTo('ec2.amazonaws.com.cn', 'aws-us-gov')), []);
  });

  it(`${ONE_PARTITION} — a Resource written for any partition (arn:*:) is judged in the policy's own partition`, () => {
    assert.deepStrictEqual(chinaUserPaths('arn:*:iam::*:role/*', 'arn:*:ec2:*:*:instance/*'), ['PRIVILEGE_ESCALATION_PASS_ROLE_EC2']);
    assert.deepStrictEqual(chinaUserPaths(`arn:aws:iam::${ACCOUNT}:role/*`, 'arn:*:ec2:*:*:instance/*'), [], 'roles of aws are out of reach of a caller of aws-cn');
    // In a policy alone, an arn:*: resource beside an aws-cn one is read in aws-cn.
    assert.deepStrictEqual(codes(text(allow('iam:CreatePolicyVersion', ['arn:*:iam::*:policy/*', 'arn:aws-cn:s3:::logs/*']))), ['PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION']);
    assert.deepStrictEqual(codes(text(allow('iam:CreatePolicyVersion', 'arn:*:iam::*:policy/*'), { Effect: 'Deny', Action: 'iam:CreatePolicyVersion', Resource: 'arn:aws-cn:iam::*:policy/*' })), [], 'a Deny on the partition\'s own policies closes it');
  });

  it('the partition is the caller\'s when given, else the one every Resource and NotResource ARN names; several partitions read as aws', () => {
    const parsed = (...statements: object[]) => [parsePolicy(text(...statements))];
    assert.strictEqual(subjectPartition(undefined, parsed(allow('s3:GetObject', ['arn:aws-cn:s3:::a/*', 'arn:*:s3:::b/*', '*']))), 'aws-cn');
    assert.strictEqual(subjectPartition(undefined, parsed({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws-us-gov:s3:::logs/*' })), 'aws-us-gov');
    assert.strictEqual(subjectPartition(undefined, parsed(allow('s3:GetObject', ['arn:aws-cn:s3:::a/*', 'arn:aws:s3:::b/*']))), 'aws');
    assert.strictEqual(subjectPartition(undefined, parsed(allow('s3:GetObject', '*', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws-cn:sns:*:*:t' } } }))), 'aws', 'a condition value is not a resource');
    assert.strictEqual(subjectPartition(`arn:aws-us-gov:iam::${ACCOUNT}:role/Ops`, parsed(allow('s3:GetObject', 'arn:aws-cn:s3:::a/*'))), 'aws-us-gov');
  });
});
