// Tooltips and hovers built from the AWS files, STS's answers, the SSO cache, policies and IAM
// Access Analyzer: each value must read as itself, never as a link, an image or HTML.
import * as assert from 'assert';
import type { AwsProfile } from '../../src/core/profiles/model';
import type { SessionRecord } from '../../src/core/sessions/session';
import type { ConditionTrace } from '../../src/core/evaluation/types';
import { decodedHoverMarkdown } from '../../src/vscode/authz/providers';
import { conditionHoverMarkdown } from '../../src/vscode/evaluation/resultPresenter';
import type { SignInEntry, SignInState } from '../../src/vscode/identityCenter/signIns';
import { signInTooltipMarkdown } from '../../src/vscode/identityCenter/tree';
import { findingsMarkdown } from '../../src/vscode/policy/policyProviders';
import { profileTooltipMarkdown, sessionTooltipMarkdown } from '../../src/vscode/profiles/tooltips';
import { renderMarkdown } from '../unit/renderedMarkdown';
import { activate, command } from './profilesHelpers';

const HOSTILE = [
  '![x](https://example.com/t.png)',
  '[a](command:workbench.action.quit)',
  'team`s role``\n\n[b](https://example.com) `',
  '<img src=x>',
  'https://example.com',
  'www.example.com',
  '**loud** _quiet_ $(zap) &amp; # head',
];

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Fails unless `markdown` renders without a link, an image or raw HTML (other than `allowedHrefs`), showing `value`. */
function assertReadsAsItself(markdown: string, value: string, what: string, allowedHrefs: readonly string[] = []): void {
  const r = renderMarkdown(markdown);
  const where = `${what} = ${JSON.stringify(value)}\n${markdown}\n${r.html}`;
  assert.deepStrictEqual(r.hrefs.filter((h) => !allowedHrefs.includes(h)), [], where);
  assert.strictEqual(r.links, r.hrefs.length, `an image or a frame: ${where}`);
  assert.deepStrictEqual(r.otherTags, [], `raw HTML: ${where}`);
  assert.ok(words(r.text).includes(words(value)), `the value's words are missing: ${where}\n${r.text}`);
}

const PROFILE: AwsProfile = {
  name: 'cross-account', kind: 'role', files: ['config', 'credentials'], region: 'eu-west-1',
  roleArn: 'arn:aws:iam::123456789012:role/cross_account_role', sourceProfile: 'sts-user',
  endpointUrl: 'http://127.0.0.1:4566', hasStaticKeys: false, hasSessionToken: false,
};

const SESSION: SessionRecord = {
  id: 's1', operation: 'AssumeRole', profile: 'sts-user', roleArn: 'arn:aws:iam::123456789012:role/sts_role',
  arn: 'arn:aws:sts::123456789012:assumed-role/sts_role/alice-1128T0432Z', sessionName: 'alice-1128T0432Z',
  sourceIdentity: 'alice', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', startUrl: 'https://sts-lens-sandbox.awsapps.com/start',
  expiration: Date.UTC(2026, 10, 28, 5, 32), issuedAt: Date.UTC(2026, 10, 28, 4, 32), refreshable: true,
};

const SIGN_IN: SignInEntry = {
  id: 'session:sandbox', label: 'sandbox', endpoint: 'http://127.0.0.1:4566', profiles: ['sso-dev', 'sso-prod'],
  key: { sessionName: 'sandbox', startUrl: 'https://sts-lens-sandbox.awsapps.com/start', region: 'us-east-1' },
};

const CONDITION: Pick<ConditionTrace, 'operator' | 'key' | 'requestValues' | 'policyValues' | 'explanation'> = {
  operator: 'StringEquals', key: 'aws:PrincipalTag/team', requestValues: ['dev'], policyValues: ['ops'],
  explanation: 'aws:PrincipalTag/team dev is not ops',
};

const AWS_LINK = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#x';
const FINDING = { issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', learnMoreLink: AWS_LINK, findingDetails: 'Using iam:PassRole with a wildcard in the resource can be overly permissive.' };

interface TreeNode { label: string; tooltip?: string; contextValue?: string; children: TreeNode[] }

describe('tooltips and hovers: text from files and servers reads as itself', () => {
  it('the Profiles view\'s tooltips show the test profiles\' endpoint URLs as text, not as links', async () => {
    await activate();
    const flat = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const rows = flat(await command<TreeNode[]>('stsLens.internal.treeSnapshot')).filter((n) => n.contextValue?.startsWith('stsLens.profile.') && n.tooltip);
    const withEndpoint = rows.filter((n) => /^Endpoint: http/m.test(renderMarkdown(n.tooltip!).text));
    assert.ok(withEndpoint.length > 0, rows.map((n) => n.tooltip).join('\n---\n'));
    for (const n of rows) {
      const r = renderMarkdown(n.tooltip!);
      assert.deepStrictEqual([r.links, r.otherTags], [0, []], `${n.label}: ${n.tooltip}`);
      assert.match(r.text, new RegExp(`^${n.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — `));
    }
  });

  it('profile tooltip: name, role ARN, region, chain and endpoint', () => {
    for (const v of HOSTILE) {
      for (const field of ['name', 'roleArn', 'region', 'endpointUrl', 'stsEndpointUrl'] as const) {
        assertReadsAsItself(profileTooltipMarkdown({ ...PROFILE, [field]: v }, { mfa: true }), v, `profile ${field}`);
      }
      assertReadsAsItself(profileTooltipMarkdown(PROFILE, { mfa: false, chain: `sts-user → ${v}` }), v, 'profile chain');
    }
  });

  it('session tooltip: title, profile, role and caller ARNs, session name, source identity, start URL, region, endpoint', () => {
    for (const v of HOSTILE) {
      for (const field of ['profile', 'roleArn', 'arn', 'sessionName', 'sourceIdentity', 'startUrl', 'region', 'endpoint'] as const) {
        assertReadsAsItself(sessionTooltipMarkdown({ ...SESSION, [field]: v }, { active: true, countdown: '41m left' }), v, `session ${field}`);
      }
      // The title is the session name of an Identity Center role, and the start URL of an SSO sign-in.
      assertReadsAsItself(sessionTooltipMarkdown({ ...SESSION, operation: 'GetRoleCredentials', sessionName: v }, { active: false, countdown: '1h left' }), v, 'session title');
      assertReadsAsItself(sessionTooltipMarkdown({ ...SESSION, operation: 'ssoToken', startUrl: v, readOnly: true }, { active: false, countdown: '1h left' }), v, 'sign-in title');
    }
  });

  it('Identity Center sign-in tooltip: label, start URL, region, endpoint, profiles and a cache file problem', () => {
    const signedIn: SignInState = { kind: 'signedIn', expiresAt: Date.UTC(2026, 10, 28, 12), refreshable: true };
    for (const v of HOSTILE) {
      assertReadsAsItself(signInTooltipMarkdown({ ...SIGN_IN, label: v }, signedIn), v, 'sign-in label');
      assertReadsAsItself(signInTooltipMarkdown({ ...SIGN_IN, key: { ...SIGN_IN.key, startUrl: v } }, signedIn), v, 'sign-in start URL');
      assertReadsAsItself(signInTooltipMarkdown({ ...SIGN_IN, key: { ...SIGN_IN.key, region: v } }, signedIn), v, 'sign-in region');
      assertReadsAsItself(signInTooltipMarkdown({ ...SIGN_IN, endpoint: v }, signedIn), v, 'sign-in endpoint');
      assertReadsAsItself(signInTooltipMarkdown({ ...SIGN_IN, profiles: ['sso-dev', v] }, { kind: 'signedOut' }), v, 'sign-in profiles');
      assertReadsAsItself(signInTooltipMarkdown(SIGN_IN, { kind: 'unusable', message: v }), v, 'sign-in cache problem');
    }
  });

  it('failed-condition hover: the policy\'s operator, key and values, and the request\'s values', () => {
    for (const v of HOSTILE) {
      assertReadsAsItself(conditionHoverMarkdown({ ...CONDITION, operator: v }), v, 'condition operator');
      assertReadsAsItself(conditionHoverMarkdown({ ...CONDITION, key: v }), v, 'condition key');
      assertReadsAsItself(conditionHoverMarkdown({ ...CONDITION, policyValues: [v] }), v, 'policy value');
      assertReadsAsItself(conditionHoverMarkdown({ ...CONDITION, requestValues: [v] }), v, 'request value');
    }
    const md = conditionHoverMarkdown(CONDITION);
    assert.match(md, /^\*\*Condition failed:\*\* `StringEquals` `aws:PrincipalTag\/team`/);
  });

  it('policy hover findings: an issue code, details and a link from Access Analyzer; only a plain https address links', () => {
    for (const v of HOSTILE) {
      assertReadsAsItself(findingsMarkdown([{ members: [{ finding: { ...FINDING, issueCode: v } }] }]), v, 'issue code', [AWS_LINK]);
      assertReadsAsItself(findingsMarkdown([{ members: [{ finding: { ...FINDING, findingDetails: v } }] }]), v, 'finding details', [AWS_LINK]);
    }
    for (const link of ['https://example.com) [b](command:workbench.action.quit', 'javascript:alert(1)', 'command:workbench.action.quit', `${AWS_LINK} "t"`]) {
      assertReadsAsItself(findingsMarkdown([{ members: [{ finding: { ...FINDING, learnMoreLink: link } }] }]), FINDING.issueCode, `learn-more link ${link}`);
    }
    assert.deepStrictEqual(renderMarkdown(findingsMarkdown([{ members: [{ finding: FINDING }] }])).hrefs, [AWS_LINK]);
  });

  it('decoded-message hover, whose links run commands: who decoded it and why it was not explained', () => {
    for (const v of HOSTILE) {
      const md = decodedHoverMarkdown({ id: 7, decodedAs: v, explainError: v });
      const r = renderMarkdown(md);
      assert.strictEqual(r.hrefs.length, 1, md);
      assert.ok(r.hrefs[0].startsWith('command:stsLens.authz.showExplanation?'), md);
      assertReadsAsItself(md, v, 'decoded as', r.hrefs);
    }
  });
});
