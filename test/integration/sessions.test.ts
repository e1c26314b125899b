import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import { fixturePath } from '../unit/fixtures';
import { activate, command, failure, ok, withoutIamEnforcement, type Session } from './profilesHelpers';
import { testWorld } from './world';

describe('STS operations from the commands, against moto', () => {
  const world = testWorld();
  const role = (n: string) => world.roles[n].arn;
  before(activate);

  it('Start Session on a role profile resolves it through the SDK and lists the session under the profile', async () => {
    const s = await ok<Session>('stsLens.startSession', { profile: 'sts-role' });
    assert.strictEqual(s.arn, `arn:aws:sts::${world.accountId}:assumed-role/sts_role/sts-lens`);
    assert.strictEqual(s.refreshable, true);
    assert.ok(s.expiration! > Date.now());
    const tree = await command<{ label: string; children: { label: string; description?: string }[] }[]>('stsLens.internal.treeSnapshot');
    const node = tree.find((n) => n.label === 'sts-role')!;
    assert.ok(node.children.some((c) => c.label === 'sts-lens' && /^\d+m left/.test(c.description ?? '')), JSON.stringify(node.children));
  });

  it('Start Session follows a role chain (source → role → role)', async () => {
    const s = await ok<Session>('stsLens.startSession', { profile: 'chained-role' });
    assert.match(s.arn!, /:assumed-role\/chained_role\//);
  });

  it('AssumeRole with every parameter', async () => {
    const s = await ok<Session>('stsLens.assumeRole', {
      sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'full-params', durationSeconds: 900,
      tags: 'Project=blue, Team=platform', transitiveTagKeys: ['Project'], sourceIdentity: 'alice',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
    assert.strictEqual(s.arn, `arn:aws:sts::${world.accountId}:assumed-role/sts_role/full-params`);
    assert.strictEqual(s.sourceIdentity, 'alice');
    assert.strictEqual(s.operation, 'AssumeRole');
  });

  it('AssumeRole with an external ID, and a clear denial without it', async () => {
    const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('cross_account_role'), sessionName: 'ext', externalId: world.roles.cross_account_role.externalId });
    assert.match(s.arn!, /cross_account_role\/ext$/);
    const e = await failure('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('cross_account_role'), sessionName: 'noext' });
    assert.ok(['externalIdMismatch', 'trustPolicyDenied'].includes(e.kind), e.kind);
  });

  it('AssumeRole with MFA serial and code; a rejected code is explained', async () => {
    const serial = world.users['sts-user'].mfaSerial!;
    const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('mfa_role'), sessionName: 'with-mfa', mfaSerial: serial, mfaCode: '123456' });
    assert.strictEqual(s.refreshable, false);
    const e = await failure('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('mfa_role'), sessionName: 'bad-mfa', mfaSerial: serial, mfaCode: '000000' });
    assert.strictEqual(e.kind, 'mfaInvalid');
    assert.match(e.message, /wrong, expired, or already used/);
  });

  it('Start Session on an MFA profile passes the code to the SDK provider', async () => {
    const s = await ok<Session>('stsLens.startSession', { profile: 'mfa-role', mfaCode: '123456' });
    assert.match(s.arn!, /assumed-role\/mfa_role\//);
    assert.strictEqual(s.refreshable, false);
  });

  it('checks STS limits before calling and names the limit', async () => {
    const e = await failure('stsLens.assumeRole', { sourceProfile: 'sts-role', roleArn: role('chained_role'), sessionName: 'too-long', durationSeconds: 7200 });
    assert.strictEqual(e.kind, 'validation');
    assert.match(e.message, /at most 3600 seconds \(role chaining caps sessions at 1 hour\)/);
    const overMax = await withoutIamEnforcement(() => failure('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'over-max', durationSeconds: 7200 }));
    assert.match(overMax.message, /at most 3600 seconds \(the role's maximum session duration\)/);
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    assert.match((await failure('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'tags', tags })).message, /at most 50 session tags/);
  });

  it('explains a trust-policy denial (moto IAM enforcement) and opens the trust policy when GetRole is allowed', async () => {
    const e = await failure('stsLens.startSession', { profile: 'denied-role' });
    assert.strictEqual(e.kind, 'trustPolicyDenied');
    assert.match(e.message, /trust policy of role arn:aws:iam::123456789012:role\/sts_role does not allow/);
    assert.ok(e.actions.includes('openTrustPolicy'));
    const denied = await failure('stsLens.openTrustPolicy', { roleArn: role('sts_role'), profile: 'no-trust-user' });
    assert.strictEqual(denied.kind, 'accessDenied');
    const opened = await withoutIamEnforcement(() => ok<{ trustPolicy: string }>('stsLens.openTrustPolicy', { roleArn: role('sts_role'), profile: 'sts-user' }));
    assert.match(opened.trustPolicy, /user\/sts-user/);
    assert.match(vscode.window.activeTextEditor!.document.getText(), /"sts:AssumeRole"/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('GetSessionToken with MFA', async () => {
    const s = await ok<Session>('stsLens.getSessionToken', { profile: 'sts-user', mfaSerial: world.users['sts-user'].mfaSerial, mfaCode: '123456', durationSeconds: 900 });
    assert.strictEqual(s.operation, 'GetSessionToken');
    assert.ok(s.expiration! > Date.now());
  });

  it('GetFederationToken: denied without the permission, issued with it', async () => {
    const e = await failure('stsLens.getFederationToken', { profile: 'sts-user', name: 'fed-user' });
    assert.strictEqual(e.kind, 'accessDenied');
    const s = await withoutIamEnforcement(() => ok<Session>('stsLens.getFederationToken', { profile: 'sts-user', name: 'fed-user', durationSeconds: 900 }));
    assert.match(s.arn!, /federated-user\/fed-user$/);
  });

  it('AssumeRoleWithWebIdentity from a token file and from a pasted token', async () => {
    const fromFile = await withoutIamEnforcement(() => ok<Session>('stsLens.assumeRoleWithWebIdentity', { roleArn: role('sts_role'), tokenFile: fixturePath('aws-config', 'web-identity-token.jwt'), sessionName: 'web-file', profile: 'sts-user' }));
    assert.match(fromFile.arn!, /assumed-role\/sts_role\/web-file$/);
    assert.strictEqual(fromFile.refreshable, true);
    const pasted = await withoutIamEnforcement(() => ok<Session>('stsLens.assumeRoleWithWebIdentity', { roleArn: role('sts_role'), token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', sessionName: 'web-paste', profile: 'sts-user' }));
    assert.strictEqual(pasted.refreshable, false);
  });

  it('AssumeRoleWithSAML from an assertion file', async () => {
    const s = await withoutIamEnforcement(() => ok<Session>('stsLens.assumeRoleWithSaml', {
      roleArn: role('sts_role'), principalArn: `arn:aws:iam::${world.accountId}:saml-provider/sts-lens-idp`, assertionFile: fixturePath('aws-config', 'saml-assertion.b64'), profile: 'sts-user',
    }));
    assert.match(s.arn!, /assumed-role\/sts_role\/saml-user$/);
  });

  it('GetCallerIdentity for a session and for a profile', async () => {
    const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'who' });
    const who = await ok<{ arn: string; account: string }>('stsLens.getCallerIdentity', { sessionId: s.id, quiet: true });
    assert.strictEqual(who.arn, s.arn);
    assert.strictEqual(who.account, world.accountId);
    const user = await ok<{ arn: string }>('stsLens.getCallerIdentity', { profile: 'sts-user', quiet: true });
    assert.strictEqual(user.arn, world.users['sts-user'].arn);
  });

  it('refreshes a session with new credentials', async () => {
    const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'renew-me' });
    const renewed = await ok<Session>('stsLens.refreshSession', { sessionId: s.id });
    assert.notStrictEqual(renewed.accessKeyId, s.accessKeyId);
    assert.strictEqual(renewed.arn, s.arn);
  });

  it('copies export lines and credential_process JSON', async () => {
    const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'copy-me' });
    await ok('stsLens.copyExportLines', { sessionId: s.id, shell: 'posix' });
    const lines = await vscode.env.clipboard.readText();
    assert.match(lines, new RegExp(`^export AWS_ACCESS_KEY_ID='${s.accessKeyId}'$`, 'm'));
    assert.match(lines, /^export AWS_SESSION_TOKEN='.+'$/m);
    assert.match(lines, /^unset AWS_PROFILE$/m);
    await ok('stsLens.copyCredentialProcess', { sessionId: s.id });
    const json = JSON.parse(await vscode.env.clipboard.readText());
    assert.strictEqual(json.Version, 1);
    assert.strictEqual(json.AccessKeyId, s.accessKeyId);
    await vscode.env.clipboard.writeText('');
  });

  it('makes a session the active identity, shown in the status bar with its time left', async () => {
    const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'active' });
    await command('stsLens.setActiveIdentity', { sessionId: s.id });
    const state = await command<{ statusBar: { text: string; warning: boolean }; activeIdentity: string }>('stsLens.internal.state');
    assert.strictEqual(state.activeIdentity, 'sts_role/active');
    assert.match(state.statusBar.text, /sts_role\/active · \d+m$/);
    assert.strictEqual(state.statusBar.warning, false);
    await command('stsLens.internal.setClockOffset', s.expiration! - Date.now() - 5 * 60_000);
    const warned = await command<{ statusBar: { text: string; warning: boolean } }>('stsLens.internal.state');
    assert.strictEqual(warned.statusBar.warning, true);
    await command('stsLens.internal.setClockOffset', 0);
    await command('stsLens.setActiveIdentity', { profile: 'sts-user' });
    const back = await command<{ statusBar: { text: string } }>('stsLens.internal.state');
    assert.match(back.statusBar.text, /sts-user$/);
  });

  it('shows a role profile with its role and account in the status bar, never a cut account ID', async () => {
    await command('stsLens.setActiveIdentity', { profile: 'mfa-role' });
    const whole = await command<{ statusBar: { text: string; tooltip: string } }>('stsLens.internal.state');
    // An earlier test may have started a session for the profile: its time left follows.
    assert.match(whole.statusBar.text, /^\$\(key\) mfa-role \(mfa_role @ 123456789012\)(?: · \d+m)?$/);
    // 49 characters: the profile name alone, with the role and account in the tooltip.
    await command('stsLens.setActiveIdentity', { profile: 'cross-account' });
    const long = await command<{ statusBar: { text: string; tooltip: string } }>('stsLens.internal.state');
    assert.match(long.statusBar.text, /^\$\(key\) cross-account(?: · \d+m)?$/);
    assert.match(long.statusBar.tooltip, /cross_account_role @ 123456789012/);
    await command('stsLens.setActiveIdentity', { profile: 'sts-user' });
  });

  it('pins, unpins and forgets sessions', async () => {
    const s = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'pin-me' });
    await command('stsLens.pinSession', { sessionId: s.id });
    let list = await command<Session[]>('stsLens.internal.listSessions');
    assert.strictEqual(list.find((x) => x.id === s.id)!.pinned, true);
    await command('stsLens.unpinSession', { sessionId: s.id });
    assert.strictEqual(await command('stsLens.forgetSession', { sessionId: s.id }), true);
    list = await command<Session[]>('stsLens.internal.listSessions');
    assert.ok(!list.some((x) => x.id === s.id));
  });

  it('keeps pinned sessions, with working credentials, across a reload; others are gone', async () => {
    const pinned = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'pinned' });
    const unpinned = await ok<Session>('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('sts_role'), sessionName: 'unpinned' });
    await command('stsLens.pinSession', { sessionId: pinned.id });
    await command('stsLens.internal.simulateReload');
    const list = await command<Session[]>('stsLens.internal.listSessions');
    const restored = list.find((x) => x.id === pinned.id);
    assert.ok(restored, 'the pinned session is restored from SecretStorage');
    assert.strictEqual(restored.accessKeyId, pinned.accessKeyId);
    assert.ok(!list.some((x) => x.id === unpinned.id), 'unpinned sessions live in memory only');
    const who = await ok<{ arn: string }>('stsLens.getCallerIdentity', { sessionId: pinned.id, quiet: true });
    assert.strictEqual(who.arn, pinned.arn);
    const renewed = await ok<Session>('stsLens.refreshSession', { sessionId: pinned.id });
    assert.notStrictEqual(renewed.accessKeyId, pinned.accessKeyId, 'a restored session still knows how to renew itself');
    await command('stsLens.forgetSession', { sessionId: pinned.id });
  });

  it('fails fast with a plain explanation when the STS endpoint is unreachable', async () => {
    const config = vscode.workspace.getConfiguration('stsLens');
    await config.update('sts.endpoint', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      const e = await failure('stsLens.assumeRoleWithWebIdentity', { roleArn: role('sts_role'), token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', sessionName: 'nowhere' });
      assert.strictEqual(e.kind, 'unreachable');
      assert.match(e.message, /could not reach the STS endpoint \(http:\/\/127\.0\.0\.1:9\)/);
    } finally {
      await config.update('sts.endpoint', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('times out instead of hanging when the endpoint accepts but never answers', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const config = vscode.workspace.getConfiguration('stsLens');
    await config.update('sts.endpoint', `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, vscode.ConfigurationTarget.Global);
    await config.update('sts.timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      const e = await failure('stsLens.assumeRoleWithWebIdentity', { roleArn: role('sts_role'), token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', sessionName: 'silent' });
      assert.strictEqual(e.kind, 'timeout');
    } finally {
      await config.update('sts.endpoint', undefined, vscode.ConfigurationTarget.Global);
      await config.update('sts.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('never puts a secret in an error', async () => {
    const e = await failure('stsLens.assumeRole', { sourceProfile: 'sts-user', roleArn: role('mfa_role'), sessionName: 'bad-mfa2', mfaSerial: world.users['sts-user'].mfaSerial, mfaCode: '000000' });
    assert.doesNotMatch(`${e.message} ${e.next}`, /000000/);
  });
});
