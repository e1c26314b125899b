/**
 * The documented IAM privilege-escalation paths: sets of actions that together let a principal
 * give itself more permissions than it has. Each path is reported as its own issue code, described
 * in docs/checks.md with the source that documents it.
 */
export interface EscalationPath {
  /** The issue code, PRIVILEGE_ESCALATION_... */
  readonly code: string;
  readonly title: string;
  /** Every group must be granted; a group is granted when any one of its actions is. */
  readonly requires: readonly (readonly string[])[];
  /** What someone with these permissions can do, one sentence. */
  readonly how: string;
  /** The action acts on users: a grant scoped to the caller's own user (`${aws:username}`) is no path. */
  readonly onOtherUsers?: boolean;
  readonly source: string;
}

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const BISHOP_FOX = 'https://github.com/BishopFox/iam-vulnerable';

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  { code: 'PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION', title: 'Privilege escalation: new policy version', requires: [['iam:CreatePolicyVersion']], how: 'can write a new default version of a managed policy attached to itself that allows everything', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_SET_DEFAULT_POLICY_VERSION', title: 'Privilege escalation: older policy version', requires: [['iam:SetDefaultPolicyVersion']], how: 'can make a more permissive earlier version of a managed policy the default one', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_ATTACH_USER_POLICY', title: 'Privilege escalation: attach a user policy', requires: [['iam:AttachUserPolicy']], how: 'can attach AdministratorAccess (or any managed policy) to a user, itself included', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_ATTACH_GROUP_POLICY', title: 'Privilege escalation: attach a group policy', requires: [['iam:AttachGroupPolicy']], how: 'can attach any managed policy to a group it belongs to', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_ATTACH_ROLE_POLICY', title: 'Privilege escalation: attach a role policy', requires: [['iam:AttachRolePolicy']], how: 'can attach any managed policy to a role it can use', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_PUT_USER_POLICY', title: 'Privilege escalation: write a user inline policy', requires: [['iam:PutUserPolicy']], how: 'can write an inline policy that allows everything on a user, itself included', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_PUT_GROUP_POLICY', title: 'Privilege escalation: write a group inline policy', requires: [['iam:PutGroupPolicy']], how: 'can write an inline policy that allows everything on a group it belongs to', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_PUT_ROLE_POLICY', title: 'Privilege escalation: write a role inline policy', requires: [['iam:PutRolePolicy']], how: 'can write an inline policy that allows everything on a role it can use', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_ADD_USER_TO_GROUP', title: 'Privilege escalation: join a group', requires: [['iam:AddUserToGroup']], how: 'can add itself to a group with more permissions', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_CREATE_ACCESS_KEY', title: 'Privilege escalation: access keys for another user', requires: [['iam:CreateAccessKey']], how: "can create access keys for other users and act as them", onOtherUsers: true, source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_CREATE_LOGIN_PROFILE', title: 'Privilege escalation: console password for another user', requires: [['iam:CreateLoginProfile']], how: 'can give another user a console password and sign in as them', onOtherUsers: true, source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_UPDATE_LOGIN_PROFILE', title: "Privilege escalation: change another user's password", requires: [['iam:UpdateLoginProfile']], how: "can change another user's console password and sign in as them", onOtherUsers: true, source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_UPDATE_ASSUME_ROLE_POLICY', title: 'Privilege escalation: rewrite a trust policy', requires: [['iam:UpdateAssumeRolePolicy'], ['sts:AssumeRole']], how: "can rewrite a role's trust policy to trust itself and then assume the role", source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_PASS_ROLE_EC2', title: 'Privilege escalation: pass a role to EC2', requires: [['iam:PassRole'], ['ec2:RunInstances']], how: 'can start an instance with a more privileged role and use its credentials from the instance', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_PASS_ROLE_LAMBDA', title: 'Privilege escalation: pass a role to Lambda', requires: [['iam:PassRole'], ['lambda:CreateFunction'], ['lambda:InvokeFunction', 'lambda:CreateEventSourceMapping']], how: 'can create a function that runs as a more privileged role and invoke it', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_UPDATE_LAMBDA_CODE', title: "Privilege escalation: replace a function's code", requires: [['lambda:UpdateFunctionCode']], how: "can replace an existing function's code and so act as the function's role", source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_PASS_ROLE_GLUE', title: 'Privilege escalation: pass a role to a Glue dev endpoint', requires: [['iam:PassRole'], ['glue:CreateDevEndpoint']], how: 'can create a Glue development endpoint with a more privileged role and log in to it', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_UPDATE_GLUE_DEV_ENDPOINT', title: 'Privilege escalation: take over a Glue dev endpoint', requires: [['glue:UpdateDevEndpoint']], how: "can put its own SSH key on an existing Glue development endpoint and use the endpoint's role", source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_PASS_ROLE_CLOUDFORMATION', title: 'Privilege escalation: pass a role to CloudFormation', requires: [['iam:PassRole'], ['cloudformation:CreateStack']], how: 'can create a stack that runs as a more privileged role and creates whatever that role may', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_PASS_ROLE_DATA_PIPELINE', title: 'Privilege escalation: pass a role to Data Pipeline', requires: [['iam:PassRole'], ['datapipeline:CreatePipeline'], ['datapipeline:PutPipelineDefinition']], how: 'can create a pipeline that runs commands as a more privileged role', source: RHINO },
  { code: 'PRIVILEGE_ESCALATION_PASS_ROLE_SAGEMAKER', title: 'Privilege escalation: pass a role to a SageMaker notebook', requires: [['iam:PassRole'], ['sagemaker:CreateNotebookInstance'], ['sagemaker:CreatePresignedNotebookInstanceUrl']], how: 'can create a notebook instance with a more privileged role and open it in a browser', source: BISHOP_FOX },
  { code: 'PRIVILEGE_ESCALATION_PASS_ROLE_CODEBUILD', title: 'Privilege escalation: pass a role to CodeBuild', requires: [['iam:PassRole'], ['codebuild:CreateProject'], ['codebuild:StartBuild', 'codebuild:StartBuildBatch']], how: 'can create a build project that runs commands as a more privileged role', source: BISHOP_FOX },
  { code: 'PRIVILEGE_ESCALATION_SSM_COMMAND', title: 'Privilege escalation: run commands on instances', requires: [['ssm:SendCommand', 'ssm:StartSession']], how: "can run commands on managed instances and use their instance profiles' credentials", source: BISHOP_FOX },
  { code: 'PRIVILEGE_ESCALATION_EC2_INSTANCE_CONNECT', title: 'Privilege escalation: SSH into instances', requires: [['ec2-instance-connect:SendSSHPublicKey']], how: "can push its own SSH key to instances, log in and use their instance profiles' credentials", source: BISHOP_FOX },
];
