import * as assert from 'assert';
import { isAwsHost } from '../../../src/core/profiles/endpointTrust';
import { DEFAULT_PROFILE_TEMPLATE, planProfiles, profileName, templateProblems } from '../../../src/core/sso/profileEntries';
import { arnConsoleUrl, consoleSessionSeconds, destinationUrl, federationEndpoint, NoConsoleError, partitionOfRegion } from '../../../src/core/console/federation';
import { loginUrl, signinTokenUrl } from '../../../src/core/console/signinUrls';

const dev = { accountId: '123456789012', accountName: 'Sandbox Dev', roleName: 'ReadOnly' };
const prod = { accountId: '210987654321', accountName: 'sandbox-prod', roleName: 'AdministratorAccess' };

describe('Add Profiles: naming and the text added', () => {
  it('names profiles by the template, in names the CLI reads back', () => {
    assert.strictEqual(profileName(DEFAULT_PROFILE_TEMPLATE, dev, 's'), 'Sandbox-Dev-ReadOnly');
    assert.strictEqual(profileName('{sso_session}/{account_id}/{role_name}', prod, 'corp'), 'corp/210987654321/AdministratorAccess');
    assert.strictEqual(profileName('[{account_name}] {role_name}', dev, 's'), 'Sandbox-Dev-ReadOnly');
  });

  it('rejects templates that would give two roles one name', () => {
    assert.deepStrictEqual(templateProblems(DEFAULT_PROFILE_TEMPLATE), []);
    assert.match(templateProblems('{account_name}').join(), /\{role_name\}/);
    assert.match(templateProblems('{role_name}').join(), /\{account_name\} or \{account_id\}/);
    assert.match(templateProblems('{acount}-{role_name}-{account_id}').join(), /\{acount\} is not a field/);
  });

  it('shows exactly what is appended and never touches a profile that exists', () => {
    const plan = planProfiles([dev, prod, { ...dev }], { template: DEFAULT_PROFILE_TEMPLATE, ssoSession: 'sandbox', region: 'us-east-1', existing: new Set(['sandbox-prod-AdministratorAccess']) });
    assert.deepStrictEqual(plan.entries.map((e) => [e.name, e.skipped ?? 'added']), [
      ['Sandbox-Dev-ReadOnly', 'added'],
      ['sandbox-prod-AdministratorAccess', 'a profile with this name exists and is left as it is'],
      ['Sandbox-Dev-ReadOnly', 'another chosen role gets the same name'],
    ]);
    assert.strictEqual(plan.text, '\n# Added by STS Lens from IAM Identity Center (sso-session sandbox)\n[profile Sandbox-Dev-ReadOnly]\nsso_session = sandbox\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\nregion = us-east-1\n');
    assert.strictEqual(planProfiles([prod], { template: DEFAULT_PROFILE_TEMPLATE, ssoSession: 's', region: 'r', existing: new Set(['sandbox-prod-AdministratorAccess']) }).text, '');
  });
});

describe('Open AWS Console: federation URLs', () => {
  const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };

  it('asks getSigninToken with the documented Session JSON and a SessionDuration', () => {
    const u = new URL(signinTokenUrl('https://signin.aws.amazon.com/federation', creds, 3600));
    assert.strictEqual(u.searchParams.get('Action'), 'getSigninToken');
    assert.strictEqual(u.searchParams.get('SessionDuration'), '3600');
    assert.deepStrictEqual(JSON.parse(u.searchParams.get('Session')!), { sessionId: 'ASIAEXAMPLE', sessionKey: 'secret', sessionToken: 'token' });
    assert.strictEqual(new URL(signinTokenUrl('https://signin.aws.amazon.com/federation', creds, undefined)).searchParams.has('SessionDuration'), false);
  });

  it('builds the login URL with issuer, destination and token', () => {
    const u = new URL(loginUrl('https://signin.aws.amazon.com/federation', 'TOKEN', 'https://console.aws.amazon.com/console/home'));
    assert.strictEqual(u.searchParams.get('Action'), 'login');
    assert.strictEqual(u.searchParams.get('Destination'), 'https://console.aws.amazon.com/console/home');
    assert.strictEqual(u.searchParams.get('SigninToken'), 'TOKEN');
  });

  it('"SessionDuration … 900 seconds (15 minutes) to 43200 seconds (12 hours)", following the session', () => {
    const now = 0;
    assert.strictEqual(consoleSessionSeconds(now + 41 * 60_000, now, true), 2460);
    assert.strictEqual(consoleSessionSeconds(now + 60_000, now, true), 900);
    assert.strictEqual(consoleSessionSeconds(now + 20 * 3600_000, now, true), 43_200);
    assert.strictEqual(consoleSessionSeconds(now + 3600_000, now, false), undefined);
  });

  it('lands on the home, the region\'s home, or a resource\'s page, per partition', () => {
    assert.strictEqual(destinationUrl({ kind: 'home' }, 'aws', 'us-east-1'), 'https://console.aws.amazon.com/console/home');
    assert.strictEqual(destinationUrl({ kind: 'region', region: 'eu-west-1' }, 'aws', 'us-east-1'), 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    assert.strictEqual(destinationUrl({ kind: 'home' }, 'aws-us-gov', 'us-gov-west-1'), 'https://console.amazonaws-us-gov.com/console/home');
    assert.strictEqual(destinationUrl({ kind: 'arn', arn: 'arn:aws:iam::123456789012:role/app/app_role' }, 'aws', 'us-east-1'), 'https://console.aws.amazon.com/iam/home#/roles/details/app_role');
    assert.strictEqual(arnConsoleUrl('arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', 'console.aws.amazon.com', 'us-east-1'), 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc');
    assert.strictEqual(arnConsoleUrl('arn:aws:s3:::reports', 'console.aws.amazon.com', 'us-east-1'), 'https://console.aws.amazon.com/s3/buckets/reports');
    assert.strictEqual(arnConsoleUrl('arn:aws:dynamodb:us-west-2:123456789012:table/t', 'console.aws.amazon.com', 'us-east-1'), 'https://us-west-2.console.aws.amazon.com/dynamodb/home?region=us-west-2');
    assert.throws(() => arnConsoleUrl('not an arn', 'console.aws.amazon.com', 'us-east-1'), /is not an ARN/);
  });

  it('says clearly when a partition has no console', () => {
    assert.strictEqual(partitionOfRegion('us-iso-east-1'), 'aws-iso');
    assert.throws(() => destinationUrl({ kind: 'home' }, 'aws-iso', 'us-iso-east-1'), (e: unknown) => e instanceof NoConsoleError && /aws-iso partition has no AWS Management Console/.test(e.message));
  });

  it('uses a custom endpoint\'s /federation for emulators, the partition\'s otherwise', () => {
    assert.strictEqual(federationEndpoint('aws', 'http://127.0.0.1:4566', isAwsHost), 'http://127.0.0.1:4566/federation');
    assert.strictEqual(federationEndpoint('aws', 'https://sts.us-east-1.amazonaws.com', isAwsHost), 'https://signin.aws.amazon.com/federation');
    assert.strictEqual(federationEndpoint('aws-cn', undefined, isAwsHost), 'https://signin.amazonaws.cn/federation');
  });
});
