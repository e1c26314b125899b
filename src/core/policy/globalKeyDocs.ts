/**
 * What each global condition key holds and when AWS puts it in the request context, for hovers and
 * completions: the IAM data names these keys but gives them no description. Paraphrased from AWS's
 * "AWS global condition context keys" page; `anchor` is the key's section on that page.
 */

export const GLOBAL_KEYS_PAGE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';

export interface GlobalKeyDoc {
  /** What the key holds, in a sentence or two. */
  readonly about: string;
  /** When the key is in the request context (AWS's "Availability"). */
  readonly availability: string;
  /** The key's section on `page`. */
  readonly anchor: string;
  /** The page documenting the key, when it is not GLOBAL_KEYS_PAGE. */
  readonly page?: string;
  /** The data type AWS documents, where the IAM data says otherwise. */
  readonly type?: string;
  /** A second operator family AWS documents for the key. */
  readonly alsoType?: string;
}

const ALWAYS = 'Always in the request context.';
const PRINCIPAL_ORG = "Only when the principal's account belongs to an organization in AWS Organizations; anonymous requests never carry it.";
const SERVICE_PRINCIPAL = 'Only when an AWS service principal calls your resource itself; absent for IAM principals, anonymous callers, and services acting with a principal\'s credentials or a service role.';
const EC2_ROLE = 'Whenever the request is signed with role credentials delivered to an Amazon EC2 instance.';
const EC2_SESSION = 'Whenever the role session was created by an Amazon EC2 instance.';
const VIA_ENDPOINT = 'Only when the request is made through a VPC endpoint.';
const VPCE_ORG = "When the request comes through a VPC endpoint of a service that supports the key and the endpoint's owner account belongs to an organization.";
const RESOURCE_ORG = "Only when the account owning the resource belongs to an organization; a few cross-account acceptance actions and Amazon EBS don't set it.";
const CALL_CHAIN = "When a service uses the principal's credentials to make at least one further request; absent for direct calls and when a service role or service-linked role makes the call.";
const SOURCE = 'Only when an AWS service principal calls your resource directly on behalf of a resource whose configuration triggered the call.';
const SOURCE_ORG = "Only when an AWS service principal calls your resource directly on behalf of a resource whose owner account belongs to an organization.";

/** Keyed as the IAM data writes the keys (tag keys end in `/tag-key`). */
/** Built on first use (a function V8 compiles only when called), not as the features load. */
function buildDocs(): Readonly<Record<string, GlobalKeyDoc>> {
  return {
    // Properties of the principal
    'aws:PrincipalArn': {
      anchor: 'condition-keys-principalarn',
      about: "The ARN of the principal that signed the request (an IAM user, a role, an STS federated user or the account root user). For a role session it is the role's ARN, not the session's.",
      availability: 'In every signed request; anonymous requests lack it.',
    },
    'aws:PrincipalAccount': {
      anchor: 'condition-keys-principalaccount',
      about: 'The ID of the AWS account the requesting principal belongs to; `anonymous` for anonymous requests.',
      availability: 'In every request, anonymous ones included.',
    },
    'aws:PrincipalOrgPaths': {
      anchor: 'condition-keys-principalorgpaths',
      about: "The AWS Organizations paths (organization, root and OUs) of the requesting principal's account, such as `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`.",
      availability: PRINCIPAL_ORG,
    },
    'aws:PrincipalOrgID': {
      anchor: 'condition-keys-principalorgid',
      about: "The ID of the organization the requesting principal's account belongs to (`o-…`): a way to trust every account of an organization without listing them.",
      availability: PRINCIPAL_ORG,
    },
    'aws:PrincipalTag/tag-key': {
      anchor: 'condition-keys-principaltag',
      about: 'The value of the named tag on the requesting principal: a tag on the IAM user or role, or a session tag. There is one key per tag.',
      availability: 'When the requesting user or role has tags, or the session carries session tags; anonymous requests never carry it.',
    },
    'aws:PrincipalIsAWSService': {
      anchor: 'condition-keys-principalisawsservice',
      about: "Whether an AWS service principal (such as `cloudtrail.amazonaws.com`) is calling your resource directly. False for IAM principals and for services acting with a principal's credentials or a service role.",
      availability: 'In every signed request made with AWS credentials; anonymous requests lack it.',
    },
    'aws:PrincipalServiceName': {
      anchor: 'condition-keys-principalservicename',
      about: 'The name of the service principal calling your resource directly, such as `cloudtrail.amazonaws.com`.',
      availability: SERVICE_PRINCIPAL,
    },
    'aws:PrincipalServiceNamesList': {
      anchor: 'condition-keys-principalservicenameslist',
      about: 'Every service principal name of the calling service, Regional ones included, so a policy can admit one Regional instance of a service.',
      availability: SERVICE_PRINCIPAL,
    },
    'aws:PrincipalType': {
      anchor: 'condition-keys-principaltype',
      about: 'The kind of principal making the request: `Account`, `User`, `FederatedUser`, `AssumedRole` or `Anonymous`.',
      availability: 'In every request, anonymous ones included.',
    },
    'aws:userid': {
      anchor: 'condition-keys-userid',
      about: "The unique ID of the requester: an IAM user's ID, or for a role session the role's ID followed by the session name.",
      availability: 'In every request, anonymous ones included.',
    },
    'aws:username': {
      anchor: 'condition-keys-username',
      about: 'The friendly name of the IAM user making the request.',
      availability: 'Only for IAM users; requests by roles, the root user, IAM Identity Center users and anonymous callers lack it.',
    },

    // Properties of a role session
    'aws:AssumedRoot': {
      anchor: 'condition-keys-assumedroot',
      about: "Whether the request uses credentials from `sts:AssumeRoot`, the short-lived privileged root session on an organization's member account.",
      availability: 'Only when the request is signed with credentials that AssumeRoot returned.',
    },
    'aws:FederatedProvider': {
      anchor: 'condition-keys-federatedprovider',
      // AWS documents String, but the value is an ARN for identity providers not built into AWS (GitHub, EKS).
      about: 'The identity provider that authenticated a web identity (OIDC) role session: a name such as `cognito-identity.amazonaws.com` for providers built into AWS, otherwise the OIDC provider\'s ARN.',
      availability: 'In sessions of roles assumed through an OIDC provider, and in the role trust policy when AssumeRoleWithWebIdentity is called.',
    },
    'aws:TokenIssueTime': {
      anchor: 'condition-keys-tokenissuetime',
      about: 'The date and time the temporary security credentials that signed the request were issued.',
      availability: 'Only when the request is signed with temporary credentials; requests signed with access keys lack it.',
    },
    'aws:MultiFactorAuthAge': {
      anchor: 'condition-keys-multifactorauthage',
      about: 'How many seconds have passed since the requesting principal authenticated with MFA.',
      availability: 'Only when the request is signed with temporary security credentials; federated identities and requests signed with access keys lack it.',
    },
    'aws:MultiFactorAuthPresent': {
      anchor: 'condition-keys-multifactorauthpresent',
      about: 'Whether MFA was used to validate the temporary credentials that signed the request. Long-term keys never carry it, so test it with `BoolIfExists`.',
      availability: 'Only when the request is signed with temporary credentials (role sessions, GetSessionToken, the console); access keys and federated identities lack it.',
    },
    'aws:ChatbotSourceArn': {
      anchor: 'condition-keys-chatbotsourcearn',
      about: 'The ARN of the Amazon Q Developer in chat applications channel configuration whose role session made the request.',
      availability: 'Set by Amazon Q Developer in chat applications whenever it assumes a role session, for example to run an AWS CLI command from a chat channel.',
    },
    'aws:Ec2InstanceSourceVpc': {
      anchor: 'condition-keys-ec2instancesourcevpc',
      about: "The ID of the VPC an EC2 instance's role credentials were delivered to; compare it with `aws:SourceVpc` to keep those credentials inside their VPC.",
      availability: EC2_ROLE,
    },
    'aws:Ec2InstanceSourcePrivateIPv4': {
      anchor: 'condition-keys-ec2instancesourceprivateip4',
      about: "The private IPv4 address of the primary network interface an EC2 instance's role credentials were delivered to. Private addresses repeat across VPCs: always pair it with `aws:Ec2InstanceSourceVpc`.",
      availability: EC2_ROLE,
    },
    'aws:SourceIdentity': {
      anchor: 'condition-keys-sourceidentity',
      about: 'The source identity set when the role was assumed. It cannot be changed afterwards and carries into chained role sessions.',
      availability: 'In requests from a role session whose source identity was set when the role was assumed.',
    },
    'ec2:RoleDelivery': {
      anchor: 'condition-keys-ec2-role-delivery',
      about: "The instance metadata service version that delivered the instance's role credentials: `1.0` for IMDSv1, `2.0` for IMDSv2.",
      availability: EC2_SESSION,
    },
    'ec2:SourceInstanceArn': {
      anchor: 'condition-keys-ec2-source-instance-arn',
      about: 'The ARN of the EC2 instance whose role session made the request.',
      availability: EC2_SESSION,
    },
    'glue:RoleAssumedBy': {
      anchor: 'condition-keys-glue-role-assumed-by',
      about: 'Set to `glue.amazonaws.com` when the AWS Glue service itself calls with a service role on your behalf (not from a job or development endpoint).',
      availability: "When AWS Glue makes a request with a service role on the customer's behalf.",
    },
    'glue:CredentialIssuingService': {
      anchor: 'condition-keys-glue-credential-issuing',
      about: 'Set to `glue.amazonaws.com` when a request made with a service role comes from an AWS Glue job or development endpoint.',
      availability: 'When the request comes from an AWS Glue job or development endpoint.',
    },
    'lambda:SourceFunctionArn': {
      anchor: 'condition-keys-lambda-source-function-arn',
      about: "The ARN of the Lambda function whose execution role credentials signed the request: calls from the function's code, and some calls Lambda makes for it (logs, traces).",
      availability: 'Whenever Lambda function code is invoked and calls AWS with its execution role.',
    },
    'ssm:SourceInstanceArn': {
      anchor: 'condition-keys-ssm-source-instance-arn',
      about: 'The ARN of the AWS Systems Manager managed instance the role credentials were delivered to.',
      availability: 'Whenever role credentials are delivered to a Systems Manager managed instance; absent when the instance uses an EC2 instance profile role.',
    },
    'identitystore:UserId': {
      anchor: 'condition-keys-identity-store-user-id',
      about: 'The IAM Identity Center user ID of the workforce user making the request.',
      availability: 'When the caller is a user in IAM Identity Center.',
    },

    // Properties of the network
    'aws:SourceIp': {
      anchor: 'condition-keys-sourceip',
      about: 'The public IPv4 or IPv6 address the request came from; compare it with the IP address operators.',
      availability: 'In every request except those made through a VPC endpoint (use `aws:VpcSourceIp` there).',
    },
    'aws:SourceVpc': {
      anchor: 'condition-keys-sourcevpc',
      about: 'The ID of the VPC whose VPC endpoint the request travelled through.',
      availability: VIA_ENDPOINT,
    },
    'aws:SourceVpcArn': {
      anchor: 'condition-keys-sourcevpcarn',
      // The IAM data says String; AWS documents ARN and recommends the ARN operators.
      type: 'ARN',
      about: 'The ARN of the VPC whose VPC endpoint the request travelled through; AWS prefers it to `aws:SourceVpc` where a service supports it.',
      availability: 'Only for requests made through a VPC endpoint to a service that supports the key; requests to public endpoints lack it.',
    },
    'aws:SourceVpce': {
      anchor: 'condition-keys-sourcevpce',
      about: 'The ID of the VPC endpoint (`vpce-…`) the request came through.',
      availability: VIA_ENDPOINT,
    },
    'aws:VpceAccount': {
      anchor: 'condition-keys-vpceaccount',
      about: 'The ID of the AWS account that owns the VPC endpoint the request came through.',
      availability: 'When the request comes through a VPC endpoint of a service that supports the key; requests to public endpoints lack it.',
    },
    'aws:VpceOrgPaths': {
      anchor: 'condition-keys-vpceorgpaths',
      about: 'The AWS Organizations paths of the account that owns the VPC endpoint the request came through.',
      availability: VPCE_ORG,
    },
    'aws:VpceOrgID': {
      anchor: 'condition-keys-vpceorgid',
      about: 'The ID of the organization whose account owns the VPC endpoint the request came through.',
      availability: VPCE_ORG,
    },
    'aws:VpcSourceIp': {
      anchor: 'condition-keys-vpcsourceip',
      about: 'The IP address a request came from when it went through a VPC endpoint. Ranges overlap between VPCs: pair it with `aws:SourceVpc`, `aws:SourceVpce` or `aws:SourceVpcArn`.',
      availability: VIA_ENDPOINT,
    },

    // Properties of the resource
    'aws:ResourceAccount': {
      anchor: 'condition-keys-resourceaccount',
      about: 'The ID of the AWS account that owns the resource the request acts on, even where its ARN shows no account (S3 buckets).',
      availability: "For most actions; a few cross-account acceptance actions and Amazon EBS don't set it.",
    },
    'aws:ResourceOrgID': {
      anchor: 'condition-keys-resourceorgid',
      about: 'The ID of the organization that the account owning the requested resource belongs to.',
      availability: RESOURCE_ORG,
    },
    'aws:ResourceOrgPaths': {
      anchor: 'condition-keys-resourceorgpaths',
      about: 'The AWS Organizations paths of the account that owns the requested resource.',
      availability: RESOURCE_ORG,
    },
    'aws:ResourceTag/tag-key': {
      anchor: 'condition-keys-resourcetag',
      about: 'The value of the named tag on the resource the request acts on. There is one key per tag; tag keys match without regard to case, values with it.',
      availability: 'When the resource already has tags, or the request creates it with tags, for resources that support tag-based authorization.',
    },

    // Properties of the request
    'aws:CalledVia': {
      anchor: 'condition-keys-calledvia',
      about: "The service principals, in order, that passed the principal's credentials on (forward access sessions) to make this request, such as `cloudformation.amazonaws.com`.",
      availability: "Only when a service that supports the key uses the principal's credentials to call another service; absent for direct calls and for service roles.",
    },
    'aws:CalledViaFirst': {
      anchor: 'condition-keys-calledviafirst',
      about: "The first service in the chain of services that made requests with the principal's credentials.",
      availability: CALL_CHAIN,
    },
    'aws:CalledViaLast': {
      anchor: 'condition-keys-calledvialast',
      about: "The last service in the chain of services that made requests with the principal's credentials: the one making this request.",
      availability: CALL_CHAIN,
    },
    'aws:CalledViaAWSMCP': {
      // The anchor is spelt this way on AWS's page.
      anchor: 'condition-keys-calledviaawasmcp',
      about: "The service principal of the AWS MCP server that made the request with the principal's credentials, such as `aws-mcp.amazonaws.com`.",
      availability: "When an AWS MCP service uses an IAM principal's credentials to call an AWS service; absent for direct calls.",
    },
    'aws:ViaAWSService': {
      anchor: 'condition-keys-viaawsservice',
      about: "Whether an AWS service made this request on the principal's behalf with forward access sessions (true) rather than the principal calling directly (false).",
      availability: ALWAYS,
    },
    'aws:ViaAWSMCPService': {
      anchor: 'condition-keys-viaawsmcpservice',
      about: "Whether an AWS MCP service passed this request on to an AWS service for the principal (true) rather than the principal calling directly (false).",
      availability: 'When an AWS MCP server calls a downstream AWS service on behalf of an IAM principal.',
    },
    'aws:CurrentTime': {
      anchor: 'condition-keys-currenttime',
      about: 'The date and time of the request; compare it with the date operators.',
      availability: ALWAYS,
    },
    'aws:EpochTime': {
      anchor: 'condition-keys-epochtime',
      // AWS documents Date and Numeric; the IAM data says only Date.
      alsoType: 'Numeric',
      about: 'The time of the request as seconds since 1 January 1970; compare it with the date or numeric operators.',
      availability: ALWAYS,
    },
    'aws:referer': {
      anchor: 'condition-keys-referer',
      about: "The HTTP Referer header of the request: the web page whose link led to it. The caller controls the header, so it does not stop direct requests.",
      availability: 'Only when the request came from following a link in a web browser; programmatic requests lack it.',
    },
    'aws:RequestedRegion': {
      anchor: 'condition-keys-requestedregion',
      about: 'The AWS Region the request was sent to, such as `eu-west-1`. Global services with one endpoint, such as IAM, are always called in `us-east-1`.',
      availability: ALWAYS,
    },
    'aws:RequestTag/tag-key': {
      anchor: 'condition-keys-requesttag',
      about: 'The value of the named tag passed in the request, as when creating or tagging a resource. There is one key per tag.',
      availability: 'When the request passes tags.',
    },
    'aws:TagKeys': {
      anchor: 'condition-keys-tagkeys',
      about: 'The tag keys passed in the request, without their values.',
      availability: 'When the operation supports passing tags in the request.',
    },
    'aws:SecureTransport': {
      anchor: 'condition-keys-securetransport',
      about: 'Whether the request was sent over TLS.',
      availability: ALWAYS,
    },
    'aws:SourceArn': {
      anchor: 'condition-keys-sourcearn',
      about: "The ARN of the resource on whose behalf an AWS service principal calls your resource, such as the S3 bucket that sends an SNS notification: the guard against a confused deputy. Not the caller's ARN: that is `aws:PrincipalArn`.",
      availability: SOURCE,
    },
    'aws:SourceAccount': {
      anchor: 'condition-keys-sourceaccount',
      about: 'The account ID of the resource on whose behalf an AWS service principal calls your resource: the guard against a confused deputy.',
      availability: SOURCE,
    },
    'aws:SourceOwner': {
      anchor: 'source-account-versus-source-owner',
      page: 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
      about: "An older key for the account that owns the resource on whose behalf a service calls, still in Amazon SNS topics' default policies. AWS does not list it among the global keys and recommends `aws:SourceAccount` instead.",
      availability: 'Not on the global keys page; Amazon SNS documents it for its topic policies.',
    },
    'aws:SourceOrgPaths': {
      anchor: 'condition-keys-sourceorgpaths',
      about: 'The AWS Organizations paths of the account owning the resource on whose behalf an AWS service principal calls your resource.',
      availability: SOURCE_ORG,
    },
    'aws:SourceOrgID': {
      anchor: 'condition-keys-sourceorgid',
      about: 'The organization ID of the account owning the resource on whose behalf an AWS service principal calls your resource.',
      availability: SOURCE_ORG,
    },
    'aws:UserAgent': {
      anchor: 'condition-keys-useragent',
      about: "The caller's client application, from the HTTP User-Agent header. The caller controls the header, so it does not stop direct requests.",
      availability: ALWAYS,
    },
    'aws:IsMcpServiceAction': {
      anchor: 'condition-keys-ismcpserviceaction',
      about: 'Whether the action being authorized is an action of the AWS MCP service itself, not one the MCP service makes to other AWS services.',
      availability: 'Set to true only when the MCP service authorizes one of its own actions.',
    },
  };
}

let docs: Readonly<Record<string, GlobalKeyDoc>> | undefined;
let byLowerKey: Map<string, GlobalKeyDoc> | undefined;

function allDocs(): Readonly<Record<string, GlobalKeyDoc>> {
  return (docs ??= buildDocs());
}

/** The documentation of a global key as the IAM data writes it (case-insensitive), or undefined. */
export function globalKeyDoc(key: string): GlobalKeyDoc | undefined {
  byLowerKey ??= new Map(Object.entries(allDocs()).map(([k, v]) => [k.toLowerCase(), v]));
  return byLowerKey.get(key.toLowerCase());
}

/** The address of the key's section in AWS's documentation. */
export function globalKeyDocUrl(doc: GlobalKeyDoc): string {
  return `${doc.page ?? GLOBAL_KEYS_PAGE}#${doc.anchor}`;
}

/** Every documented key, as the IAM data writes it. */
export function documentedGlobalKeys(): string[] {
  return Object.keys(allDocs());
}
