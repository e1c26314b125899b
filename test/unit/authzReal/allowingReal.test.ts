import * as assert from 'assert';
import * as fs from 'fs';
import { fixturePath } from '../fixtures';
import { explainDecodedMessage, type AuthorizationExplanation } from '../../../src/core/authz/explain';
import { offerAllowingStatement, servicesForExplanation } from '../../../src/core/authz/lintAllowing';
import { lintPolicy } from '../../../src/core/policy';
import { createIamCatalog } from '../../../src/node/iamData';

function explain(name: string): AuthorizationExplanation {
  const r = explainDecodedMessage(fs.readFileSync(fixturePath('authz-real', 'decoded', name), 'utf8'));
  assert.ok(r.ok);
  return r.explanation;
}

describe('allowing statements for real-shaped messages, checked by the policy engine', () => {
  const handle = createIamCatalog();
  const offer = (name: string) => {
    const ex = explain(name);
    handle.ensureServicesSync(servicesForExplanation(ex));
    const offered = offerAllowingStatement(ex, handle.catalog);
    assert.ok(offered);
    return offered;
  };

  for (const name of fs.readdirSync(fixturePath('authz-real', 'decoded'))) {
    it(`${name}: the exact action and resource, and no blocking findings`, () => {
      const ex = explain(name);
      const offered = offer(name);
      assert.strictEqual(offered.actionKnown, true);
      assert.strictEqual(offered.statement.Action, ex.action?.full);
      assert.strictEqual(offered.statement.Resource, ex.resource?.raw);
      const blocking = lintPolicy(offered.policyText, { policyType: 'IDENTITY_POLICY', catalog: handle.catalog }).findings.filter((f) => f.findingType === 'ERROR' || f.findingType === 'SECURITY_WARNING');
      assert.deepStrictEqual(blocking.map((f) => f.issueCode), []);
    });
  }

  it('writes condition keys in their IAM spelling even when the context used another case', () => {
    const condition = offer('docs-explicit-deny-unprefixed.json').statement.Condition as Record<string, Record<string, string>>;
    assert.deepStrictEqual(condition.Bool, { 'ec2:EbsOptimized': 'false', 'ec2:IsLaunchTemplateResource': 'false' });
  });

  it('RunInstances: says which other resources the action needs besides the reported instance', () => {
    const notes = offer('docs-explicit-deny-unprefixed.json').notes;
    const note = notes.find((n) => n.startsWith('ec2:RunInstances also needs permission on the other resources it uses'));
    assert.ok(note, notes.join('\n'));
    for (const type of ['image', 'network-interface', 'security-group']) assert.ok(note.includes(type), type);
    assert.ok(!/\binstance,/.test(note), 'not the reported one');
  });

  it('CreateVolume needs only the volume: no such note; request tags pinned, multivalued aws:TagKeys left out', () => {
    const offered = offer('implicit-deny-iam-user-tags.json');
    assert.ok(!offered.notes.some((n) => n.includes('also needs permission')));
    const condition = offered.statement.Condition as Record<string, Record<string, string>>;
    assert.strictEqual(condition.StringEquals['aws:RequestTag/Project'], 'atlas');
    assert.ok(offered.notes.some((n) => n.includes('aws:TagKeys')));
    assert.ok(!offered.policyText.includes('aws:PrincipalTag'));
  });
});
