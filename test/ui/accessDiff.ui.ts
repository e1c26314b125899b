import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { useWorkbench } from './workbench';

const policy = (...Statement: object[]) => `${JSON.stringify({ Version: '2012-10-17', Statement }, null, 2)}\n`;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

/** The access diff view's text, once it shows the removed actions: its rows top to bottom as one run of words. */
async function accessDiffText(page: Page): Promise<string> {
  await page.locator('.tabs-container .tab', { hasText: /Access since HEAD/ }).first().waitFor();
  // Monaco draws spaces as U+00A0, so every space in these patterns is \s.
  const view = page.locator('.monaco-editor[data-uri^="sts-lens-access:"] .view-lines');
  await view.filter({ hasText: /Removed\s\(2\sactions\)/ }).waitFor();
  // Lines wrap in the view, and Monaco may keep its rows out of order in the DOM.
  return view.locator('.view-line').evaluateAll((rows) =>
    // Runs in the browser; the tests compile without the DOM library.
    (rows as unknown as { style: { top: string }; textContent: string | null }[])
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((row) => row.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' '),
  );
}

describe('access diff UI: the "Access since HEAD" lens of a policy changed in a git workspace', function () {
  let folder: string;

  before(function () {
    // A repository whose policy grants s3:PutObject and SendMessage anywhere at HEAD, and in the
    // working tree s3:DeleteObject instead of PutObject and SendMessage in one Region only.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-access-ui-'));
    const file = path.join(folder, 'policies', 'app.json');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, policy({ Sid: 'Objects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::app-data/*' }, { Sid: 'Queue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }));
    git(folder, 'init', '-q');
    git(folder, 'add', '.');
    git(folder, 'commit', '-qm', 'policies');
    fs.writeFileSync(file, policy({ Sid: 'Objects', Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::app-data/*' }, { Sid: 'Queue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }));
  });

  const workbench = useWorkbench(() => ({ folder, settings: { 'workbench.startupEditor': 'none' } }));

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('waits for the lens, clicks it, and reads the added and removed actions with the statements that cause them', async function () {
    const wb = workbench();
    const page = wb.page;
    await wb.openFile('app.json', /"Sid":\s"Objects"/);

    // The git extension finds the repository in its own time; the lens comes once it has.
    const lens = page.locator('.codelens-decoration a', { hasText: /Access since HEAD: \+1 action, \u22122/ }).first();
    await lens.waitFor({ timeout: 120000 });
    await lens.click();

    const text = await accessDiffText(page);
    const added = text.slice(text.indexOf('Added'), text.indexOf('Removed'));
    const removed = text.slice(text.indexOf('Removed'));
    assert.match(added, /s3:DeleteObject \u2190 statement "Objects", line \d+/, text);
    assert.doesNotMatch(added, /s3:PutObject|s3:GetObject|sqs:SendMessage/, text);
    assert.match(removed, /s3:PutObject \u2190 statement "Objects", line \d+ at HEAD/, text);
    assert.match(removed, /sqs:SendMessage \u2190 statement "Queue", line \d+ at HEAD; now only if StringEquals aws:RequestedRegion eu-west-1/, text);
    await wb.screenshot('access-since-head');
  });

  it('offers Show Access Since HEAD on the changed policy in the Source Control view, which opens the same diff', async function () {
    const wb = workbench();
    const page = wb.page;
    await wb.runCommand('View: Close All Editors');
    await page.locator('.tabs-container .tab', { hasText: /Access since HEAD/ }).waitFor({ state: 'detached' });
    await wb.activityBarTab('Source Control').click();
    // The activity bar's tooltip would cover the first change: move the pointer off it.
    await page.mouse.move(900, 600);
    await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'hidden' });
    const row = page.locator('.scm-view .monaco-list-row', { hasText: 'app.json' }).first();
    await row.waitFor();
    await wb.contextMenu(row, 'Show Access Since HEAD', 'access-diff-scm-menu');
    const text = await accessDiffText(page);
    assert.match(text, /s3:DeleteObject \u2190 statement "Objects", line \d+/, text);
    await wb.screenshot('access-diff-from-scm');
  });
});

describe('access diff UI: a policy with no HEAD to compare with', function () {
  let folder: string;

  before(function () {
    // A folder that is not a git repository (nor inside one: the temporary directory).
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-access-nogit-'));
    fs.writeFileSync(path.join(folder, 'loose.json'), policy({ Sid: 'Loose', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-data/*' }));
  });

  const workbench = useWorkbench(() => ({ folder, settings: { 'workbench.startupEditor': 'none' } }));

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('Show Access Since HEAD says the file is not in a git repository, not that it grants the same', async function () {
    const wb = workbench();
    await wb.openFile('loose.json', /"Sid":\s"Loose"/);
    await wb.runCommand('STS Lens: Show Access Since HEAD');
    const note = wb.notification(/loose\.json is not in a git repository that VS Code has open/);
    await note.waitFor();
    assert.doesNotMatch(await note.innerText(), /grants the same/);
    await wb.screenshot('access-diff-no-repository');
  });
});
