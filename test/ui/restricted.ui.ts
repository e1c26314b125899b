import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { useWorkbench } from './workbench';

/** A repository that tries to hide a finding and to send credentials to a customer's API Gateway. */
function hostileWorkspace(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-hostile-'));
  fs.mkdirSync(path.join(folder, '.vscode'));
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({
    'stsLens.policy.severity': { PASS_ROLE_WITH_STAR_IN_RESOURCE: 'off' },
    'stsLens.sts.endpoint': 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
  }, null, 2));
  fs.writeFileSync(path.join(folder, 'pass-any-role.json'), JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'PassAnyRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
  }, null, 2));
  return folder;
}

describe('Restricted Mode: a hostile workspace opened untrusted, then trusted', function () {
  const folder = hostileWorkspace();
  // startupPrompt never: the folder opens untrusted without the question, as after answering "No".
  const workbench = useWorkbench({ folder, workspaceTrust: true, settings: { 'security.workspace.trust.startupPrompt': 'never' } });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('shows the finding the workspace settings would hide while untrusted, and applies those settings once trusted', async function () {
    const wb = workbench();
    const page = wb.page;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.type('pass-any-role.json', { delay: 20 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'pass-any-role.json' }).first().waitFor();
    await page.keyboard.press('Enter');
    await wb.editorText(/PassAnyRole/).waitFor();
    // Untrusted: stsLens.policy.severity from .vscode/settings.json is ignored, so the security warning shows.
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor();
    await wb.screenshot('restricted-untrusted-finding-shown');
    // Untrusted: calls go where your own AWS config says, without a question about the workspace's endpoint.
    await wb.runCommand('STS Lens: Show Caller Identity');
    await wb.notification(/user\/sts-user/).waitFor();
    assert.strictEqual(await page.locator('.monaco-dialog-box').count(), 0);

    await wb.runCommand('Workspaces: Manage Workspace Trust');
    await page.getByRole('button', { name: /^Trust( Folder)?$/ }).first().click();
    await wb.waitUntil('Restricted Mode to end', async () => (await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count()) === 0);
    await page.locator('.tabs-container .tab', { hasText: 'pass-any-role.json' }).first().click();
    await wb.editorText(/PassAnyRole/).waitFor();
    // Trusted: the workspace may lower the severity, and the squiggle goes.
    await wb.waitUntil('the workspace severity to apply', async () => (await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count()) === 0);
    await wb.screenshot('restricted-trusted-severity-applied');
  });
});
