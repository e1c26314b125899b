import * as assert from 'assert';
import { readAccountDump } from '../../../src/core/policy/accountDump';
import { principalEscalations } from '../../../src/core/policy/escalation/principals';

const ACCOUNT = '111122223333';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource = '*', more: object = {}) => ({ Effect: 'Allow', Action, Resource, ...more });
const inline = (name: string, ...statements: object[]) => ({ PolicyName: name, PolicyDocument: doc(...statements) });
const managed = (name: string, ...statements: object[]) => ({ PolicyName: name, Arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc(...statements) }] });
const trust = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });

/** The escalation codes found across each principal's policies, by principal name in the finding. */
function found(dump: object): string[] {
  const d = readAccountDump(JSON.stringify(dump));
  const all = new Set(d.policies.map((_, i) => i));
  return principalEscalations(d, all).map((e) => `${/^For ([^:]+):/.exec(e.finding.findingDetails)?.[1]} ${e.finding.issueCode}`).sort();
}

describe('privilege-escalation paths across one principal\'s policies (--auth-details)', () => {
  it('a path split between a group\'s policy and the user\'s own opens for the user', () => {
    const dump = {
      GroupDetailList: [{ GroupName: 'dev', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:group/dev`, GroupPolicyList: [inline('pass', allow('iam:PassRole'))], AttachedManagedPolicies: [] }],
      UserDetailList: [{ UserName: 'alice', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, GroupList: ['dev'], UserPolicyList: [inline('run', allow('ec2:RunInstances'))], AttachedManagedPolicies: [] }],
      RoleDetailList: [],
      Policies: [],
    };
    assert.deepStrictEqual(found(dump), ['user/alice PRIVILEGE_ESCALATION_PASS_ROLE_EC2']);
  });

  it('a permissions boundary that does not allow one of the requests closes the path', () => {
    const role = (boundary: boolean) => ({
      RoleName: 'deploy', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:role/deploy`, AssumeRolePolicyDocument: trust,
      RolePolicyList: [inline('pass', allow('iam:PassRole')), inline('run', allow('ec2:RunInstances'))],
      AttachedManagedPolicies: [],
      ...(boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/OnlyEc2` } } : {}),
    });
    const policies = [managed('OnlyEc2', allow('ec2:*'))];
    assert.deepStrictEqual(found({ RoleDetailList: [role(false)], Policies: policies }), ['role/deploy PRIVILEGE_ESCALATION_PASS_ROLE_EC2']);
    assert.deepStrictEqual(found({ RoleDetailList: [role(true)], Policies: policies }), []);
  });

  it('a Deny in another of the principal\'s policies closes the path; iam:PassedToService for another service too', () => {
    const user = (policies: object[]) => ({ UserDetailList: [{ UserName: 'bob', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:user/bob`, GroupList: [], UserPolicyList: policies, AttachedManagedPolicies: [] }] });
    assert.deepStrictEqual(found(user([inline('fn', allow(['lambda:CreateFunction', 'lambda:InvokeFunction'])), inline('pass', allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }))])), []);
    assert.deepStrictEqual(found(user([inline('fn', allow(['lambda:CreateFunction', 'lambda:InvokeFunction'])), inline('pass', allow('iam:PassRole')), inline('guard', { Effect: 'Deny', Action: 'iam:PassRole', Resource: `arn:aws:iam::${ACCOUNT}:role/*` })])), []);
    assert.deepStrictEqual(found(user([inline('fn', allow(['lambda:CreateFunction', 'lambda:InvokeFunction'])), inline('pass', allow('iam:PassRole'))])), ['user/bob PRIVILEGE_ESCALATION_PASS_ROLE_LAMBDA']);
  });
});
