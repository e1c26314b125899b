import * as assert from 'assert';
import { lint } from '../policy/catalog';

// The paths added from pathfinding.cloud's newer entries: each is found for a policy that grants
// exactly the catalog's required actions on the resources it describes, and not without one of them,
// under a Deny of one of them, or with the role passed only to another service.

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-*`;

type Statement = { Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: object };

function codes(...statements: Statement[]): string[] {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return lint(text, 'IDENTITY_POLICY').findings.map((f) => f.issueCode);
}

const allow = (Action: string | string[], Resource: string | string[] = '*', Condition?: object): Statement => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
const deny = (Action: string, Resource = '*'): Statement => ({ Effect: 'Deny', Action, Resource });
const passTo = (service: string): Statement => allow('iam:PassRole', ROLE, { StringEquals: { 'iam:PassedToService': service } });

interface Case {
  readonly code: string;
  readonly ids: string;
  /** The grants of the path as the catalog describes them, one statement per required action. */
  readonly grants: readonly Statement[];
  /** The service the role is passed to, for paths that pass one. */
  readonly passedTo?: string;
}

const CASES: readonly Case[] = [
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_ECS_OVERRIDE',
    ids: 'ecs-008',
    passedTo: 'ecs-tasks.amazonaws.com',
    grants: [allow('ecs:RunTask', `arn:aws:ecs:*:${ACCOUNT}:task-definition/*`)],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_ECS_OVERRIDE',
    ids: 'ecs-009',
    passedTo: 'ecs-tasks.amazonaws.com',
    grants: [allow('ecs:StartTask', `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:*`)],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_BATCH',
    ids: 'batch-001',
    passedTo: 'batch.amazonaws.com',
    grants: [allow('batch:RegisterJobDefinition'), allow('batch:SubmitJob', [`arn:aws:batch:*:${ACCOUNT}:job-queue/*`, `arn:aws:batch:*:${ACCOUNT}:job-definition/*`])],
  },
  {
    code: 'PRIVILEGE_ESCALATION_BATCH_SUBMIT_JOB',
    ids: 'batch-002',
    grants: [allow('batch:SubmitJob', `arn:aws:batch:eu-west-1:${ACCOUNT}:job-queue/nightly`)],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_GLUE_SESSION',
    ids: 'glue-007',
    passedTo: 'glue.amazonaws.com',
    grants: [allow('glue:CreateSession', `arn:aws:glue:*:${ACCOUNT}:session/*`), allow('glue:RunStatement', `arn:aws:glue:*:${ACCOUNT}:session/*`)],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_COGNITO_IDENTITY_POOL',
    ids: 'cognitoidentity-001',
    passedTo: 'cognito-identity.amazonaws.com',
    grants: [allow('cognito-identity:SetIdentityPoolRoles')],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_BEDROCK_AGENTCORE_RUNTIME',
    ids: 'bedrock-003',
    passedTo: 'bedrock-agentcore.amazonaws.com',
    grants: [
      allow('bedrock-agentcore:CreateAgentRuntime'),
      allow('bedrock-agentcore:CreateAgentRuntimeEndpoint', `arn:aws:bedrock-agentcore:*:${ACCOUNT}:runtime/*`),
      allow('bedrock-agentcore:CreateWorkloadIdentity', `arn:aws:bedrock-agentcore:*:${ACCOUNT}:workload-identity-directory/*`),
      allow('bedrock-agentcore:InvokeAgentRuntimeCommand', `arn:aws:bedrock-agentcore:*:${ACCOUNT}:runtime/*`),
    ],
  },
  {
    code: 'PRIVILEGE_ESCALATION_BEDROCK_AGENTCORE_RUNTIME_COMMAND',
    ids: 'bedrock-004',
    grants: [allow('bedrock-agentcore:InvokeAgentRuntimeCommand', `arn:aws:bedrock-agentcore:us-west-2:${ACCOUNT}:runtime/support_agent-a1b2c3`)],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_BEDROCK_AGENTCORE_BROWSER',
    ids: 'bedrock-006',
    passedTo: 'bedrock-agentcore.amazonaws.com',
    grants: [allow('bedrock-agentcore:CreateBrowser'), allow('bedrock-agentcore:StartBrowserSession', `arn:aws:bedrock-agentcore:*:${ACCOUNT}:browser-custom/*`), allow('bedrock-agentcore:ConnectBrowserAutomationStream')],
  },
  {
    code: 'PRIVILEGE_ESCALATION_BEDROCK_AGENTCORE_BROWSER_SESSION',
    ids: 'bedrock-007',
    grants: [allow('bedrock-agentcore:StartBrowserSession', `arn:aws:bedrock-agentcore:*:${ACCOUNT}:browser-custom/research-*`), allow('bedrock-agentcore:ConnectBrowserAutomationStream')],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_BRAKET',
    ids: 'braket-001',
    passedTo: 'braket.amazonaws.com',
    grants: [allow('braket:CreateJob', [`arn:aws:braket:*:${ACCOUNT}:job/*`, 'arn:aws:braket:*:*:device/*'])],
  },
  {
    code: 'PRIVILEGE_ESCALATION_CODEDEPLOY_DEPLOYMENT',
    ids: 'codedeploy-001',
    grants: [
      allow('codedeploy:CreateDeployment', `arn:aws:codedeploy:*:${ACCOUNT}:deploymentgroup:web/*`),
      allow('codedeploy:RegisterApplicationRevision', `arn:aws:codedeploy:*:${ACCOUNT}:application:web`),
      allow('codedeploy:GetDeploymentConfig', `arn:aws:codedeploy:*:${ACCOUNT}:deploymentconfig:*`),
    ],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_EMR',
    ids: 'emr-001',
    grants: [allow('iam:PassRole', ROLE, { StringLike: { 'iam:PassedToService': ['elasticmapreduce.amazonaws.com', 'ec2.amazonaws.com*'] } }), allow('elasticmapreduce:RunJobFlow')],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_EMR_SERVERLESS',
    ids: 'emrserverless-001',
    passedTo: 'emr-serverless.amazonaws.com',
    grants: [allow('emr-serverless:CreateApplication'), allow('emr-serverless:StartJobRun', `arn:aws:emr-serverless:*:${ACCOUNT}:/applications/*`)],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_GAMELIFT',
    ids: 'gamelift-001',
    passedTo: 'gamelift.amazonaws.com',
    grants: [allow('gamelift:CreateBuild'), allow('gamelift:RequestUploadCredentials', `arn:aws:gamelift:*:${ACCOUNT}:build/*`), allow('gamelift:CreateFleet')],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_IMAGE_BUILDER',
    ids: 'imagebuilder-001',
    passedTo: 'ec2.amazonaws.com',
    grants: [
      allow('imagebuilder:CreateComponent', `arn:aws:imagebuilder:*:${ACCOUNT}:component/*`),
      allow('imagebuilder:CreateImageRecipe', `arn:aws:imagebuilder:*:${ACCOUNT}:image-recipe/*`),
      allow('imagebuilder:CreateInfrastructureConfiguration', `arn:aws:imagebuilder:*:${ACCOUNT}:infrastructure-configuration/*`),
      allow('imagebuilder:CreateImage', `arn:aws:imagebuilder:*:${ACCOUNT}:image/*`),
    ],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_KINESIS_ANALYTICS',
    ids: 'kinesisanalytics-001',
    passedTo: 'kinesisanalytics.amazonaws.com',
    grants: [allow('kinesisanalytics:CreateApplication'), allow('kinesisanalytics:StartApplication', `arn:aws:kinesisanalytics:*:${ACCOUNT}:application/*`)],
  },
  {
    code: 'PRIVILEGE_ESCALATION_PASS_ROLE_HEALTHOMICS',
    ids: 'omics-001',
    passedTo: 'omics.amazonaws.com',
    grants: [allow('omics:CreateWorkflow'), allow('omics:StartRun', [`arn:aws:omics:*:${ACCOUNT}:run/*`, `arn:aws:omics:*:${ACCOUNT}:workflow/*`])],
  },
];

describe('privilege-escalation paths from pathfinding.cloud\'s newer entries', () => {
  for (const c of CASES) {
    const pass = c.passedTo ? [passTo(c.passedTo)] : [];
    const actions = c.grants.flatMap((g) => [g.Action].flat());

    it(`${c.code} (${c.ids}): found for exactly the catalog's grants`, () => {
      assert.ok(codes(...pass, ...c.grants).includes(c.code), codes(...pass, ...c.grants).join());
    });

    it(`${c.code} (${c.ids}): not found without one of its actions, or with one denied`, () => {
      c.grants.forEach((g, i) => {
        const others = c.grants.filter((_, k) => k !== i);
        if (others.length + pass.length === 0) return;
        assert.ok(!codes(...pass, ...others).includes(c.code), `without ${String(g.Action)}`);
      });
      if (c.passedTo) assert.ok(!codes(...c.grants).includes(c.code), 'without iam:PassRole');
      for (const action of ['iam:PassRole', ...actions].filter((a) => a !== 'iam:PassRole' || c.passedTo)) {
        assert.ok(!codes(...pass, ...c.grants, deny(action)).includes(c.code), `with ${action} denied`);
      }
    });

    if (c.passedTo) {
      it(`${c.code} (${c.ids}): not found when the role may be passed only to another service`, () => {
        assert.ok(!codes(passTo('lambda.amazonaws.com'), ...c.grants).includes(c.code));
      });
    }
  }

  it('a condition the caller does not control makes the finding conditional, not absent', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [allow('batch:SubmitJob', '*', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })] }, null, 2);
    const found = lint(text, 'IDENTITY_POLICY').findings.find((f) => f.issueCode === 'PRIVILEGE_ESCALATION_BATCH_SUBMIT_JOB');
    assert.match(found?.findingDetails ?? '', /only if aws:SourceIp/);
  });

  it('SubmitJob scoped to job definitions only opens no Batch path: a job is submitted to a job queue', () => {
    assert.ok(!codes(allow('batch:SubmitJob', `arn:aws:batch:*:${ACCOUNT}:job-definition/*`)).includes('PRIVILEGE_ESCALATION_BATCH_SUBMIT_JOB'));
  });

  it('a session only in AWS\'s own browser, which has no execution role, opens no browser path', () => {
    const found = codes(allow('bedrock-agentcore:StartBrowserSession', 'arn:aws:bedrock-agentcore:*:aws:browser/*'), allow('bedrock-agentcore:ConnectBrowserAutomationStream'));
    assert.ok(!found.includes('PRIVILEGE_ESCALATION_BEDROCK_AGENTCORE_BROWSER_SESSION'), found.join());
  });

  // AWS (IAM condition keys, iam:PassedToService): "Sometimes you pass a role to a service that then
  // passes the role to a different service. iam:PassedToService includes only the final service that
  // assumes the role, not the intermediate service that passes the role."
  const FINAL_SERVICE = 'iam:PassedToService includes only the final service that assumes the role, not the intermediate service that passes the role';

  it(`Batch: a job role is assumed by ECS tasks, so a role passed only to ecs-tasks.amazonaws.com opens the Batch path ("${FINAL_SERVICE}")`, () => {
    const grants = CASES.find((c) => c.code === 'PRIVILEGE_ESCALATION_PASS_ROLE_BATCH')!.grants;
    assert.ok(codes(passTo('ecs-tasks.amazonaws.com'), ...grants).includes('PRIVILEGE_ESCALATION_PASS_ROLE_BATCH'));
    assert.ok(codes(passTo('batch.amazonaws.com'), ...grants).includes('PRIVILEGE_ESCALATION_PASS_ROLE_BATCH'));
    assert.ok(!codes(passTo('ec2.amazonaws.com'), ...grants).includes('PRIVILEGE_ESCALATION_PASS_ROLE_BATCH'));
  });

  it(`Image Builder: the build instance's role is assumed by EC2, so a role passed only to imagebuilder.amazonaws.com opens no Image Builder path ("${FINAL_SERVICE}")`, () => {
    const grants = CASES.find((c) => c.code === 'PRIVILEGE_ESCALATION_PASS_ROLE_IMAGE_BUILDER')!.grants;
    assert.ok(codes(passTo('ec2.amazonaws.com'), ...grants).includes('PRIVILEGE_ESCALATION_PASS_ROLE_IMAGE_BUILDER'));
    assert.ok(!codes(passTo('imagebuilder.amazonaws.com'), ...grants).includes('PRIVILEGE_ESCALATION_PASS_ROLE_IMAGE_BUILDER'));
  });

  it('GameLift: AWS\'s own example that "allows a user to pass an IAM service role to Amazon GameLift Servers" (gamelift:* and iam:PassRole with iam:PassedToService gamelift.amazonaws.com) opens the GameLift path', () => {
    const example = [allow('gamelift:*'), allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'gamelift.amazonaws.com' } })];
    assert.ok(codes(...example).includes('PRIVILEGE_ESCALATION_PASS_ROLE_GAMELIFT'));
    assert.ok(!codes(allow('gamelift:*'), allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } })).includes('PRIVILEGE_ESCALATION_PASS_ROLE_GAMELIFT'));
  });

  it('EMR needs both roles passed: the service role to EMR and the instance profile role to EC2', () => {
    const run = allow('elasticmapreduce:RunJobFlow');
    assert.ok(!codes(passTo('elasticmapreduce.amazonaws.com'), run).includes('PRIVILEGE_ESCALATION_PASS_ROLE_EMR'));
    assert.ok(!codes(passTo('ec2.amazonaws.com'), run).includes('PRIVILEGE_ESCALATION_PASS_ROLE_EMR'));
    assert.ok(codes(passTo('elasticmapreduce.amazonaws.com'), passTo('ec2.amazonaws.com'), run).includes('PRIVILEGE_ESCALATION_PASS_ROLE_EMR'));
  });

  it('ECS task overrides: RunTask or StartTask alone with iam:PassRole is a path; registering a task definition is not needed', () => {
    const found = codes(passTo('ecs-tasks.amazonaws.com'), allow('ecs:RunTask'));
    assert.ok(found.includes('PRIVILEGE_ESCALATION_PASS_ROLE_ECS_OVERRIDE'));
    assert.ok(!found.includes('PRIVILEGE_ESCALATION_PASS_ROLE_ECS'));
  });
});
