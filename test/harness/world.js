// The seeded AWS world shared by integration tests, UI tests and the sandbox: users, roles, an MFA
// device and the AWS config/credentials profiles that reach them, created through moto's real IAM API.
'use strict';
const fs = require('fs');
const path = require('path');
const { IAMClient, CreateUserCommand, CreateAccessKeyCommand, PutUserPolicyCommand, CreateRoleCommand, PutRolePolicyCommand,
  CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, CreateGroupCommand, PutGroupPolicyCommand, AddUserToGroupCommand,
  CreatePolicyCommand, CreatePolicyVersionCommand, AttachRolePolicyCommand } = require('@aws-sdk/client-iam');
const { resetMoto, enforceIam } = require('./moto');
const { seedPolicyWorld } = require('./policy-world');
const { seedSsoWorld } = require('./sso-world');

const ACCOUNT_ID = '123456789012'; // moto's default account
const REGION = 'us-east-1';
const EXTERNAL_ID = 'sts-lens-demo';
const CHAIN_SESSION = 'sts-lens';
const arn = (kind, name) => `arn:aws:iam::${ACCOUNT_ID}:${kind}/${name}`;
const doc = (...statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const STS_CALLER = doc({
  Sid: 'StsOnly',
  Effect: 'Allow',
  Action: ['sts:AssumeRole', 'sts:GetSessionToken', 'sts:GetCallerIdentity', 'sts:GetAccessKeyInfo', 'sts:DecodeAuthorizationMessage', 'sts:TagSession', 'sts:SetSourceIdentity', 'iam:ListMFADevices'],
  Resource: '*',
});
// The actions of the AWS managed policy AmazonS3ReadOnlyAccess.
const S3_READ_ONLY = doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' });
const trust = (principalArn, condition) => doc({ Effect: 'Allow', Principal: { AWS: principalArn }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });

/**
 * Resets moto and seeds the world through IAM, then turns IAM enforcement on, so a caller that is
 * not trusted really gets AccessDenied. `endpointUrl` is what the profiles point at (the decode
 * responder, which forwards everything else to moto). Returns the world, including secrets under
 * `secrets` (only for writing the credentials file; never put them in the world JSON).
 */
async function seedWorld({ motoEndpoint, endpointUrl = motoEndpoint, decodeEndpoint = endpointUrl }) {
  await resetMoto(motoEndpoint);
  await enforceIam(motoEndpoint, false);
  const iam = new IAMClient({ endpoint: motoEndpoint, region: REGION, maxAttempts: 1, credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'seed-only' } });
  const send = (command) => iam.send(command);

  const users = {};
  const secrets = {};
  for (const name of ['sts-user', 'no-trust-user']) {
    await send(new CreateUserCommand({ UserName: name }));
    await send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'sts-caller', PolicyDocument: STS_CALLER }));
    const key = (await send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey;
    users[name] = { arn: arn('user', name), accessKeyId: key.AccessKeyId };
    secrets[name] = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
  }

  const mfa = (await send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'sts-user' }))).VirtualMFADevice;
  await send(new EnableMFADeviceCommand({ UserName: 'sts-user', SerialNumber: mfa.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
  users['sts-user'].mfaSerial = mfa.SerialNumber;

  const stsUser = users['sts-user'].arn;
  const roles = {
    sts_role: { trust: trust(stsUser), policies: { 's3-read-only': S3_READ_ONLY, 'assume-chained': doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arn('role', 'chained_role') }) } },
    cross_account_role: { trust: trust(stsUser, { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }), policies: { 's3-read-only': S3_READ_ONLY }, externalId: EXTERNAL_ID },
    mfa_role: { trust: trust(stsUser, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), policies: { 's3-read-only': S3_READ_ONLY }, mfaSerial: mfa.SerialNumber },
    // moto matches principals by exact ARN, so the role session principal (valid in AWS too) is named as well.
    chained_role: { trust: trust([arn('role', 'sts_role'), `arn:aws:sts::${ACCOUNT_ID}:assumed-role/sts_role/${CHAIN_SESSION}`]), policies: { 's3-read-only': S3_READ_ONLY } },
  };
  const worldRoles = {};
  for (const [name, role] of Object.entries(roles)) {
    await send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: role.trust, MaxSessionDuration: 3600 }));
    for (const [policyName, policy] of Object.entries(role.policies)) {
      await send(new PutRolePolicyCommand({ RoleName: name, PolicyName: policyName, PolicyDocument: policy }));
    }
    worldRoles[name] = { arn: arn('role', name), ...(role.externalId ? { externalId: role.externalId } : {}), ...(role.mfaSerial ? { mfaSerial: role.mfaSerial } : {}) };
  }
  await seedAccountPolicies(send, stsUser, worldRoles);
  iam.destroy();
  const seeded = await seedPolicyWorld({ motoEndpoint, accountId: ACCOUNT_ID, region: REGION, trustedUserArn: stsUser });
  Object.assign(users, seeded.users);
  Object.assign(secrets, seeded.secrets);
  const sso = await seedSsoWorld({ motoEndpoint, brokerArn: stsUser, region: REGION });
  await enforceIam(motoEndpoint, true);

  const common = { region: REGION, endpoint_url: endpointUrl };
  const profiles = {
    default: { ...common },
    'sts-user': { ...common },
    'sts-role': { ...common, role_arn: worldRoles.sts_role.arn, source_profile: 'sts-user', role_session_name: CHAIN_SESSION },
    'cross-account': { ...common, role_arn: worldRoles.cross_account_role.arn, source_profile: 'sts-user', external_id: EXTERNAL_ID },
    'mfa-role': { ...common, role_arn: worldRoles.mfa_role.arn, source_profile: 'sts-user', mfa_serial: mfa.SerialNumber },
    'chained-role': { ...common, role_arn: worldRoles.chained_role.arn, source_profile: 'sts-role' },
    'no-trust-user': { ...common },
    'denied-role': { ...common, role_arn: worldRoles.sts_role.arn, source_profile: 'no-trust-user' },
    auditor: { ...common, role_arn: worldRoles.auditor_role.arn, source_profile: 'sts-user' },
    'policy-reader': { ...common },
    'iam-only-reader': { ...common },
    // IAM Identity Center: the sso-session below, and one role of it as a profile.
    'sso-dev': { sso_session: sso.sessionName, sso_account_id: sso.accounts[0].accountId, sso_role_name: sso.accounts[0].roles[0].roleName, ...common },
  };
  const ssoSessions = { [sso.sessionName]: { sso_start_url: sso.startUrl, sso_region: sso.region, sso_registration_scopes: 'sso:account:access' } };

  return {
    accountId: ACCOUNT_ID,
    region: REGION,
    motoEndpoint,
    stsEndpoint: motoEndpoint,
    decodeEndpoint,
    endpointUrl,
    users,
    roles: worldRoles,
    policyWorld: seeded.policyWorld,
    profiles,
    ssoSessions,
    sso,
    encodedMessages: {},
    secrets,
  };
}

/**
 * What an account-wide lint finds: a group with an inline policy and a member, a customer managed
 * policy with an older, broader version, and a role whose attached and inline policies together
 * open a privilege-escalation path (iam:PassRole + ec2:RunInstances). The auditor role may read it all.
 */
async function seedAccountPolicies(send, stsUser, worldRoles) {
  await send(new CreateUserCommand({ UserName: 'deploy-bot' }));
  await send(new CreateGroupCommand({ GroupName: 'deployers' }));
  await send(new PutGroupPolicyCommand({ GroupName: 'deployers', PolicyName: 'artifacts', PolicyDocument: doc({ Sid: 'Artifacts', Effect: 'Allow', Action: ['s3:GetObjekt', 's3:PutObject'], Resource: 'arn:aws:s3:::artifacts/*' }) }));
  await send(new AddUserToGroupCommand({ GroupName: 'deployers', UserName: 'deploy-bot' }));
  const reports = (await send(new CreatePolicyCommand({ PolicyName: 'ReadReports', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) }))).Policy;
  await send(new CreatePolicyVersionCommand({ PolicyArn: reports.Arn, SetAsDefault: true, PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] }) }));
  const passRole = (await send(new CreatePolicyCommand({ PolicyName: 'PassAnyRole', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role', '*') }) }))).Policy;
  await send(new CreateRoleCommand({ RoleName: 'ci_deploy', AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT_ID}:root`), MaxSessionDuration: 3600 }));
  await send(new AttachRolePolicyCommand({ RoleName: 'ci_deploy', PolicyArn: passRole.Arn }));
  await send(new AttachRolePolicyCommand({ RoleName: 'ci_deploy', PolicyArn: reports.Arn }));
  await send(new PutRolePolicyCommand({ RoleName: 'ci_deploy', PolicyName: 'instances', PolicyDocument: doc({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }) }));
  await send(new CreateRoleCommand({ RoleName: 'auditor_role', AssumeRolePolicyDocument: trust(stsUser), MaxSessionDuration: 3600 }));
  await send(new PutRolePolicyCommand({ RoleName: 'auditor_role', PolicyName: 'read-iam', PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:GetAccountAuthorizationDetails', 'sts:GetCallerIdentity'], Resource: '*' }) }));
  worldRoles.auditor_role = { arn: arn('role', 'auditor_role') };
  worldRoles.ci_deploy = { arn: arn('role', 'ci_deploy') };
}

function ini(sections) {
  return Object.entries(sections)
    .map(([name, values]) => `[${name}]\n${Object.entries(values).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`)
    .join('\n');
}

/** Writes `config` and `credentials` (mode 0600) into `dir`; returns their paths. */
function writeAwsFiles(world, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  const config = Object.fromEntries(Object.entries(world.profiles).map(([name, p]) => [name === 'default' ? name : `profile ${name}`, p]));
  for (const [name, s] of Object.entries(world.ssoSessions ?? {})) config[`sso-session ${name}`] = s;
  fs.writeFileSync(configFile, `# Throwaway STS Lens test profiles for a local moto; not real AWS.\n\n${ini(config)}`, { mode: 0o600 });
  const keys = (s) => ({ aws_access_key_id: s.accessKeyId, aws_secret_access_key: s.secretAccessKey });
  const credentials = { default: keys(world.secrets['sts-user']), ...Object.fromEntries(Object.entries(world.secrets).map(([name, s]) => [name, keys(s)])) };
  fs.writeFileSync(credentialsFile, ini(credentials), { mode: 0o600 });
  return { configFile, credentialsFile };
}

/** Writes the world description (no secrets) for STS_LENS_TEST_WORLD. */
function writeWorldFile(world, file, extra = {}) {
  const { secrets: _secrets, ...publicWorld } = world;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...publicWorld, ...extra }, null, 2)}\n`);
  return file;
}

/**
 * The sandbox's `sts-user` may also call GetFederationToken, so Open AWS Console works for its
 * long-term keys (as aws-vault does). Tests keep the world without it: they check the denial.
 */
async function allowConsoleFederation(motoEndpoint) {
  await enforceIam(motoEndpoint, false);
  const iam = new IAMClient({ endpoint: motoEndpoint, region: REGION, maxAttempts: 1, credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'seed-only' } });
  try {
    await iam.send(new PutUserPolicyCommand({ UserName: 'sts-user', PolicyName: 'console-federation', PolicyDocument: doc({ Sid: 'ConsoleFederation', Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' }) }));
  } finally {
    iam.destroy();
    await enforceIam(motoEndpoint, true);
  }
}

module.exports = { ACCOUNT_ID, REGION, EXTERNAL_ID, seedWorld, writeAwsFiles, writeWorldFile, allowConsoleFederation };
