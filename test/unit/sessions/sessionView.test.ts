import * as assert from 'assert';
import { chainWords, buildProfilesModel, profileChain, shortChainText, chainText } from '../../../src/core/profiles/model';
import { loadAwsFiles } from '../../../src/node/awsFiles';
import { likelyDenialCause } from '../../../src/core/sessions/denialHints';
import { rawErrorLine } from '../../../src/core/sessions/errorLine';
import { defaultSessionName, isSdkDefaultSessionName } from '../../../src/core/sessions/sessionNames';
import type { SessionRecord } from '../../../src/core/sessions/session';
import { fixturePath } from '../fixtures';
import { sessionGroupProfile, sessionRowName } from '../../../src/core/sessions/sessionView';

const ROLE = 'arn:aws:iam::123456789012:role/cross_account_role';

function record(o: Partial<SessionRecord>): SessionRecord {
  return { id: 's1', operation: 'AssumeRole', region: 'us-east-1', issuedAt: 0, refreshable: true, ...o } as SessionRecord;
}

describe('sessions as the tree shows them', () => {
  it('default session names: the local user and the UTC minute, within STS rules, readable in CloudTrail', () => {
    const at = Date.UTC(2026, 10, 28, 4, 32, 59);
    assert.strictEqual(defaultSessionName('alice', at), 'alice-1128T0432Z');
    assert.strictEqual(defaultSessionName('DOMAIN\\Bob Smith', at), 'DOMAIN-Bob-Smith-1128T0432Z');
    assert.strictEqual(defaultSessionName('', at), 'sts-lens-1128T0432Z');
    for (const user of ['x'.repeat(200), '🙂', '-', 'a']) {
      const name = defaultSessionName(user, at);
      assert.match(name, /^[\w+=,.@-]{2,64}$/, name);
      assert.ok(name.length <= 43, `${name} leaves room for the time left`);
    }
    assert.ok(isSdkDefaultSessionName('aws-sdk-js-1795837033970'));
    assert.ok(!isSdkDefaultSessionName('sts-lens'));
  });

  it('chains: a short form for the row, the full chain for the tooltip', async () => {
    const files = await loadAwsFiles({ config: fixturePath('aws-config', 'kinds.config'), credentials: fixturePath('aws-config', 'kinds.credentials') });
    const m = buildProfilesModel(files.configSections, files.credentialsSections);
    assert.strictEqual(shortChainText(profileChain(m, 'deploy'), chainWords()), 'base → Admin → Deploy');
    assert.match(chainText(profileChain(m, 'deploy'), chainWords()), /deploy \(Deploy @ 444455556666\)$/);
    assert.strictEqual(shortChainText(profileChain(m, 'ec2'), chainWords()), 'Ec2InstanceMetadata → FromInstance');
    const cycle = await loadAwsFiles({ config: fixturePath('aws-config', 'cycle.config'), credentials: fixturePath('aws-config', 'none') });
    const cm = buildProfilesModel(cycle.configSections, cycle.credentialsSections);
    const broken = [...cm.profiles.keys()].map((n) => profileChain(cm, n)).find((c) => c.cycle);
    assert.ok(broken);
    assert.strictEqual(shortChainText(broken, chainWords()), chainText(broken, chainWords()));
  });

  it('groups an assumed session under the profile that names its role, preferring the caller as its source', () => {
    const profiles = [
      { name: 'sts-user' },
      { name: 'other-cross', roleArn: ROLE, sourceProfile: 'someone-else' },
      { name: 'cross-account', roleArn: ROLE, sourceProfile: 'sts-user' },
    ];
    assert.strictEqual(sessionGroupProfile(record({ profile: 'sts-user', roleArn: ROLE }), profiles), 'cross-account');
    assert.strictEqual(sessionGroupProfile(record({ profile: 'nobody', roleArn: ROLE }), profiles), 'other-cross');
    assert.strictEqual(sessionGroupProfile(record({ profile: 'sts-user', roleArn: 'arn:aws:iam::123456789012:role/unnamed' }), profiles), 'sts-user');
    assert.strictEqual(sessionGroupProfile(record({ operation: 'profile', profile: 'sts-user', roleArn: ROLE }), profiles), 'sts-user');
  });

  it('labels a session under the profile naming its role by its session name alone', () => {
    const r = record({ roleArn: ROLE, arn: 'arn:aws:sts::123456789012:assumed-role/cross_account_role/alice-1128T0432Z', sessionName: 'alice-1128T0432Z' });
    assert.strictEqual(sessionRowName(r, { roleArn: ROLE }), 'alice-1128T0432Z');
    // Elsewhere the row shows the session's title (`cross_account_role/alice-1128T0432Z`): test/integration/sessionText.test.ts.
    assert.strictEqual(sessionRowName(r, { roleArn: 'arn:aws:iam::123456789012:role/other' }), undefined);
    assert.strictEqual(sessionRowName(r, undefined), undefined);
  });

  it('log lines say a repeated error code once', () => {
    assert.strictEqual(rawErrorLine({ name: 'AccessDenied', code: 'AccessDenied', httpStatus: 403, message: 'no' }), 'AccessDenied HTTP 403: no');
    assert.strictEqual(rawErrorLine({ name: 'TimeoutError', message: 'slow' }), 'TimeoutError: slow');
    assert.strictEqual(rawErrorLine({ message: 'plain' }), 'plain');
  });
});

describe('the likely cause of a denied AssumeRole', () => {
  it('names a missing external ID with the value of the profile that names the role', () => {
    const c = likelyDenialCause({ roleName: 'cross_account_role', sentExternalId: false, sentMfa: false, profiles: [{ name: 'cross-account', externalId: 'sts-lens-demo' }] });
    assert.strictEqual(c?.kind, 'externalId');
    assert.strictEqual(c?.kind === 'externalId' && c.externalId, 'sts-lens-demo');
    assert.match(c!.message, /cross_account_role needs an external ID.*profile "cross-account"/);
  });

  it('reads the trust policy when no profile says, and names MFA', () => {
    const trust = JSON.stringify({ Statement: [{ Effect: 'Allow', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] });
    const c = likelyDenialCause({ roleName: 'mfa_role', sentExternalId: false, sentMfa: false, profiles: [], trustPolicy: trust, callerMfaSerial: 'arn:aws:iam::123456789012:mfa/me' });
    assert.strictEqual(c?.kind, 'mfa');
    assert.strictEqual(c?.kind === 'mfa' && c.mfaSerial, 'arn:aws:iam::123456789012:mfa/me');
    const ext = likelyDenialCause({ roleName: 'r', sentExternalId: false, sentMfa: true, profiles: [], trustPolicy: '{"Condition":{"StringEquals":{"sts:ExternalId":"x"}}}' });
    assert.strictEqual(ext?.kind, 'externalId');
  });

  it('says nothing when the request already sent what the role needs', () => {
    assert.strictEqual(likelyDenialCause({ roleName: 'r', sentExternalId: true, sentMfa: true, profiles: [{ name: 'p', externalId: 'x', mfaSerial: 'arn:aws:iam::1:mfa/m' }] }), undefined);
    assert.strictEqual(likelyDenialCause({ roleName: 'r', sentExternalId: false, sentMfa: false, profiles: [] }), undefined);
  });
});
