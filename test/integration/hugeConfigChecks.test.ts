import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { lintAwsConfig } from '../../src/core/profiles/configLint';
import { activate, command, failure } from './profilesHelpers';
import { testWorld } from './world';

/** 200,000 profiles (7 MB): seconds of the config linter's reading of their headers, on whichever thread runs it. */
const PROFILES = Array.from({ length: 200_000 }, (_, i) => `[profile p${i}]\nregion = eu-west-1\n`).join('');

/**
 * Hover requests go from the extension host to the window and back: each is answered only on a turn
 * of the host's event loop, which a check on the host's thread holds for seconds. Resolves once ten
 * were answered, saying whether `done()` was already true then.
 */
async function doneBeforeTenHovers(done: () => boolean): Promise<boolean> {
  const hovered = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-hover-')), 'hovered.config'));
  fs.writeFileSync(hovered.fsPath, '[profile x]\nrole_arn = arn:aws:iam::123456789012:role/x\n');
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(hovered), 'aws-config');
  for (let i = 0; i < 10; i++) {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 3));
    assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /ARN of the IAM role to assume/);
  }
  return done();
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sts-lens');

function diagnosticsOf(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString()) || ours(uri).length === 0) return;
      listener.dispose();
      resolve(ours(uri));
    });
  });
}

describe('an AWS config file of 200,000 profiles: the config linter checks it off the extension host\'s thread', function () {
  this.timeout(180_000);
  const world = testWorld();
  const original = process.env.AWS_CONFIG_FILE;
  let dir: string;
  before(activate);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-huge-config-'));
  });
  after(async () => {
    process.env.AWS_CONFIG_FILE = original;
    await command('stsLens.refreshProfiles');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Start Session refuses a profile the linter reports, in the linter\'s words and line, and the editor answers hovers meanwhile', async () => {
    const config = path.join(dir, 'config');
    const roleArn = world.roles.sts_role.arn;
    fs.writeFileSync(config, `${fs.readFileSync(world.configFile, 'utf8')}\n${PROFILES}[profile short-role]\nrole_arn = ${roleArn}\nsource_profile = sts-user\nduration_seconds = 50\nendpoint_url = ${world.endpointUrl}\nregion = us-east-1\n`);
    process.env.AWS_CONFIG_FILE = config;
    await command('stsLens.refreshProfiles');
    const line = fs.readFileSync(config, 'utf8').split('\n').indexOf('duration_seconds = 50') + 1;
    // The editor answers while the chain is checked. Which comes first is not asserted: the worker's
    // check of the chain's sections may end before ten hovers, which wait on the view's own reload.
    const refusal = failure('stsLens.startSession', { profile: 'short-role' });
    await doneBeforeTenHovers(() => false);
    const e = await refusal;
    assert.strictEqual(e.kind, 'validation');
    assert.match(e.message, /^Start Session was not sent: duration_seconds is 50, outside the 900–43200 seconds/);
    assert.ok(e.message.includes(`(${config} line ${line})`), e.message);
  });

  it('shows the Problems panel\'s findings of the open file with their ranges, while the editor answers', async () => {
    const file = path.join(dir, 'open.config');
    // The profile names of the credentials file beside it decide whether a source profile exists.
    fs.writeFileSync(path.join(dir, 'credentials'), '[creds-only]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n');
    const text = `[profile first]\nregoin = eu-west-1\n${PROFILES}[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = creds-only\n[profile last]\nrole_arn = arn:aws:iam::12345:role/x\nsource_profile = nowhere\nduration_seconds = 50\n`;
    fs.writeFileSync(file, text);
    const uri = vscode.Uri.file(file);
    const shown = diagnosticsOf(uri);
    await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'aws-config');
    assert.strictEqual(await doneBeforeTenHovers(() => ours(uri).length > 0), false, 'ten hovers were answered before the file was linted');
    const summary = (code: unknown, message: string, r: { startLine: number; startColumn: number; endLine: number; endColumn: number }) => `${String(code)}@${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn} ${message}`;
    const expected = lintAwsConfig(text, 'config', { otherFileProfiles: ['creds-only'] }).map((f) => summary(f.code, f.message, f.range)).sort();
    const ds = (await shown).map((d) => summary(d.code, d.message, { startLine: d.range.start.line, startColumn: d.range.start.character, endLine: d.range.end.line, endColumn: d.range.end.character })).sort();
    assert.deepStrictEqual(ds, expected);
    assert.ok(ds.some((d) => d.startsWith('missing-source-profile@')) && !ds.some((d) => d.includes('creds-only')), ds.join('\n'));
  });
});
