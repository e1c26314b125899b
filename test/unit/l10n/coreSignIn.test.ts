// Why an IAM Identity Center sign-in or the console cannot go on, and the pages and answers a person
// reads outside the editor (the browser's page after the sign-in, the body the AWS CLI prints in a
// credential terminal), are built in src/core and src/node: each text goes through @vscode/l10n's t
// (vscode.l10n.t in the editor). The modules beside them that build names only (a scenario file's
// keys) or the words of a policy finding (English like all of them, as IAM Access Analyzer's are)
// are checked too, so a word added there later has to be decided.
import * as assert from 'assert';
import { repoRoot } from '../fixtures';
import { areaReport, filesNaming, unwrappedCoreStrings, type CoreWordsArea } from './coreStrings';

const root = repoRoot();

const SIGN_IN_FILES = [
  'src/core/console/federation.ts',
  'src/core/console/signinUrls.ts',
  'src/core/sso/cacheFiles.ts',
  'src/core/sso/pkce.ts',
  'src/core/sso/profileEntries.ts',
  'src/node/credentialServer.ts',
  'src/node/loopbackRedirect.ts',
  'src/node/ssoCacheFiles.ts',
];

/** Names, and texts that no person reads in the display language, each with the reason. */
const SIGN_IN_AREA: CoreWordsArea = {
  names: [
    // Partitions and console URLs.
    "return 'aws-us-gov'", "return 'aws-cn'", "return 'aws-iso'", "return 'aws-iso-b'", "return 'aws-iso-f'", "return 'aws-iso-e'", "return 'aws-eusc'", "return 'aws'",
    '=> returns `https://${region}.${consoleHost}/${path}`',
    'return `https://${consoleHost}/iam/home#/roles/details/${enc(name)}`', 'return `https://${consoleHost}/iam/home#/users/details/${enc(name)}`',
    'return `https://${consoleHost}/iam/home#/policies/details/${enc(arn)}`', 'return `https://${consoleHost}/iam/home#/groups/details/${enc(name)}`',
    'return `https://${consoleHost}/iam/home`', 'return `https://${consoleHost}/s3/home`', 'return `https://${consoleHost}/s3/buckets/${enc(bucket)}`',
    "return `https://${consoleHost}/s3/object/${enc(bucket)}?prefix=${enc(key.join('/'))}`",
    'return `https://${p.console}/console/home`', 'return `https://${d.region}.${p.console}/console/home?region=${encodeURIComponent(d.region)}`',
    'return `${u.protocol}//${u.host}/federation`',
    // Cache file names, and Python's json.dumps, as the AWS CLI keys its cache files.
    'return `${sha1(key.sessionName ?? key.startUrl)}.json`', 'return `${sha1(pythonJson(args))}.json`',
    "return 'null'", "=> returns `\\\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`",
    // A caller's mistake (every caller passes 64 random bytes), never shown.
    "'a PKCE verifier needs 32 to 96 random bytes'",
    // The template's fields, and the profiles and comment written into the AWS config file (the file's text, which the AWS CLI reads too;
    // the confirmation shows it as it will be written).
    "a value of l10n.t '{role_name}'", "a value of l10n.t '{account_name}'", "a value of l10n.t '{account_id}'",
    "words outside l10n.t `[profile ${name}]\\nsso_session = ${o.ssoSession}\\nsso_account_id = ${role.accountId}\\nsso_role_name = ${role.roleName}\\nregion = ${o.region}\\n`",
    "words outside l10n.t `${o.needsLeadingNewline ? '\\n' : ''}\\n# Added by STS Lens from IAM Identity Center (sso-session ${o.ssoSession})\\n${blocks.join('\\n')}`",
    // The credential server's refusals of a request without the terminal's grant: a process that is not
    // (or no longer) in a credential terminal STS Lens keeps open reads them, beside HTTP's status; and the
    // reasons it gives the log, which is English throughout.
    "'Only GET is supported'", "'Missing Authorization header'", "'Invalid or revoked token'",
    "'missing token'", "'wrong or revoked token'", "'revoked during refresh'", 'words outside l10n.t `refresh failed: ${detail}`',
    // The page's markup (its words are values).
    'words outside l10n.t `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font:16px system-ui,sans-serif;max-width:34rem;margin:4rem auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`',
    // An HTTP header.
    "'text/html; charset=utf-8'",
  ],
};

const NAMES_FILES = ['src/core/debugging/scenarioFile.ts', 'src/core/evaluation/escalation/choices.ts'];

const NAMES_AREA: CoreWordsArea = {
  names: [
    // A scenario file's keys, as `sts-lens simulate` reads them, and its file name.
    "'identityPolicies'", "'permissionsBoundaries'", "'sessionPolicies'", "'serviceControlPolicies'", "'resourceControlPolicies'", "'resourcePolicies'", "'vpcEndpointPolicies'",
    "return `${stem}.${act || 'request'}.policytest.json`",
    // Request values that meet or fail a condition, and condition operators.
    "return 'false'", "return 'true'", "return 'arn:aws:iam::000000000000:role/sts-lens-other'", "return '2999-01-01T00:00:00Z'", "return '1971-01-01T00:00:00Z'",
    "'StringEquals'", "'StringEqualsIgnoreCase'", "'StringLike'", "'NumericEquals'", "'DateEquals'", "'IpAddress'", "'ArnEquals'", "'ArnLike'",
    // The words of an escalation finding's "It holds only if …": a policy finding, English like the rest of the finding.
    "'does not meet'", "return 'meets'",
  ],
};

describe('localisation: IAM Identity Center sign-in, the console, and the credential server', () => {
  it('sends every text of those files through l10n.t', () => {
    assert.deepStrictEqual(areaReport(root, SIGN_IN_FILES, SIGN_IN_AREA), []);
  });

  it('builds only names, or the words of a policy finding, in a scenario file and an escalation path\'s conditions', () => {
    assert.deepStrictEqual(areaReport(root, NAMES_FILES, NAMES_AREA), []);
  });

  it('finds a cache file\'s refusal, a template problem, a browser page or a console refusal left out of l10n.t', () => {
    const sample = [
      "import * as l10n from '@vscode/l10n';",
      "export function overwriteRefusal(file: string, reason: string) { return `${file} is in the SSO cache but is not a sign-in (${reason}).`; }",
      "export function templateProblems(used: string[]) { const out: string[] = []; if (!used.includes('role_name')) out.push('the template must contain {role_name}'); return out; }",
      'declare function PAGE(title: string): string;',
      "export const page = (ok: boolean) => PAGE(ok ? l10n.t('Signed in') : 'Sign-in not completed');",
      "export class NoConsoleError extends Error { constructor(partition: string) { super(`the ${partition} partition has no console`); } }",
      "export const body = () => ({ code: 'CredentialsUnavailable', message: 'STS Lens could not refresh the session.' });",
    ].join('\n');
    assert.deepStrictEqual(unwrappedCoreStrings('sample.ts', sample, SIGN_IN_AREA).map((u) => `${u.line} ${u.text}`), [
      '2 `${file} is in the SSO cache but is not a sign-in (${reason}).`',
      "3 'the template must contain {role_name}'",
      "5 'Sign-in not completed'",
      '6 `the ${partition} partition has no console`',
      "7 'STS Lens could not refresh the session.'",
    ]);
  });

  it('leaves English only where no person reads the display language: an escalation path\'s conditions reach only the finding\'s text', () => {
    // conditionWords (choices.ts) -> the decided path's onlyIf -> escalationDetails, the text of a policy finding
    // (problems in the editor, account lint, the command line), which stays English as Access Analyzer's.
    assert.deepStrictEqual(filesNaming(root, 'conditionWords'), ['src/core/evaluation/escalation/choices.ts', 'src/core/evaluation/escalation/decide.ts']);
    assert.deepStrictEqual(filesNaming(root, 'escalationDetails'), ['src/core/policy/checks/escalation.ts', 'src/core/policy/escalation/grants.ts', 'src/core/policy/escalation/principals.ts']);
  });
});
