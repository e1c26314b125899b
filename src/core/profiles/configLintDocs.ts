/**
 * Short descriptions of shared config settings for hovers and completions, written from the AWS
 * SDKs and Tools settings reference and the AWS CLI user guide.
 */

export const SETTINGS_REFERENCE_URL = 'https://docs.aws.amazon.com/sdkref/latest/guide/settings-reference.html';

export const KEY_DOCS: Readonly<Record<string, string>> = {
  aws_access_key_id: 'Access key ID of long-term (AKIA…) or temporary (ASIA…) credentials. Belongs in the credentials file.',
  aws_secret_access_key: 'Secret access key paired with aws_access_key_id. Belongs in the credentials file, never in a shared config.',
  aws_session_token: 'Session token of temporary credentials; required with ASIA… access keys.',
  aws_security_token: 'Legacy name of aws_session_token, still read by the AWS CLI and boto3.',
  aws_account_id: 'Account ID of the credentials, used for account-based endpoints (account_id_endpoint_mode).',
  aws_credential_scope: 'Credential scope of the static credentials (AWS SDK for JavaScript).',
  role_arn: 'ARN of the IAM role to assume: arn:aws:iam::ACCOUNT:role/NAME. Needs source_profile, credential_source or web_identity_token_file.',
  source_profile: 'Profile whose credentials call AssumeRole for role_arn. Its static keys win over its own role settings. Exclusive with credential_source.',
  credential_source: 'Where the credentials that assume role_arn come from: Environment, Ec2InstanceMetadata or EcsContainer. Exclusive with source_profile.',
  external_id: 'ExternalId passed to AssumeRole, when the role\'s trust policy requires one (third-party access).',
  mfa_serial: 'MFA device for AssumeRole: a virtual device ARN (arn:aws:iam::ACCOUNT:mfa/NAME) or a hardware serial number. Used only on a profile with role_arn.',
  role_session_name: 'RoleSessionName for AssumeRole (2–64 characters of letters, digits and +=,.@_-); shows in CloudTrail and in the assumed-role ARN.',
  duration_seconds: 'Requested session length in seconds, 900–43200 and at most the role\'s maximum; at most 3600 when the source credentials are themselves a role session (role chaining). Default 3600.',
  web_identity_token_file: 'File holding an OIDC token for AssumeRoleWithWebIdentity of role_arn.',
  credential_process: 'Command that prints credentials as JSON (Version 1), such as IAM Roles Anywhere\'s aws_signing_helper.',
  login_session: 'Console sign-in session created by `aws login`, used to obtain credentials.',
  sso_session: 'Name of an [sso-session NAME] section holding the IAM Identity Center start URL and Region.',
  sso_start_url: 'IAM Identity Center access portal URL (https://…/start). Prefer an [sso-session] section.',
  sso_region: 'Region of the IAM Identity Center instance.',
  sso_account_id: 'Account to get IAM Identity Center role credentials for (12 digits).',
  sso_role_name: 'Permission set (role) name to get IAM Identity Center credentials for.',
  sso_registration_scopes: 'Comma-separated OAuth scopes to register the client for, such as sso:account:access.',
  region: 'Default AWS Region for requests made with this profile, such as us-east-1.',
  output: 'AWS CLI output format: json, yaml, yaml-stream, text, table or off.',
  endpoint_url: 'Endpoint URL used for every service with this profile, instead of the AWS endpoint.',
  ignore_configured_endpoint_urls: 'true to ignore endpoint URLs set in the config file and environment.',
  services: 'Name of a [services NAME] section with per-service settings such as endpoint_url.',
  sts_regional_endpoints: 'regional (default in current SDKs) sends STS calls to the Region\'s endpoint; legacy uses the global endpoint for some Regions.',
  use_fips_endpoint: 'true to use FIPS endpoints.',
  use_dualstack_endpoint: 'true to use dual-stack (IPv4 and IPv6) endpoints.',
  retry_mode: 'Retry strategy: standard, adaptive or legacy.',
  max_attempts: 'Maximum attempts for a request, including the first.',
  defaults_mode: 'Preset of timeouts and retries: standard, in-region, cross-region, mobile, auto or legacy.',
  ca_bundle: 'Path to a PEM bundle of CA certificates used to verify TLS connections.',
  account_id_endpoint_mode: 'Use of account-based endpoints: preferred, required or disabled.',
  request_checksum_calculation: 'When to compute request checksums: when_supported or when_required.',
  response_checksum_validation: 'When to validate response checksums: when_supported or when_required.',
  metadata_service_timeout: 'Seconds to wait for the EC2 instance metadata service.',
  metadata_service_num_attempts: 'Attempts to reach the EC2 instance metadata service.',
  ec2_metadata_service_endpoint: 'Endpoint of the EC2 instance metadata service.',
  ec2_metadata_v1_disabled: 'true to never fall back to IMDSv1.',
  cli_pager: 'Pager for AWS CLI output; empty to disable.',
  cli_binary_format: 'How the AWS CLI reads binary parameters: base64 or raw-in-base64-out.',
  cli_timestamp_format: 'How the AWS CLI prints timestamps: iso8601 or wire.',
  cli_auto_prompt: 'AWS CLI auto-prompt: on, on-partial or off.',
  cli_history: 'enabled to record AWS CLI command history.',
  parameter_validation: 'false to skip client-side parameter validation.',
  tcp_keepalive: 'true to use TCP keep-alive.',
  s3: 'Indented block of S3 settings (max_concurrent_requests, multipart_threshold, addressing_style, …).',
  api_versions: 'Indented block pinning API versions per service.',
  sdk_ua_app_id: 'Application ID added to the User-Agent header.',
};

export function keyDoc(key: string): string | undefined {
  return KEY_DOCS[key];
}
