import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionHooks, waitFor } from './extensionSuite';
import { issueEncodedMessage, testWorld } from './world';
import { writeWorkspaceFile } from './diagnosticsHelpers';

interface DecodeResult {
  readonly ok: boolean;
  readonly summary?: string;
  readonly verdict?: string;
  readonly entryId?: number;
  readonly error?: string;
  readonly kind?: string;
}

function terraformLog(message: string): string {
  return [
    'aws_instance.web: Creating...',
    '╷',
    `│ Error: creating EC2 Instance: operation error EC2: RunInstances, https response error StatusCode: 403, RequestID: 1550870c-6e0b-4fac-ba19-1da46fef7f17, api error UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${message}`,
    '│',
    '│   with aws_instance.web,',
    '╵',
    '',
  ].join('\n');
}

describe('authorization failures: decode and explain in a real VS Code', function () {
  this.timeout(60000);
  const world = testWorld();

  extensionHooks();

  it('contributes the decode command to the editor and terminal context menus', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const editorMenu = pkg.contributes.menus['editor/context'] as { command: string; when: string }[];
    const terminalMenu = pkg.contributes.menus['terminal/context'] as { command: string; when: string }[];
    assert.ok(editorMenu.some((m) => m.command === 'stsLens.decodeAuthorizationMessage' && m.when === 'editorHasSelection'));
    // In a terminal: the selection, or without one the latest message.
    assert.ok(terminalMenu.some((m) => m.command === 'stsLens.decodeTerminalSelection' && m.when === 'terminalTextSelected'));
    assert.ok(terminalMenu.some((m) => m.command === 'stsLens.decodeLatestInTerminal' && m.when === '!terminalTextSelected'));
  });

  it('decodes an editor selection and opens the explanation view', async () => {
    const message = world.encodedMessages['explicit-deny-ec2-run-instances'];
    assert.ok(message, 'the harness issued the explicit-deny fixture');
    const uri = writeWorkspaceFile('logs/terraform-apply.log', terraformLog(message));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(2, 0, 2, doc.lineAt(2).text.length);

    const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessage', { profile: 'sts-user' });
    assert.deepStrictEqual([result.ok, result.summary, result.verdict], [true, 'DENIED ec2:RunInstances on instance/* — explicit deny by statement VisualEditor0', 'explicit-deny']);

    const view = await waitFor('the explanation editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'sts-lens-authz'));
    assert.strictEqual(view.document.languageId, 'sts-lens-authz');
    const text = view.document.getText();
    for (const expected of ['# Authorization failure: Explicitly denied', 'Principal   arn:aws:sts::111122223333:assumed-role/Developer/Ana', 'Action      ec2:RunInstances', 'Resource    arn:aws:ec2:us-east-1:111122223333:instance/*', '## Matched statements (1)', '[Deny] Sid "VisualEditor0"', '## Request context (18 keys)', '## Failures (0)', '## Statement that would allow this', '## Raw decoded message']) {
      assert.ok(text.includes(expected), `explanation contains ${expected}`);
    }
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', view.document.uri);
    const rawHeading = text.split('\n').indexOf('## Raw decoded message');
    assert.ok(folds.some((f) => f.start === rawHeading && f.end > rawHeading + 5), 'the raw JSON is a folding region');
  });

  it('names the kind of policy that denied from the AWS CLI\'s own text before the message', async () => {
    const message = world.encodedMessages['explicit-deny-ec2-run-instances'];
    assert.ok(message, 'the harness issued the explicit-deny fixture');
    const line = `An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. User: arn:aws:sts::111122223333:assumed-role/Developer/Ana is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:111122223333:instance/* with an explicit deny in a service control policy. Encoded authorization failure message: ${message}`;
    const doc = await vscode.workspace.openTextDocument(writeWorkspaceFile('logs/cli-scp.log', `${line}\n`));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, line.length);

    const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessage', { profile: 'sts-user' });
    assert.strictEqual(result.ok, true);
    const view = await waitFor('the explanation editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'sts-lens-authz'));
    assert.match(view.document.getText(), /explicit deny in a service control policy \(from the error text\)/);
  });

  it('puts a Decode CodeLens above each message, then an inline summary and a hover after decoding', async () => {
    const explicit = world.encodedMessages['explicit-deny-ec2-run-instances'];
    const implicit = world.encodedMessages['implicit-deny-ec2-run-instances'];
    const uri = writeWorkspaceFile('logs/two-failures.log', `${terraformLog(implicit)}\nretrying\n${terraformLog(explicit)}`);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // The explicit message was decoded by the previous test and is cached; the implicit one is not.
    await vscode.commands.executeCommand('stsLens.forgetDecodedMessages');

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const decodeLenses = lenses.filter((l) => l.command?.title.includes('Decode'));
    assert.deepStrictEqual(decodeLenses.map((l) => l.range.start.line), [2, 10]);

    // Clicking the lens as the editor does: its own command and arguments. The profile chosen in the
    // previous test (or the active identity) is used, so no prompt appears.
    const first = decodeLenses[0].command!;
    const viaLens = await vscode.commands.executeCommand<DecodeResult>(first.command, ...(first.arguments ?? []));
    assert.strictEqual(viaLens.summary, 'DENIED ec2:RunInstances on volume/* — implicit deny: no statement allows it');

    const after = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepStrictEqual(after.filter((l) => l.range.start.line === 2).map((l) => l.command?.title), ['$(error) DENIED ec2:RunInstances (implicit deny)', '$(debug-alt) Evaluate Against the Account\'s Policies', 'Copy Allowing Statement', 'Find in Workspace']);
    assert.ok(after.some((l) => l.range.start.line === 10 && l.command?.title.includes('Decode')), 'the other message still offers Decode');

    const summaries = await waitFor('the inline summary', async () => {
      const s = await vscode.commands.executeCommand<{ line: number; text: string }[]>('stsLens.authz.inlineSummaries', uri);
      return s.length ? s : undefined;
    });
    assert.deepStrictEqual(summaries, [{ line: 2, text: 'DENIED ec2:RunInstances on volume/* — implicit deny: no statement allows it' }]);

    const messageColumn = doc.lineAt(2).text.indexOf(implicit) + 10;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, messageColumn));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(hoverText.includes('Implicitly denied'), hoverText);
    assert.ok(hoverText.includes('arn:aws:ec2:eu-west-1:444455556666:volume/\\*') || hoverText.includes('arn:aws:ec2:eu-west-1:444455556666:volume/*'), hoverText);
    assert.ok(hoverText.includes('ec2:VolumeType'), 'the hover lists the request context');
    // Its links run the extension's commands with the entry's id (vscode.l10n.t fills {0} only from strings).
    assert.match(hoverText, /\[Open explanation\]\(command:stsLens\.authz\.showExplanation\?%5B\d+%5D\)/);
    assert.match(hoverText, /\[Copy allowing statement\]\(command:stsLens\.copyAllowingStatement\?%5B\d+%5D\)/);
    assert.match(hoverText, /\n_Decoded as [\w-]+; kept in memory only\._$/);
    const undecoded = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(10, doc.lineAt(10).text.indexOf(explicit) + 10));
    const undecodedText = undecoded.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(undecodedText, /\[\$\(unlock\) Decode\]\(command:stsLens\.authz\.decodeAt\?%5B%22file/, undecodedText);
  });

  it('copies a least-privilege allowing statement and finds the policies that mention the action', async () => {
    const message = world.encodedMessages['explicit-deny-ec2-run-instances'];
    const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessage', { text: message, profile: 'sts-user', quiet: true });
    assert.ok(result.ok && result.entryId);

    await vscode.env.clipboard.writeText('before');
    const copied = await vscode.commands.executeCommand<string>('stsLens.copyAllowingStatement', result.entryId);
    assert.strictEqual(await vscode.env.clipboard.readText(), copied);
    const statement = JSON.parse(copied);
    assert.deepStrictEqual([statement.Effect, statement.Action, statement.Resource], ['Allow', 'ec2:RunInstances', 'arn:aws:ec2:us-east-1:111122223333:instance/*']);
    assert.strictEqual(statement.Condition.StringEquals['ec2:InstanceType'], 't2.micro');

    writeWorkspaceFile('iam/developer-guardrail.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'VisualEditor0', Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }] }, null, 2));
    writeWorkspaceFile('iam/ec2-admin.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:Run*', 's3:GetObject'], Resource: '*' }] }, null, 2));
    writeWorkspaceFile('iam/unrelated.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] }, null, 2));
    const found = await vscode.commands.executeCommand<{ file: string; kind: string; term: string }[]>('stsLens.findDeniedActionInWorkspace', { entryId: result.entryId, quiet: true });
    const summary = found.map((f) => `${f.file.replace(/\\/g, '/')} ${f.kind}`);
    assert.ok(summary.includes('iam/developer-guardrail.json sid'), summary.join('\n'));
    assert.ok(summary.includes('iam/developer-guardrail.json action'), summary.join('\n'));
    assert.ok(summary.includes('iam/ec2-admin.json wildcard'), summary.join('\n'));
    assert.ok(!summary.some((s) => s.startsWith('iam/unrelated.json')), summary.join('\n'));
  });

  it('decodes a terminal selection from the terminal context menu command, and the latest message without one', async function () {
    const message = world.encodedMessages['implicit-deny-pass-role'];
    const later = world.encodedMessages['explicit-deny-region-guardrail'];
    await vscode.commands.executeCommand('stsLens.forgetDecodedMessages');
    const terminal = vscode.window.createTerminal({ name: 'authz test' });
    // The terminal renders asynchronously; select everything until the message is in the copy.
    const echoed = async (m: string): Promise<void> => {
      terminal.sendText(`echo 'Encoded authorization failure message: ${m}'`);
      await waitFor('the message in the terminal', async () => {
        await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
        await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
        const copied = await vscode.env.clipboard.readText();
        return copied.replace(/\s/g, '').includes(`message:${m}`) || undefined;
      }, 20000);
    };
    try {
      terminal.show();
      await vscode.env.clipboard.writeText('nothing yet');
      await echoed(message);
      await vscode.env.clipboard.writeText('kept clipboard');
      await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
      const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeTerminalSelection', { profile: 'sts-user', quiet: true });
      assert.deepStrictEqual([result.ok, result.summary], [true, 'DENIED iam:PassRole on role/ec2-app-instance-role — implicit deny: no statement allows it']);
      assert.strictEqual(await vscode.env.clipboard.readText(), 'kept clipboard', 'the clipboard is restored');
      // Without a selection, the latest complete message in the terminal is decoded.
      await echoed(later);
      await vscode.commands.executeCommand('workbench.action.terminal.clearSelection');
      await vscode.env.clipboard.writeText('kept clipboard');
      const latest = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeLatestInTerminal', { profile: 'sts-user', quiet: true });
      assert.deepStrictEqual([latest.ok, latest.summary], [true, 'DENIED ec2:CreateVpc on vpc/* — explicit deny by statement DenyOutsideApprovedRegions']);
      assert.strictEqual(await vscode.env.clipboard.readText(), 'kept clipboard', 'the clipboard is restored');
    } finally {
      terminal.dispose();
    }
  });

  it('decodes the clipboard from the palette when nothing is selected', async () => {
    await vscode.commands.executeCommand('stsLens.forgetDecodedMessages');
    const message = world.encodedMessages['explicit-deny-region-guardrail'];
    await vscode.env.clipboard.writeText(`An error occurred (UnauthorizedOperation) when calling the CreateVpc operation: You are not authorized to perform this operation. Encoded authorization failure message: ${message}`);
    const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessage', { profile: 'sts-user', quiet: true });
    assert.deepStrictEqual([result.ok, result.summary], [true, 'DENIED ec2:CreateVpc on vpc/* — explicit deny by statement DenyOutsideApprovedRegions']);
  });

  it('explains a profile that lacks sts:DecodeAuthorizationMessage (AccessDenied)', async () => {
    const message = world.encodedMessages['implicit-deny-ec2-run-instances'];
    const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessageAs', { text: message, profile: 'no-trust-user', quiet: true });
    assert.strictEqual(result.kind, 'access-denied');
    assert.match(result.error ?? '', /no-trust-user is not allowed to call sts:DecodeAuthorizationMessage/);
    const special = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessage', { text: world.specialMessages.accessDenied, profile: 'sts-user', quiet: true });
    assert.strictEqual(special.kind, 'access-denied');
  });

  it('decoding as a profile reads the AWS config through the Profiles view: an unchanged config is not parsed again', async () => {
    await vscode.commands.executeCommand('stsLens.refreshProfiles');
    const parsed = async () => (await vscode.commands.executeCommand<{ awsFilesParsed: number }>('stsLens.internal.state')).awsFilesParsed;
    const before = await parsed();
    // A profile no other decode used: its identity, and its credentials, are made now.
    const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessageAs', { text: world.encodedMessages['implicit-deny-ec2-run-instances'], profile: 'iam-only-reader', quiet: true });
    assert.ok(result.ok || result.kind === 'access-denied', `decoded as iam-only-reader: ${result.error ?? ''}`);
    assert.strictEqual(await parsed(), before, 'the unchanged config was handed to the SDK loader again');
  });

  it('explains an invalid or expired message (InvalidAuthorizationMessageException)', async () => {
    const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessage', { text: world.specialMessages.unknown, profile: 'sts-user', quiet: true });
    assert.strictEqual(result.kind, 'invalid-message');
    assert.match(result.error ?? '', /InvalidAuthorizationMessageException/);
  });

  it('gives up on a slow endpoint after the configured timeout', async () => {
    const config = vscode.workspace.getConfiguration('stsLens.authz');
    await config.update('decodeTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      const slow = await issueEncodedMessage({ allowed: false, explicitDeny: false, context: { action: 's3:GetObject' } }, { delayMs: 4000 });
      const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessage', { text: slow, profile: 'sts-user', quiet: true });
      assert.strictEqual(result.kind, 'timeout');
      assert.match(result.error ?? '', /did not answer within 1 seconds/);
    } finally {
      await config.update('decodeTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refuses bad input with specific messages and never calls STS with it', async () => {
    const cases: [string, string][] = [
      ['definitely not an encoded message!', 'not-a-message'],
      ['Encoded authorization failure message: 8f3Kd9x2QpL...TRUNCATED', 'truncated'],
      ['   ', 'empty'],
      ['x'.repeat(9 * 1024 * 1024), 'too-large'],
    ];
    for (const [text, kind] of cases) {
      const result = await vscode.commands.executeCommand<DecodeResult>('stsLens.decodeAuthorizationMessage', { text, profile: 'sts-user', quiet: true });
      assert.deepStrictEqual([result.ok, result.kind], [false, kind], `${text.slice(0, 30)} → ${result.error}`);
    }
  });
});
