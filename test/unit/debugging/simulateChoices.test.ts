import * as assert from 'assert';
import * as fs from 'fs';
import { explainDecodedMessage } from '../../../src/core/authz';
import { requestFromDecoded } from '../../../src/core/debugging/decodedRequest';
import { actionProblem, contextKeyChoices, contextValue, policyResourcesFor, resourceProblem, resourceSkeletons } from '../../../src/core/debugging/simulateChoices';
import { fixturePath } from '../fixtures';
import { testCatalog } from '../policy/catalog';

describe('debugging: simulate choices from the IAM data', () => {
  const h = testCatalog();
  before(() => h.ensureServicesSync(['s3', 'aws', 'ec2']));

  it('offers ARN skeletons of the action\'s resource types with the account filled in', () => {
    const arns = resourceSkeletons('s3:GetObject', h.catalog, { account: '111122223333' }).map((s) => s.arn);
    assert.ok(arns.includes('arn:aws:s3:::${BucketName}/${ObjectName}'), arns.join(' '));
    const ec2 = resourceSkeletons('ec2:RunInstances', h.catalog, { region: 'us-east-1', account: '111122223333' });
    assert.ok(ec2.some((s) => s.type === 'instance' && s.arn === 'arn:aws:ec2:us-east-1:111122223333:instance/${InstanceId}'), ec2.map((s) => s.arn).join(' '));
  });

  it('refuses a resource that is not an ARN of the action\'s resource types, and names the formats it accepts', () => {
    const problem = resourceProblem('ec2:RunInstances', 'instance/', h.catalog);
    assert.match(problem ?? '', /^"instance\/" is not an ARN/);
    assert.ok(problem!.includes('arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}'), problem);
    assert.match(resourceProblem('ec2:RunInstances', 'arn:aws:ec2:us-east-1:111122223333:volume', h.catalog) ?? '', /is not the ARN of a resource ec2:RunInstances acts on\. It accepts /);
    assert.match(resourceProblem('ec2:RunInstances', '*', h.catalog) ?? '', /acts on specific resources: \* is not one/);
    assert.strictEqual(resourceProblem('ec2:RunInstances', 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc', h.catalog), undefined);
    assert.strictEqual(resourceProblem('s3:GetObject', 'arn:aws:s3:::sts-lens-demo-bucket/2026/q3.csv', h.catalog), undefined);
  });

  it('offers only the policy\'s resources that the action acts on', () => {
    const named = ['arn:aws:s3:::sts-lens-demo-bucket', 'arn:aws:s3:::sts-lens-demo-bucket/*', 'arn:aws:s3:::sts-lens-demo-bucket/2026/q3.csv', '*'];
    assert.deepStrictEqual(policyResourcesFor('s3:GetObject', named, h.catalog), ['arn:aws:s3:::sts-lens-demo-bucket/*', 'arn:aws:s3:::sts-lens-demo-bucket/2026/q3.csv']);
    assert.deepStrictEqual(policyResourcesFor('ec2:RunInstances', named, h.catalog), []);
    assert.deepStrictEqual(policyResourcesFor('s3:ListAllMyBuckets', named, h.catalog), ['*']);
  });

  it('takes * only where the action has no resource types, and wants region and account fields as the format has them', () => {
    assert.strictEqual(resourceProblem('s3:ListAllMyBuckets', '*', h.catalog), undefined);
    assert.match(resourceProblem('s3:ListAllMyBuckets', 'arn:aws:s3:::b', h.catalog) ?? '', /has no resource types in the IAM data: its resource is \*/);
    assert.match(resourceProblem('s3:GetObject', 'arn:aws:s3:us-east-1:111122223333:b/k', h.catalog) ?? '', /is not the ARN of a resource/);
    assert.match(resourceProblem('ec2:RunInstances', 'arn:aws:ec2:::instance/i-1', h.catalog) ?? '', /is not the ARN of a resource/);
  });

  it('lists the action\'s context keys with their types, and the common global keys', () => {
    const keys = contextKeyChoices('s3:GetObject', h.catalog);
    assert.ok(keys.some((k) => k.key === 's3:ExistingObjectTag/<key>' || k.key.startsWith('s3:')), 'an s3 key');
    assert.strictEqual(keys.find((k) => k.key === 'aws:SourceIp')?.type, 'IPAddress');
  });

  it('types values as the data says: sets for ArrayOf keys, booleans for Bool', () => {
    assert.deepStrictEqual(contextValue('ArrayOfString', 'team, env'), ['team', 'env']);
    assert.strictEqual(contextValue('Bool', 'TRUE'), true);
    assert.strictEqual(contextValue('IPAddress', ' 203.0.113.7 '), '203.0.113.7');
  });

  it('explains an unknown action instead of simulating it', () => {
    assert.match(actionProblem('GetObject', h.catalog)!, /service:Action/);
    assert.match(actionProblem('nosuchservice:Get', h.catalog)!, /No AWS service/);
    assert.match(actionProblem('s3:GetObjectz', h.catalog)!, /no action named GetObjectz/);
    assert.strictEqual(actionProblem('s3:getobject', h.catalog), undefined);
  });

  it('builds the request of a decoded message: principal, action, resource and context, sets as arrays', () => {
    const files = fs.readdirSync(fixturePath('authz', 'decoded')).filter((f) => f.endsWith('.json'));
    let checked = 0;
    for (const f of files) {
      const ex = explainDecodedMessage(fs.readFileSync(fixturePath('authz', 'decoded', f), 'utf8'));
      if (!ex.ok || !ex.explanation.principal?.arn || !ex.explanation.action?.full.includes(':')) continue;
      const r = requestFromDecoded(ex.explanation, h.catalog);
      assert.ok(r.ok, f);
      assert.strictEqual(r.request.action, ex.explanation.action.full);
      assert.strictEqual(r.request.principal, ex.explanation.principal.arn);
      for (const c of ex.explanation.context) {
        const v: unknown = r.request.context?.[c.key];
        if (c.values.length > 1) assert.deepStrictEqual(v, c.values, `${f} ${c.key}`);
      }
      checked++;
    }
    assert.ok(checked > 0);
    const first = explainDecodedMessage(fs.readFileSync(fixturePath('authz', 'decoded', files[0]), 'utf8'));
    assert.ok(first.ok);
    const noPrincipal = requestFromDecoded({ ...first.explanation, principal: undefined });
    assert.ok(!noPrincipal.ok && /no principal/.test(noPrincipal.message));
  });
});
