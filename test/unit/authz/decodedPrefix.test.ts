import * as assert from 'assert';
import { explainDecodedMessage, type AuthorizationExplanation } from '../../../src/core/authz/explain';
import { accountEvaluationInput } from '../../../src/core/debugging/accountPolicySet';
import { requestFromDecoded } from '../../../src/core/debugging/decodedRequest';
import { evaluate } from '../../../src/core/evaluation';
import { testCatalog } from '../policy/catalog';

const LICENSE = 'arn:aws:license-manager:us-east-1:111122223333:license-configuration:lic-0abc';
const items = (values: string[]) => ({ items: values.map((value) => ({ value })) });

/** A decoded implicit deny of EC2's unprefixed RunInstances on a License Manager license configuration. */
function runInstancesOnLicense(keys: Record<string, string>): AuthorizationExplanation {
  const message = {
    allowed: false,
    explicitDeny: false,
    matchedStatements: { items: [] },
    failures: { items: [] },
    context: {
      principal: { id: 'AROAEXAMPLE:ci', arn: 'arn:aws:sts::111122223333:assumed-role/ci/ci' },
      action: 'RunInstances',
      resource: LICENSE,
      conditions: { items: Object.entries(keys).map(([key, v]) => ({ key, values: items([v]) })) },
    },
  };
  const r = explainDecodedMessage(JSON.stringify(message));
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.explanation;
}

// Service Authorization Reference: "Each action in the Actions table identifies the resource types that can be
// specified with that action", and EC2's table lists License Manager's license-configuration for RunInstances.
describe('decoded messages: the service of an unprefixed action', () => {
  const h = testCatalog();
  before(() => h.ensureServicesSync(['aws', 'ec2', 'license-manager']));

  it('"Each action in the Actions table identifies the resource types that can be specified with that action": aws:Service names the action\'s service, not the resource ARN of another service', () => {
    const ex = runInstancesOnLicense({ 'aws:Service': 'ec2', 'aws:Resource': 'license-configuration:lic-0abc' });
    assert.deepStrictEqual([ex.action?.full, ex.action?.prefixSource], ['ec2:RunInstances', 'aws:Service']);
  });

  it('without aws:Service, the service\'s own condition keys name it before the resource ARN', () => {
    const ex = runInstancesOnLicense({ 'ec2:Region': 'us-east-1', 'aws:Resource': 'license-configuration:lic-0abc' });
    assert.deepStrictEqual([ex.action?.full, ex.action?.prefixSource], ['ec2:RunInstances', 'condition keys']);
  });

  it('the resource ARN still names it when nothing else says otherwise, or when aws:Service agrees', () => {
    assert.deepStrictEqual(runInstancesOnLicense({}).action?.full, 'license-manager:RunInstances');
    const ex = runInstancesOnLicense({ 'aws:Service': 'license-manager' });
    assert.deepStrictEqual([ex.action?.full, ex.action?.prefixSource], ['license-manager:RunInstances', 'resource ARN']);
  });

  it('evaluated against the account\'s policies, an identity policy allowing ec2:RunInstances allows it', () => {
    const built = requestFromDecoded(runInstancesOnLicense({ 'aws:Service': 'ec2', 'ec2:Region': 'us-east-1' }), h.catalog);
    assert.ok(built.ok);
    const allow = { name: 'run', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }] }) };
    const set = { identityPolicies: [allow], permissionsBoundaries: [], resourcePolicies: [], unread: [], notes: [] };
    const result = evaluate({ now: '2026-06-01T00:00:00Z', ...accountEvaluationInput(built.request, set), contextFromAws: true }, h.catalog);
    assert.strictEqual(result.decision, 'Allowed');
  });
});
