import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, ours, show } from './diagnosticsHelpers';
import { applyQuickFix, fixtureText, openUntitled, policyEditorHooks, rangeOf, withCode, workspaceFile } from './policyEditorHelpers';

describe('policy editor in a real VS Code', () => {
  policyEditorHooks();

  describe('diagnostics', () => {
    it('reports a misspelt action with its code, documentation link, source, severity and exact range', async () => {
      const doc = await vscode.workspace.openTextDocument(workspaceFile('policy-editor', 'misspelt-action.json'));
      await vscode.window.showTextDocument(doc);
      const d = await withCode(doc.uri, 'INVALID_ACTION');
      assert.ok(d.range.isEqual(rangeOf(doc, '"s3:GetObjekt"')), `range ${JSON.stringify(d.range)}`);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(d.source, 'sts-lens');
      assert.ok(typeof d.code === 'object' && d.code.target instanceof vscode.Uri);
      assert.match(d.code.target.toString(true), /^https:\/\/docs\.aws\.amazon\.com\/IAM\/.*access-analyzer-reference-policy-checks/);
      assert.match(d.message, /GetObjekt/);
    });

    it('shows an action of 200,000 characters with a right-to-left override shortened, and the override escaped, in the Problems panel', async () => {
      const action = `s3:Get\u202eObject${'x'.repeat(200_000)}`;
      const doc = await openUntitled(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [action, 's3:Put\u2067Objekt'], Resource: '*' }] }));
      const ds = await diagnosticsWhere(doc.uri, (all) => all.filter((d) => codeOf(d) === 'INVALID_ACTION').length === 2, 'two INVALID_ACTION');
      const [long, short] = ds.filter((d) => codeOf(d) === 'INVALID_ACTION');
      assert.match(long.message, /^The action s3:Get\\u202eObjectx+… \(200,013 characters\) does not exist\./);
      assert.ok(long.message.length < 1000, `${long.message.length} characters`);
      assert.match(short.message, /s3:Put\\u2067Objekt/);
      for (const d of ds) assert.doesNotMatch(d.message, /[\u202a-\u202e\u2066-\u2069]/);
    });

    it('updates while typing and drops findings that were fixed', async () => {
      const doc = await openUntitled(fixtureText('identity-s3.json'));
      await diagnosticsWhere(doc.uri, (ds) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'a clean policy');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, rangeOf(doc, 's3:PutObject'), 's3:PutObjekt');
      await vscode.workspace.applyEdit(edit);
      const d = await withCode(doc.uri, 'INVALID_ACTION');
      assert.ok(d.range.isEqual(rangeOf(doc, '"s3:PutObjekt"')));
      const undo = new vscode.WorkspaceEdit();
      undo.replace(doc.uri, rangeOf(doc, 's3:PutObjekt'), 's3:PutObject');
      await vscode.workspace.applyEdit(undo);
      await diagnosticsWhere(doc.uri, (ds) => !ds.some((x) => codeOf(x) === 'INVALID_ACTION'), 'INVALID_ACTION to go away');
    });

    it('keeps only the findings of the latest text when edits come faster than linting', async () => {
      const doc = await openUntitled(fixtureText('misspelt-action.json'));
      await withCode(doc.uri, 'INVALID_ACTION');
      for (let i = 0; i < 10; i++) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, rangeOf(doc, i === 0 ? 's3:GetObjekt' : `s3:GetObjekt${i - 1}`), `s3:GetObjekt${i}`);
        await vscode.workspace.applyEdit(edit);
      }
      const ds = await diagnosticsWhere(doc.uri, (all) => all.some((d) => codeOf(d) === 'INVALID_ACTION' && d.range.isEqual(rangeOf(doc, '"s3:GetObjekt9"'))), 'the finding for the last edit');
      assert.deepStrictEqual(ds.filter((d) => codeOf(d) === 'INVALID_ACTION').length, 1, show(ds));
    });

    it('switches off with stsLens.policy.enabled and comes back', async () => {
      const config = vscode.workspace.getConfiguration('stsLens.policy');
      const doc = await openUntitled(fixtureText('misspelt-action.json'));
      await withCode(doc.uri, 'INVALID_ACTION');
      try {
        await config.update('enabled', false, vscode.ConfigurationTarget.Global);
        await diagnosticsWhere(doc.uri, (ds) => ds.length === 0, 'no diagnostics while disabled');
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        assert.deepStrictEqual(lenses.map((l) => l.command?.title), []);
      } finally {
        await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
      }
      await withCode(doc.uri, 'INVALID_ACTION');
    });

    it('follows the severity setting, including switching a code off', async () => {
      const config = vscode.workspace.getConfiguration('stsLens.policy');
      const doc = await openUntitled(fixtureText('no-version-effect-only.json'));
      const before = await withCode(doc.uri, 'MISSING_VERSION');
      assert.strictEqual(before.severity, vscode.DiagnosticSeverity.Warning);
      try {
        await config.update('severity', { MISSING_VERSION: 'hint' }, vscode.ConfigurationTarget.Global);
        await diagnosticsWhere(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'MISSING_VERSION' && d.severity === vscode.DiagnosticSeverity.Hint), 'MISSING_VERSION as a hint');
        await config.update('severity', { MISSING_VERSION: 'off' }, vscode.ConfigurationTarget.Global);
        await diagnosticsWhere(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'MISSING_VERSION'), 'MISSING_VERSION switched off');
      } finally {
        await config.update('severity', undefined, vscode.ConfigurationTarget.Global);
      }
      await withCode(doc.uri, 'MISSING_VERSION');
    });

    it('checks files that match the stsLens.policy.files globs, whatever their language', async () => {
      const config = vscode.workspace.getConfiguration('stsLens.policy');
      const doc = await vscode.workspace.openTextDocument(workspaceFile('policy-editor', 'custom-name.policy'));
      await vscode.window.showTextDocument(doc);
      assert.deepStrictEqual(ours(doc.uri), [], 'not a policy until the setting says so');
      try {
        await config.update('files', ['**/*.policy'], vscode.ConfigurationTarget.Global);
        const d = await withCode(doc.uri, 'INVALID_ACTION');
        assert.ok(d.range.isEqual(rangeOf(doc, '"s3:GetObjekt"')));
      } finally {
        await config.update('files', undefined, vscode.ConfigurationTarget.Global);
      }
      await diagnosticsWhere(doc.uri, (ds) => ds.length === 0, 'diagnostics to go when the glob is removed');
    });

    it('clears diagnostics when the file closes', async () => {
      const uri = workspaceFile('policy-editor', 'misspelt-action.json');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await withCode(uri, 'INVALID_ACTION');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await diagnosticsWhere(uri, (ds) => ds.length === 0, 'diagnostics to clear on close');
    });

    it('lints the policies inside a CloudFormation template at their place in the template', async () => {
      const doc = await vscode.workspace.openTextDocument(workspaceFile('policy-editor', 'cloudformation.template.json'));
      await vscode.window.showTextDocument(doc);
      const d = await withCode(doc.uri, 'INVALID_ACTION');
      assert.ok(d.range.isEqual(rangeOf(doc, '"s3:GetObjekt"')), `range ${JSON.stringify(d.range)}`);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      assert.ok(lenses.some((l) => l.command?.title === 'Can be assumed by account 111122223333 (no condition)'), lenses.map((l) => l.command?.title).join(' | '));
    });

    it('lints the policies inside a CloudFormation YAML template, Terraform jsonencode and aws_iam_policy_document, at the right place', async () => {
      for (const name of ['cloudformation.template.yaml', 'terraform-jsonencode.tf', 'terraform-policy-document.tf']) {
        const doc = await vscode.workspace.openTextDocument(workspaceFile('policy-editor', name));
        await vscode.window.showTextDocument(doc);
        const d = await withCode(doc.uri, 'INVALID_ACTION');
        const expected = name.endsWith('.yaml') ? 's3:GetObjekt' : '"s3:GetObjekt"';
        assert.ok(d.range.isEqual(rangeOf(doc, expected)), `${name}: range ${JSON.stringify(d.range)}`);
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        assert.ok(lenses.some((l) => /^Can be assumed by (?:account 111122223333 \(no condition\)|a principal the template c\S*\u2026 \(no condition\)|GitHub Actions \(OIDC\))$/.test(l.command?.title ?? '')), `${name}: ${lenses.map((l) => l.command?.title).join(' | ')}`);
      }
    });
  });

  describe('quick fixes', () => {
    it('adds the missing Version', async () => {
      const text = fixtureText('no-version-effect-only.json');
      const doc = await openUntitled(text);
      const out = await applyQuickFix(doc, 'MISSING_VERSION', /Version/);
      assert.strictEqual(out, text.replace('{\n', '{\n  "Version": "2012-10-17",\n'));
    });

    it('replaces a misspelt action with the suggestion', async () => {
      const text = fixtureText('misspelt-action.json');
      const doc = await openUntitled(text);
      const out = await applyQuickFix(doc, 'INVALID_ACTION', /s3:GetObject\b/);
      assert.strictEqual(out, text.replace('s3:GetObjekt', 's3:GetObject'));
      await diagnosticsWhere(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'INVALID_ACTION'), 'the fixed action to be accepted');
    });

    it('replaces a misspelt action inside YAML and Terraform templates, and offers nothing unsafe there', async () => {
      for (const [name, before, after] of [
        ['cloudformation.template.yaml', 'Action: [s3:GetObjekt,', 'Action: ["s3:GetObject",'],
        ['terraform-jsonencode.tf', '["s3:GetObjekt", "s3:ListBucket"]', '["s3:GetObject", "s3:ListBucket"]'],
      ]) {
        const doc = await vscode.workspace.openTextDocument(workspaceFile('policy-editor', name));
        await vscode.window.showTextDocument(doc);
        const source = doc.getText();
        const out = await applyQuickFix(doc, 'INVALID_ACTION', /s3:GetObject\b/);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        assert.strictEqual(out, source.replace(before, after), name);
      }
      const doc = await vscode.workspace.openTextDocument(workspaceFile('policy-editor', 'terraform-policy-document.tf'));
      await vscode.window.showTextDocument(doc);
      const d = await withCode(doc.uri, 'MISSING_GITHUB_REPO_CONDITION_KEY');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      assert.deepStrictEqual(actions.map((a) => a.title), [], 'adding JSON to HCL would break it');
    });

    it('replaces StringLike with ArnLike on an ARN key', async () => {
      const text = fixtureText('string-like-arn.json');
      const doc = await openUntitled(text);
      const out = await applyQuickFix(doc, 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', /ArnLike/);
      assert.strictEqual(out, text.replace('"StringLike"', '"ArnLike"'));
    });

    it('removes IfExists after ForAnyValue ("For no matching context key or if the key does not exist, the condition returns false"), and the warning goes', async () => {
      const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:ListQueues","Resource":"*","Condition":{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["team"]}}}]}';
      const doc = await openUntitled(text);
      const d = await withCode(doc.uri, 'IF_EXISTS_WITH_FOR_ANY_VALUE');
      assert.strictEqual(doc.getText(d.range), '"ForAnyValue:StringEqualsIfExists"');
      const out = await applyQuickFix(doc, 'IF_EXISTS_WITH_FOR_ANY_VALUE', /^Remove IfExists$/);
      assert.strictEqual(out, text.replace('StringEqualsIfExists', 'StringEquals'));
      await diagnosticsWhere(doc.uri, (ds) => !ds.some((x) => codeOf(x) === 'IF_EXISTS_WITH_FOR_ANY_VALUE'), 'no IF_EXISTS_WITH_FOR_ANY_VALUE after the fix');
    });

    it('adds an sts:ExternalId condition to a cross-account trust statement', async () => {
      const text = fixtureText('trust-cross-account.json');
      const doc = await openUntitled(text);
      const out = await applyQuickFix(doc, 'CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA', /sts:ExternalId/);
      assert.strictEqual(
        out,
        text.replace('"Action": "sts:AssumeRole"\n', '"Action": "sts:AssumeRole",\n      "Condition": {\n        "StringEquals": {\n          "sts:ExternalId": "REPLACE_WITH_EXTERNAL_ID"\n        }\n      }\n'),
      );
      await diagnosticsWhere(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID_OR_MFA'), 'the warning to go');
    });

    it('adds a GitHub repository sub condition with a placeholder', async () => {
      const text = fixtureText('trust-github.json');
      const doc = await openUntitled(text);
      const out = await applyQuickFix(doc, 'MISSING_GITHUB_REPO_CONDITION_KEY', /githubusercontent\.com:sub/);
      assert.strictEqual(
        out,
        text.replace(
          '"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n                }\n',
          '"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n                },\n                "StringLike": {\n                    "token.actions.githubusercontent.com:sub": "repo:OWNER/REPO:ref:refs/heads/BRANCH"\n                }\n',
        ),
      );
    });

    it('removes a redundant action', async () => {
      const text = fixtureText('redundant-action.json');
      const doc = await openUntitled(text);
      const out = await applyQuickFix(doc, 'REDUNDANT_ACTION', /Remove/);
      assert.strictEqual(out, text.replace('        "s3:GetObject",\n', ''));
    });
  });

});
