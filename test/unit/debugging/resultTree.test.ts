import * as assert from 'assert';
import { disagreementHeadline, disagreementWithDecoded } from '../../../src/core/debugging/decodedRequest';
import { prettyPolicyText } from '../../../src/core/debugging/accountPolicySet';
import { resultTree, wrapText, ROW_WIDTH, type ResultNode } from '../../../src/core/debugging/resultTree';
import { resultDocument, resultSummary } from '../../../src/core/debugging/resultText';
import { evaluate } from '../../../src/core/evaluation';
import { findingFamily, familyTitle, groupFindings } from '../../../src/core/policy/findingFamilies';
import type { Finding } from '../../../src/core/policy/types';

const flat = (ns: readonly ResultNode[], depth = 0): { depth: number; node: ResultNode }[] => ns.flatMap((n) => [{ depth, node: n }, ...flat(n.children ?? [], depth + 1)]);

describe('debugging: the results tree', () => {
  const scp = '{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideUsEast1","Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}]}';
  const allowAll = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
  const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/a.csv', context: { 'aws:RequestedRegion': 'eu-west-1' } };

  it('leads with the verdict, then the deciding statement, then the trace as policy → statement → condition with the request\'s value', () => {
    const result = evaluate({ request, identityPolicies: [{ name: 'allow-all.json', text: allowAll }], serviceControlPolicies: [[{ name: 'guardrail.json', text: scp }]] });
    const roots = resultTree({ request, result });
    assert.deepStrictEqual(roots.map((r) => r.label).slice(0, 2), ['EXPLICITLY DENIED', 'Decided by']);
    assert.match(roots[1].description!, /Deny statement "DenyOutsideUsEast1" in guardrail\.json \(SCP, level 0\)/);
    assert.deepStrictEqual(roots[1].target?.policy, 'guardrail.json');
    const rows = flat(roots);
    const condition = rows.find((r) => r.node.label === 'StringNotEquals aws:RequestedRegion');
    assert.ok(condition, rows.map((r) => r.node.label).join('\n'));
    assert.strictEqual(condition.depth, 3, 'trace → policy → statement → condition');
    assert.match(condition.node.description!, /^request has eu-west-1/);
    assert.strictEqual(condition.node.icon, 'matched');
    assert.strictEqual(condition.node.target?.keyLength, '"aws:RequestedRegion"'.length);
  });

  it('marks a failed condition and says the answer is partial when parts were not read', () => {
    const allowed = { ...request, context: { 'aws:RequestedRegion': 'us-east-1' } };
    const result = evaluate({ request: allowed, identityPolicies: [{ name: 'allow-all.json', text: allowAll }], serviceControlPolicies: [[{ name: 'guardrail.json', text: scp }, { name: 'FullAWSAccess', text: allowAll }]] });
    const roots = resultTree({ request: allowed, result, unread: [{ part: 'RCPs', action: 'organizations:ListPoliciesForTarget', denied: true, text: 'organizations:ListPoliciesForTarget was denied: RCPs not evaluated' }] });
    assert.strictEqual(roots[0].label, 'ALLOWED (PARTIAL ANSWER)');
    assert.ok(roots.some((r) => r.label === 'Not evaluated (1)'));
    assert.ok(flat(roots).some((r) => r.node.label === 'StringNotEquals aws:RequestedRegion' && r.node.icon === 'failed'));
  });

  it('STS API Reference, GetSessionToken: "You cannot call any IAM API operations unless MFA authentication information is included in the request" — the summary, the request rows and the trace say the request comes from such a session, and whether with MFA', () => {
    const identityPolicies = [{ name: 'allow-all.json', text: allowAll }];
    const plain = { principal: request.principal, action: 'iam:ListUsers', resource: '*' };
    const session = { ...plain, credentials: 'GetSessionToken' as const };
    const denied = evaluate({ request: session, identityPolicies });
    assert.match(resultSummary(session, denied), /^IMPLICITLY DENIED: iam:ListUsers on \*: .*unless they were made with MFA.* \(as a GetSessionToken session, without MFA\)$/);
    assert.match(resultDocument(session, denied), /^Principal: arn:aws:iam::123456789012:user\/alice\nCredentials: a GetSessionToken session, without MFA$/m);
    const withMfa = { ...session, context: { 'aws:MultiFactorAuthPresent': 'True' } };
    const allowed = evaluate({ request: withMfa, identityPolicies });
    assert.strictEqual(resultSummary(withMfa, allowed), 'ALLOWED: iam:ListUsers on * by Allow statement #1 in allow-all.json (identity policy) (as a GetSessionToken session, with MFA)');
    assert.deepStrictEqual(flat(resultTree({ request: withMfa, result: allowed })).filter((r) => r.node.id === 'request/credentials').map((r) => r.node.description), ['a GetSessionToken session, with MFA']);
    // The user's own keys: nothing said of credentials.
    const own = evaluate({ request: plain, identityPolicies });
    assert.doesNotMatch(`${resultSummary(plain, own)}\n${resultDocument(plain, own)}`, /GetSessionToken|Credentials/);
    assert.ok(!flat(resultTree({ request: plain, result: own })).some((r) => r.node.id === 'request/credentials'));
  });

  it('continues a long row on the rows below it instead of cutting it off', () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const lines = wrapText(long);
    assert.ok(lines.length > 1 && lines.every((l) => l.length <= ROW_WIDTH));
    assert.strictEqual(lines.join(' '), long);
    const result = evaluate({ request, identityPolicies: [] });
    const roots = resultTree({ request, result, disagreement: long });
    const d = roots.find((r) => r.id === 'disagreement')!;
    const text = [d.description, ...(d.children ?? []).map((c) => c.label)].join(' ');
    assert.strictEqual(text, long);
    for (const r of flat(roots)) assert.ok(`${r.node.label} ${r.node.description ?? ''}`.length <= ROW_WIDTH + 40, r.node.label);
  });
});

describe('debugging: a decoded message and an evaluation that disagree', () => {
  it('says nothing when they agree, and why they may differ when they do not', () => {
    assert.strictEqual(disagreementWithDecoded('explicit-deny', 'ExplicitlyDenied', 0), undefined);
    assert.strictEqual(disagreementWithDecoded('unknown', 'Allowed', 0), undefined);
    const text = disagreementWithDecoded('explicit-deny', 'ImplicitlyDenied', 4)!;
    assert.match(text, /^AWS decided an explicit deny; the policies read now give an implicit deny/);
    assert.match(text, /4 parts of the decision could not be read/);
    assert.strictEqual(text, `${disagreementHeadline('explicit-deny', 'ImplicitlyDenied')}. Possible causes: 4 parts of the decision could not be read, and what decided in AWS may be there; a session policy passed when the role was assumed (IAM does not keep them); policies changed since the request was made; request context keys that AWS evaluated but the message does not list.`);
    assert.strictEqual(disagreementHeadline('explicit-deny', 'ImplicitlyDenied'), 'AWS decided an explicit deny; the policies read now give an implicit deny (no statement allowed it)');
    assert.strictEqual(disagreementHeadline('explicit-deny', 'ExplicitlyDenied'), undefined);
  });
});

describe('policy text laid out for reading', () => {
  it('lays out a minified policy as JSON.stringify would, keeping duplicate keys', () => {
    const min = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}';
    assert.strictEqual(prettyPolicyText(min), JSON.stringify(JSON.parse(min), null, 2));
    assert.match(prettyPolicyText('{"Sid":"a","Sid":"b"}'), /"Sid": "a",\n {2}"Sid": "b"/);
  });
});

describe('policy findings grouped by family', () => {
  const finding = (issueCode: string, fix = false): Finding => ({ findingType: 'SECURITY_WARNING', issueCode, findingDetails: issueCode, learnMoreLink: '', locations: [], ...(fix ? { fix: { replacement: '"x"' } } : {}) });
  it('groups findings of one family at one place, whatever the codes of the family are', () => {
    assert.strictEqual(findingFamily('PRIVILEGE_ESCALATION_PASS_ROLE_EC2'), 'PRIVILEGE_ESCALATION');
    assert.strictEqual(familyTitle('PRIVILEGE_ESCALATION'), 'Privilege escalation');
    const items = [finding('PRIVILEGE_ESCALATION_PASS_ROLE_EC2'), finding('PRIVILEGE_ESCALATION_PASS_ROLE_LAMBDA'), finding('PRIVILEGE_ESCALATION_SOMETHING_NEW'), finding('MISSING_VERSION'), finding('REDUNDANT_ACTION', true), finding('REDUNDANT_ACTION', true)].map((f) => ({ finding: f }));
    const groups = groupFindings(items, () => 'here', () => 1);
    assert.deepStrictEqual(groups.map((g) => [g.family, g.members.length]), [['PRIVILEGE_ESCALATION', 3], ['MISSING_VERSION', 1], ['REDUNDANT_ACTION', 1], ['REDUNDANT_ACTION', 1]]);
    assert.strictEqual(groupFindings(items.slice(0, 2), (i) => i.finding.issueCode, () => 1).length, 2, 'different places stay apart');
  });
});
