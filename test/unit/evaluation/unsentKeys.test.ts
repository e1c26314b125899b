import * as assert from 'assert';
import { evaluate, type EvaluationInput } from '../../../src/core/evaluation';
import { resultDocument } from '../../../src/core/debugging/resultText';
import { resultTree } from '../../../src/core/debugging/resultTree';
import { isServiceKey, unsentKeys, unsentServiceKeys } from '../../../src/core/evaluation/unsentKeys';
import { testCatalog } from '../policy/catalog';
import { USER, allow, policy } from './helpers';

function input(action: string, resource: string, context: Record<string, string>, condition: object): EvaluationInput {
  return {
    request: { principal: USER, action, resource, context },
    identityPolicies: [{ name: 'identity', text: JSON.stringify(policy(allow(action, '*', { Condition: condition }))) }],
  };
}

function catalogFor(...services: string[]) {
  const h = testCatalog();
  h.ensureServicesSync(services);
  return h.catalog;
}

describe('evaluation: context keys a request for the action never carries', () => {
  it('AWS doc: "Condition context keys may not be present in the authorization context when: You are using service specific condition context keys in requests to resources that do not support that condition key": ec2:InstanceType given for s3:ListBucket is left out, and the result says so', () => {
    const i = input('s3:ListBucket', 'arn:aws:s3:::reports', { 'ec2:InstanceType': 't3.micro' }, { StringEquals: { 'ec2:InstanceType': 't3.micro' } });
    const r = evaluate(i, catalogFor('s3', 'ec2'));
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.deepStrictEqual(r.unsentKeys, ['ec2:InstanceType']);
    const c = r.trace[0].statements[0].conditions[0];
    assert.strictEqual(c.requestValues, undefined, 'the condition sees no value');
    assert.match(c.explanation, /ec2:InstanceType is left out of the request \(requests for this action never carry it\), so StringEquals cannot match/);
    assert.match(resultDocument(i.request, r), /Left out of the request: ec2:InstanceType\. s3:ListBucket requests never carry this key/);
    assert.ok(resultTree({ request: i.request, result: r }).some((n) => n.id === 'unsent' && /ec2:InstanceType/.test(n.description ?? '')));
    // A negated operator matches the absent key, as it would in AWS.
    assert.strictEqual(evaluate(input('s3:ListBucket', 'arn:aws:s3:::reports', { 'ec2:InstanceType': 't3.micro' }, { StringNotEquals: { 'ec2:InstanceType': 't3.micro' } }), catalogFor('s3')).decision, 'Allowed');
  });

  it('keeps keys the action or its resource types list, tag keys by their ${TagKey} or <key> pattern, global keys (aws: and cross-service ones such as ec2:SourceInstanceArn) and the keys of identity providers', () => {
    const cases: [string, string, Record<string, string>, object][] = [
      ['s3:ListBucket', 'arn:aws:s3:::reports', { 's3:prefix': 'home/' }, { StringLike: { 's3:prefix': 'home/*' } }],
      ['s3:GetObject', 'arn:aws:s3:::reports/a.csv', { 's3:ExistingObjectTag/team': 'blue' }, { StringEquals: { 's3:ExistingObjectTag/team': 'blue' } }],
      ['ec2:RunInstances', '*', { 'ec2:InstanceType': 't3.micro' }, { StringEquals: { 'ec2:InstanceType': 't3.micro' } }],
      ['s3:ListBucket', 'arn:aws:s3:::reports', { 'aws:PrincipalTag/team': 'blue' }, { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }],
      ['s3:GetObject', 'arn:aws:s3:::reports/a.csv', { 'ec2:SourceInstanceArn': 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc' }, { StringEquals: { 'ec2:SourceInstanceArn': 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc' } }],
      ['s3:GetObject', 'arn:aws:s3:::reports/a.csv', { 'lambda:SourceFunctionArn': 'arn:aws:lambda:us-east-1:111122223333:function:f' }, { StringEquals: { 'lambda:SourceFunctionArn': 'arn:aws:lambda:us-east-1:111122223333:function:f' } }],
      ['sts:AssumeRoleWithWebIdentity', 'arn:aws:iam::111122223333:role/deploy', { 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' }, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }],
      ['sts:AssumeRoleWithSAML', 'arn:aws:iam::111122223333:role/sso', { 'saml:aud': 'https://signin.aws.amazon.com/saml' }, { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } }],
    ];
    for (const [action, resource, context, condition] of cases) {
      const r = evaluate(input(action, resource, context, condition), catalogFor('s3', 'ec2', 'sts'));
      const key = Object.keys(context)[0];
      assert.strictEqual(r.unsentKeys, undefined, `${action} with ${key}`);
      assert.deepStrictEqual(r.trace.find((t) => t.kind === 'identity')!.statements[0].conditions[0].requestValues, [context[key]], `${action} with ${key}`);
    }
  });

  it('leaves out the same service keys when given as a list as when given in a context, asked again and again, and none for an action whose service is not loaded', () => {
    const catalog = catalogFor('s3', 'ec2', 'iam');
    const keys = ['ec2:instancetype', 's3:prefix', 'aws:principaltag/team', 'iam:policyarn', 's3:existingobjecttag/team', 'iam:passedtoservice', 'ec2:sourceinstancearn'];
    const serviceKeys = keys.filter((k) => isServiceKey(k, catalog));
    assert.ok(!serviceKeys.includes('aws:principaltag/team') && !serviceKeys.includes('ec2:sourceinstancearn'), serviceKeys.join());
    const context = Object.fromEntries(keys.map((k) => [k, 'x']));
    let some = 0;
    for (let round = 0; round < 2; round++) {
      for (const action of ['s3:ListBucket', 's3:GetObject', 'ec2:RunInstances', 'iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:PassRole']) {
        const listed = unsentServiceKeys(() => serviceKeys, action, catalog);
        assert.deepStrictEqual(listed, unsentKeys(context, action, catalog), action);
        some += listed.length;
      }
    }
    assert.ok(some > 0);
    assert.deepStrictEqual(unsentServiceKeys(() => ['iam:policyarn'], 'iam:PutUserPolicy', catalog), ['iam:policyarn']);
    assert.deepStrictEqual(unsentServiceKeys(() => ['iam:policyarn'], 'iam:AttachUserPolicy', catalog), []);
    assert.deepStrictEqual(unsentServiceKeys(() => assert.fail('not asked for an unknown action'), 'notaservice:PutUserPolicy', catalog), []);
  });

  it('keeps every key of a context AWS reported itself (a decoded authorization message)', () => {
    const i = input('s3:ListBucket', 'arn:aws:s3:::reports', { 'ec2:InstanceType': 't3.micro' }, { StringEquals: { 'ec2:InstanceType': 't3.micro' } });
    const r = evaluate({ ...i, contextFromAws: true }, catalogFor('s3', 'ec2'));
    assert.strictEqual(r.decision, 'Allowed');
    assert.strictEqual(r.unsentKeys, undefined);
  });

  it('judges nothing without IAM data for the action: the context is taken as given', () => {
    const i = input('s3:ListBucket', 'arn:aws:s3:::reports', { 'ec2:InstanceType': 't3.micro' }, { StringEquals: { 'ec2:InstanceType': 't3.micro' } });
    assert.strictEqual(evaluate(i).decision, 'Allowed');
    assert.strictEqual(evaluate({ ...i, request: { ...i.request, action: 's3:NoSuchAction' }, identityPolicies: [{ name: 'identity', text: JSON.stringify(policy(allow('s3:*', '*', { Condition: { StringEquals: { 'ec2:InstanceType': 't3.micro' } } }))) }] }, catalogFor('s3')).decision, 'Allowed');
  });
});
