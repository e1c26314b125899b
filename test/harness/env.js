// The environment handed to code-server, tests and the sandbox, without the caller's AWS settings.
'use strict';

const AWS_ENV = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN',
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_IAM', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ROLE_ARN', 'AWS_ROLE_SESSION_NAME', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_VAULT', 'AWS_SSO_SESSION'];

/** A copy of `base` without the AWS_* variables that would point the SDK or CLI at the caller's account. */
function cleanEnv(base = process.env) {
  const env = { ...base };
  for (const k of AWS_ENV) delete env[k];
  return env;
}

module.exports = { cleanEnv, AWS_ENV };
