import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, ours, writeWorkspaceFile } from './diagnosticsHelpers';
import { activateExtension, extensionHooks } from './extensionSuite';

const POLICY = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'BreakGlass', Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 's3:GetObject', 's3:GetObject'], Resource: '*' }] },
  null,
  2,
);

describe('project file (.sts-lens.json) in a real VS Code', () => {
  extensionHooks('after');

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

describe('a hostile project file and glob settings in a real VS Code', () => {
  before(activateExtension);

  after(async () => {
    await vscode.workspace.getConfiguration('stsLens').update('policy.files', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a syntax error is a diagnostic on .sts-lens.json at its line and column, and none of the file applies', async () => {
    const project = writeWorkspaceFile('broken/.sts-lens.json', '{\n  "ignore": ["**"]\n  "severity": { "REDUNDANT_ACTION": "off" }\n}\n');
    const uri = writeWorkspaceFile('broken/p.json', POLICY);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The half-read "ignore" is not applied: the policy is linted.
    await diagnosticsWhere(uri, (all) => all.some((d) => codeOf(d) === 'REDUNDANT_ACTION'), 'the policy linted despite the broken ignore');
    const [problem] = await diagnosticsWhere(project, (all) => all.length > 0, 'the syntax error on the project file');
    assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual([problem.range.start.line, problem.range.start.character], [2, 2]);
    assert.match(problem.message, /^Syntax error: comma expected\. Nothing in this file applies until it is fixed\.$/);
  });

  it('globs over the limits in the project file and in stsLens.policy.files are refused with a clear problem; the rest still works', async () => {
    const deep = `${'{'.repeat(8000)}a${'}'.repeat(8000)}`;
    const project = writeWorkspaceFile('hostile/.sts-lens.json', `{\n  "ignore": ["*a*b*a*b*a*b*", "${deep}", "${'y'.repeat(65000)}"]\n}\n`);
    await vscode.workspace.getConfiguration('stsLens').update('policy.files', ['*a*b*a*b*a*b*', deep, 'z'.repeat(65000), '**/*.forced'], vscode.ConfigurationTarget.Workspace);
    const long = writeWorkspaceFile(`hostile/${'ab'.repeat(50)}.forced`, POLICY);
    const plain = writeWorkspaceFile('hostile/plain.json', POLICY);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plain));
    await diagnosticsWhere(plain, (all) => all.some((d) => codeOf(d) === 'REDUNDANT_ACTION'), 'plain.json linted');
    const problems = await diagnosticsWhere(project, (all) => all.length >= 2, 'the refused globs on the project file');
    assert.deepStrictEqual(problems.map((p) => p.range.start.line), [1, 1]);
    assert.match(problems.map((p) => p.message).join('\n'), /ignore: The glob is 16,001 characters long; a glob may have at most 1,024\. This glob is not applied\.\nignore: The glob is 65,000 characters long/);
    // The 13-byte glob is usable and ignores the long name that it matches; **/*.forced still forces linting of other files.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(long));
    const forced = writeWorkspaceFile('forced/other.forced', POLICY);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(forced));
    await diagnosticsWhere(forced, (all) => all.some((d) => codeOf(d) === 'REDUNDANT_ACTION'), 'a file forced by **/*.forced');
    assert.deepStrictEqual(ours(long).map(codeOf), [], 'the long name is ignored by the 13-byte glob');
  });
});
