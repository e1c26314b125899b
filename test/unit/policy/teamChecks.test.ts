import * as assert from 'assert';
import { ISSUE_CODES, parsePolicy } from '../../../src/core/policy';
import { escalationPaths, grantsOf } from '../../../src/core/policy/escalation/grants';
import { ESCALATION_PATHS } from '../../../src/core/policy/escalation/paths';
import { lint, lintShipped } from './catalog';

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

function codes(text: string, optIn?: string[]): string[] {
  return lintShipped(text, 'IDENTITY_POLICY', { optIn }).findings.map((f) => f.issueCode);
}

function spanText(text: string, code: string): string {
  const f = lint(text, 'IDENTITY_POLICY').findings.find((x) => x.issueCode === code);
  assert.ok(f, `no ${code}`);
  const { start, end } = f.locations[0].span;
  return text.slice(start.offset, end.offset);
}

describe('privilege-escalation paths', () => {
  it('a single grant of iam:CreatePolicyVersion is a path, at the action that grants it', () => {
    const text = policy({ Effect: 'Allow', Action: ['s3:GetObject', 'iam:CreatePolicyVersion'], Resource: '*' });
    assert.strictEqual(spanText(text, 'PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'), '"iam:CreatePolicyVersion"');
    assert.strictEqual(ISSUE_CODES.PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION.findingType, 'SECURITY_WARNING');
  });

  it('wildcards are expanded: iam:Put*Policy opens the user, group and role paths', () => {
    const found = codes(policy({ Effect: 'Allow', Action: 'iam:Put*Policy', Resource: '*' }));
    for (const c of ['PRIVILEGE_ESCALATION_PUT_USER_POLICY', 'PRIVILEGE_ESCALATION_PUT_GROUP_POLICY', 'PRIVILEGE_ESCALATION_PUT_ROLE_POLICY']) assert.ok(found.includes(c), c);
    assert.ok(!found.includes('PRIVILEGE_ESCALATION_ATTACH_USER_POLICY'));
  });

  it('iam:PassRole alone is not a path; with lambda:CreateFunction and InvokeFunction it is, with every grant located', () => {
    assert.ok(!codes(policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app' })).some((c) => c.startsWith('PRIVILEGE_ESCALATION_')));
    const text = policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app' }, { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' });
    const f = lint(text, 'IDENTITY_POLICY').findings.find((x) => x.issueCode === 'PRIVILEGE_ESCALATION_PASS_ROLE_LAMBDA');
    assert.ok(f);
    assert.deepStrictEqual(f.locations.map((l) => text.slice(l.span.start.offset, l.span.end.offset)), ['"iam:PassRole"', '"lambda:CreateFunction"', '"lambda:InvokeFunction"']);
    assert.match(f.findingDetails, /rhinosecuritylabs/);
  });

  it('a wildcard or upper-case service prefix still opens a path, located among unrelated actions', () => {
    assert.ok(codes(policy({ Effect: 'Allow', Action: ['s3:GetObject', 'i*:CreatePolicyVersion'], Resource: '*' })).includes('PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'));
    assert.ok(codes(policy({ Effect: 'Allow', Action: '*:CreatePolicyVersion', Resource: '*' })).includes('PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'));
    const text = policy({ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:SendMessage', 'IAM:CreatePolicyVersion', 'iam:*'], Resource: '*' });
    assert.strictEqual(spanText(text, 'PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'), '"IAM:CreatePolicyVersion"');
  });

  it('a Deny of a wildcard service prefix closes the path; a Deny of another service does not', () => {
    const allow = { Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' };
    assert.ok(!codes(policy(allow, { Effect: 'Deny', Action: 'i?m:Create*', Resource: '*' })).includes('PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'));
    assert.ok(codes(policy(allow, { Effect: 'Deny', Action: 's3:*', Resource: '*' })).includes('PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'));
  });

  it('Allow with NotAction grants everything it does not list', () => {
    assert.ok(codes(policy({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })).includes('PRIVILEGE_ESCALATION_ATTACH_USER_POLICY'));
    assert.ok(!codes(policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).includes('PRIVILEGE_ESCALATION_ATTACH_USER_POLICY'));
  });

  it('an unconditional Deny on every resource closes the path', () => {
    const found = codes(policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:CreatePolicyVersion', Resource: '*' }));
    assert.ok(!found.includes('PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'));
    assert.ok(found.includes('PRIVILEGE_ESCALATION_SET_DEFAULT_POLICY_VERSION'));
  });

  it('managing your own access keys is no path; other users\' keys are', () => {
    assert.ok(!codes(policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:user/${aws:username}' })).includes('PRIVILEGE_ESCALATION_CREATE_ACCESS_KEY'));
    assert.ok(codes(policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:user/*' })).includes('PRIVILEGE_ESCALATION_CREATE_ACCESS_KEY'));
  });

  it('points where the evaluation engine decides: the first statement that allows the request, not a later Allow on every resource', () => {
    const onRoles = { Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: 'arn:aws:iam::*:role/*' };
    const everything = { Effect: 'Allow', Action: 'iam:*', Resource: '*' };
    assert.strictEqual(spanText(policy(onRoles, everything), 'PRIVILEGE_ESCALATION_ATTACH_ROLE_POLICY'), '"iam:AttachRolePolicy"');
    assert.strictEqual(spanText(policy(everything, onRoles), 'PRIVILEGE_ESCALATION_ATTACH_ROLE_POLICY'), '"iam:*"');
    // A condition that holds without the key (IfExists) lets the first statement allow the request; one that needs the key does not.
    const ifExists = { ...onRoles, Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'ops' } } };
    assert.strictEqual(spanText(policy(ifExists, everything), 'PRIVILEGE_ESCALATION_ATTACH_ROLE_POLICY'), '"iam:AttachRolePolicy"');
    const needsTag = { ...onRoles, Condition: { StringEquals: { 'aws:ResourceTag/team': 'ops' } } };
    assert.strictEqual(spanText(policy(needsTag, everything), 'PRIVILEGE_ESCALATION_ATTACH_ROLE_POLICY'), '"iam:*"');
  });

  it('trust policies and resource policies are not checked for it', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'iam:*', Resource: '*' }] });
    assert.ok(!lint(text, 'RESOURCE_POLICY').findings.some((f) => f.issueCode.startsWith('PRIVILEGE_ESCALATION_')));
  });

  it('decides across policies: PassRole in one and RunInstances in another together are a path', () => {
    const a = grantsOf(parsePolicy(policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })));
    const b = grantsOf(parsePolicy(policy({ Effect: 'Allow', Action: 'ec2:Run*', Resource: '*' })));
    assert.deepStrictEqual(escalationPaths([a]).map((f) => f.path.code), []);
    const both = escalationPaths([a, b]).find((f) => f.path.code === 'PRIVILEGE_ESCALATION_PASS_ROLE_EC2');
    assert.deepStrictEqual(both?.evidence.map((e) => e.policy), [0, 1]);
  });

  it('every path has a code, a title and a public source', () => {
    for (const p of ESCALATION_PATHS) {
      assert.match(p.code, /^PRIVILEGE_ESCALATION_[A-Z0-9_]+$/);
      assert.ok(ISSUE_CODES[p.code]?.ours);
      assert.match(p.source, /^https:\/\//);
    }
  });
});

describe('retired services', () => {
  it('an action of a service AWS retired is a RETIRED_SERVICE warning that names it, not an invalid service', () => {
    const found = lintShipped(policy({ Effect: 'Allow', Action: ['deepracer:ListModels', 's3:GetObject'], Resource: '*' }), 'IDENTITY_POLICY').findings;
    const f = found.find((x) => x.issueCode === 'RETIRED_SERVICE');
    assert.ok(f, JSON.stringify(found));
    assert.strictEqual(f.findingType, 'WARNING');
    assert.match(f.findingDetails, /DeepRacer.*retired/);
    assert.ok(!found.some((x) => x.issueCode === 'INVALID_SERVICE_IN_ACTION'));
  });

  it('a condition key of a retired service is a warning too', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'deepracer:UserToken': 'x' } } });
    const found = codes(text);
    assert.ok(found.includes('RETIRED_SERVICE'), found.join());
    assert.ok(!found.includes('INVALID_SERVICE'));
  });

  it('a service that never existed is still an error', () => {
    assert.ok(codes(policy({ Effect: 'Allow', Action: 'notaservice:Get', Resource: '*' })).includes('INVALID_SERVICE_IN_ACTION'));
  });
});

describe('RESOURCE_STAR', () => {
  const text = policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListAllMyBuckets'], Resource: '*' });

  it('is off unless asked for', () => {
    assert.ok(!codes(text).includes('RESOURCE_STAR'));
  });

  it('names the actions that could be scoped, on the "*"', () => {
    const f = lintShipped(text, 'IDENTITY_POLICY', { optIn: ['RESOURCE_STAR'] }).findings.find((x) => x.issueCode === 'RESOURCE_STAR');
    assert.ok(f);
    assert.strictEqual(f.findingType, 'SUGGESTION');
    assert.match(f.findingDetails, /s3:GetObject/);
    assert.doesNotMatch(f.findingDetails, /ListAllMyBuckets/);
    assert.strictEqual(text.slice(f.locations[0].span.start.offset, f.locations[0].span.end.offset), '"*"');
  });

  it('says nothing when every action needs "*"', () => {
    assert.ok(!codes(policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }), ['RESOURCE_STAR']).includes('RESOURCE_STAR'));
  });
});

describe('project file schema', () => {
  it('offers every issue code for severity and suppressions, so completion never misses one', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require('../../../../schemas/sts-lens.schema.json') as { properties: { severity: { properties: Record<string, unknown> } } };
    assert.deepStrictEqual(Object.keys(schema.properties.severity.properties).sort(), Object.keys(ISSUE_CODES).sort());
  });
});
