import * as assert from 'assert';
import { notGrantedFindings } from '../../../src/core/evaluation/access';
import { lintSettingsFor } from '../../../src/core/policy/config/applyConfig';
import { parseProjectConfig } from '../../../src/core/policy/config/projectConfig';
import { testCatalog } from '../policy/catalog';
import { access } from './accessHelpers';

const PROJECT = `{
  // these roles must never hand out roles or keys
  "notGranted": {
    "policies/**": { "actions": ["iam:PassRole"], "resources": ["*"] },
    "ci/*.json": ["iam:CreateAccessKey", "iam:Put*Policy"]
  }
}`;

describe('project file: notGranted', () => {
  it('reads glob -> { actions, resources } and glob -> [actions]; each file gets the rules whose glob matches', () => {
    const { config, problems } = parseProjectConfig(PROJECT);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(lintSettingsFor(config, 'policies/app/role.json').notGranted, [{ glob: 'policies/**', actions: ['iam:PassRole'], resources: ['*'] }]);
    assert.deepStrictEqual(lintSettingsFor(config, 'ci/deploy.json').notGranted, [{ glob: 'ci/*.json', actions: ['iam:CreateAccessKey', 'iam:Put*Policy'] }]);
    assert.deepStrictEqual(lintSettingsFor(config, 'other.json').notGranted, []);
  });

  it('says what is wrong with an entry, where, and applies the rest', () => {
    const text = '{ "notGranted": { "a/**": { "action": ["iam:PassRole"] }, "b/**": "iam:PassRole", "c/**": ["s3:*"] } }';
    const { config, problems } = parseProjectConfig(text);
    assert.deepStrictEqual(config.notGranted, [{ glob: 'c/**', actions: ['s3:*'] }]);
    const messages = problems.map((p) => p.message);
    assert.ok(messages.some((m) => /Unknown key "action" in notGranted "a\/\*\*": use "actions" and "resources"/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /notGranted "b\/\*\*" must be/.test(m)), messages.join('\n'));
    const unknown = problems.find((p) => /Unknown key "action"/.test(p.message))!;
    assert.strictEqual(text.slice(unknown.offset, unknown.offset + unknown.length), '"action"');
  });

  it('a statement that grants a forbidden action through a wildcard gets a NOT_GRANTED finding at that statement', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'Admin', Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }, null, 2);
    access(text);
    const findings = notGrantedFindings(text, 'IDENTITY_POLICY', [{ glob: 'policies/**', actions: ['iam:PassRole'], resources: ['*'] }], testCatalog().catalog);
    assert.strictEqual(findings.length, 1);
    const f = findings[0];
    assert.strictEqual(f.issueCode, 'NOT_GRANTED');
    assert.strictEqual(f.findingType, 'ERROR');
    assert.deepStrictEqual(f.locations[0].path, [{ value: 'Statement' }, { index: 1 }]);
    assert.strictEqual(f.locations[0].span.start.line, 10);
    assert.match(f.findingDetails, /grants iam:PassRole on \*, which \.sts-lens\.json forbids for "policies\/\*\*"/);
  });
});
