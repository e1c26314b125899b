/**
 * Short descriptions of shared config settings for hovers and completions, written from the AWS
 * SDKs and Tools settings reference and the AWS CLI user guide.
 */

import * as l10n from '@vscode/l10n';

export const SETTINGS_REFERENCE_URL = 'https://docs.aws.amazon.com/sdkref/latest/guide/settings-reference.html';

/** Each description is read when shown, in the display language (no l10n.t call at module load). */
export const KEY_DOCS: Readonly<Record<string, () => string>> = {
  aws_access_key_id: () => l10n.t('Access key ID of long-term (AKIA…) or temporary (ASIA…) credentials. Belongs in the credentials file.'),
  aws_secret_access_key: () => l10n.t('Secret access key paired with aws_access_key_id. Belongs in the credentials file, never in a shared config.'),
  aws_session_token: () => l10n.t('Session token of temporary credentials; required with ASIA… access keys.'),
  aws_security_token: () => l10n.t('Legacy name of aws_session_token, still read by the AWS CLI and boto3.'),
  aws_account_id: () => l10n.t('Account ID of the credentials, used for account-based endpoints (account_id_endpoint_mode).'),
  aws_credential_scope: () => l10n.t('Credential scope of the static credentials (AWS SDK for JavaScript).'),
  role_arn: () => l10n.t('ARN of the IAM role to assume: arn:aws:iam::ACCOUNT:role/NAME. Needs source_profile, credential_source or web_identity_token_file.'),
  source_profile: () => l10n.t('Profile whose credentials call AssumeRole for role_arn. Its static keys win over its own role settings. Exclusive with credential_source.'),
  credential_source: () => l10n.t('Where the credentials that assume role_arn come from: Environment, Ec2InstanceMetadata or EcsContainer. Exclusive with source_profile.'),
  external_id: () => l10n.t("ExternalId passed to AssumeRole, when the role's trust policy requires one (third-party access)."),
  mfa_serial: () => l10n.t('MFA device for AssumeRole: a virtual device ARN (arn:aws:iam::ACCOUNT:mfa/NAME) or a hardware serial number. Used only on a profile with role_arn.'),
  role_session_name: () => l10n.t('RoleSessionName for AssumeRole (2–64 characters of letters, digits and +=,.@_-); shows in CloudTrail and in the assumed-role ARN.'),
  duration_seconds: () => l10n.t("Requested session length in seconds, 900–43200 and at most the role's maximum; at most 3600 when the source credentials are themselves a role session (role chaining). Default 3600."),
  web_identity_token_file: () => l10n.t('File holding an OIDC token for AssumeRoleWithWebIdentity of role_arn.'),
  credential_process: () => l10n.t("Command that prints credentials as JSON (Version 1), such as IAM Roles Anywhere's aws_signing_helper."),
  login_session: () => l10n.t('Console sign-in session created by `aws login`, used to obtain credentials.'),
  sso_session: () => l10n.t('Name of an [sso-session NAME] section holding the IAM Identity Center start URL and Region.'),
  sso_start_url: () => l10n.t('IAM Identity Center access portal URL (https://…/start). Prefer an [sso-session] section.'),
  sso_region: () => l10n.t('Region of the IAM Identity Center instance.'),
  sso_account_id: () => l10n.t('Account to get IAM Identity Center role credentials for (12 digits).'),
  sso_role_name: () => l10n.t('Permission set (role) name to get IAM Identity Center credentials for.'),
  sso_registration_scopes: () => l10n.t('Comma-separated OAuth scopes to register the client for, such as sso:account:access.'),
  region: () => l10n.t('Default AWS Region for requests made with this profile, such as us-east-1.'),
  output: () => l10n.t('AWS CLI output format: json, yaml, yaml-stream, text, table or off.'),
  endpoint_url: () => l10n.t('Endpoint URL used for every service with this profile, instead of the AWS endpoint.'),
  ignore_configured_endpoint_urls: () => l10n.t('true to ignore endpoint URLs set in the config file and environment.'),
  services: () => l10n.t('Name of a [services NAME] section with per-service settings such as endpoint_url.'),
  sts_regional_endpoints: () => l10n.t("regional (default in current SDKs) sends STS calls to the Region's endpoint; legacy uses the global endpoint for some Regions."),
  use_fips_endpoint: () => l10n.t('true to use FIPS endpoints.'),
  use_dualstack_endpoint: () => l10n.t('true to use dual-stack (IPv4 and IPv6) endpoints.'),
  retry_mode: () => l10n.t('Retry strategy: standard, adaptive or legacy.'),
  max_attempts: () => l10n.t('Maximum attempts for a request, including the first.'),
  defaults_mode: () => l10n.t('Preset of timeouts and retries: standard, in-region, cross-region, mobile, auto or legacy.'),
  ca_bundle: () => l10n.t('Path to a PEM bundle of CA certificates used to verify TLS connections.'),
  account_id_endpoint_mode: () => l10n.t('Use of account-based endpoints: preferred, required or disabled.'),
  request_checksum_calculation: () => l10n.t('When to compute request checksums: when_supported or when_required.'),
  response_checksum_validation: () => l10n.t('When to validate response checksums: when_supported or when_required.'),
  metadata_service_timeout: () => l10n.t('Seconds to wait for the EC2 instance metadata service.'),
  metadata_service_num_attempts: () => l10n.t('Attempts to reach the EC2 instance metadata service.'),
  ec2_metadata_service_endpoint: () => l10n.t('Endpoint of the EC2 instance metadata service.'),
  ec2_metadata_v1_disabled: () => l10n.t('true to never fall back to IMDSv1.'),
  cli_pager: () => l10n.t('Pager for AWS CLI output; empty to disable.'),
  cli_binary_format: () => l10n.t('How the AWS CLI reads binary parameters: base64 or raw-in-base64-out.'),
  cli_timestamp_format: () => l10n.t('How the AWS CLI prints timestamps: iso8601 or wire.'),
  cli_auto_prompt: () => l10n.t('AWS CLI auto-prompt: on, on-partial or off.'),
  cli_history: () => l10n.t('enabled to record AWS CLI command history.'),
  parameter_validation: () => l10n.t('false to skip client-side parameter validation.'),
  tcp_keepalive: () => l10n.t('true to use TCP keep-alive.'),
  s3: () => l10n.t('Indented block of S3 settings (max_concurrent_requests, multipart_threshold, addressing_style, …).'),
  api_versions: () => l10n.t('Indented block pinning API versions per service.'),
  sdk_ua_app_id: () => l10n.t('Application ID added to the User-Agent header.'),
};

export function keyDoc(key: string): string | undefined {
  return Object.hasOwn(KEY_DOCS, key) ? KEY_DOCS[key]() : undefined;
}
