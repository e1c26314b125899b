import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, writeWorkspaceFile } from './diagnosticsHelpers';
import { activateExtension } from './extensionSuite';

const LENS_PREFIX = '$(git-compare) Access since HEAD:';

const policy = (...Statement: object[]) => `${JSON.stringify({ Version: '2012-10-17', Statement }, null, 2)}\n`;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

/** Resolves once `probe` gives a value, asking again whenever the lenses may have changed; fails with `what` after 90 s. */
async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 90_000;
  let last: unknown;
  for (;;) {
    const v = await probe().catch((e: unknown) => ((last = e), undefined));
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    // The lens provider answers from the git extension, which reports repositories asynchronously: ask again shortly.
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Replaces the open document's text as typing would (unsaved): the lens reads the editor's text. */
async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

async function accessLens(uri: vscode.Uri): Promise<vscode.CodeLens | undefined> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.find((l) => l.command?.title.startsWith(LENS_PREFIX));
}

describe('access since HEAD in a real VS Code with a real git repository', function () {
  // The git extension finds the new repository in its own time; on a busy machine that takes a while.
  this.timeout(180_000);
  let repo: string;

  before(async () => {
    await activateExtension();
    const app = writeWorkspaceFile('access-repo/policies/app.json', policy({ Sid: 'Objects', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::app-data/*' }, { Sid: 'Queue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }));
    writeWorkspaceFile('access-repo/policies/trust.json', policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }));
    writeWorkspaceFile('access-repo/policies/typed.json', policy({ Sid: 'ReadReports', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] }));
    repo = path.dirname(path.dirname(app.fsPath));
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'policies');
    await vscode.commands.executeCommand('git.openRepository', repo);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a policy equal to HEAD has no lens; an edit that narrows s3:* to s3:Get* and adds iam:PassRole reads "+1 action, −N"', async () => {
    const uri = vscode.Uri.file(path.join(repo, 'policies', 'app.json'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(await accessLens(uri), undefined, 'no lens while the file is as at HEAD');
    // A reordered copy grants the same: the lens says so.
    await setText(doc, policy({ Sid: 'Queue', Effect: 'Allow', Action: 'SQS:sendmessage', Resource: '*' }, { Sid: 'Objects', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::app-data/*' }));
    const same = await until(async () => {
      const l = await accessLens(uri);
      return l && /no change$/.test(l.command!.title) ? l : undefined;
    }, 'the "no change" lens');
    assert.strictEqual(same.command!.title, `${LENS_PREFIX} no change`);

    // iam:PassRole counts on the role's ARN only: an S3 object is no resource of it.
    await setText(doc, policy({ Sid: 'Objects', Effect: 'Allow', Action: ['s3:Get*', 'iam:PassRole'], Resource: ['arn:aws:s3:::app-data/*', 'arn:aws:iam::111122223333:role/app-*'] }, { Sid: 'Queue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }));
    const lens = await until(async () => {
      const l = await accessLens(uri);
      return l && /\+1 action, −\d+$/.test(l.command!.title) ? l : undefined;
    }, 'the changed-access lens');
    assert.strictEqual(lens.range.start.line, 0);

    const viewUri = await vscode.commands.executeCommand<vscode.Uri>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.ok(viewUri, 'the lens opens the access diff');
    const view = vscode.workspace.textDocuments.find((d) => d.uri.toString() === viewUri.toString());
    assert.ok(view, 'the diff is open as a document');
    const text = view.getText();
    assert.match(text, /^Access of access-repo\/policies\/app\.json since HEAD: \+1 action, -\d+/);
    assert.match(text, /Added \(1 action\)\n {2}iam — 1 action\n {4}\+ on arn:aws:iam::111122223333:role\/app-\*\n {8}iam:PassRole {2}← statement "Objects", line 4/);
    assert.match(text, /s3:PutObject {2}← statement "Objects", line 4 at HEAD/);
    assert.doesNotMatch(text, /s3:GetObject /);
    // Each action leads to its statement: the new one in the file, the old one in the file at HEAD.
    const items = await vscode.commands.executeCommand<{ line: number; side: string; targetLine: number }[]>('stsLens.internal.accessDiffItems', viewUri.toString());
    const passRole = items.find((i) => view.lineAt(i.line).text.includes('iam:PassRole'));
    assert.deepStrictEqual(passRole && { side: passRole.side, targetLine: passRole.targetLine }, { side: 'new', targetLine: 3 });
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', viewUri);
    const link = links.find((l) => l.range.start.line === passRole!.line);
    assert.strictEqual(link?.target?.fsPath, uri.fsPath);
    assert.strictEqual(link?.target?.fragment, 'L4,5');
    const removed = items.find((i) => view.lineAt(i.line).text.includes('s3:PutObject'));
    assert.strictEqual(removed?.side, 'base');
  });

  it('an edit made while the lens was being computed: the lens answers for the text as it is now, not for the one typed over', async () => {
    // Not shown in an editor, so that only this test asks for its lenses: the first question reads the
    // file at HEAD with git, and the edit lands while git runs.
    const uri = vscode.Uri.file(path.join(repo, 'policies', 'typed.json'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const asked = accessLens(uri);
    await setText(doc, doc.getText().replace('"s3:ListBucket"\n', '"s3:ListBucket",\n        "s3:PutObject"\n'));
    assert.strictEqual(await asked, undefined, 'the text as at HEAD has no lens');
    const lens = await until(async () => (await accessLens(uri)) ?? undefined, 'the lens of the edited policy');
    assert.strictEqual(lens.command!.title, `${LENS_PREFIX} +1 action`);
    assert.strictEqual(lens.command!.tooltip, 'What this policy grants that it did not at HEAD, what it no longer grants, and what its Deny statements newly deny or no longer deny');
  });

  it('a trust policy that trusts one more account says who can assume it now and who could before', async () => {
    const uri = vscode.Uri.file(path.join(repo, 'policies', 'trust.json'));
    fs.writeFileSync(uri.fsPath, policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '444455556666'] }, Action: 'sts:AssumeRole' }));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lens = await until(async () => {
      const l = await accessLens(uri);
      return l && /who can assume: \+1$/.test(l.command!.title) ? l : undefined;
    }, 'the trust lens');
    assert.strictEqual(lens.command!.title, `${LENS_PREFIX} +1 action \u00b7 who can assume: +1`);
    const viewUri = await vscode.commands.executeCommand<vscode.Uri>(lens.command!.command, ...(lens.command!.arguments ?? []));
    const text = vscode.workspace.textDocuments.find((d) => d.uri.toString() === viewUri.toString())!.getText();
    assert.match(text, /Who can assume this role now:\n {2}arn:aws:iam::111122223333:root — sts:AssumeRole\n {2}arn:aws:iam::444455556666:root — sts:AssumeRole\nWho could assume it at HEAD:\n {2}arn:aws:iam::111122223333:root — sts:AssumeRole\n/);
  });

  it('"Show Access Since HEAD" on a changed file of the Source Control view opens the access diff of a policy, and says why for other files', async () => {
    const contributed = vscode.extensions.getExtension('sts-lens.sts-lens')?.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
    const entry = contributed.contributes.menus['scm/resourceState/context']?.find((m) => m.command === 'stsLens.showAccessDiff');
    assert.match(entry?.when ?? '', /scmProvider == git/);

    // The rows of the Source Control view are the git extension's changes; their command argument is a resource state.
    const trust = vscode.Uri.file(path.join(repo, 'policies', 'trust.json'));
    // Changed on disk here too, so that this test stands alone.
    fs.writeFileSync(trust.fsPath, policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '444455556666'] }, Action: 'sts:AssumeRole' }));
    const notes = writeWorkspaceFile('access-repo/notes.txt', 'not a policy\n');
    const git = vscode.extensions.getExtension<{ getAPI(v: 1): { getRepository(u: vscode.Uri): { status(): Promise<void>; state: { workingTreeChanges: { uri: vscode.Uri }[]; untrackedChanges: { uri: vscode.Uri }[] } } | null } }>('vscode.git')!.exports.getAPI(1);
    const changes = await until(async () => {
      const r = git.getRepository(trust);
      await r?.status();
      const all = [...(r?.state.workingTreeChanges ?? []), ...(r?.state.untrackedChanges ?? [])].map((c) => c.uri.fsPath);
      return all.includes(trust.fsPath) && all.includes(notes.fsPath) ? all : undefined;
    }, 'git to list the changed trust policy and the new notes file');
    assert.ok(changes.includes(trust.fsPath));

    const viewUri = await vscode.commands.executeCommand<vscode.Uri | undefined>('stsLens.showAccessDiff', { resourceUri: trust });
    assert.ok(viewUri, 'the Source Control entry opens the access diff');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), viewUri.toString());
    assert.match(vscode.window.activeTextEditor.document.getText(), /^Access of access-repo\/policies\/trust\.json since HEAD: \+1 action/);

    const none = await vscode.commands.executeCommand<vscode.Uri | undefined>('stsLens.showAccessDiff', { resourceUri: notes });
    assert.strictEqual(none, undefined, 'a file that holds no policy has no access diff');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), viewUri.toString(), 'nothing else opens');
  });

  it('a notGranted rule of the project file is a NOT_GRANTED error at the statement that grants it', async () => {
    writeWorkspaceFile('guarded/.sts-lens.json', '{ "notGranted": { "roles/*.json": { "actions": ["iam:PassRole"], "resources": ["*"] } } }\n');
    const uri = writeWorkspaceFile('guarded/roles/deploy.json', policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'Admin', Effect: 'Allow', Action: 'iam:*', Resource: '*' }));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWhere(uri, (all) => all.some((d) => codeOf(d) === 'NOT_GRANTED'), 'the NOT_GRANTED finding');
    const f = ds.find((d) => codeOf(d) === 'NOT_GRANTED')!;
    assert.strictEqual(f.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(f.range.start.line, 9, 'at the "Admin" statement');
    assert.match(f.message, /grants iam:PassRole on \*, which \.sts-lens\.json forbids for "roles\/\*\.json"/);
  });
});
