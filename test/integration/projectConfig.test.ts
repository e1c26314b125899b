import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, writeWorkspaceFile } from './diagnosticsHelpers';

const EXTENSION_ID = 'sts-lens.sts-lens';

const POLICY = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'BreakGlass', Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 's3:GetObject', 's3:GetObject'], Resource: '*' }] },
  null,
  2,
);

describe('project file (.sts-lens.json) in a real VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('applies its severities and shows a suppressed finding as a hint with its reason; editing it re-lints', async () => {
    writeWorkspaceFile(
      'team/.sts-lens.json',
      '{\n  // shared by the team\n  "severity": { "REDUNDANT_ACTION": "off", "RESOURCE_STAR": "warning" },\n  "suppressions": [{ "file": "policies/*.json", "issueCode": "PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION", "sid": "BreakGlass", "reason": "break-glass role, reviewed" }]\n}\n',
    );
    const uri = writeWorkspaceFile('team/policies/admin.json', POLICY);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhere(uri, (all) => all.some((d) => codeOf(d) === 'PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION'), 'the escalation finding');
    const hint = ds.find((d) => codeOf(d) === 'PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION')!;
    assert.strictEqual(hint.severity, vscode.DiagnosticSeverity.Hint);
    assert.match(hint.message, /\(suppressed in \.sts-lens\.json: break-glass role, reviewed\)$/);
    assert.ok(!ds.some((d) => codeOf(d) === 'REDUNDANT_ACTION'), 'severity "off" hides the code');
    const star = ds.find((d) => codeOf(d) === 'RESOURCE_STAR');
    assert.strictEqual(star?.severity, vscode.DiagnosticSeverity.Warning, 'an opt-in check runs when the project gives it a severity');

    // Without the suppression and the severities, the editor reports what the CLI would with --no-config.
    writeWorkspaceFile('team/.sts-lens.json', '{}\n');
    const after = await diagnosticsWhere(uri, (all) => all.some((d) => codeOf(d) === 'REDUNDANT_ACTION'), 'the findings without the project rules');
    assert.strictEqual(after.find((d) => codeOf(d) === 'PRIVILEGE_ESCALATION_CREATE_POLICY_VERSION')?.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(!after.some((d) => codeOf(d) === 'RESOURCE_STAR'), 'RESOURCE_STAR is off by default in the editor');
  });

  it('is validated against its JSON schema in the editor', async () => {
    const uri = writeWorkspaceFile('team2/.sts-lens.json', '{ "severity": { "REDUNDANT_ACTION": "loud" }, "suppressions": [{ "file": "*.json", "issueCode": "REDUNDANT_ACTION" }] }\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'jsonc');
    const problems = await new Promise<vscode.Diagnostic[]>((resolve, reject) => {
      const check = (): boolean => {
        const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'sts-lens');
        if (ds.length >= 2) {
          resolve(ds);
          return true;
        }
        return false;
      };
      if (check()) return;
      const l = vscode.languages.onDidChangeDiagnostics(() => check() && l.dispose());
      setTimeout(() => {
        l.dispose();
        reject(new Error(`no schema problems: ${vscode.languages.getDiagnostics(uri).map((d) => d.message).join(' | ')}`));
      }, 30_000);
    });
    const text = problems.map((p) => p.message).join(' | ');
    assert.match(text, /reason/);
    assert.match(text, /error|warning|information|hint|off/);
  });
});
