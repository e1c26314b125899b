// The context keys AWS adds to every request from the principal, the resource and the clock
// ("AWS doc:" global condition context keys). The engine derives them only when a condition asks
// for one of them, so each is asked for here by name, spelled in another case than the docs'.
import * as assert from 'assert';
import { ACCOUNT, USER, allow, decision, policy, req } from './helpers';

const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
const NOW = '2026-03-01T12:00:00Z';

/** Whether a resource policy that allows everyone under this condition allows the principal's request. */
function holds(principal: string, condition: object): boolean {
  return decision(req(principal, 'sqs:SendMessage', QUEUE), { resource: [policy(allow('sqs:SendMessage', QUEUE, { Principal: '*', Condition: condition }))], now: NOW }) === 'Allowed';
}

describe('evaluation: keys derived for every request (AWS doc: global condition context keys)', () => {
  it('an IAM user: its ARN, account, type and name, the resource account and Region, the time', () => {
    const keys: Record<string, object> = {
      'aws:principalarn': { StringEquals: { 'AWS:PRINCIPALARN': USER } },
      'aws:principalaccount': { StringEquals: { 'aws:principalaccount': ACCOUNT } },
      'aws:principalisawsservice': { Bool: { 'aws:PRINCIPALISAWSSERVICE': 'false' } },
      'aws:principaltype': { StringEquals: { 'aws:principaltype': 'User' } },
      'aws:username': { StringEquals: { 'AWS:UserName': 'alice' } },
      'aws:resourceaccount': { StringEquals: { 'aws:resourceaccount': ACCOUNT } },
      'aws:requestedregion': { StringEquals: { 'aws:requestedregion': 'us-east-1' } },
      'aws:currenttime': { DateEquals: { 'aws:currenttime': NOW } },
      'aws:epochtime': { NumericEquals: { 'aws:epochtime': String(Date.parse(NOW) / 1000) } },
    };
    for (const [key, condition] of Object.entries(keys)) assert.ok(holds(USER, condition), key);
  });

  it('the root user: aws:userid is the account', () => {
    assert.ok(holds(ACCOUNT, { StringEquals: { 'aws:USERID': ACCOUNT, 'aws:principaltype': 'Account' } }));
  });

  it('a service principal: aws:PrincipalIsAWSService and aws:PrincipalServiceName', () => {
    assert.ok(holds('lambda.amazonaws.com', { Bool: { 'aws:principalisawsservice': 'true' }, StringEquals: { 'AWS:PrincipalServiceName': 'lambda.amazonaws.com' } }));
  });

  it('a web identity: aws:FederatedProvider; an anonymous caller: aws:PrincipalType', () => {
    assert.ok(holds('accounts.google.com', { StringEquals: { 'aws:federatedprovider': 'accounts.google.com' } }));
    assert.ok(holds('anonymous', { StringEquals: { 'aws:PRINCIPALTYPE': 'Anonymous' } }));
  });

  it('a key the request states wins over the derived one, and a key nobody derives is absent', () => {
    assert.ok(holds(USER, { StringEquals: { 'aws:PrincipalType': 'User' } }));
    assert.ok(decision(req(USER, 'sqs:SendMessage', QUEUE, { 'aws:PrincipalType': 'AssumedRole' }), { resource: [policy(allow('sqs:SendMessage', QUEUE, { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } } }))] }) === 'Allowed');
    assert.ok(holds(USER, { Null: { 'aws:PrincipalTag/team': 'true', 'sqs:anything': 'true' } }));
  });
});
