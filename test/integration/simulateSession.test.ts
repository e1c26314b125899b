import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, ok, type Session } from './profilesHelpers';
import { testWorld } from './world';

interface Simulation { ok: boolean; error?: string; decision?: string; summary?: string; traceUri?: string }

const NO_IAM = 'STS API Reference, GetSessionToken: "You cannot call any IAM API operations unless MFA authentication information is included in the request"';

describe('Simulate Request as a session from GetSessionToken, against moto', function () {
  this.timeout(90000);
  const world = testWorld();
  let policy: vscode.Uri;
  before(async () => {
    await activate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    policy = vscode.Uri.file(path.join(folder.uri.fsPath, 'policies', 'session-kind-admin.json'));
    fs.writeFileSync(policy.fsPath, `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Admin', Effect: 'Allow', Action: ['iam:*', 's3:*'], Resource: '*' }] }, null, 2)}\n`);
  });
  after(() => fs.rmSync(policy.fsPath, { force: true }));

  const simulate = (args: object) => vscode.commands.executeCommand<Simulation>('stsLens.simulateRequest', { uri: policy.toString(), ...args });
  const listUsers = { action: 'iam:ListUsers', resource: '*', context: {} };

  it(`${NO_IAM} — a session started without MFA is simulated as one: the request carries its kind, the summary and the trace say it`, async () => {
    const s = await ok<Session>('stsLens.getSessionToken', { profile: 'sts-user', durationSeconds: 900 });
    const r = await simulate({ session: s.id, request: listUsers });
    assert.ok(r.ok, r.error);
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.summary!, /\(as a GetSessionToken session, without MFA\)$/);
    assert.match(r.summary!, /cannot call IAM operations unless they were made with MFA/);
    const trace = (await vscode.workspace.openTextDocument(vscode.Uri.parse(r.traceUri!))).getText();
    assert.match(trace, /^Principal: arn:aws:iam::123456789012:user\/sts-user\nCredentials: a GetSessionToken session, without MFA$/m);
    // Other services are decided by the policies as for the user's own keys.
    assert.strictEqual((await simulate({ session: s.id, request: { action: 's3:ListAllMyBuckets', resource: '*', context: {} } })).decision, 'Allowed');
    // The user's long-term keys, named by the same ARN, call IAM.
    const own = await simulate({ request: { ...listUsers, principal: world.users['sts-user'].arn } });
    assert.strictEqual(own.decision, 'Allowed');
    assert.doesNotMatch(own.summary!, /GetSessionToken/);
  });

  it(`${NO_IAM} — a session started with MFA calls IAM, and Save as Policy Test keeps its kind and its MFA`, async () => {
    const s = await ok<Session>('stsLens.getSessionToken', { profile: 'sts-user', mfaSerial: world.users['sts-user'].mfaSerial, mfaCode: '123456', durationSeconds: 900 });
    const r = await simulate({ session: s.id, request: listUsers });
    assert.ok(r.ok, r.error);
    assert.strictEqual(r.decision, 'Allowed');
    assert.match(r.summary!, /\(as a GetSessionToken session, with MFA\)$/);
    const saved = await vscode.commands.executeCommand<{ ok: boolean; file?: string }>('stsLens.saveAsPolicyTest');
    assert.ok(saved.ok && saved.file);
    try {
      const scenario = JSON.parse(fs.readFileSync(saved.file, 'utf8'));
      assert.deepStrictEqual(scenario.request, { principal: world.users['sts-user'].arn, action: 'iam:ListUsers', resource: '*', credentials: 'GetSessionToken', context: { 'aws:MultiFactorAuthPresent': true } });
    } finally {
      fs.rmSync(saved.file, { force: true });
    }
  });

  it('a session that is not live is refused with a clear message', async () => {
    const r = await simulate({ session: 'no-such-session', request: listUsers });
    assert.ok(!r.ok);
    assert.match(r.error!, /no live session no-such-session/);
  });
});
