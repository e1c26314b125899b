// The sandbox's IAM Identity Center instance: two accounts in moto, each with the roles that
// Identity Center creates for its permission sets (AWSReservedSSO_<set>_<hash>), trusting the broker
// user the responder calls AssumeRole as. The accounts and roles go to sso-responder.js.
'use strict';
const { IAMClient, CreateRoleCommand, PutRolePolicyCommand } = require('@aws-sdk/client-iam');

const START_URL = 'https://sts-lens-sandbox.awsapps.com/start';
const SSO_SESSION = 'sandbox';
const doc = (...statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const PERMISSION_SETS = {
  ReadOnly: doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'sts:GetCallerIdentity'], Resource: '*' }),
  PowerUser: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
  AdministratorAccess: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
};
const ACCOUNTS = [
  { accountId: '123456789012', accountName: 'Sandbox Dev', emailAddress: 'dev@example.com', sets: ['ReadOnly', 'PowerUser'] },
  { accountId: '210987654321', accountName: 'Sandbox Prod', emailAddress: 'prod@example.com', sets: ['ReadOnly', 'AdministratorAccess'] },
];

/** Creates the roles (IAM enforcement must still be off); returns the responder's accounts. */
async function seedSsoWorld({ motoEndpoint, brokerArn, region = 'us-east-1' }) {
  const accounts = [];
  for (const a of ACCOUNTS) {
    const iam = new IAMClient({ endpoint: motoEndpoint, region, maxAttempts: 1, credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'seed-only' } });
    // moto keeps one IAM per account and takes the account from this header.
    iam.middlewareStack.add((next) => (args) => {
      args.request.headers['x-moto-account-id'] = a.accountId;
      return next(args);
    }, { step: 'build', name: 'motoAccount' });
    const roles = [];
    for (const set of a.sets) {
      const roleName = `AWSReservedSSO_${set}_${Buffer.from(`${a.accountId}${set}`).toString('hex').slice(0, 16)}`;
      const trust = doc({ Effect: 'Allow', Principal: { AWS: brokerArn }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
      await iam.send(new CreateRoleCommand({ RoleName: roleName, Path: '/aws-reserved/sso.amazonaws.com/', AssumeRolePolicyDocument: trust, MaxSessionDuration: 43200 }));
      await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: set, PolicyDocument: PERMISSION_SETS[set] }));
      roles.push({ roleName: set, roleArn: `arn:aws:iam::${a.accountId}:role/aws-reserved/sso.amazonaws.com/${roleName}` });
    }
    iam.destroy();
    accounts.push({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress, roles });
  }
  return { startUrl: START_URL, sessionName: SSO_SESSION, region, accounts };
}

module.exports = { seedSsoWorld, START_URL, SSO_SESSION };
