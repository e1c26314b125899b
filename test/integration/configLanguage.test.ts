import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { languageForEnvPath } from '../../src/vscode/configLanguage/configFiles';
import { testWorld } from './world';
import { activateExtension } from './extensionSuite';

/** A broken config file, with the findings each line must produce (1-based line, 0-based columns). */
const BROKEN_CONFIG = [
  '[profile a]', //                                              1
  'role_arn = arn:aws:iam::123456789012:role/A', //              2
  'source_profile = b', //                                       3
  '', //                                                         4
  '[profile b]', //                                              5
  'role_arn = arn:aws:iam::12345:role/B', //                     6
  'source_profile = a', //                                       7
  'duration_seconds = 7200', //                                  8
  'regoin = us-east-1', //                                       9
  '', //                                                        10
  '[dev]', //                                                   11
  'region = us-east-1', //                                      12
  'garbage line', //                                            13
  '',
].join('\n');

const EXPECTED = [
  'source-profile-cycle@3:17-18',
  'invalid-role-arn@6:11-36',
  'source-profile-cycle@7:17-18',
  'chained-duration@8:19-23',
  'unknown-key@9:0-6',
  'missing-profile-prefix@11:0-5',
  'malformed-line@13:0-12',
];

function summary(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return `${String(code)}@${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.character}`;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sts-lens');
}

/** Resolves once the diagnostics of `uri` satisfy `accept`, checking now and on every change. */
function diagnosticsWhere(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = ours(uri);
      if (!accept(ds)) return false;
      listener.dispose();
      clearTimeout(deadline);
      resolve(ds);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const deadline = setTimeout(() => {
      listener.dispose();
      reject(new Error(`Timed out waiting for ${what}; diagnostics now: ${ours(uri).map(summary).join(', ') || 'none'}`));
    }, 20_000);
    check();
  });
}

describe('config language: lint diagnostics for AWS config files in a real VS Code', () => {
  let dir: string;
  let configUri: vscode.Uri;

  before(async () => {
    await activateExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-config-lang-'));
    fs.mkdirSync(path.join(dir, '.aws'));
    configUri = vscode.Uri.file(path.join(dir, '.aws', 'config'));
    fs.writeFileSync(configUri.fsPath, BROKEN_CONFIG);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives a .aws/config file the aws-config language and reports its findings with exact ranges', async () => {
    const doc = await vscode.workspace.openTextDocument(configUri);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'aws-config');
    const ds = await diagnosticsWhere(configUri, (d) => d.length > 0, 'config diagnostics');
    assert.deepStrictEqual(ds.map(summary).sort(), [...EXPECTED].sort());
    const byCode = new Map(ds.map((d) => [summary(d).split('@')[0], d]));
    assert.strictEqual(byCode.get('malformed-line')?.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(byCode.get('unknown-key')?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(byCode.get('unknown-key')?.message ?? '', /Did you mean "region"/);
  });

  it('offers quick fixes that correct a misspelt key and add the profile prefix', async () => {
    const doc = await vscode.workspace.openTextDocument(configUri);
    for (const [code, title, expectLine, expectText] of [
      ['unknown-key', 'Rename to region', 8, 'region = us-east-1'],
      ['missing-profile-prefix', 'Change to [profile dev]', 10, '[profile dev]'],
    ] as const) {
      const diagnostic = ours(configUri).find((d) => summary(d).startsWith(`${code}@`));
      assert.ok(diagnostic, `a ${code} diagnostic`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', configUri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const action = actions.find((a) => a.title === title);
      assert.ok(action?.edit, `quick fix "${title}" among ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      assert.strictEqual(doc.lineAt(expectLine).text, expectText);
      await diagnosticsWhere(configUri, (d) => !d.some((x) => summary(x).startsWith(`${code}@`)), `the ${code} diagnostic to go after the fix`);
    }
  });

  it('re-lints while typing and clears diagnostics when the document stops being an AWS config', async () => {
    const doc = await vscode.workspace.openTextDocument(configUri);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(7);
    assert.strictEqual(line.text, 'duration_seconds = 7200');
    await editor.edit((b) => b.replace(line.range, 'duration_seconds = 3600'));
    await diagnosticsWhere(configUri, (d) => !d.some((x) => summary(x).startsWith('chained-duration@')), 'the chained-duration diagnostic to go');
    assert.ok(ours(configUri).length > 0, 'other findings stay');
    // Changing the language closes the aws-config document and opens a plaintext one.
    await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    await diagnosticsWhere(configUri, (d) => d.length === 0, 'diagnostics to clear when the document closes');
  });

  it('gives the files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE their language ids', async () => {
    const world = testWorld();
    for (const [file, language] of [[world.configFile, 'aws-config'], [world.credentialsFile, 'aws-credentials']] as const) {
      const uri = vscode.Uri.file(file);
      const languageSet = new Promise<void>((resolve) => {
        const check = (d: vscode.TextDocument): boolean => d.uri.toString() === uri.toString() && d.languageId === language;
        if (vscode.workspace.textDocuments.some(check)) return resolve();
        const listener = vscode.workspace.onDidOpenTextDocument((d) => {
          if (check(d)) {
            listener.dispose();
            resolve();
          }
        });
      });
      await vscode.workspace.openTextDocument(uri);
      await languageSet;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === language);
      assert.ok(doc, `${file} is open as ${language}`);
    }
  });

  it('completes source_profile with profile names, explains a setting on hover and goes to the source profile', async () => {
    const file = vscode.Uri.file(path.join(dir, '.aws', 'config'));
    // An earlier test turned this document into plain text.
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(file), 'aws-config');
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n[profile new]\nsource_profile = '));
    const position = doc.lineAt(doc.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', file, position, '=');
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const name of ['a', 'b']) assert.ok(labels.includes(name), `${name} among ${labels.join(', ')}`);
    assert.ok(!labels.includes('new'), 'a profile is not its own source');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file, new vscode.Position(1, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /ARN of the IAM role to assume/);
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', file, new vscode.Position(2, 17));
    const target = targets[0];
    const targetRange = target && 'targetRange' in target ? target.targetRange : target?.range;
    assert.strictEqual(targetRange?.start.line, 4, 'source_profile = b leads to [profile b]');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('recognises config and credentials files by the paths the environment variables name', async () => {
    const custom = vscode.Uri.file(path.join(dir, 'team-profiles'));
    fs.writeFileSync(custom.fsPath, '[default]\nregion = us-east-1\n');
    const doc = await vscode.workspace.openTextDocument(custom);
    assert.strictEqual(doc.languageId, 'plaintext');
    assert.strictEqual(languageForEnvPath(doc, { HOME: dir, AWS_CONFIG_FILE: custom.fsPath }), 'aws-config');
    assert.strictEqual(languageForEnvPath(doc, { HOME: dir, AWS_SHARED_CREDENTIALS_FILE: custom.fsPath }), 'aws-credentials');
    assert.strictEqual(languageForEnvPath(doc, { HOME: dir }), undefined);
  });

  it('reports one finding on a config file saved as UTF-16, in the words of the Profiles view', async () => {
    const file = vscode.Uri.file(path.join(dir, 'utf16.config'));
    fs.writeFileSync(file.fsPath, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[profile a]\nregoin = us-east-1\n', 'utf16le')]));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.languages.setTextDocumentLanguage(doc, 'aws-config');
    const ds = await diagnosticsWhere(file, (d) => d.length > 0, 'the UTF-16 finding');
    assert.deepStrictEqual(ds.map((d) => [summary(d), d.message, d.severity]), [[
      'file-encoding@1:0-11',
      'The AWS CLI and SDKs cannot read this file: it is saved as UTF-16, and the AWS CLI and SDKs read only UTF-8: save it again as UTF-8.',
      vscode.DiagnosticSeverity.Error,
    ]]);
  });

  it('reports a source_profile missing from both files, reading profile names from the credentials file', async () => {
    const world = testWorld();
    const credentialsProfiles = fs.readFileSync(world.credentialsFile, 'utf8').match(/^\[([^\]]+)\]/m)?.[1];
    assert.ok(credentialsProfiles, 'the harness credentials file has a profile');
    const file = vscode.Uri.file(path.join(dir, 'sources.config'));
    fs.writeFileSync(
      file.fsPath,
      `[profile uses-credentials]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = ${credentialsProfiles}\n\n[profile uses-nothing]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = nowhere-at-all\n`,
    );
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.languages.setTextDocumentLanguage(doc, 'aws-config');
    const ds = await diagnosticsWhere(file, (d) => d.length > 0, 'source profile diagnostics');
    // This file is not the configured config file, so its counterpart is a sibling "credentials" that does not exist.
    assert.deepStrictEqual(ds.map(summary).sort(), [`missing-source-profile@3:17-${17 + credentialsProfiles.length}`, 'missing-source-profile@7:17-31']);
    fs.writeFileSync(path.join(dir, 'credentials'), `[${credentialsProfiles}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n`);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(file, new vscode.Position(0, 0), '# touched\n');
    await vscode.workspace.applyEdit(edit);
    const after = await diagnosticsWhere(file, (d) => d.length === 1, 'one missing source profile once the sibling credentials file exists');
    assert.deepStrictEqual(after.map(summary), ['missing-source-profile@8:17-31']);
  });
});
