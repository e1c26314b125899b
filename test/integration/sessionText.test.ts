// The words of sessions and profiles as the editor shows them (vscode.l10n.t in VS Code's English): the countdowns
// of the Profiles rows, status bar and quick picks, the row's description and title, and the tooltip's lines.
import * as assert from 'assert';
import { countdown, type SessionRecord } from '../../src/core/sessions/session';
import { chainWords, chainText, shortChainText, type ProfileChain } from '../../src/core/profiles/model';
import { CHAIN_WORDS, profileKindLabel } from '../../src/vscode/profiles/profileText';
import { countdownShortText, countdownText, operationLabel, renewalText, sessionDescription, sessionRowLabel, sessionTitle } from '../../src/vscode/profiles/sessionText';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const T0 = Date.UTC(2026, 10, 22, 3, 0, 0);
const ROLE = 'arn:aws:iam::123456789012:role/cross_account_role';

function record(o: Partial<SessionRecord>): SessionRecord {
  return { id: 's1', operation: 'AssumeRole', region: 'us-east-1', issuedAt: 0, refreshable: true, ...o } as SessionRecord;
}

describe('session words in the editor', () => {
  it('reads countdowns as hours, minutes, seconds, days and expired', () => {
    const left = (ms: number | undefined) => countdownText(countdown(ms === undefined ? undefined : T0 + ms, T0));
    assert.strictEqual(left(2 * H + 5 * M + 30 * S), '2h 05m left');
    assert.strictEqual(left(41 * M + 59 * S), '41m left');
    assert.strictEqual(left(60 * S), '1m left');
    assert.strictEqual(left(58 * S + 500), '58s left');
    assert.strictEqual(left(400), '1s left');
    assert.strictEqual(left(0), 'expired');
    assert.strictEqual(left(-H), 'expired');
    assert.strictEqual(left(36 * H), '1d 12h left');
    assert.strictEqual(left(undefined), 'no expiry');
  });

  it('shortens countdowns for the status bar', () => {
    const short = (ms: number) => countdownShortText(countdown(T0 + ms, T0));
    assert.deepStrictEqual([short(2 * H + 5 * M), short(41 * M), short(58 * S), short(36 * H), short(0)], ['2h 05m', '41m', '58s', '1d 12h', 'expired']);
  });

  it('puts the time left first in the row description, then active, source identity and read-only', () => {
    assert.strictEqual(sessionDescription('41m left', {}), '41m left');
    assert.strictEqual(sessionDescription('41m left', { active: true, sourceIdentity: 'alice', readOnly: true }), '41m left · active · source alice · read-only');
  });

  it('titles sessions and sign-ins, and labels a row by its session name under the profile naming its role', () => {
    assert.strictEqual(sessionTitle(record({ operation: 'ssoToken', startUrl: 'https://x' })), 'SSO sign-in https://x');
    assert.strictEqual(sessionTitle(record({ operation: 'ssoToken' })), 'SSO sign-in');
    assert.strictEqual(sessionTitle(record({ operation: 'GetSessionToken', profile: 'dev' })), 'dev (GetSessionToken)');
    const r = record({ roleArn: ROLE, arn: 'arn:aws:sts::123456789012:assumed-role/cross_account_role/alice-1128T0432Z', sessionName: 'alice-1128T0432Z' });
    assert.strictEqual(sessionRowLabel(r, { roleArn: ROLE }), 'alice-1128T0432Z');
    assert.strictEqual(sessionRowLabel(r, { roleArn: 'arn:aws:iam::123456789012:role/other' }), 'cross_account_role/alice-1128T0432Z');
    assert.strictEqual(sessionRowLabel(r, undefined), 'cross_account_role/alice-1128T0432Z');
  });

  it('says how a session was made and what renewal really does', () => {
    assert.strictEqual(operationLabel('profile'), 'started from the profile');
    assert.strictEqual(operationLabel('AssumeRole'), 'AssumeRole');
    assert.strictEqual(operationLabel('cliCache'), 'AWS CLI cache');
    assert.match(renewalText({ refreshable: true }), /whenever a renewing terminal or a command needs its credentials/);
    assert.doesNotMatch(renewalText({ refreshable: true }), /Renews without prompting/);
    assert.match(renewalText({ refreshable: false }), /asks for input/);
    assert.match(renewalText({ readOnly: true, refreshable: false }), /Read-only/);
  });
});

describe('profile words in the editor', () => {
  it('words every kind of profile as the Profiles view always has', () => {
    const kinds = ['static', 'role', 'sso', 'process', 'rolesAnywhere', 'webIdentity', 'login', 'regionOnly'] as const;
    assert.deepStrictEqual(kinds.map(profileKindLabel), ['access keys', 'role', 'IAM Identity Center (SSO)', 'credential_process', 'IAM Roles Anywhere', 'web identity', 'AWS sign-in (aws login)', 'settings only']);
  });

  it('words broken and long credential chains as before', () => {
    const steps = Array.from({ length: 2000 }, (_, i) => ({ profile: `p${i}`, kind: 'role' as const, roleArn: `arn:aws:iam::123456789012:role/R${i}` }));
    const chains: ProfileChain[] = [
      { steps: steps.slice(0, 2), cycle: ['a', 'b', 'a'], roleHops: 1 },
      { steps: steps.slice(0, 1), missingProfile: 'gone', roleHops: 1 },
      { steps, roleHops: 2000 },
    ];
    assert.deepStrictEqual(chains.map((c) => chainText(c, CHAIN_WORDS)), chains.map((c) => chainText(c, chainWords())));
    assert.match(chainText(chains[0], CHAIN_WORDS), /→ cycle: a → b → a$/);
    assert.strictEqual(shortChainText(chains[1], CHAIN_WORDS), 'missing profile "gone" → p0 (R0 @ 123456789012)');
    assert.match(chainText(chains[2], CHAIN_WORDS), / → … 1,990 more … → /);
  });
});
