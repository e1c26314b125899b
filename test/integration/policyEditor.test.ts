import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import { fixturePath, repoRoot } from '../unit/fixtures';
import { codeOf, diagnosticsWhere, ours, show } from './diagnosticsHelpers';

const EXTENSION_ID = 'sts-lens.sts-lens';

function withCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  return diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === code), code).then((ds) => ds.find((d) => codeOf(d) === code)!);
}

function fixtureText(name: string): string {
  return fs.readFileSync(fixturePath('policy-editor', name), 'utf8');
}

let untitledCount = 0;

/**
 * Opens an unsaved document with a name of its own. VS Code reuses "Untitled-N" names, and a document
 * opened just after another one closed can come back to the extension with the closed one's text.
 */
async function openUntitled(content: string, language = 'json', name = `policy-editor-${++untitledCount}`): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: name });
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not write ${uri.toString()}`);
  await vscode.window.showTextDocument(doc);
  assert.strictEqual(doc.getText(), content, `${uri.toString()} does not hold the text written to it`);
  return doc;
}

function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in document`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

/**
 * Applies the quick fix whose title matches, for the first diagnostic with `code`, and returns the new text.
 * The extension host sees a diagnostic before the workbench's markers do, and the workbench fills a code
 * action request's diagnostics from its markers: the request is repeated until they hold it.
 */
async function applyQuickFix(doc: vscode.TextDocument, code: string, title: RegExp): Promise<string> {
  const d = await withCode(doc.uri, code);
  const deadline = Date.now() + 20_000;
  let actions: vscode.CodeAction[] = [];
  do {
    actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  } while (!actions.some((a) => title.test(a.title)) && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 50, true))));
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action?.edit, `no quick fix ${title} for ${code}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return doc.getText();
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('policy editor in a real VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
  });

  afterEach(closeAll);

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

  describe('CodeLens, hovers and completions', () => {
    /** The linter's own lenses, without the evaluation lenses (Simulate Request, Who Can Assume) that share the top line. */
    const lintLenses = (lenses: vscode.CodeLens[]) => lenses.filter((l) => !['stsLens.simulateRequest', 'stsLens.whoCanAssumeRole'].includes(l.command?.command ?? ''));

    it('shows what each statement grants, who can assume the role, and remote validation', async () => {
      const doc = await openUntitled(fixtureText('trust-github.json'));
      const lenses = lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri));
      const titles = lenses.map((l) => l.command?.title ?? '');
      // Titles stay short (a verdict and a count); the names and access levels are in the tooltips.
      // Who can assume sits above "Statement", so the top line keeps room for the others.
      assert.deepStrictEqual(titles.slice(0, 3), ['Trust policy (detected)', 'Validate with IAM Access Analyzer', 'Can be assumed by 2 principals (1 with no condition)']);
      assert.strictEqual(doc.lineAt(lenses[2].range.start.line).text.trim(), '"Statement": [');
      assert.match(lenses[2].command?.tooltip ?? '', /^Can be assumed by GitHub Actions \(OIDC\), service ec2\.amazonaws\.com \(no condition\)\. /);
      assert.strictEqual(titles[3], 'Allows 1 action to GitHub Actions (OIDC) · 1 condition');
      assert.strictEqual(titles[4], 'Allows 1 action to service ec2.amazonaws.com');
      assert.match(lenses[3].command?.tooltip ?? '', /^Allows 1 action \(1 \w+\) to GitHub Actions \(OIDC\) · 1 condition\. /);
      assert.strictEqual(lenses[3].range.start.line, 3);
      assert.strictEqual(lenses[4].command?.command, 'stsLens.policy.showList');
    });

    it('switches the policy type per file', async () => {
      const doc = await openUntitled(fixtureText('trust-github.json'));
      await vscode.commands.executeCommand('stsLens.policy.setPolicyType', doc.uri, 'IDENTITY_POLICY');
      try {
        const lenses = lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri));
        assert.strictEqual(lenses[0].command?.title, 'Identity policy');
        await diagnosticsWhere(doc.uri, (ds) => ds.some((d) => /PRINCIPAL/.test(codeOf(d)) || codeOf(d) === 'UNSUPPORTED_ELEMENT_COMBINATION' || codeOf(d) === 'INVALID_POLICY_ELEMENT'), 'identity-policy findings about Principal');
      } finally {
        await vscode.commands.executeCommand('stsLens.policy.setPolicyType', doc.uri, 'auto');
      }
      const lenses = lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri));
      assert.strictEqual(lenses[0].command?.title, 'Trust policy (detected)');
    });

    it('forgets a type chosen for an unsaved document when it closes: the next document of that name is detected again', async () => {
      const first = await openUntitled(fixtureText('trust-github.json'), 'json', 'type-choice');
      await vscode.commands.executeCommand('stsLens.policy.setPolicyType', first.uri, 'IDENTITY_POLICY');
      assert.strictEqual(lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', first.uri))[0].command?.title, 'Identity policy');
      const closed = new Promise<void>((resolve) => {
        const listener = vscode.workspace.onDidCloseTextDocument((d) => {
          if (d.uri.toString() !== first.uri.toString()) return;
          listener.dispose();
          resolve();
        });
      });
      await closeAll();
      await closed;
      const second = await openUntitled(fixtureText('trust-github.json'), 'json', 'type-choice');
      assert.strictEqual(lintLenses(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', second.uri))[0].command?.title, 'Trust policy (detected)');
    });

    it('hovers an action, a wildcard and a principal', async () => {
      const doc = await openUntitled(fixtureText('identity-s3.json'));
      const hoverText = async (needle: string): Promise<string> => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, rangeOf(doc, needle).start.translate(0, 2));
        return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      };
      assert.match(await hoverText('s3:GetObject'), /\*\*s3:GetObject\*\* · Amazon S3 · _Read_/);
      assert.match(await hoverText('s3:Delete*'), /\*\*s3:Delete\\\*\*\* matches \d+ actions/);
      const trust = await openUntitled(fixtureText('trust-cross-account.json'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', trust.uri, rangeOf(trust, 'arn:aws:iam::111122223333:root').start.translate(0, 2));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      assert.match(text, /\*\*AWS principal\*\* · account 111122223333/);
    });

    it('hovers a global condition key with what it holds, when AWS sets it and its documentation', async () => {
      const doc = await openUntitled('{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Deny", "Action": "s3:*", "Resource": "*",\n    "Condition": { "StringNotEquals": { "aws:RequestedRegion": "eu-west-1" } } }]\n}\n');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, rangeOf(doc, 'aws:RequestedRegion').start.translate(0, 2));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      assert.match(text, /\*\*aws:RequestedRegion\*\* · condition key · type `String` · global\n\nThe AWS Region the request was sent to/);
      assert.match(text, /\*\*Availability\*\*: Always in the request context\./);
      assert.ok(text.includes('[AWS documentation](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion)'), text);
      assert.ok(!text.includes('_No description._'), text);
    });

    it('completes actions of the typed service and Effect values', async () => {
      const doc = await openUntitled('{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "", "Action": "s3:", "Resource": "*" }]\n}\n');
      const actions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, rangeOf(doc, '"s3:"').end.translate(0, -1));
      const labels = actions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('s3:GetObject'), labels.slice(0, 20).join(', '));
      assert.ok(!labels.some((l) => l.startsWith('ec2:')));
      const effect = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, rangeOf(doc, '""').start.translate(0, 1));
      const effects = effect.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(effects.includes('Allow') && effects.includes('Deny'), effects.join(', '));
    });
  });

  describe('validation with IAM Access Analyzer', () => {
    let server: http.Server;
    let requests: Array<Record<string, unknown>>;
    let reply: { status: number; headers?: Record<string, string>; body: unknown };
    const saved = process.env.AWS_ENDPOINT_URL_ACCESSANALYZER;

    before(async () => {
      requests = [];
      server = http.createServer((req, res) => {
        let data = '';
        req.on('data', (c: Buffer) => (data += c.toString()));
        req.on('end', () => {
          requests.push(JSON.parse(data || '{}') as Record<string, unknown>);
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(JSON.stringify(reply.body));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      process.env.AWS_ENDPOINT_URL_ACCESSANALYZER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_ACCESSANALYZER;
      else process.env.AWS_ENDPOINT_URL_ACCESSANALYZER = saved;
      await new Promise((resolve) => server.close(resolve));
    });

    it('sends a trust policy as a role trust policy and merges the findings, marked remote', async () => {
      const doc = await openUntitled(fixtureText('trust-github.json'));
      const at = doc.getText().indexOf('"Federated"');
      reply = {
        status: 200,
        body: {
          findings: [
            {
              findingType: 'SUGGESTION',
              issueCode: 'REMOTE_ONLY_EXAMPLE',
              findingDetails: 'A finding only the service knows about.',
              learnMoreLink: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
              locations: [{ path: [{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }], span: { start: { line: 7, column: 16, offset: at }, end: { line: 7, column: 27, offset: at + 11 } } }],
            },
          ],
        },
      };
      const results = await vscode.commands.executeCommand<Array<{ ok: boolean }>>('stsLens.policy.validateWithAccessAnalyzer', doc.uri);
      assert.deepStrictEqual(results.map((r) => r.ok), [true], JSON.stringify(results));
      assert.deepStrictEqual({ policyType: requests.at(-1)?.policyType, resourceType: requests.at(-1)?.validatePolicyResourceType }, { policyType: 'RESOURCE_POLICY', resourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
      assert.strictEqual(requests.at(-1)?.policyDocument, doc.getText());
      const d = await withCode(doc.uri, 'REMOTE_ONLY_EXAMPLE');
      assert.ok(d.range.isEqual(rangeOf(doc, '"Federated"')));
      assert.match(d.message, /^\[IAM Access Analyzer\] A finding only the service knows about\.$/);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(0, 1), ' ');
      await vscode.workspace.applyEdit(edit);
      await diagnosticsWhere(doc.uri, (ds) => !ds.some((x) => codeOf(x) === 'REMOTE_ONLY_EXAMPLE'), 'remote findings to go stale after an edit');
    });

    it('fails gracefully without permission and when offline', async () => {
      const doc = await openUntitled(fixtureText('identity-s3.json'));
      reply = { status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: { message: 'not authorized' } };
      const denied = await vscode.commands.executeCommand<Array<{ ok: boolean; kind?: string }>>('stsLens.policy.validateWithAccessAnalyzer', doc.uri);
      assert.deepStrictEqual(denied.map((r) => r.kind), ['denied']);
      const port = (server.address() as AddressInfo).port;
      process.env.AWS_ENDPOINT_URL_ACCESSANALYZER = 'http://127.0.0.1:9';
      try {
        const offline = await vscode.commands.executeCommand<Array<{ ok: boolean; kind?: string }>>('stsLens.policy.validateWithAccessAnalyzer', doc.uri);
        assert.deepStrictEqual(offline.map((r) => r.kind), ['offline']);
      } finally {
        process.env.AWS_ENDPOINT_URL_ACCESSANALYZER = `http://127.0.0.1:${port}`;
      }
      assert.ok(ours(doc.uri).every((d) => !d.message.startsWith('[IAM Access Analyzer]')));
    });
  });

  describe('speed (printed, not asserted)', () => {
    it('publishes diagnostics for the largest corpus policy after an edit', async function () {
      const corpus = path.resolve(repoRoot(), '..', 'shared', 'corpus', 'aws-managed-policies');
      if (!fs.existsSync(corpus)) this.skip();
      const largest = fs.readdirSync(corpus).map((f) => path.join(corpus, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
      const text = JSON.stringify((JSON.parse(fs.readFileSync(largest, 'utf8')) as { document: unknown }).document, null, 2);
      const doc = await openUntitled(text);
      await diagnosticsWhere(doc.uri, () => true, 'first diagnostics');
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const marker = `sts-lens-bench-${i}`;
        const published = diagnosticsWhere(doc.uri, (ds) => ds.some((d) => d.message.includes(marker)), `diagnostics after edit ${i}`);
        const started = performance.now();
        const edit = new vscode.WorkspaceEdit();
        const firstAction = doc.getText().indexOf('"Action"');
        const valueStart = doc.getText().indexOf('"', doc.getText().indexOf(':', firstAction) + 1);
        edit.insert(doc.uri, doc.positionAt(valueStart + 1), `${marker}:`);
        await vscode.workspace.applyEdit(edit);
        await published;
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(`[bench] edit -> published diagnostics in VS Code, ${path.basename(largest)} (${(text.length / 1024).toFixed(1)} KB): median ${times[2].toFixed(1)} ms, max ${times[4].toFixed(1)} ms (an edit after a pause is linted at once; within a burst the debounce is 15-75 ms)`);
    });
  });
});
