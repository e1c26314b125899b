/**
 * The settings the AWS CLI and SDKs read from shared config files, from the AWS SDKs and Tools
 * settings reference, the AWS CLI configuration guide and the loaders of botocore and the
 * JavaScript SDK. The TextMate grammar highlights the same profile keys (a unit test keeps the two
 * lists in step).
 */

/** Settings of a `[default]` or `[profile …]` section. */
export const PROFILE_KEYS: readonly string[] = [
  // Credentials
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'aws_account_id',
  'aws_credential_scope',
  // Assume role and web identity
  'role_arn',
  'source_profile',
  'credential_source',
  'external_id',
  'mfa_serial',
  'role_session_name',
  'duration_seconds',
  'web_identity_token_file',
  // Other credential providers
  'credential_process',
  'login_session',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_registration_scopes',
  // Endpoints and regions
  'region',
  'endpoint_url',
  'ignore_configured_endpoint_urls',
  'services',
  'sts_regional_endpoints',
  'use_fips_endpoint',
  'use_dualstack_endpoint',
  'endpoint_discovery_enabled',
  'account_id_endpoint_mode',
  'auth_scheme_preference',
  'sigv4a_signing_region_set',
  's3_use_arn_region',
  's3_us_east_1_regional_endpoint',
  's3_disable_multiregion_access_points',
  's3_disable_express_session_auth',
  // Retries, timeouts and request behaviour
  'retry_mode',
  'max_attempts',
  'defaults_mode',
  'disable_request_compression',
  'request_min_compression_size_bytes',
  'request_checksum_calculation',
  'response_checksum_validation',
  'disable_host_prefix_injection',
  'parameter_validation',
  'tcp_keepalive',
  'ca_bundle',
  'sdk_ua_app_id',
  'api_versions',
  'data_path',
  // Instance metadata
  'metadata_service_timeout',
  'metadata_service_num_attempts',
  'ec2_metadata_service_endpoint',
  'ec2_metadata_service_endpoint_mode',
  'ec2_metadata_v1_disabled',
  'imds_use_ipv6',
  // AWS CLI only
  'output',
  'cli_pager',
  'cli_binary_format',
  'cli_timestamp_format',
  'cli_follow_urlparam',
  'cli_auto_prompt',
  'cli_history',
  'cli_help_output',
  'cli_legacy_plugin_path',
  // Client-side monitoring (botocore)
  'csm_enabled',
  'csm_host',
  'csm_port',
  'csm_client_id',
  // Nested block of S3 settings
  's3',
];

/** Keys of a profile whose value is an indented block of `key = value` lines. */
export const NESTED_PROFILE_KEYS: readonly string[] = ['s3', 'api_versions'];

/** Settings under `s3 =`. */
export const S3_NESTED_KEYS: readonly string[] = [
  'max_concurrent_requests',
  'max_queue_size',
  'multipart_threshold',
  'multipart_chunksize',
  'max_bandwidth',
  'use_accelerate_endpoint',
  'use_dualstack_endpoint',
  'addressing_style',
  'payload_signing_enabled',
  'use_arn_region',
  'us_east_1_regional_endpoint',
  's3_disable_multiregion_access_points',
  'preferred_transfer_client',
  'target_bandwidth',
  'io_chunksize',
  'signature_version',
  'endpoint_url',
];

/** Settings of an `[sso-session …]` section. */
export const SSO_SESSION_KEYS: readonly string[] = ['sso_start_url', 'sso_region', 'sso_registration_scopes'];

/** Settings under a service in a `[services …]` section. */
export const SERVICE_NESTED_KEYS: readonly string[] = ['endpoint_url'];

/** The only settings the credentials file is documented to hold. */
export const CREDENTIALS_FILE_KEYS: readonly string[] = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'aws_account_id',
  'aws_credential_scope',
];

/**
 * Keys that well-known tools (aws-vault, granted, aws-sso-util, saml2aws, awsume, Leapp, the AWS
 * Toolkits) keep in the same files. The SDKs ignore them; the linter leaves them alone.
 */
export const THIRD_PARTY_KEYS: readonly string[] = [
  'mfa_process',
  'include_profile',
  'parent_profile',
  'session_tags',
  'transitive_session_tags',
  'granted_sso_start_url',
  'granted_sso_region',
  'granted_sso_account_id',
  'granted_sso_role_name',
  'granted_sso_registration_scopes',
  'granted_sso_session',
  'granted_credential_process',
  'common_fate_generated_from',
  'credential_process_type',
  'sso_auto_populated',
  'sso_account_name',
  'sso_role_duration',
  'x_principal_arn',
  'x_security_token_expires',
  'awsume_role_duration',
  'autoawsume',
  'manager',
  'toolkit_artifact_guid',
  'aws_expiration',
  'expiration',
];

/** Key prefixes of tools that keep their own settings in profiles (aws-azure-login, aws-google-auth, granted, …). */
export const THIRD_PARTY_KEY_PREFIXES: readonly string[] = ['azure_', 'google_config.', 'granted_', 'okta_', 'saml2aws_', 'awsume_', 'leapp_', 'x_'];

const THIRD_PARTY_KEY_SET: ReadonlySet<string> = new Set(THIRD_PARTY_KEYS);

export function isThirdPartyKey(key: string): boolean {
  return THIRD_PARTY_KEY_SET.has(key) || THIRD_PARTY_KEY_PREFIXES.some((p) => key.startsWith(p));
}

/** Sections of the config file that are not profiles and whose keys belong to the AWS CLI. */
export const OTHER_CONFIG_SECTIONS: readonly string[] = ['plugins', 'preview'];

export const CREDENTIAL_SOURCES: readonly string[] = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

/** Characters the JavaScript SDK accepts in a prefixed section name (its `prefixKeyRegex`). */
export const JS_SECTION_NAME = /^[\w\-@+.%:/]+$/;
