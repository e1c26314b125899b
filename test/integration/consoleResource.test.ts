// Open in AWS Console: the console page of a resource ARN from a decoded denial's explanation and
// from an Account Policies row, signed in through the responder's federation endpoint.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { command, ok, type Session } from './profilesHelpers';
import { testWorld } from './world';

const EXTENSION_ID = 'sts-lens.sts-lens';

interface Owner { label: string; contextValue: string; resourceArn?: string }

/** Runs the lens's or menu's command as a click would, but takes the sign-in URL instead of opening a browser. */
async function consoleUrl(commandId: string, args: Record<string, unknown>): Promise<URL> {
  const r = await ok<{ url: string }>(commandId, { ...args, open: false });
  return new URL(r.url);
}

/** What the federation endpoint's login page says for the URL (it is single-use, like AWS's). */
async function loginPage(url: URL): Promise<string> {
  return (await fetch(url)).text();
}

describe('Open in AWS Console: the page of a denied resource or a tree item', function () {
  this.timeout(120_000);
  let session: Session;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    session = await ok<Session>('stsLens.startSession', { profile: 'sts-role' });
    await command('stsLens.setActiveIdentity', { sessionId: session.id });
  });

  after(async () => {
    await command('stsLens.setActiveIdentity', { profile: 'default' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers the denied resource\'s console page on the explanation, signed in as the active identity', async () => {
    const decoded = await command<{ ok: boolean; entryId: number }>('stsLens.decodeAuthorizationMessage', { text: testWorld().encodedMessages['implicit-deny-pass-role'], profile: 'sts-user', quiet: true });
    assert.ok(decoded.ok);
    const uri = vscode.Uri.parse(await command<string>('stsLens.authz.showExplanation', decoded.entryId));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const lens = lenses.find((l) => l.command?.title.includes('Open in AWS Console'));
    assert.ok(lens?.command, `lenses: ${lenses.map((l) => l.command?.title).join(', ')}`);
    const [args] = lens.command.arguments as [Record<string, unknown>];
    assert.deepStrictEqual(args, { resourceArn: 'arn:aws:iam::123456789012:role/ec2-app-instance-role' });

    const url = await consoleUrl(lens.command.command, args);
    assert.strictEqual(`${url.origin}${url.pathname}`, `${testWorld().endpointUrl}/federation`);
    assert.strictEqual(url.searchParams.get('Destination'), 'https://console.aws.amazon.com/iam/home#/roles/details/ec2-app-instance-role');
    const page = await loginPage(url);
    assert.match(page, /as <code>arn:aws:sts::123456789012:assumed-role\/sts_role\/sts-lens<\/code>/);
    assert.match(page, /iam\/home#\/roles\/details\/ec2-app-instance-role/);
  });

  it('opens the service page in the denial\'s region when the resource is a wildcard', async () => {
    const decoded = await command<{ ok: boolean; entryId: number }>('stsLens.decodeAuthorizationMessage', { text: testWorld().encodedMessages['explicit-deny-region-guardrail'], profile: 'sts-user', quiet: true });
    const uri = vscode.Uri.parse(await command<string>('stsLens.authz.showExplanation', decoded.entryId));
    const lens = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).find((l) => l.command?.title.includes('Open in AWS Console'))!;
    const url = await consoleUrl(lens.command!.command, (lens.command!.arguments as [Record<string, unknown>])[0]);
    assert.strictEqual(url.searchParams.get('Destination'), 'https://ap-southeast-2.console.aws.amazon.com/ec2/home?region=ap-southeast-2');
  });

  it('offers a principal\'s console page on its row in Account Policies', async () => {
    await command('stsLens.setActiveIdentity', { profile: 'auditor' });
    try {
      const result = await command<{ policies?: unknown[] }>('stsLens.policy.lintAccount', { quiet: true });
      assert.ok(result.policies, JSON.stringify(result));
    } finally {
      await command('stsLens.setActiveIdentity', { sessionId: session.id });
    }
    const owners = await command<Owner[]>('stsLens.internal.accountOwners');
    const role = owners.find((o) => o.label === 'role/ci_deploy')!;
    assert.deepStrictEqual(role, { label: 'role/ci_deploy', contextValue: 'stsLens.accountOwner.arn', resourceArn: 'arn:aws:iam::123456789012:role/ci_deploy' });
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string; group: string }[];
    assert.ok(menus.some((m) => m.command === 'stsLens.openResourceInConsole' && m.group === 'inline' && m.when.includes(`viewItem == ${role.contextValue}`)), 'the row has the inline button');
    const policy = owners.find((o) => o.label === 'policy/ReadReports')!;
    const url = await consoleUrl('stsLens.openResourceInConsole', { ...role });
    assert.strictEqual(url.searchParams.get('Destination'), 'https://console.aws.amazon.com/iam/home#/roles/details/ci_deploy');
    const policyUrl = await consoleUrl('stsLens.openResourceInConsole', { ...policy });
    assert.strictEqual(policyUrl.searchParams.get('Destination'), `https://console.aws.amazon.com/iam/home#/policies/details/${encodeURIComponent('arn:aws:iam::123456789012:policy/ReadReports')}`);
  });

  it('says what is missing when an item names no resource', async () => {
    const r = await command<{ error: { message: string } }>('stsLens.openResourceInConsole', { label: 'x' });
    assert.match(r.error.message, /names no resource ARN to open; use Open AWS Console as… and enter one/);
  });
});
