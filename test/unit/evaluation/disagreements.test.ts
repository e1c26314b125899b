import * as assert from 'assert';
import { parseScenario } from '../../../src/core/evaluation';
import { ACCOUNT, BUCKET_OBJECT, OTHER, USER, allow, decision, policy, req, run } from './helpers';

const get = req(USER, 's3:GetObject', BUCKET_OBJECT);

describe('evaluation: where AWS documents what other engines get wrong', () => {
  it('AWS doc: "NotPrincipal must be used with "Effect":"Deny". Using it with "Effect":"Allow" is not supported" — such an Allow grants nothing, and the trace says why', () => {
    const bucket = policy(allow('s3:GetObject', '*', { NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:root` } }));
    const r = run(get, { resource: [bucket] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    const st = r.trace.find((t) => t.kind === 'resource')!.statements[0];
    assert.strictEqual(st.mismatch, 'principal');
    assert.match(st.explanation, /NotPrincipal must be used with "Effect": "Deny".*grants nothing/);
    // With the identity policy allowing, the request is allowed through it as usual.
    assert.strictEqual(decision(get, { identity: [policy(allow('s3:*'))], resource: [bucket] }), 'Allowed');
  });

  it('a plain string "Principal": "arn:…" is not valid policy syntax: the trace says so and the statement matches no one', () => {
    const bucket = policy(allow('s3:GetObject', '*', { Principal: USER }));
    const r = run(req(USER, 's3:GetObject', BUCKET_OBJECT, undefined, OTHER), { identity: [policy(allow('s3:*'))], resource: [bucket] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    const st = r.trace.find((t) => t.kind === 'resource')!.statements[0];
    assert.match(st.explanation, /"Principal": "arn:aws:iam::111122223333:user\/alice" is not valid policy syntax.*\{"AWS": "arn:aws:iam::111122223333:user\/alice"\}/);
    assert.strictEqual(decision(req(USER, 's3:GetObject', BUCKET_OBJECT, undefined, OTHER), { identity: [policy(allow('s3:*'))], resource: [policy(allow('s3:GetObject', '*', { Principal: '*' }))] }), 'Allowed');
  });

  it('the root user of another account cannot assume a role, whatever the trust policy says', () => {
    const trust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'sts:AssumeRole' });
    const r = run(req(`arn:aws:iam::${OTHER}:root`, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Dev`), { resource: [trust] });
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.reasons.join(' '), /root user of account 444455556666 cannot assume a role:/);
    // An IAM user of that account can.
    assert.strictEqual(decision(req(`arn:aws:iam::${OTHER}:user/bob`, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Dev`), { identity: [policy(allow('sts:AssumeRole'))], resource: [trust] }), 'Allowed');
  });

  it('AWS STS API reference: "You cannot use AWS account root user credentials to call AssumeRole. You must use credentials for an IAM user or an IAM role to call AssumeRole." — the root user of the role\'s own account cannot assume it either', () => {
    const own = `arn:aws:iam::${ACCOUNT}:root`;
    for (const principal of ['*', { AWS: '*' }, { AWS: own }, { AWS: ACCOUNT }]) {
      const trust = policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });
      const r = run(req(own, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Dev`), { resource: [trust] });
      assert.strictEqual(r.decision, 'ImplicitlyDenied', JSON.stringify(principal));
      assert.match(r.reasons.join(' '), /root user of account 111122223333 cannot assume a role: AssumeRole must be called with the credentials of an IAM user or role/);
    }
    // A user of the same account is allowed by the same trust policy naming it.
    const trust = policy({ Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:AssumeRole' });
    assert.strictEqual(decision(req(USER, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Dev`), { resource: [trust] }), 'Allowed');
    // Other STS actions of the root user are decided by the policies as before.
    assert.strictEqual(decision(req(own, 'sts:GetCallerIdentity', '*'), {}), 'Allowed');
  });

  it('the root user\'s AssumeRole is refused before an SCP\'s or an RCP\'s explicit deny is read (a choice docs/simulate.md lists)', () => {
    const own = `arn:aws:iam::${ACCOUNT}:root`;
    const trust = policy({ Effect: 'Allow', Principal: { AWS: own }, Action: 'sts:AssumeRole' });
    const denyAll = policy({ Effect: 'Deny', Action: '*', Resource: '*' });
    const denyAllFor = policy({ Effect: 'Deny', Principal: '*', Action: 'sts:*', Resource: '*' });
    for (const slots of [{ scps: [[policy(allow('*'))], [denyAll]] }, { rcps: [[denyAllFor]] }]) {
      const r = run(req(own, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Dev`), { resource: [trust], ...slots });
      assert.strictEqual(r.decision, 'ImplicitlyDenied', JSON.stringify(slots));
      assert.deepStrictEqual(r.deciding, []);
      assert.match(r.reasons.join(' '), /root user of account 111122223333 cannot assume a role/);
    }
    // The same SCP denies a user's AssumeRole explicitly.
    const user = run(req(USER, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Dev`), { resource: [policy({ Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:AssumeRole' })], scps: [[policy(allow('*'))], [denyAll]] });
    assert.strictEqual(user.decision, 'ExplicitlyDenied');
  });

  it('identity policies or a boundary given for the root user are a scenario problem, not silently ignored', () => {
    const text = JSON.stringify({ request: { principal: `arn:aws:iam::${ACCOUNT}:root`, action: 's3:GetObject', resource: BUCKET_OBJECT }, identityPolicies: [policy(allow('s3:*'))], permissionsBoundary: policy(allow('ec2:*')) });
    const s = parseScenario(text, '/w/root.json', () => undefined);
    assert.strictEqual(s.input, undefined);
    assert.ok(s.problems.some((p) => /identityPolicies: .*cannot be attached to the root user/.test(p)), s.problems.join('\n'));
    assert.ok(s.problems.some((p) => /permissionsBoundaries: .*permissions boundaries cannot be attached to the root user/.test(p)), s.problems.join('\n'));
    const plain = parseScenario(JSON.stringify({ request: { principal: ACCOUNT, action: 's3:GetObject', resource: BUCKET_OBJECT } }), '/w/root.json', () => undefined);
    assert.deepStrictEqual(plain.problems, []);
  });
});
