import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import { activate, command, failure, waitFor } from './profilesHelpers';
import { testWorld } from './world';

interface Prompts {
  asked: string[];
  allowed: string[];
}

describe('endpoint checks before credentials leave', () => {
  const world = testWorld();
  const config = () => vscode.workspace.getConfiguration('stsLens');
  let server: http.Server;
  let url = '';
  let requests = 0;
  let errorCode = 'AccessDenied';
  let errorMessage = 'not here';
  const webIdentity = (sessionName: string) => ({ roleArn: world.roles.sts_role.arn, token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', sessionName });

  before(async () => {
    await activate();
    // Answers every request as STS would refuse it, and counts them.
    server = http.createServer((_req, res) => {
      requests++;
      res.writeHead(errorCode === 'AccessDenied' ? 403 : 400, { 'Content-Type': 'text/xml' });
      res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>${errorCode}</Code><Message>${errorMessage}</Message></Error><RequestId>1</RequestId></ErrorResponse>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await config().update('sts.endpoint', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('sts.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await command('stsLens.forgetAllowedEndpoints');
    server.closeAllConnections();
    server.close();
  });

  it('asks before using an endpoint the workspace settings chose, sends nothing on Cancel, and remembers Allow', async () => {
    await command('stsLens.forgetAllowedEndpoints');
    await config().update('sts.endpoint', url, vscode.ConfigurationTarget.Workspace);
    const asked = (await command<Prompts>('stsLens.internal.endpointPrompts')).asked.length;

    await command('stsLens.internal.endpointPrompts', [false]);
    assert.strictEqual(await command('stsLens.assumeRoleWithWebIdentity', webIdentity('cancelled')), undefined);
    let prompts = await command<Prompts>('stsLens.internal.endpointPrompts');
    assert.strictEqual(prompts.asked.length, asked + 1);
    assert.ok(prompts.asked[asked].includes(url), prompts.asked[asked]);
    assert.match(prompts.asked[asked], /set by this workspace's settings/);
    assert.strictEqual(requests, 0);
    assert.deepStrictEqual(prompts.allowed, []);

    await command('stsLens.internal.endpointPrompts', [true]);
    const denied = await failure('stsLens.assumeRoleWithWebIdentity', webIdentity('allowed'));
    assert.strictEqual(denied.kind, 'trustPolicyDenied');
    assert.ok(requests >= 1);
    const sent = requests;
    // Allowed for this workspace: the next call goes out without asking.
    await failure('stsLens.assumeRoleWithWebIdentity', webIdentity('remembered'));
    prompts = await command<Prompts>('stsLens.internal.endpointPrompts');
    assert.strictEqual(prompts.asked.length, asked + 2);
    assert.ok(requests > sent);
    assert.deepStrictEqual(prompts.allowed, [`${url}/`]);
  });

  it('refuses an http endpoint that is not on this computer, with a message that says why and where it was set', async () => {
    await config().update('sts.endpoint', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('sts.endpoint', 'http://sts.example.com', vscode.ConfigurationTarget.Global);
    const before = requests;
    const e = await failure('stsLens.assumeRoleWithWebIdentity', webIdentity('plain-http'));
    assert.strictEqual(e.kind, 'endpointRefused');
    assert.match(e.message, /sends credentials unencrypted; use https:\/\//);
    assert.match(e.message, /your user settings/);
    assert.strictEqual(requests, before);
    await config().update('sts.endpoint', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows the STS endpoint in use, and who chose it, in the status-bar tooltip', async () => {
    await command('stsLens.refreshProfiles');
    await command('stsLens.setActiveIdentity', { profile: 'sts-user' });
    const expected = `STS endpoint: ${world.profiles['sts-user'].endpoint_url} (from the AWS config (endpoint_url))`;
    let tooltip = '';
    await waitFor('the tooltip to name the endpoint', async () => {
      tooltip = (await command<{ statusBar: { tooltip: string } }>('stsLens.internal.state')).statusBar.tooltip;
      return tooltip.includes(expected) || undefined;
    }, 10_000).catch(() => assert.fail(`expected "${expected}" in the tooltip:\n${tooltip}`));
    assert.match(tooltip, /^STS Lens: acting as sts-user/);
  });

  it('keeps credentials an endpoint echoes in its error out of the message shown', async () => {
    const token = `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'Q3ZbX9k2LmP7wRt+a/Y8s1Vd4Hc6Jn0Ge5Fq'.repeat(6)}`;
    const secret = 'Zq3vR9tLw2Xk7Pm4Hs8Ny1Bc6Gd0Fj5Ka+Ue/Tiq';
    errorCode = 'WeirdFailure';
    errorMessage = `Weird failure for X-Amz-Security-Token=${encodeURIComponent(token)} with ${secret} and ASIAQSENTINEL7KEY2ID`;
    await config().update('sts.endpoint', url, vscode.ConfigurationTarget.Global);
    try {
      const e = await failure('stsLens.assumeRoleWithWebIdentity', webIdentity('echo'));
      const shown = `${e.message} ${e.next}`;
      assert.strictEqual(e.kind, 'unknown');
      assert.match(shown, /Weird failure/);
      for (const piece of ['IQoJb3JpZ2lu', 'Q3ZbX9k2LmP7wRt', encodeURIComponent('Rt+a/Y8s'), secret, 'ASIAQSENTINEL7KEY2ID']) assert.ok(!shown.includes(piece), `${piece} in: ${shown}`);
    } finally {
      errorCode = 'AccessDenied';
      errorMessage = 'not here';
      await config().update('sts.endpoint', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
