import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, writeWorkspaceFile } from './diagnosticsHelpers';
import { appRoleDenial, decodedEntry, decodeEncoded } from './decodedMessages';
import { EXTENSION_ID, extensionHooks } from './extensionSuite';
import { testWorld } from './world';

interface Row { depth: number; label: string; description?: string; target?: { kind: string; policy: string } }
interface Rows { message?: string; description?: string; rows: Row[] }
interface AccountEvaluation { ok: boolean; error?: string; decision?: string; disagreement?: string; accountMismatch?: { messageAccount: string; readerAccount: string; profiles: string[] } }

const rows = () => vscode.commands.executeCommand<Rows>('stsLens.internal.evaluationResultRows');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('evaluation results: one view, read-only documents, grouped findings, the walkthrough', function () {
  this.timeout(90000);
  const world = testWorld() as ReturnType<typeof testWorld> & { policyWorld: { roleArn: string; bucket: string } };

  extensionHooks();

  const decodeFixture = (name: string) => decodeEncoded(world.encodedMessages[name]);

  it('shows an evaluation in the Evaluation Results view: verdict, deciding statement, trace to the condition, in no third editor group', async () => {
    const entryId = await decodedEntry(appRoleDenial(world.accountId, 's3:DeleteObject', `arn:aws:s3:::${world.policyWorld.bucket}/reports/q3.csv`));
    const r = await vscode.commands.executeCommand<AccountEvaluation>('stsLens.evaluateAgainstAccount', { entryId, profile: 'policy-reader' });
    assert.ok(r.ok, r.error);
    const shown = await rows();
    assert.match(shown.message!, /^EXPLICITLY DENIED: s3:DeleteObject on arn:aws:s3:::sts-lens-app-bucket\/reports\/q3\.csv by Deny statement "DenyDeletes"/);
    assert.deepStrictEqual(shown.rows.filter((x) => x.depth === 0).map((x) => x.label).slice(0, 2), ['EXPLICITLY DENIED', 'Decided by']);
    const policy = shown.rows.find((x) => x.depth === 1 && x.label === 'role/app_role inline:app-guard');
    assert.ok(policy, shown.rows.map((x) => x.label).join('\n'));
    assert.ok(shown.rows.some((x) => x.depth === 2 && x.label === 'Deny "DenyDeletes"'), 'the trace goes down to the statement');
    assert.strictEqual(vscode.window.tabGroups.all.length, 1, 'the policy opens in the active group and the trace is in the panel');
  });

  it('a denial from another account is not evaluated against the reading identity\'s account, and says so', async () => {
    const r = await vscode.commands.executeCommand<AccountEvaluation>('stsLens.evaluateAgainstAccount', { entryId: await decodeFixture('explicit-deny-ec2-run-instances'), profile: 'policy-reader' });
    assert.strictEqual(r.ok, false);
    assert.deepStrictEqual(r.accountMismatch && [r.accountMismatch.messageAccount, r.accountMismatch.readerAccount], ['111122223333', world.accountId]);
    assert.match(r.error!, /This denial happened in account 111122223333 .*but policy-reader is in account 123456789012/);
    assert.match(r.error!, /No profile STS Lens knows is in account 111122223333/);
    assert.match(r.error!, /The decoded message itself says: .*explicit deny/i);
    const shown = await rows();
    assert.deepStrictEqual(shown.rows, [], 'no verdict is shown for the wrong account');
    assert.match(shown.message!, /account 111122223333/);
  });

  it('says first when the evaluation differs from what the decoded message says, and why it may', async () => {
    const entryId = await decodedEntry(appRoleDenial(world.accountId, 'sqs:SendMessage', '*'));
    const r = await vscode.commands.executeCommand<AccountEvaluation>('stsLens.evaluateAgainstAccount', { entryId, profile: 'policy-reader' });
    assert.ok(r.ok, r.error);
    assert.strictEqual(r.decision, 'ImplicitlyDenied');
    assert.match(r.disagreement!, /^AWS decided an explicit deny; the policies read now give an implicit deny/);
    const shown = await rows();
    assert.strictEqual(shown.rows.filter((x) => x.depth === 0)[1].label, 'Differs from the decoded message:');
  });

  it('Simulate Request shows its result in the view; opening a failed condition selects its key in the active group', async () => {
    const scp = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'policy-tests', 'guardrail-scp.json'));
    const text = fs.readFileSync(scp.fsPath, 'utf8');
    await vscode.window.showTextDocument(scp);
    await vscode.commands.executeCommand('stsLens.policy.setPolicyType', scp, 'SERVICE_CONTROL_POLICY');
    try {
      const request = { principal: 'arn:aws:sts::123456789012:assumed-role/reporting/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::sts-lens-demo-bucket/a.csv', context: { 'aws:RequestedRegion': 'us-east-1' } };
      const r = await vscode.commands.executeCommand<{ ok: boolean; decision?: string; error?: string }>('stsLens.simulateRequest', { uri: scp.toString(), request });
      assert.ok(r.ok, r.error);
      const shown = await rows();
      assert.match(shown.description!, /Simulate Request on policy-tests\/guardrail-scp\.json/);
      const condition = shown.rows.find((x) => x.label === 'StringNotEquals aws:RequestedRegion');
      assert.ok(condition, shown.rows.map((x) => x.label).join('\n'));
      assert.match(condition.description!, /^request has us-east-1/);
      assert.strictEqual(vscode.window.tabGroups.all.length, 1);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('stsLens.internal.openResultNode', await nodeOf('StringNotEquals aws:RequestedRegion'));
      assert.ok(editor);
      assert.strictEqual(editor.document.getText(editor.selection), '"aws:RequestedRegion"');
      assert.strictEqual(editor.selection.start.line, lineOf(text, 'aws:RequestedRegion'));
      assert.strictEqual(vscode.window.tabGroups.all.length, 1);
    } finally {
      await vscode.commands.executeCommand('stsLens.policy.setPolicyType', scp, 'auto');
    }
  });

  /** The tree node with this label, as the view's own command receives it. */
  async function nodeOf(label: string): Promise<unknown> {
    const node = await vscode.commands.executeCommand<unknown>('stsLens.internal.evaluationResultNode', label);
    assert.ok(node, `no row ${label}`);
    return node;
  }

  it('Open Trust Policy shows a read-only, laid-out document that never asks to be saved', async () => {
    const opened = await vscode.commands.executeCommand<{ uri?: string; error?: unknown }>('stsLens.openTrustPolicy', { roleArn: world.roles.sts_role.arn, profile: 'policy-reader' });
    assert.ok(opened?.uri, JSON.stringify(opened));
    const uri = vscode.Uri.parse(opened.uri);
    assert.strictEqual(uri.scheme, 'sts-lens-policy');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.isUntitled, false);
    assert.strictEqual(doc.isDirty, false);
    assert.strictEqual(doc.languageId, 'json');
    assert.strictEqual(doc.getText().trimEnd(), JSON.stringify(JSON.parse(doc.getText()), null, 2));
    assert.ok(doc.lineCount > 3);
  });

  it('groups one family of findings on iam:PassRole into one entry; the hover leads with the documentation', async () => {
    const uri = writeWorkspaceFile('results-passrole.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances', 'lambda:CreateFunction', 'lambda:InvokeFunction', 'glue:CreateDevEndpoint'], Resource: '*' }] }, null, 2));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const ds = await diagnosticsWhere(uri, (all) => all.some((d) => codeOf(d) === 'PRIVILEGE_ESCALATION_*'), 'the grouped escalation entry');
      const at = doc.positionAt(doc.getText().indexOf('"iam:PassRole"') + 3);
      const here = ds.filter((d) => d.range.contains(at));
      assert.strictEqual(here.filter((d) => codeOf(d).startsWith('PRIVILEGE_ESCALATION')).length, 1, here.map(codeOf).join(', '));
      assert.match(here.find((d) => codeOf(d) === 'PRIVILEGE_ESCALATION_*')!.message, /^Privilege escalation: \d+ findings here/);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      assert.match(text, /^\*\*iam:PassRole\*\*/);
      assert.ok(text.indexOf('findings here') > text.indexOf('iam:PassRole'), text);
      assert.match(text, /PRIVILEGE_ESCALATION_PASS_ROLE/);
    } finally {
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  it('STS Lens: Get Started and the sample buttons of the walkthrough exist; the sample policy opens', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('stsLens.getStarted'));
    const walkthrough = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.walkthroughs[0] as { steps: { id: string; completionEvents: string[] }[] };
    assert.ok(walkthrough.steps.every((s) => s.completionEvents.every((e) => /^on(?:Command|View|Context|Link|Setting|ExtensionInstalled|StepSelected)/.test(e))), 'only completion events VS Code knows');
    const trust = await vscode.commands.executeCommand<vscode.Uri>('stsLens.openSample', 'trust');
    assert.ok(trust?.fsPath.endsWith(path.join('policies', 'app-trust.json')), trust?.toString());
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), trust.toString());
    // This workspace has no sample policy with mistakes: one opens as a new document to try the linter on.
    const sample = await vscode.commands.executeCommand<vscode.Uri>('stsLens.openSample', 'policy');
    assert.strictEqual(sample?.scheme, 'untitled');
    await diagnosticsWhere(sample, (all) => all.some((d) => codeOf(d).startsWith('PRIVILEGE_ESCALATION') || codeOf(d) === 'INVALID_ACTION'), 'findings on the sample policy');
  });
});
