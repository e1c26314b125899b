// Service principals in resource-based policies, where a second engine disagreed and AWS's documentation decides.
import * as assert from 'assert';
import { diff, doc } from './accessHelpers';
import { ACCOUNT, SESSION, allow, decision, deny, policy, req, run } from './helpers';

const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;

describe('evaluation: service principals', () => {
  it('AWS (Access Analyzer, unsupported wildcard in principal): "Wildcards (*, ?) are not supported with the principal key Service" — {"Service": "*"} names no one, least of all an IAM role', () => {
    const queue = policy(allow('sqs:SendMessage', '*', { Principal: { Service: '*' } }));
    // A role session with a permissions boundary that allows nothing: a grant naming the session would still allow.
    const r = run(req(SESSION, 'sqs:SendMessage', QUEUE), { identity: [policy(allow('sqs:*'))], boundary: [policy(allow('ec2:*'))], resource: [queue] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.trace.find((t) => t.kind === 'resource')!.statements[0].explanation, /wildcard under the principal key Service names no one/);
    assert.strictEqual(decision(req('sns.amazonaws.com', 'sqs:SendMessage', QUEUE), { resource: [queue] }), 'ImplicitlyDenied');
    assert.strictEqual(decision(req('sns.amazonaws.com', 'sqs:SendMessage', QUEUE), { resource: [policy(allow('sqs:SendMessage', '*', { Principal: { Service: 'sns.*' } }))] }), 'ImplicitlyDenied');
    // The service named in full is allowed, and a Deny with NotPrincipal {"Service": "*"} excludes no one.
    assert.strictEqual(decision(req('sns.amazonaws.com', 'sqs:SendMessage', QUEUE), { resource: [policy(allow('sqs:SendMessage', '*', { Principal: { Service: ['*', 'sns.amazonaws.com'] } }))] }), 'Allowed');
    const notPrincipal = policy(allow('sqs:SendMessage', '*', { Principal: { Service: 'sns.amazonaws.com' } }), deny('sqs:*', '*', { NotPrincipal: { Service: '*' } }));
    assert.strictEqual(decision(req('sns.amazonaws.com', 'sqs:SendMessage', QUEUE), { resource: [notPrincipal] }), 'ExplicitlyDenied');
  });
});

describe('access diff: service principals', () => {
  it('a wildcard under the principal key Service grants no one, as the engine decides', () => {
    const none = doc({ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } });
    const withWildcard = doc(...none.Statement, { Effect: 'Allow', Principal: { Service: '*' }, Action: 'sqs:*', Resource: '*' });
    assert.deepStrictEqual(diff(none, withWildcard, 'RESOURCE_POLICY'), { added: [], removed: [], denied: [], noLongerDenied: [] });
    // The service named in full is a change.
    const named = doc(...none.Statement, { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' });
    assert.strictEqual(diff(none, named, 'RESOURCE_POLICY').added.length, 1);
  });
});
