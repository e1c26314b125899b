import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { codeOf } from './diagnosticsHelpers';
import { activateExtension } from './extensionSuite';

interface Summary {
  accountId?: string;
  policies: { name: string; uri: string; issueCodes: string[] }[];
}

describe('Lint Account Policies against the local IAM', () => {
  let summary: Summary;

  before(async function () {
    this.timeout(120_000);
    await activateExtension();
    await vscode.commands.executeCommand('stsLens.setActiveIdentity', { profile: 'auditor' });
    const result = await vscode.commands.executeCommand<Summary | { error: { message: string } }>('stsLens.policy.lintAccount', { quiet: true });
    assert.ok(result && 'policies' in result, `lint failed: ${JSON.stringify(result)}`);
    summary = result;
  });

  after(async () => {
    await vscode.commands.executeCommand('stsLens.setActiveIdentity', { profile: 'default' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reads every kind of policy under a readable name, the default version of managed ones', () => {
    assert.strictEqual(summary.accountId, '123456789012');
    const names = summary.policies.map((p) => p.name);
    for (const n of ['group/deployers inline:artifacts', 'role/ci_deploy inline:instances', 'role/ci_deploy trust policy', 'policy/ReadReports v2', 'policy/PassAnyRole v1', 'user/sts-user inline:sts-caller']) assert.ok(names.includes(n), `${n} missing from ${names.join(', ')}`);
    assert.deepStrictEqual(summary.policies.find((p) => p.name === 'policy/ReadReports v2')?.issueCodes, [], 'v1 allowed iam:*, v2 does not');
  });

  it('finds what the policies of one principal open only together, and knows the account in trust policies', () => {
    assert.ok(summary.policies.find((p) => p.name === 'policy/PassAnyRole v1')?.issueCodes.includes('PRIVILEGE_ESCALATION_PASS_ROLE_EC2'));
    assert.ok(!summary.policies.find((p) => p.name === 'role/ci_deploy trust policy')?.issueCodes.some((c) => c.startsWith('CROSS_ACCOUNT')));
  });

  it('puts the findings in the Problems panel on read-only policy documents', async () => {
    const entry = summary.policies.find((p) => p.name === 'group/deployers inline:artifacts')!;
    const uri = vscode.Uri.parse(entry.uri);
    assert.strictEqual(uri.scheme, 'sts-lens-policy');
    const d = vscode.languages.getDiagnostics(uri).find((x) => codeOf(x) === 'INVALID_ACTION');
    assert.ok(d, 'INVALID_ACTION in the Problems panel');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.getText(d.range), '"s3:GetObjekt"');
    await vscode.window.showTextDocument(doc);
    assert.notStrictEqual(vscode.workspace.fs.isWritableFileSystem(uri.scheme), true, 'nothing can write a policy document back');
  });

  it('shows each policy laid out (IAM returns one line) and opening a finding selects it in view', async () => {
    const entry = summary.policies.find((p) => p.name === 'group/deployers inline:artifacts')!;
    const uri = vscode.Uri.parse(entry.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.ok(doc.lineCount > 5, doc.getText());
    assert.strictEqual(doc.getText(), JSON.stringify(JSON.parse(doc.getText()), null, 2));
    const d = vscode.languages.getDiagnostics(uri).find((x) => codeOf(x) === 'INVALID_ACTION')!;
    assert.ok(d.range.start.line > 0, 'the finding has a line of its own');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('stsLens.internal.showAccountFinding', uri, d.range);
    assert.strictEqual(editor.document.getText(editor.selection), '"s3:GetObjekt"');
    assert.ok(editor.visibleRanges.some((r) => r.contains(d.range)), 'the finding is scrolled into view');
  });

  it('Save as File copies the policy into the workspace, where it is linted like any file', async () => {
    const entry = summary.policies.find((p) => p.name === 'group/deployers inline:artifacts')!;
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const target = vscode.Uri.file(path.join(folder, 'from-account', 'artifacts.json'));
    fs.mkdirSync(path.dirname(target.fsPath), { recursive: true });
    const saved = await vscode.commands.executeCommand<vscode.Uri>('stsLens.policy.saveAsFile', vscode.Uri.parse(entry.uri), target);
    assert.strictEqual(saved?.fsPath, target.fsPath);
    assert.match(fs.readFileSync(target.fsPath, 'utf8'), /s3:GetObjekt/);
  });

  it('an identity without iam:GetAccountAuthorizationDetails is named in the failure, which offers a one-off read as the profile that last read the account, or another', async () => {
    await vscode.commands.executeCommand('stsLens.setActiveIdentity', { profile: 'sts-user' });
    const result = await vscode.commands.executeCommand<{ error?: { message: string; kind: string; likelyCause?: string; buttons?: string[] } }>('stsLens.policy.lintAccount', { quiet: true });
    assert.strictEqual(result?.error?.kind, 'accessDenied', JSON.stringify(result));
    assert.match(result.error.message, /GetAccountAuthorizationDetails as sts-user was denied/);
    // The suite's first test linted the account as auditor.
    assert.deepStrictEqual(result.error.buttons, ['Lint as auditor', 'Lint as Another Identity…']);
    assert.match(result.error.likelyCause ?? '', /such as auditor: a one-off read, the active identity stays/);
    const again = await vscode.commands.executeCommand<{ accountId?: string; error?: unknown }>('stsLens.policy.lintAccount', { quiet: true, profile: 'auditor' });
    assert.strictEqual(again?.accountId, '123456789012', JSON.stringify(again));
    const state = await vscode.commands.executeCommand<{ activeIdentity?: string }>('stsLens.internal.state');
    assert.strictEqual(state.activeIdentity, 'sts-user', 'the read as auditor was a one-off');
  });
});
