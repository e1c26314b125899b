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

/**
 * The test world's AWS config plus a profile without `endpoint_url`: a profile's own endpoint wins
 * over `stsLens.sts.endpoint`, so only such a profile lets the workspace's endpoint decide.
 */
function configWithoutProfileEndpoint(dir: string): string {
  const world = process.env.AWS_CONFIG_FILE;
  if (!world) throw new Error('AWS_CONFIG_FILE is not set: run the UI tests through scripts/test.js');
  const file = path.join(dir, 'config');
  // AWS's documented example keys: the call is refused before any credentials are read.
  fs.writeFileSync(file, `${fs.readFileSync(world, 'utf8')}\n[profile no-endpoint]\nregion = us-east-1\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`, { mode: 0o600 });
  return file;
}

describe('Restricted Mode: a hostile workspace opened untrusted, then trusted', function () {
  const folder = hostileWorkspace();
  const awsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-hostile-aws-'));
  // startupPrompt never: the folder opens untrusted without the question, as after answering "No".
  const workbench = useWorkbench(() => ({
    folder,
    workspaceTrust: true,
    settings: { 'security.workspace.trust.startupPrompt': 'never' },
    env: { AWS_CONFIG_FILE: configWithoutProfileEndpoint(awsDir) },
  }));
  after(() => {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(awsDir, { recursive: true, force: true });
  });

  it('shows the finding the workspace settings would hide while untrusted, and applies those settings once trusted', async function () {
    const wb = workbench();
    const page = wb.page;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
    await wb.openFile('pass-any-role.json', /PassAnyRole/);
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

  it('trusted, the workspace\'s endpoint is asked about and Enter answers "Don\'t Send": nothing is sent, and the window says so', async function () {
    const wb = workbench();
    const page = wb.page;
    await wb.waitUntil('the workspace to be trusted', async () => (await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count()) === 0);
    // The test before showed sts-user's identity: clear it, so that any notification seen below is this test's.
    await wb.runCommand('Notifications: Clear All Notifications');
    await wb.waitUntil('no notification left', async () => (await page.locator('.notification-list-item').count()) === 0);
    // A profile without its own endpoint_url, so the workspace's stsLens.sts.endpoint is the one used.
    await wb.runCommand('STS Lens: Switch Identity…');
    await wb.quickInput('Switch Identity');
    await page.keyboard.type('no-endpoint', { delay: 20 });
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'no-endpoint' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: 'no-endpoint' }).first().waitFor();

    const dialog = page.locator('.monaco-dialog-box', { hasText: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com' });
    const askedAndFocused = async (): Promise<void> => {
      await wb.runCommand('STS Lens: Show Caller Identity');
      await dialog.waitFor();
      // Enter presses the focused button, once the dialog has the keyboard.
      await wb.waitUntil('the dialog to take the keyboard', () =>
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's DOM; the tests compile without the DOM types
        page.evaluate(() => !!(globalThis as any).document.activeElement?.closest('.monaco-dialog-box')),
      );
    };
    await askedAndFocused();
    await wb.screenshot('restricted-endpoint-consent-asked');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const notSent = page.locator('.notification-toast', { hasText: /Nothing was sent\. To send this \S+ call to https:\/\/a1b2c3d4e5\.execute-api\.us-east-1\.amazonaws\.com/ });
    await notSent.waitFor();
    // The toast slides in from below the window: wait until all of it shows.
    await wb.waitUntil('the notification to be in view', async () => {
      const box = await notSent.boundingBox();
      return !!box && box.y + box.height <= 900;
    });
    await wb.screenshot('restricted-endpoint-not-sent');
    assert.strictEqual(await page.locator('.notification-list-item', { hasText: /ENOTFOUND|getaddrinfo|could not reach|timed out|account 123456789012/i }).count(), 0);

    // Enter did not allow the endpoint for this workspace: the next call asks again.
    await askedAndFocused();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
