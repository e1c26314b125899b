import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ESCALATION_PATHS, type EscalationPath, type PathRequest } from '../../../src/core/evaluation/escalation/paths';
import { ESCALATION_SERVICES, ISSUE_CODES, lintPolicy, lintServices } from '../../../src/core/policy';
import { actionFormats, resourceCanApply } from '../../../src/core/evaluation/access/applies';
import { createIamCatalog } from '../../../src/node/iamData';
import { repoRoot } from '../fixtures';
import { lint, testCatalog } from '../policy/catalog';

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** The escalation findings of an identity policy linted on its own. */
function escalations(text: string): { code: string; details: string }[] {
  return lint(text, 'IDENTITY_POLICY').findings.filter((f) => f.issueCode.startsWith('PRIVILEGE_ESCALATION_') || f.issueCode === 'FULL_ADMIN_ACCESS').map((f) => ({ code: f.issueCode, details: f.findingDetails }));
}

const allow = (Action: string | string[], Resource: string | string[] = '*', more: object = {}) => ({ Effect: 'Allow', Action, Resource, ...more });

function codes(text: string): string[] {
  return escalations(text).map((e) => e.code);
}

/** The smallest policy that opens a path: one Allow on "*" of the chosen request of each group. */
function minimal(p: EscalationPath, pick: (group: readonly PathRequest[]) => PathRequest = (g) => g[0]): string {
  return policy({ Effect: 'Allow', Action: [...new Set(p.requires.map((g) => pick(g).action))], Resource: '*' });
}

const byCode = (code: string) => ESCALATION_PATHS.find((p) => p.code === code)!;

describe('privilege-escalation paths: every documented path', () => {
  it('covers every class the catalogs document, each with a code, a title and public sources', () => {
    assert.ok(ESCALATION_PATHS.length >= 60, String(ESCALATION_PATHS.length));
    for (const action of ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole', 'iam:DeleteRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary', 'iam:DetachRolePolicy', 'iam:DeleteUserPolicy', 'ec2:AssociateIamInstanceProfile', 'ec2:ReplaceIamInstanceProfileAssociation', 'ec2:RequestSpotInstances', 'ec2:ModifyLaunchTemplate', 'autoscaling:CreateLaunchConfiguration', 'ec2:ModifyInstanceAttribute', 'lambda:UpdateFunctionConfiguration', 'lambda:AddPermission', 'lambda:CreateEventSourceMapping', 'glue:CreateJob', 'glue:UpdateJob', 'cloudformation:UpdateStack', 'cloudformation:ExecuteChangeSet', 'cloudformation:CreateStackSet', 'cloudformation:UpdateStackSet', 'codebuild:StartBuildBatch', 'sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob', 'sagemaker:CreateNotebookInstanceLifecycleConfig', 'ssm:StartAutomationExecution', 'ecs:RunTask', 'ecs:ExecuteCommand', 'apprunner:CreateService', 'apprunner:UpdateService', 'bedrock-agentcore:InvokeCodeInterpreter', 'codestar:AssociateTeamMember', 'batch:RegisterJobDefinition', 'batch:SubmitJob', 'glue:CreateSession', 'glue:RunStatement', 'cognito-identity:SetIdentityPoolRoles', 'bedrock-agentcore:InvokeAgentRuntimeCommand', 'bedrock-agentcore:ConnectBrowserAutomationStream', 'braket:CreateJob', 'codedeploy:CreateDeployment', 'elasticmapreduce:RunJobFlow', 'emr-serverless:StartJobRun', 'gamelift:CreateFleet', 'imagebuilder:CreateInfrastructureConfiguration', 'kinesisanalytics:StartApplication', 'omics:StartRun']) {
      assert.ok(ESCALATION_PATHS.some((p) => p.requires.flat().some((r) => r.action === action)), action);
    }
    for (const p of ESCALATION_PATHS) {
      assert.match(p.code, /^PRIVILEGE_ESCALATION_[A-Z0-9_]+$/);
      assert.strictEqual(ISSUE_CODES[p.code]?.findingType, 'SECURITY_WARNING', p.code);
      assert.ok(p.sources.length > 0 && p.sources.every((s) => /^https:\/\//.test(s)), p.code);
    }
    assert.strictEqual(new Set(ESCALATION_PATHS.map((p) => p.code)).size, ESCALATION_PATHS.length);
  });

  for (const p of ESCALATION_PATHS) {
    it(`${p.code}: the minimal policy is flagged, every alternative too, and with one request missing it is not`, () => {
      assert.ok(codes(minimal(p)).includes(p.code), minimal(p));
      p.requires.forEach((group, g) => {
        for (const alt of group.slice(1)) assert.ok(codes(minimal(p, (x) => (x === group ? alt : x[0]))).includes(p.code), `${p.code} with ${alt.action}`);
        const others = p.requires.filter((_, i) => i !== g).map((x) => x[0].action).filter((a) => !group.some((r) => r.action === a));
        if (others.length === 0) return;
        const without = policy({ Effect: 'Allow', Action: [...new Set(others)], Resource: '*' });
        assert.ok(!codes(without).includes(p.code), `${p.code} without ${group.map((r) => r.action).join('/')}`);
      });
    });
  }

  it('each request is asked for a resource in one of the ARN formats the Service Authorization Reference gives its action', () => {
    const h = testCatalog();
    h.ensureServicesSync([...ESCALATION_SERVICES]);
    for (const p of ESCALATION_PATHS) {
      for (const req of p.requires.flat()) {
        const info = h.catalog.action(req.action.split(':')[0], req.action.split(':')[1]);
        assert.ok(info, req.action);
        const resource = req.resource.replace(/\{account\}/g, '111122223333').replace(/\{region\}/g, 'us-east-1').replace(/\{name\}/g, 'sts-lens-probe');
        // AWS-owned SSM documents have no account in their ARN (arn:aws:ssm:us-east-2::document/AWS-RunShellScript).
        if (resource === 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript') continue;
        assert.ok(resourceCanApply(resource, actionFormats(info, h.catalog)), `${p.code}: ${req.action} on ${resource}`);
      }
    }
  });

  it('the README counts every path', () => {
    const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`warnings for ${ESCALATION_PATHS.length} documented IAM privilege-escalation paths`));
  });

  it('docs/checks.md lists every path with its requests, sources and what closes it', () => {
    const docs = fs.readFileSync(path.join(repoRoot(), 'docs', 'checks.md'), 'utf8');
    for (const p of ESCALATION_PATHS) {
      const at = docs.indexOf(`### ${p.code.toLowerCase()}\n`);
      assert.ok(at >= 0, p.code);
      const section = docs.slice(at, docs.indexOf('\n### ', at + 1));
      for (const r of p.requires.flat()) assert.ok(section.includes(`\`${r.action}\``), `${p.code} ${r.action}`);
      for (const s of p.sources) assert.ok(section.includes(`(${s})`), `${p.code} ${s}`);
      assert.match(section, /What closes it/);
    }
  });
});

describe('privilege-escalation paths: decided by the evaluation engine', () => {

  it('iam:UpdateAssumeRolePolicy alone is a path: a trust policy naming the caller needs no sts:AssumeRole of its own', () => {
    assert.ok(codes(policy(allow('iam:UpdateAssumeRolePolicy', 'arn:aws:iam::111122223333:role/admin'))).includes('PRIVILEGE_ESCALATION_UPDATE_ASSUME_ROLE_POLICY'));
  });

  it('sts:AssumeRole on a role is a path; on service-linked roles only it is not', () => {
    assert.ok(codes(policy(allow('sts:AssumeRole', 'arn:aws:iam::111122223333:role/admin'))).includes('PRIVILEGE_ESCALATION_ASSUME_ROLE'));
    assert.deepStrictEqual(codes(policy(allow('sts:AssumeRole', 'arn:aws:iam::*:role/aws-service-role/*'))), []);
  });

  it('policy versions only of AWS managed policies are no path: "AWS managed policies cannot be changed"', () => {
    assert.deepStrictEqual(codes(policy(allow(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], 'arn:aws:iam::aws:policy/*'))), []);
    assert.ok(codes(policy(allow('iam:CreatePolicyVersion', 'arn:aws:iam::111122223333:policy/team-*'))).includes('PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'));
  });

  it('role policies only of service-linked roles are no path', () => {
    assert.deepStrictEqual(codes(policy(allow(['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'], 'arn:aws:iam::*:role/aws-service-role/*'))), []);
  });

  it('SSM Automation only with AWS-owned runbooks is no path; with the account\'s own it is', () => {
    const pass = allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } } });
    assert.deepStrictEqual(codes(policy(pass, allow('ssm:StartAutomationExecution', ['arn:aws:ssm:*::document/AWS-RestartEC2Instance', 'arn:aws:ssm:*:*:automation-definition/AWS-*']))), []);
    assert.ok(codes(policy(pass, allow('ssm:StartAutomationExecution', 'arn:aws:ssm:*:111122223333:document/ops-*'))).includes('PRIVILEGE_ESCALATION_PASS_ROLE_SSM_AUTOMATION'));
  });

  it('iam:PassRole limited by iam:PassedToService to another service closes the path; to the path\'s service it does not', () => {
    const passTo = (service: string) => allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': service } } });
    assert.ok(!codes(policy(passTo('lambda.amazonaws.com'), allow('ec2:RunInstances'))).includes('PRIVILEGE_ESCALATION_PASS_ROLE_EC2'));
    assert.ok(codes(policy(passTo('ec2.amazonaws.com'), allow('ec2:RunInstances'))).includes('PRIVILEGE_ESCALATION_PASS_ROLE_EC2'));
    assert.ok(codes(policy(passTo('lambda.amazonaws.com'), allow(['lambda:CreateFunction', 'lambda:InvokeFunction']))).includes('PRIVILEGE_ESCALATION_PASS_ROLE_LAMBDA'));
  });

  it('a Deny that closes the path closes it without being a literal "*": a role pattern, a conditional Deny, a Deny with NotAction', () => {
    const put = allow('iam:PutRolePolicy');
    assert.deepStrictEqual(codes(policy(put, { Effect: 'Deny', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::*:role/*' })), []);
    assert.deepStrictEqual(codes(policy(put, { Effect: 'Deny', NotAction: ['s3:*', 'ec2:Describe*'], Resource: '*' })), []);
    const passAndRun = allow(['iam:PassRole', 'ec2:RunInstances']);
    assert.deepStrictEqual(codes(policy(passAndRun, { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } })), []);
    // A Deny on other resources leaves the rest usable.
    assert.ok(codes(policy(put, { Effect: 'Deny', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::*:role/admin-*' })).includes('PRIVILEGE_ESCALATION_PUT_ROLE_POLICY'));
  });

  it('passing one named role is still a path; denying that very role closes it', () => {
    const pass = allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app');
    assert.ok(codes(policy(pass, allow('ec2:RunInstances'))).includes('PRIVILEGE_ESCALATION_PASS_ROLE_EC2'));
    assert.ok(!codes(policy(pass, allow('ec2:RunInstances'), { Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/app' })).includes('PRIVILEGE_ESCALATION_PASS_ROLE_EC2'));
  });

  it('a user\'s own access keys and password are no path; another user\'s are', () => {
    assert.deepStrictEqual(codes(policy(allow(['iam:CreateAccessKey', 'iam:UpdateLoginProfile', 'iam:CreateLoginProfile'], 'arn:aws:iam::*:user/${aws:username}'))), []);
    assert.ok(codes(policy(allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/alice'))).includes('PRIVILEGE_ESCALATION_CREATE_ACCESS_KEY'));
  });

  it('conditions the caller chooses are chosen in its favour; others make the finding say "only if"', () => {
    const tagged = escalations(policy(allow('iam:PutRolePolicy', '*', { Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } })));
    assert.deepStrictEqual(tagged.map((e) => e.code), ['PRIVILEGE_ESCALATION_PUT_ROLE_POLICY']);
    assert.doesNotMatch(tagged[0].details, /only if/);
    const fromIp = escalations(policy(allow('iam:PutRolePolicy', '*', { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })));
    assert.match(fromIp.find((e) => e.code === 'PRIVILEGE_ESCALATION_PUT_ROLE_POLICY')!.details, /only if aws:SourceIp meets IpAddress "203\.0\.113\.0\/24"/);
    const mfa = escalations(policy(allow('iam:AttachUserPolicy'), { Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }));
    assert.match(mfa[0].details, /only if aws:MultiFactorAuthPresent does not meet BoolIfExists "false"/);
  });

  // Service Authorization Reference: iam:PolicyARN is listed for iam:AttachUserPolicy and the other
  // Attach/Detach actions, not for iam:PutUserPolicy nor any SageMaker action.
  it('"If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false": a service key an action never carries is never chosen for it', () => {
    const limited = { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::111122223333:policy/limited' } };
    assert.deepStrictEqual(codes(policy(allow(['iam:PutUserPolicy', 'iam:AttachUserPolicy'], '*', { Condition: limited }))), ['PRIVILEGE_ESCALATION_ATTACH_USER_POLICY']);
    assert.deepStrictEqual(codes(policy(allow('sagemaker:*', '*', { Condition: limited }))), []);
    // A Deny under a negated operator holds for a request without the key: it takes iam:PutUserPolicy, not iam:AttachUserPolicy, whose request names the policy.
    const denyOthers = { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ArnNotEquals: { 'iam:PolicyARN': 'arn:aws:iam::111122223333:policy/limited' } } };
    assert.deepStrictEqual(codes(policy(allow(['iam:PutUserPolicy', 'iam:AttachUserPolicy']), denyOthers)), ['PRIVILEGE_ESCALATION_ATTACH_USER_POLICY']);
  });

  it('a statement on "*" is decided with the data of every path\'s service, however little else is loaded', () => {
    const text = policy(allow('*', '*', { Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::111122223333:policy/limited' } } }));
    const fresh = createIamCatalog();
    fresh.ensureServicesSync(lintServices(text));
    const found = lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog: fresh.catalog }).findings.map((f) => f.issueCode).filter((c) => c.startsWith('PRIVILEGE_ESCALATION_'));
    assert.deepStrictEqual(found.sort(), ['PRIVILEGE_ESCALATION_ATTACH_GROUP_POLICY', 'PRIVILEGE_ESCALATION_ATTACH_ROLE_POLICY', 'PRIVILEGE_ESCALATION_ATTACH_USER_POLICY', 'PRIVILEGE_ESCALATION_DETACH_GROUP_POLICY', 'PRIVILEGE_ESCALATION_DETACH_ROLE_POLICY', 'PRIVILEGE_ESCALATION_DETACH_USER_POLICY']);
  });

  it('a resource scoped to another Region or account is still a resource the path can use', () => {
    assert.ok(codes(policy(allow('lambda:UpdateFunctionCode', 'arn:aws:lambda:eu-west-1:444455556666:function:billing'))).includes('PRIVILEGE_ESCALATION_UPDATE_LAMBDA_CODE'));
  });

  it('actions without resource types need "*": a function ARN does not allow lambda:CreateEventSourceMapping', () => {
    const p = byCode('PRIVILEGE_ESCALATION_PASS_ROLE_LAMBDA');
    assert.ok(p);
    assert.ok(!codes(policy(allow(['iam:PassRole', 'lambda:CreateFunction']), allow('lambda:CreateEventSourceMapping', 'arn:aws:lambda:*:*:function:*'))).includes(p.code));
  });
});

describe('full administrator access', () => {
  it('a policy that allows every action on everything gets one FULL_ADMIN_ACCESS finding, not one per path', () => {
    assert.deepStrictEqual(codes(policy({ Effect: 'Allow', Action: '*', Resource: '*' })), ['FULL_ADMIN_ACCESS']);
    assert.deepStrictEqual(codes(policy({ Effect: 'Allow', Action: '*:*', Resource: '*' })), ['FULL_ADMIN_ACCESS']);
    assert.strictEqual(ISSUE_CODES.FULL_ADMIN_ACCESS.findingType, 'SECURITY_WARNING');
  });

  it('with a Deny, or a condition, the paths are decided one by one instead', () => {
    const found = codes(policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }));
    assert.ok(!found.includes('FULL_ADMIN_ACCESS'));
    assert.ok(!found.some((c) => /_POLICY$|ASSUME_ROLE_POLICY|PASS_ROLE/.test(c)), found.join());
    assert.ok(found.includes('PRIVILEGE_ESCALATION_UPDATE_LAMBDA_CODE'));
  });
});

describe('privilege-escalation paths: ordinary policies stay clean', () => {
  it('every read-only, view-only and audit AWS managed policy of the shared corpus opens no path', () => {
    const dir = path.join(repoRoot(), '..', 'shared', 'corpus', 'aws-managed-policies');
    const names = fs.readdirSync(dir).filter((f) => /ReadOnly|ViewOnly|SecurityAudit/i.test(f) && f.endsWith('.json'));
    assert.ok(names.length > 50, String(names.length));
    for (const name of names) {
      const entry = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { document: unknown };
      assert.deepStrictEqual(codes(JSON.stringify(entry.document, null, 2)), [], name);
    }
  });

  it('everyday application permissions open no path', () => {
    assert.deepStrictEqual(codes(policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::app-bucket/*'), allow(['dynamodb:GetItem', 'dynamodb:PutItem'], 'arn:aws:dynamodb:*:*:table/app'), allow(['lambda:InvokeFunction'], '*'), allow(['iam:GetRole', 'iam:ListRoles'], '*'))), []);
  });
});
