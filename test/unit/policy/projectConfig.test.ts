import * as assert from 'assert';
import { applySuppressions, lintSettingsFor, severityOf } from '../../../src/core/policy/config/applyConfig';
import { globMatches, parseProjectConfig } from '../../../src/core/policy/config/projectConfig';
import { policyDocumentText, readAccountDump } from '../../../src/core/policy/accountDump';
import { lint } from './catalog';

describe('project file parsing', () => {
  it('reads JSON with comments and trailing commas into typed rules', () => {
    const { config, problems } = parseProjectConfig('{\n  // c\n  "severity": { "redundant_action": "HINT" },\n  "policyTypes": { "trust/*.json": "trust_policy" },\n  "ignore": ["gen/**"],\n  "accountIds": ["111122223333"],\n  "suppressions": [{ "file": "*.json", "issueCode": "missing_version", "reason": "legacy" },],\n}');
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(config.severity, { REDUNDANT_ACTION: 'hint' });
    assert.deepStrictEqual(config.policyTypes, [{ glob: 'trust/*.json', type: 'TRUST_POLICY' }]);
    assert.deepStrictEqual(config.suppressions, [{ file: '*.json', issueCode: 'MISSING_VERSION', sid: undefined, reason: 'legacy' }]);
  });

  it('reports what it cannot use at its offset and keeps the rest', () => {
    const text = '{ "severity": { "A": "loud", "B": "off" }, "accountIds": ["12"], "colour": 1, "suppressions": [{ "file": "x", "issueCode": "Y" }] }';
    const { config, problems } = parseProjectConfig(text);
    assert.deepStrictEqual(config.severity, { B: 'off' });
    assert.deepStrictEqual(config.accountIds, []);
    assert.deepStrictEqual(config.suppressions, []);
    const at = (needle: string) => problems.find((p) => text.slice(p.offset, p.offset + p.length).includes(needle))?.message;
    assert.match(at('"loud"') ?? '', /severity of A/);
    assert.match(at('"12"') ?? '', /12-digit/);
    assert.match(at('"colour"') ?? '', /Unknown key "colour"/);
    assert.match(at('"issueCode"') ?? '', /reason/);
  });

  it('lists the first 101 problems of each kind in a project file of 10,000 unknown keys and 10,000 incomplete suppressions, the last counting the rest', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `"k${i}": 1`).join(', ');
    const suppressions = Array.from({ length: 10_000 }, (_, i) => `{ "file": "f${i}" }`).join(', ');
    const { problems } = parseProjectConfig(`{ ${keys}, "suppressions": [${suppressions}], "colour": 2 }`);
    const unknown = problems.filter((p) => p.message.startsWith('Unknown key'));
    assert.strictEqual(unknown.length, 101);
    assert.match(unknown[0].message, /^Unknown key "k0"\. Known keys: /);
    assert.match(unknown[100].message, /^Unknown key "k100"\. Known keys: .*\. 9,900 more findings like this one after it are not listed\.$/);
    const incomplete = problems.filter((p) => p.message.startsWith('A suppression needs'));
    assert.strictEqual(incomplete.length, 101);
    assert.match(incomplete[100].message, / 9,899 more findings like this one after it are not listed\.$/);
    assert.strictEqual(problems.length, 202);
  });

  it('never throws on garbage', () => {
    for (const t of ['', '[]', '{', 'null', '{"severity": [1]}', '{"suppressions": {}}', '{"policyTypes": {"x": 3}}']) {
      const { problems } = parseProjectConfig(t);
      assert.ok(t === '' || problems.length > 0 || t === '{}', t);
    }
  });

  it('globs without a slash match the file name in any folder; with one, the path from the project folder', () => {
    assert.ok(globMatches('*.json', 'a/b/c.json'));
    assert.ok(globMatches('trust/*.json', 'trust/ci.json'));
    assert.ok(!globMatches('trust/*.json', 'x/trust/ci.json'));
    assert.ok(globMatches('gen/**', 'gen/a/b.json'));
  });

  it('settings per file: ignore, policy type, opt-in checks switched on by a severity', () => {
    const { config } = parseProjectConfig('{ "severity": { "RESOURCE_STAR": "hint" }, "policyTypes": { "trust/**": "TRUST_POLICY" }, "ignore": ["gen/**"] }');
    assert.deepStrictEqual(lintSettingsFor(config, 'trust/a.json'), { ignored: false, policyType: 'TRUST_POLICY', accountIds: [], optIn: ['RESOURCE_STAR'], notGranted: [] });
    assert.strictEqual(lintSettingsFor(config, 'gen/x.json').ignored, true);
    assert.deepStrictEqual(lintSettingsFor(config, 'a.json', { RESOURCE_STAR: 'off' }).optIn, []);
  });

  it('a suppression with a Sid accepts only findings inside that statement', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }, { Sid: 'B', Effect: 'Allow', Action: 's3:PutObjekt', Resource: '*' }] }, null, 2);
    const findings = lint(text, 'IDENTITY_POLICY').findings.filter((f) => f.issueCode === 'INVALID_ACTION');
    assert.strictEqual(findings.length, 2);
    const { config } = parseProjectConfig('{ "suppressions": [{ "file": "p.json", "issueCode": "INVALID_ACTION", "sid": "B", "reason": "r" }] }');
    const split = applySuppressions(config, 'p.json', text, findings);
    assert.deepStrictEqual(split.findings.map((f) => f.findingDetails.match(/s3:\w+/)?.[0]), ['s3:GetObjekt']);
    assert.deepStrictEqual(split.suppressed.map((s) => [s.finding.findingDetails.match(/s3:\w+/)?.[0], s.reason]), [['s3:PutObjekt', 'r']]);
    assert.strictEqual(applySuppressions(config, 'other.json', text, findings).suppressed.length, 0);
    assert.strictEqual(severityOf(findings[0], {}), 'error');
    assert.strictEqual(severityOf(findings[0], { INVALID_ACTION: 'hint' }), 'hint');
  });
});

describe('account dump reading', () => {
  it('URL-decodes string documents as they are and prints object documents with two spaces', () => {
    const doc = { Version: '2012-10-17', Statement: [] };
    assert.strictEqual(policyDocumentText(encodeURIComponent('{"Version": "2012-10-17"}')), '{"Version": "2012-10-17"}');
    assert.strictEqual(policyDocumentText(doc), JSON.stringify(doc, null, 2));
    assert.strictEqual(policyDocumentText('%E0%A4%A'), '%E0%A4%A', 'a string that is not URL-encoded is kept');
  });

  it('keeps IAM paths in names and takes the account from the ARNs', () => {
    const dump = readAccountDump(JSON.stringify({ RoleDetailList: [{ RoleName: 'r', Path: '/service-role/', Arn: 'arn:aws:iam::123456789012:role/service-role/r', AssumeRolePolicyDocument: '%7B%7D', RolePolicyList: [] }] }));
    assert.strictEqual(dump.accountId, '123456789012');
    assert.deepStrictEqual(dump.policies.map((p) => [p.name, p.policyType]), [['role/service-role/r trust policy', 'TRUST_POLICY']]);
  });

  it('says what it could not read, and never throws', () => {
    assert.match(readAccountDump('nope').problems[0], /not JSON/);
    assert.match(readAccountDump('{"a":1}').problems[0], /get-account-authorization-details/);
    const dump = readAccountDump(JSON.stringify({ Policies: [{ Arn: 'arn:aws:iam::123456789012:policy/x', PolicyVersionList: [] }], UserDetailList: [null, { UserName: 'u', UserPolicyList: [{}] }] }));
    assert.deepStrictEqual(dump.policies, []);
    assert.deepStrictEqual(dump.problems, ['policy/x: no default version document', 'UserDetailList: an entry that is not an object was skipped', 'user/u: an inline policy without PolicyName or PolicyDocument was skipped']);
  });
});
