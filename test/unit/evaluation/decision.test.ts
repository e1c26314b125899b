// Decision logic across policy kinds. "AWS doc:" names the documentation page a case comes from;
// the others are edge cases of our own.
import * as assert from 'assert';
import { evaluate } from '../../../src/core/evaluation';
import { testCatalog } from '../policy/catalog';
import { ACCOUNT, BUCKET_OBJECT, OTHER, OTHER_SESSION, ROLE, SESSION, USER, allow, decision, deny, policy, req, run } from './helpers';

const get = req(SESSION, 's3:GetObject', BUCKET_OBJECT, undefined, ACCOUNT);
const s3All = policy(allow('s3:*'));

describe('evaluation: identity policies, boundaries, session policies', () => {
  it('denies implicitly when no policy allows (AWS doc: policy evaluation logic, implicit deny)', () => {
    assert.strictEqual(decision(get), 'ImplicitlyDenied');
    assert.strictEqual(decision(get, { identity: [policy(allow('s3:PutObject'))] }), 'ImplicitlyDenied');
  });

  it('allows with an identity-based Allow, and an explicit Deny anywhere wins (AWS doc: how AWS enforcement code logic evaluates requests)', () => {
    assert.strictEqual(decision(get, { identity: [s3All] }), 'Allowed');
    const r = run(get, { identity: [s3All, policy(deny('s3:GetObject', 'arn:aws:s3:::reports/*', { Sid: 'NoReports' }))] });
    assert.strictEqual(r.decision, 'ExplicitlyDenied');
    assert.strictEqual(r.deciding[0].statement.sid, 'NoReports');
    assert.strictEqual(r.deciding[0].kind, 'identity');
  });

  it('limits identity permissions to the permissions boundary (AWS doc: permissions boundaries for IAM entities)', () => {
    assert.strictEqual(decision(get, { identity: [s3All], boundary: [policy(allow('s3:GetObject'))] }), 'Allowed');
    const r = run(get, { identity: [s3All], boundary: [policy(allow('ec2:*'))] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.reasons.join(' '), /permissions boundary does not allow s3:GetObject/);
    assert.strictEqual(decision(get, { boundary: [s3All] }), 'ImplicitlyDenied', 'a boundary alone grants nothing');
  });

  it('limits a session to its session policy (AWS doc: session policies)', () => {
    assert.strictEqual(decision(get, { identity: [s3All], session: [policy(allow('s3:GetObject'))] }), 'Allowed');
    assert.strictEqual(decision(get, { identity: [s3All], session: [policy(allow('s3:ListBucket'))] }), 'ImplicitlyDenied');
  });

  it('lets the root user do anything nothing denies (AWS doc: the root user has full access)', () => {
    assert.strictEqual(decision(req(`arn:aws:iam::${ACCOUNT}:root`, 's3:GetObject', BUCKET_OBJECT)), 'Allowed');
    assert.strictEqual(decision(req(`arn:aws:iam::${ACCOUNT}:root`, 's3:GetObject', BUCKET_OBJECT), { scps: [[s3All], [policy(allow('ec2:*'))]] }), 'ImplicitlyDenied');
  });
});

describe('evaluation: resource-based policies in one account', () => {
  const bucket = (principal: unknown) => policy(allow('s3:GetObject', 'arn:aws:s3:::reports/*', { Principal: principal }));

  it('grants on its own when it names the IAM user, even past a boundary (AWS doc: resource-based policies, same account)', () => {
    const r = req(USER, 's3:GetObject', BUCKET_OBJECT, undefined, ACCOUNT);
    assert.strictEqual(decision(r, { resource: [bucket({ AWS: USER })] }), 'Allowed');
    assert.strictEqual(decision(r, { resource: [bucket({ AWS: USER })], boundary: [policy(allow('ec2:*'))] }), 'Allowed');
  });

  it('grants on its own when it names the role session, past boundary and session policy (AWS doc)', () => {
    assert.strictEqual(decision(get, { resource: [bucket({ AWS: SESSION })], boundary: [policy(allow('ec2:*'))], session: [policy(allow('ec2:*'))] }), 'Allowed');
  });

  it('is limited by the boundary or session policy when it names only the role (AWS doc)', () => {
    assert.strictEqual(decision(get, { resource: [bucket({ AWS: ROLE })] }), 'Allowed');
    assert.strictEqual(decision(get, { resource: [bucket({ AWS: ROLE })], boundary: [policy(allow('ec2:*'))] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(get, { resource: [bucket({ AWS: ROLE })], session: [policy(allow('ec2:*'))] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(get, { resource: [bucket({ AWS: ROLE })], boundary: [s3All] }), 'Allowed');
  });

  it('leaves the decision to identity policies when it names only the account', () => {
    assert.strictEqual(decision(get, { resource: [bucket({ AWS: ACCOUNT })] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(get, { resource: [bucket({ AWS: `arn:aws:iam::${ACCOUNT}:root` })], identity: [s3All] }), 'Allowed');
  });

  it('is allowed when either side allows (AWS doc: identity-based and resource-based policy evaluation example)', () => {
    assert.strictEqual(decision(get, { identity: [s3All], resource: [bucket({ AWS: `arn:aws:iam::${OTHER}:root` })] }), 'Allowed');
  });

  it('honours a Deny in the resource policy over an identity Allow', () => {
    assert.strictEqual(decision(get, { identity: [s3All], resource: [policy(deny('s3:*', '*', { Principal: '*' }))] }), 'ExplicitlyDenied');
  });
});

describe('evaluation: cross-account requests', () => {
  const r = req(OTHER_SESSION, 's3:GetObject', BUCKET_OBJECT, undefined, ACCOUNT);
  const bucket = policy(allow('s3:GetObject', 'arn:aws:s3:::reports/*', { Principal: { AWS: `arn:aws:iam::${OTHER}:root` } }));

  it('needs both the identity-based and the resource-based policy (AWS doc: cross-account policy evaluation logic)', () => {
    assert.strictEqual(decision(r, { identity: [s3All] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(r, { resource: [bucket] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(r, { identity: [s3All], resource: [bucket] }), 'Allowed');
  });

  it('takes the resource account from the ARN when it has one', () => {
    const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
    const q = req(OTHER_SESSION, 'sqs:SendMessage', queue);
    assert.strictEqual(decision(q, { identity: [policy(allow('sqs:*'))] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req(SESSION, 'sqs:SendMessage', queue), { identity: [policy(allow('sqs:*'))] }), 'Allowed');
  });
});

describe('evaluation: SCPs, RCPs and VPC endpoint policies', () => {
  const full = policy(allow('*'));

  it('needs an Allow at every SCP level, and an empty level allows nothing (AWS doc: SCP evaluation)', () => {
    assert.strictEqual(decision(get, { identity: [s3All], scps: [[full], [full], [full]] }), 'Allowed');
    assert.strictEqual(decision(get, { identity: [s3All], scps: [[full], [policy(allow('ec2:*'))], [full]] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(get, { identity: [s3All], scps: [[full], [], [full]] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(get, { identity: [s3All], scps: [[full, policy(deny('s3:GetObject'))]] }), 'ExplicitlyDenied');
  });

  it('does not apply SCPs to service-linked roles or the management account (AWS doc: SCPs)', () => {
    const slr = req(`arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForSupport/x`, 's3:GetObject', BUCKET_OBJECT, { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport` });
    assert.strictEqual(decision(slr, { identity: [s3All], scps: [[policy(deny('*'))]] }), 'Allowed');
    assert.strictEqual(decision(get, { identity: [s3All], scps: [[policy(deny('*'))]], managementAccount: ACCOUNT }), 'Allowed');
  });

  it('applies RCPs level by level to the resource, AWS service principals included (AWS data perimeter examples: the confused-deputy RCP "restricts access to your resources so that AWS services can only interact with them on your behalf")', () => {
    const bucket = policy(allow('s3:GetObject', '*', { Principal: { Service: 'cloudtrail.amazonaws.com' } }));
    const rcpDeny = policy(deny('s3:*', '*', { Principal: '*' }));
    assert.strictEqual(decision(get, { identity: [s3All], rcps: [[full], [rcpDeny]] }), 'ExplicitlyDenied');
    assert.strictEqual(decision(get, { identity: [s3All], rcps: [[policy(allow('*', '*', { Principal: '*' })), rcpDeny]] }), 'ExplicitlyDenied');
    assert.strictEqual(decision(req('cloudtrail.amazonaws.com', 's3:GetObject', BUCKET_OBJECT), { resource: [bucket], rcps: [[rcpDeny]] }), 'ExplicitlyDenied');
    assert.strictEqual(decision(req('cloudtrail.amazonaws.com', 's3:GetObject', BUCKET_OBJECT), { resource: [bucket], rcps: [[full]] }), 'Allowed');
  });

  it('RCPFullAWSAccess "is automatically attached to every root, OU and account" and cannot be detached: a level without an Allow still allows (AWS doc: RCPs)', () => {
    const r = run(get, { identity: [s3All], rcps: [[full], [policy(allow('ec2:*', '*', { Principal: '*' }))]] });
    assert.strictEqual(r.decision, 'Allowed');
    const levels = r.trace.filter((t) => t.kind === 'resourceControl');
    assert.ok(levels.filter((t) => t.level === 1).some((t) => /^RCPFullAWSAccess/.test(t.name) && t.outcome === 'Allow'), JSON.stringify(levels.map((t) => t.name)));
  });

  it('skips RCPs for services that do not support them, per the IAM data (AWS doc: list of services that support RCPs)', () => {
    const rcps = [[{ name: 'rcp', text: JSON.stringify(policy(deny('sqs:*', '*', { Principal: '*' }), deny('lambda:*', '*', { Principal: '*' }))) }]];
    const identity = [{ name: 'id', text: JSON.stringify(policy(allow('*'))) }];
    const catalog = testCatalog().catalog;
    const lambda = evaluate({ request: req(SESSION, 'lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`), identityPolicies: identity, resourceControlPolicies: rcps }, catalog);
    assert.strictEqual(lambda.decision, 'Allowed');
    assert.match(lambda.trace[0].skipped!, /RCPs do not apply to lambda/);
    const sqs = evaluate({ request: req(SESSION, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`), identityPolicies: identity, resourceControlPolicies: rcps }, catalog);
    assert.strictEqual(sqs.decision, 'ExplicitlyDenied');
  });

  it('needs the VPC endpoint policy to allow a request through the endpoint (AWS doc: VPC endpoint policies)', () => {
    const vpce = (p: unknown) => policy(allow('s3:GetObject', 'arn:aws:s3:::reports/*', { Principal: p }));
    assert.strictEqual(decision(get, { identity: [s3All], vpce: [vpce('*')] }), 'Allowed');
    assert.strictEqual(decision(get, { identity: [s3All], vpce: [vpce({ AWS: `arn:aws:iam::${OTHER}:root` })] }), 'ImplicitlyDenied');
  });
});

describe('evaluation: KMS key policies', () => {
  const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const encrypt = req(SESSION, 'kms:Encrypt', key);
  const kmsAll = policy(allow('kms:*'));

  it('needs the key policy: identity policies alone do not grant (AWS doc: key policies in AWS KMS)', () => {
    assert.strictEqual(decision(encrypt, { identity: [kmsAll] }), 'ImplicitlyDenied');
  });

  it('lets IAM policies work when the key policy delegates to the account (AWS doc: default key policy)', () => {
    const root = policy(allow('kms:*', '*', { Sid: 'Enable IAM User Permissions', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }));
    assert.strictEqual(decision(encrypt, { identity: [kmsAll], resource: [root] }), 'Allowed');
    assert.strictEqual(decision(encrypt, { resource: [root] }), 'ImplicitlyDenied');
  });

  it('grants by the key policy alone when it names the role', () => {
    assert.strictEqual(decision(encrypt, { resource: [policy(allow('kms:Encrypt', '*', { Principal: { AWS: ROLE } }))] }), 'Allowed');
  });
});

describe('evaluation: service principals, anonymous requests and NotPrincipal', () => {
  it('grants a service principal through the resource policy only', () => {
    const r = req('logs.amazonaws.com', 's3:PutObject', 'arn:aws:s3:::trail/AWSLogs/x');
    const bucket = policy(allow('s3:PutObject', 'arn:aws:s3:::trail/*', { Principal: { Service: 'logs.amazonaws.com' } }));
    assert.strictEqual(decision(r, { resource: [bucket] }), 'Allowed');
    assert.strictEqual(decision(r, { identity: [policy(allow('*'))] }), 'ImplicitlyDenied');
  });

  it('grants anonymous requests only through "Principal": "*"', () => {
    const r = req('anonymous', 's3:GetObject', BUCKET_OBJECT);
    assert.strictEqual(decision(r, { resource: [policy(allow('s3:GetObject', '*', { Principal: '*' }))] }), 'Allowed');
    assert.strictEqual(decision(r, { resource: [policy(allow('s3:GetObject', '*', { Principal: { AWS: ACCOUNT } }))] }), 'ImplicitlyDenied');
  });

  it('excludes a session from a Deny with NotPrincipal only when its session, role and account are listed (AWS doc: NotPrincipal)', () => {
    const np = (list: string[]) => policy(allow('s3:*', '*', { Principal: '*' }), deny('s3:*', '*', { NotPrincipal: { AWS: list } }));
    assert.strictEqual(decision(get, { resource: [np([SESSION, ROLE, `arn:aws:iam::${ACCOUNT}:root`])] }), 'Allowed');
    assert.strictEqual(decision(get, { resource: [np([ROLE])] }), 'ExplicitlyDenied');
    assert.strictEqual(decision(req(USER, 's3:GetObject', BUCKET_OBJECT), { resource: [np([USER, ACCOUNT])] }), 'Allowed');
  });

  it('denies a principal with a permissions boundary by a Deny with NotPrincipal whatever it lists (AWS doc: NotPrincipal)', () => {
    const np = policy(allow('s3:*', '*', { Principal: '*' }), deny('s3:*', '*', { NotPrincipal: { AWS: [SESSION, ROLE, ACCOUNT] } }));
    assert.strictEqual(decision(get, { resource: [np], boundary: [s3All] }), 'ExplicitlyDenied');
  });
});

describe('evaluation: malformed input', () => {
  it('reports a malformed policy as Invalid in the trace and evaluates the rest', () => {
    const r = run(get, { identity: ['{"Version": "2012-10-17", "Statement": [', s3All] });
    assert.strictEqual(r.decision, 'Allowed');
    assert.strictEqual(r.trace[0].outcome, 'Invalid');
    assert.match(r.trace[0].error!, /not valid JSON/);
  });

  it('names the JSON syntax error of an Invalid policy in words, with its line and column, not by jsonc-parser\'s code', () => {
    const r = run(get, { identity: ['{"Version": "2012-10-17",, "Statement": []}', s3All] });
    assert.strictEqual(r.trace[0].error, 'The document is not valid JSON (property name expected at line 1, column 26).');
  });

  it('never throws on nonsense', () => {
    for (const text of ['', 'null', '[]', '{"Statement": 5}', '{"Statement": [{"Effect": "Allow", "Action": 5, "Resource": {}}]}', '{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bogus": {"a": "b"}, "StringEquals": 4}}}']) {
      const r = run(get, { identity: [text], resource: [text], scps: [[text]] });
      assert.notStrictEqual(r.decision, 'Allowed', text);
    }
    assert.strictEqual(run({ principal: 5, action: null, resource: undefined } as never).decision, 'ImplicitlyDenied');
  });

  it('locates each statement in its document', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}\n  ]\n}';
    const r = run(get, { identity: [text] });
    const loc = r.deciding[0].statement.location;
    assert.deepStrictEqual(loc.path, [{ value: 'Statement' }, { index: 0 }]);
    assert.strictEqual(loc.span.start.line, 4);
    assert.strictEqual(text.slice(loc.span.start.offset, loc.span.end.offset), '{"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}');
  });
});

describe('evaluation: federated users and sts:GetCallerIdentity', () => {
  const fed = `arn:aws:sts::${ACCOUNT}:federated-user/alice`;

  it('a resource policy naming the federated user grants alone; naming the IAM user behind it is limited by the session policy (AWS doc: session policies)', () => {
    const r = req(fed, 's3:GetObject', BUCKET_OBJECT);
    const bucket = (p: string) => policy(allow('s3:GetObject', '*', { Principal: { AWS: p } }));
    assert.strictEqual(decision(r, { resource: [bucket(fed)], session: [policy(allow('ec2:*'))] }), 'Allowed');
    assert.strictEqual(decision(r, { resource: [bucket(USER)], session: [policy(allow('ec2:*'))] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(r, { resource: [bucket(USER)], session: [s3All] }), 'Allowed');
  });

  it('AWS STS API reference, GetFederationToken: "You cannot call any IAM operations using the CLI or the Amazon Web Services API." — a federated user session is refused iam: actions whatever its policies allow', () => {
    const all = policy(allow('*'));
    const r = run(req(fed, 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/bob`), { identity: [all], session: [all] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.reasons.join(' '), /federated user session .*cannot call IAM operations/);
    assert.strictEqual(decision(req(fed, 'iam:ListUsers'), { identity: [all], session: [all], resource: [policy(allow('iam:*', '*', { Principal: { AWS: fed } }))] }), 'ImplicitlyDenied');
    // The same session still reaches other services.
    assert.strictEqual(decision(req(fed, 's3:GetObject', BUCKET_OBJECT), { identity: [all], session: [all] }), 'Allowed');
  });

  it('AWS STS API reference, GetFederationToken: "You cannot call any STS operations except GetCallerIdentity." — a federated user session cannot assume a role its trust policy names', () => {
    const all = policy(allow('*'));
    const trust = policy({ Effect: 'Allow', Principal: { AWS: fed }, Action: 'sts:AssumeRole' });
    const r = run(req(fed, 'sts:AssumeRole', ROLE), { identity: [all], session: [all], resource: [trust] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.reasons.join(' '), /federated user session .*cannot call STS operations other than GetCallerIdentity/);
    assert.strictEqual(decision(req(fed, 'sts:GetCallerIdentity'), { session: [all] }), 'Allowed');
    // A role session may: the rule is the federated user's.
    assert.strictEqual(decision(req(SESSION, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Other`), { identity: [all], resource: [policy({ Effect: 'Allow', Principal: { AWS: SESSION }, Action: 'sts:AssumeRole' })] }), 'Allowed');
  });

  it('allows sts:GetCallerIdentity even against an explicit deny (AWS doc: GetCallerIdentity)', () => {
    assert.strictEqual(decision(req(SESSION, 'sts:GetCallerIdentity'), { identity: [policy(deny('*'))] }), 'Allowed');
  });

  it('NotPrincipal listing the role and its account excludes the role\'s sessions (AWS doc: NotPrincipal)', () => {
    const np = policy(allow('s3:*', '*', { Principal: '*' }), deny('s3:*', '*', { NotPrincipal: { AWS: [ROLE, `arn:aws:iam::${ACCOUNT}:root`] } }));
    assert.strictEqual(decision(get, { resource: [np] }), 'Allowed');
    const onlyAccount = policy(allow('s3:*', '*', { Principal: '*' }), deny('s3:*', '*', { NotPrincipal: { AWS: ACCOUNT } }));
    assert.strictEqual(decision(get, { resource: [onlyAccount] }), 'ExplicitlyDenied');
  });
});
