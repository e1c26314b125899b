import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { useWorkbench, type Workbench } from './workbench';

function world(): { issueUrl: string; accountId: string } {
  const file = process.env.STS_LENS_TEST_WORLD;
  if (!file) throw new Error('STS_LENS_TEST_WORLD is not set: run UI tests with `npm run test:ui`.');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { issueUrl: string; accountId: string };
}

/** Answers the quick input whose title contains `title` with `text`. */
async function answer(wb: Workbench, title: string, text: string): Promise<void> {
  // The prompt whose title holds `title`, focused and enabled: the text of the step before may still show it in a row.
  await wb.quickInput(title);
  await wb.page.keyboard.type(text, { delay: 2 });
  await wb.page.keyboard.press('Enter');
}

describe('policy debugging UI: Evaluate Against the Account\'s Policies from a decoded message', function () {
  let folder: string;

  before(async function () {
    const w = world();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-evaluate-ui-'));
    // The sandbox's own log writer: the journey a newcomer follows there.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script of the test harness.
    const { writeAppRoleDenialLog } = require(path.join(__dirname, '..', '..', '..', 'test', 'harness', 'app-role-denial.js')) as { writeAppRoleDenialLog(url: string, world: unknown, folder: string): Promise<string> };
    await writeAppRoleDenialLog(w.issueUrl, w, folder);
  });

  const workbench = useWorkbench(() => ({ folder, settings: { 'workbench.startupEditor': 'none' } }));

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('decodes the app_role denial, evaluates it from the decoded line, and shows the result in the panel', async function () {
    const wb = workbench();
    const page = wb.page;
    await wb.runCommand('STS Lens: Switch Identity…');
    await answer(wb, 'Switch Identity', 'policy-reader');
    await wb.openFile('app-role-denial.log', /cleanup:/);
    await page.locator('.codelens-decoration a', { hasText: 'Decode' }).first().click();
    await page.locator('.codelens-decoration a', { hasText: /DENIED s3:DeleteObject/ }).first().waitFor();
    const evaluate = page.locator('.monaco-editor[data-uri$="app-role-denial.log"] .codelens-decoration a', { hasText: 'Evaluate Against the Account\'s Policies' }).first();
    await evaluate.click();
    await page.locator('.tabs-container .tab', { hasText: 'inline-app-guard.json' }).waitFor();
    await wb.editorText(/"Sid":\s"DenyDeletes"/).waitFor();
    const panel = page.locator('.part.panel');
    await panel.getByRole('treeitem', { name: /EXPLICITLY DENIED/ }).first().waitFor();
    await panel.getByRole('treeitem', { name: /Decided by.*DenyDeletes/ }).first().waitFor();
    assert.strictEqual(await page.locator('.editor-group-container').count(), 1, 'the policy opens in the active group: no second or third group');
    await wb.screenshot('evaluate-account');
  });

  it('says when the active identity may not read the policies, and reads them as one chosen from the notification', async function () {
    const wb = workbench();
    const page = wb.page;
    // The sandbox's `default` profile (sts-user) may not read IAM: a newcomer's first Evaluate.
    await wb.runCommand('STS Lens: Switch Identity…');
    await answer(wb, 'Switch Identity', 'default');
    await page.locator('.statusbar-item', { hasText: 'default' }).first().waitFor();
    // The policy of the test before is in front; the log, decoded there, is brought back by its tab.
    await page.locator('.tabs-container .tab', { hasText: 'app-role-denial.log' }).first().click();
    await wb.editorText(/cleanup:/).waitFor();
    const evaluate = page.locator('.monaco-editor[data-uri$="app-role-denial.log"] .codelens-decoration a', { hasText: 'Evaluate Against the Account\'s Policies' }).first();
    await evaluate.click();
    const toast = wb.notification(/default may not read \d+ of the parts that decide this request/);
    await toast.waitFor();
    const panel = page.locator('.part.panel');
    await panel.getByRole('treeitem', { name: /PARTIAL ANSWER/ }).first().waitFor();
    // The way out is the notification's first button: it names the profile that read every part before.
    const buttons = toast.locator('.monaco-button');
    assert.strictEqual((await buttons.first().innerText()).trim(), 'Read as policy-reader');
    assert.strictEqual((await buttons.nth(1).innerText()).trim(), 'Read as Another Identity…');
    await wb.screenshot('evaluate-partial-offers-reader');
    await buttons.first().click();
    await panel.getByRole('treeitem', { name: /EXPLICITLY DENIED/ }).first().waitFor();
    await wb.waitUntil('the partial answer replaced', async () => (await panel.getByRole('treeitem', { name: /PARTIAL ANSWER/ }).count()) === 0);
    // The choice was for this evaluation only: the active identity stays.
    await page.locator('.statusbar-item', { hasText: 'default' }).first().waitFor();
  });
});

describe('policy debugging UI: Simulate Request and policy tests', function () {
  const workbench = useWorkbench(() => ({ settings: { 'workbench.startupEditor': 'none' } }));

  it('simulates a request from the lens: deciding statement highlighted, failed condition annotated', async function () {
    const wb = workbench();
    const page = wb.page;
    await wb.openFile('guardrail-scp.json', /DenyOutsideUsEast1/);
    await page.locator('.codelens-decoration a', { hasText: 'Simulate Request' }).first().click();
    await answer(wb, 'Simulate Request (1/4)', 's3:GetObject');
    await answer(wb, 'Simulate Request (2/4)', 'arn:aws:s3:::sts-lens-demo-bucket/2026/q3.csv');
    await answer(wb, 'Simulate Request (3/4)', 'arn:aws:sts::123456789012:assumed-role/reporting/alice');
    const contextPick = page.locator('.quick-input-widget', { hasText: 'Simulate Request (4/4)' });
    // Keys typed before the pick's input has focus are lost: "ws:RequestedRegion" is a key of its own.
    await wb.quickInput('Simulate Request (4/4)');
    await page.keyboard.type('aws:RequestedRegion', { delay: 2 });
    // The list filters as the keys arrive: a row clicked while it is still being laid out can miss
    // the click, so the key is checked once the filter has settled, and until the pick counts it.
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await wb.waitUntil('the filter to leave aws:RequestedRegion alone', async () => (await rows.count()) === 1 && (await rows.first().innerText()).includes('aws:RequestedRegion'));
    const checkbox = rows.first().locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-checkbox').first();
    await checkbox.click();
    await wb.waitUntil('aws:RequestedRegion to be checked', async () => {
      if ((await contextPick.locator('.quick-input-count', { hasText: '1 Selected' }).count()) > 0) return true;
      if ((await contextPick.locator('.quick-input-count', { hasText: '0 Selected' }).count()) > 0) await checkbox.click();
      return false;
    });
    await page.keyboard.press('Enter');
    await answer(wb, 'aws:RequestedRegion', 'us-east-1');
    const panel = page.locator('.part.panel');
    await panel.getByRole('treeitem', { name: /^ALLOWED/ }).first().waitFor();
    const condition = panel.getByRole('treeitem', { name: /StringNotEquals aws:RequestedRegion/ }).first();
    await condition.waitFor();
    // The failed condition is marked on its own key; its hover says why.
    await condition.click();
    const editor = page.locator('.monaco-editor[data-uri$="guardrail-scp.json"]');
    await editor.locator('.view-lines', { hasText: /aws:RequestedRegion/ }).waitFor();
    await wb.waitUntil('the condition key selected in the editor', async () => (await editor.locator('.selected-text').count()) > 0);
    // Into the key, then Show Hover at the cursor.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.locator('.monaco-hover', { hasText: 'Condition failed' }).first().waitFor();
    await page.locator('.monaco-hover', { hasText: 'request has us-east-1' }).first().waitFor();
    assert.strictEqual(await page.locator('.editor-group-container').count(), 1, 'no editor group beside the policy');
    await wb.screenshot('simulate-request');
  });

  it('runs the policy tests in the Test Explorer and shows the failing case', async function () {
    const wb = workbench();
    const page = wb.page;
    await wb.runCommand('Test: Run All Tests');
    await wb.openViewContainer('Testing');
    await page.locator('.sidebar .monaco-list-row', { hasText: 'region-guardrail.policytest.json' }).first().waitFor();
    await wb.waitUntil('a failed test in the tree', async () => (await page.locator('.sidebar .codicon-testing-failed-icon, .sidebar .codicon-testing-error-icon').count()) > 0);
    const passed = await page.locator('.sidebar .codicon-testing-passed-icon').count();
    assert.ok(passed >= 2, `expected passing tests in the tree, saw ${passed}`);
    await wb.screenshot('policy-tests');
  });
});
