/**
 * Checks of single setting values against what AWS documents for them: ARN shapes, STS parameter
 * patterns and the enumerations of the SDKs and Tools settings reference. Each check returns the
 * reason a value is wrong, or undefined when it is fine. The reason is worded only when asked for: a
 * hostile file may hold a million wrong values, and only the first few of a kind are listed.
 */

import * as l10n from '@vscode/l10n';

/** Why a value is wrong, worded when called. */
export type Words = () => string;

export const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43200;
/** STS caps a session assumed with role credentials (role chaining) at one hour. */
export const CHAINED_MAX_DURATION_SECONDS = 3600;

interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

function splitArn(value: string): ArnParts | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

/** Problems common to IAM ARNs; `example` is the shape to show the user. */
function iamArnProblem(value: string, arn: ArnParts | undefined, example: Words): Words | undefined {
  if (!arn) {
    return value.startsWith('arn:')
      ? () => l10n.t('"{0}" has too few parts for an ARN; expected {1}.', value, example())
      : () => l10n.t('"{0}" is not an ARN; expected {1}.', value, example());
  }
  if (!PARTITIONS.includes(arn.partition)) {
    return () => l10n.t('"{0}" is not an AWS partition ({1}); expected {2}.', arn.partition, PARTITIONS.join(', '), example());
  }
  if (arn.service !== 'iam') return undefined;
  if (arn.region !== '') return () => l10n.t('IAM ARNs have no Region, but this one has "{0}"; expected {1}.', arn.region, example());
  if (!/^\d{12}$/.test(arn.account)) {
    return () => l10n.t('The account ID "{0}" is not 12 digits; expected {1}.', arn.account, example());
  }
  return undefined;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const PATH_SEGMENT = /^[\x21-\x2E\x30-\x7E]+$/;

/** `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`, as AssumeRole's RoleArn. */
export function roleArnProblem(value: string): Words | undefined {
  const example = 'arn:aws:iam::123456789012:role/NAME';
  const arn = splitArn(value);
  const base = iamArnProblem(value, arn, () => example);
  if (base || !arn) return base;
  if (arn.service === 'sts' && arn.resource.startsWith('assumed-role/')) {
    const role = arn.resource.split('/')[1] ?? 'NAME';
    return () => l10n.t('This is the ARN of a role session, not of the role; use {0}.', `arn:${arn.partition}:iam::${arn.account}:role/${role}`);
  }
  if (arn.service !== 'iam') return () => l10n.t('The service of a role ARN is "iam", not "{0}"; expected {1}.', arn.service, example);
  const [type, ...rest] = arn.resource.split('/');
  if (type !== 'role') {
    if (type === 'user') return () => l10n.t('This ARN names an IAM user, not a role; expected {0}.', example);
    if (type === 'mfa') return () => l10n.t('This ARN names an MFA device, not a role; expected {0}.', example);
    if (type === 'group') return () => l10n.t('This ARN names an IAM group, not a role; expected {0}.', example);
    return () => l10n.t('This ARN names "{0}", not a role; expected {1}.', type, example);
  }
  const name = rest[rest.length - 1] ?? '';
  const path = rest.slice(0, -1);
  if (!name) return () => l10n.t('The role ARN has no role name after "role/"; expected {0}.', example);
  if (!ROLE_NAME.test(name)) {
    return name.length > 64
      ? () => l10n.t('The role name is {0} characters; IAM allows at most {1}.', name.length, 64)
      : () => l10n.t('The role name "{0}" has characters IAM does not allow (letters, digits and + = , . @ _ - only).', name);
  }
  if (path.some((s) => !PATH_SEGMENT.test(s)) || path.join('/').length > 510) {
    return () => l10n.t('The role path has characters IAM does not allow, or is longer than {0} characters.', 512);
  }
  return undefined;
}

/** The virtual device's ARN (`arn:…:iam::ACCOUNT:mfa/NAME`) or a hardware device's serial number. */
export function mfaSerialProblem(value: string): Words | undefined {
  const example = () => l10n.t('{0} or a hardware serial such as {1}', 'arn:aws:iam::123456789012:mfa/NAME', 'GAHT12345678');
  if (!value.startsWith('arn:')) {
    if (/^[\w+=/:,.@-]{9,256}$/.test(value)) return undefined;
    return () => l10n.t('"{0}" is neither an MFA device ARN nor a hardware device serial number ({1} to {2} letters, digits or + = / : , . @ _ -); expected {3}.', value, 9, 256, example());
  }
  const arn = splitArn(value);
  const base = iamArnProblem(value, arn, example);
  if (base || !arn) return base;
  if (arn.service !== 'iam') return () => l10n.t('The service of an MFA device ARN is "iam", not "{0}"; expected {1}.', arn.service, example());
  const [type, ...rest] = arn.resource.split('/');
  if (type === 'u2f') {
    return () => l10n.t('This is a FIDO security key. The AWS CLI and SDKs cannot use security keys for AssumeRole; register a virtual or hardware TOTP device and use its ARN or serial number.');
  }
  if (type === 'user') {
    return () => l10n.t('This is the ARN of the IAM user, not of its MFA device; the device ARN looks like {0}.', `arn:${arn.partition}:iam::${arn.account}:mfa/${rest[rest.length - 1] ?? 'NAME'}`);
  }
  if (type !== 'mfa') return () => l10n.t('This ARN names "{0}", not an MFA device; expected {1}.', type, example());
  const name = rest[rest.length - 1] ?? '';
  if (!name || !/^[\w+=,.@-]+$/.test(name)) return () => l10n.t('The MFA device name "{0}" is empty or has characters IAM does not allow.', name);
  if (value.length > 256) return () => l10n.t('An MFA serial number is at most {0} characters.', 256);
  return undefined;
}

export type DurationCheck = { ok: true; seconds: number } | { ok: false; message: Words };

export function checkDuration(value: string): DurationCheck {
  if (!/^\d+$/.test(value)) {
    return {
      ok: false,
      message: () => l10n.t('duration_seconds must be a whole number of seconds from {0} to {1}, not "{2}". The AWS CLI silently ignores it and the JavaScript SDK sends an invalid duration.', MIN_DURATION_SECONDS, MAX_DURATION_SECONDS, value),
    };
  }
  const seconds = Number(value);
  if (seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
    return {
      ok: false,
      message: () => l10n.t('duration_seconds is {0}, outside the {1}–{2} seconds (15 minutes to 12 hours) that AssumeRole accepts; the call fails.', seconds, MIN_DURATION_SECONDS, MAX_DURATION_SECONDS),
    };
  }
  return { ok: true, seconds };
}

export function regionProblem(value: string): Words | undefined {
  if (value === 'aws-global' || /^[a-z]{2,4}(?:-[a-z0-9]+){1,3}-\d{1,2}$/.test(value)) return undefined;
  if (/^[a-z]{2,4}(?:-[a-z0-9]+){1,3}-\d{1,2}[a-z]$/.test(value)) {
    return () => l10n.t('"{0}" is an Availability Zone; the Region is "{1}".', value, value.slice(0, -1));
  }
  return () => l10n.t('"{0}" does not look like an AWS Region code (for example {1}).', value, 'us-east-1');
}

const BOOLEAN = ['true', 'false'];

/** Allowed values for settings with a fixed set; booleans and the IMDS endpoint mode ignore case. */
export const ENUM_VALUES: Readonly<Record<string, readonly string[]>> = {
  output: ['json', 'yaml', 'yaml-stream', 'text', 'table', 'off'],
  sts_regional_endpoints: ['legacy', 'regional'],
  s3_us_east_1_regional_endpoint: ['legacy', 'regional'],
  retry_mode: ['legacy', 'standard', 'adaptive'],
  defaults_mode: ['legacy', 'standard', 'in-region', 'cross-region', 'mobile', 'auto'],
  account_id_endpoint_mode: ['preferred', 'disabled', 'required'],
  request_checksum_calculation: ['when_supported', 'when_required'],
  response_checksum_validation: ['when_supported', 'when_required'],
  cli_binary_format: ['base64', 'raw-in-base64-out'],
  cli_timestamp_format: ['iso8601', 'wire', 'none'],
  cli_auto_prompt: ['on', 'on-partial', 'off'],
  cli_history: ['enabled', 'disabled'],
  ec2_metadata_service_endpoint_mode: ['ipv4', 'ipv6'],
  endpoint_discovery_enabled: ['true', 'false', 'auto'],
  use_fips_endpoint: BOOLEAN,
  use_dualstack_endpoint: BOOLEAN,
  ignore_configured_endpoint_urls: BOOLEAN,
  disable_request_compression: BOOLEAN,
  ec2_metadata_v1_disabled: BOOLEAN,
  parameter_validation: BOOLEAN,
  tcp_keepalive: BOOLEAN,
  s3_use_arn_region: BOOLEAN,
  s3_disable_multiregion_access_points: BOOLEAN,
  s3_disable_express_session_auth: BOOLEAN,
  imds_use_ipv6: BOOLEAN,
  csm_enabled: BOOLEAN,
  disable_host_prefix_injection: BOOLEAN,
  cli_follow_urlparam: BOOLEAN,
};

const URL_KEYS = ['endpoint_url', 'sso_start_url', 'ec2_metadata_service_endpoint'];
const ACCOUNT_KEYS = ['aws_account_id', 'sso_account_id'];
const POSITIVE_INT_KEYS = ['max_attempts', 'metadata_service_num_attempts'];
const NON_NEGATIVE_NUMBER_KEYS = ['metadata_service_timeout', 'request_min_compression_size_bytes', 'csm_port'];

/** The problem with a simple setting's value, for settings that have no dedicated check. */
export function simpleValueProblem(key: string, value: string): Words | undefined {
  const allowed = ENUM_VALUES[key];
  const caseless = allowed === BOOLEAN || key === 'ec2_metadata_service_endpoint_mode' || key === 'endpoint_discovery_enabled';
  if (allowed && !allowed.includes(caseless ? value.toLowerCase() : value)) {
    return () => l10n.t('{0} is "{1}"; expected one of {2}.', key, value, allowed.join(', '));
  }
  if ((key === 'region' || key === 'sso_region') && value) return regionProblem(value);
  if (URL_KEYS.includes(key) && !/^https?:\/\/[^\s/]+/.test(value)) {
    return () => l10n.t('{0} must be a URL starting with https:// (or http:// for a local endpoint), not "{1}".', key, value);
  }
  if (key === 'sso_start_url' && value.startsWith('http://')) return () => l10n.t('sso_start_url must use https://.');
  if (ACCOUNT_KEYS.includes(key) && !/^\d{12}$/.test(value)) return () => l10n.t('{0} must be a 12-digit account ID, not "{1}".', key, value);
  if (POSITIVE_INT_KEYS.includes(key) && !/^[1-9]\d*$/.test(value)) return () => l10n.t('{0} must be a whole number of at least 1, not "{1}".', key, value);
  if (NON_NEGATIVE_NUMBER_KEYS.includes(key) && !/^\d+(?:\.\d+)?$/.test(value)) return () => l10n.t('{0} must be a number, not "{1}".', key, value);
  if (key === 'role_session_name' && !/^[\w+=,.@-]{2,64}$/.test(value)) {
    return () => l10n.t('role_session_name must be 2 to 64 letters, digits or + = , . @ _ - (the RoleSessionName rule of STS), not "{0}".', value);
  }
  if (key === 'external_id' && !/^[\w+=,.@:/-]{2,1224}$/.test(value)) {
    return () => l10n.t('external_id must be 2 to 1224 letters, digits or + = , . @ : / _ - (the ExternalId rule of STS).');
  }
  if (key === 'aws_access_key_id' && !/^[A-Z0-9]{16,128}$/.test(value)) {
    return () => l10n.t('This does not look like an access key ID (16 to 128 upper-case letters and digits, such as AKIA…).');
  }
  return undefined;
}
