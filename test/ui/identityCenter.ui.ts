import * as assert from 'assert';
import type { Page } from 'playwright-core';
import * as path from 'path';
import { SCREENSHOTS, useWorkbench } from './workbench';

describe('IAM Identity Center UI: device sign-in, accounts and roles, a role session, sign out', function () {
  const workbench = useWorkbench({ settings: { 'workbench.startupEditor': 'none' } });

  it('signs in with a device code approved on the verification page, in a second tab', async function () {
    const wb = workbench();
    await wb.openViewContainer('STS Lens');
    const header = wb.page.locator('.sidebar .pane-header', { hasText: 'IAM Identity Center' }).first();
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const signIn = wb.page.locator('.monaco-list-row', { hasText: /^sandbox\s*signed out/ }).first();
    await signIn.waitFor();
    await wb.screenshot('identity-center-signed-out');

    // The verification page opens in a new tab, as openExternal does in a browser-hosted VS Code.
    const popup = wb.page.context().waitForEvent('page', { timeout: 60000 });
    await wb.contextMenu(/^sandbox\s*signed out/, 'Sign In with a Device Code');
    const notice = wb.notification(/Sign in to sandbox: confirm code [A-Z]{4}-[A-Z]{4} in the browser/);
    await notice.waitFor();
    const code = /[A-Z]{4}-[A-Z]{4}/.exec((await notice.textContent()) ?? '')![0];
    await wb.screenshot('identity-center-device-code');

    const verification: Page = await popup;
    await verification.setViewportSize({ width: 1400, height: 900 });
    await verification.waitForLoadState();
    await verification.getByRole('button', { name: 'Allow access' }).waitFor();
    assert.strictEqual(await verification.getByLabel('Code').inputValue(), code, 'the page shows the code VS Code shows');
    await verification.screenshot({ path: path.join(SCREENSHOTS, 'identity-center-verification-page.png') });
    await verification.getByRole('button', { name: 'Allow access' }).click();
    await verification.getByRole('heading', { name: 'Request approved' }).waitFor();
    await verification.close();

    const signedIn = wb.page.locator('.monaco-list-row', { hasText: /^sandbox\s*signed in · \d+h \d+m left/ }).first();
    await signedIn.waitFor({ timeout: 60000 });
    await wb.waitUntil('the device-code notification to close with the sign-in', async () => !(await notice.isVisible()));
    await wb.page.locator('.monaco-list-row', { hasText: /^Sandbox Prod\s*210987654321/ }).first().waitFor();
    await wb.screenshot('identity-center-signed-in');
  });

  it('lists the roles of an account and starts a session for one', async function () {
    const wb = workbench();
    await wb.page.locator('.monaco-list-row', { hasText: /^Sandbox Prod\s*210987654321/ }).first().click();
    const role = wb.page.locator('.monaco-list-row', { hasText: /^ReadOnly/ }).first();
    await role.waitFor();
    await wb.page.locator('.monaco-list-row', { hasText: /^AdministratorAccess/ }).first().waitFor();
    await role.hover();
    await role.locator('.action-label[aria-label="Start Session"]').click();
    await wb.page.locator('.monaco-list-row', { hasText: /^ReadOnly\s*session \d+m left/ }).first().waitFor({ timeout: 60000 });
    // In the Profiles view the session is named by account and permission set, with its countdown.
    await wb.page.locator('.monaco-list-row', { hasText: /^Sandbox Prod \/ ReadOnly\s*\d+m left/ }).first().waitFor();
    await wb.screenshot('identity-center-role-session');
  });

  it('signs out, and the sign-in shows how to sign in again', async function () {
    const wb = workbench();
    await wb.contextMenu(/^sandbox\s*signed in/, 'Sign Out of IAM Identity Center');
    await wb.page.locator('.monaco-list-row', { hasText: /^sandbox\s*signed out · select to sign in/ }).first().waitFor();
    await wb.notification(/Signed out of sandbox/).waitFor();
    await wb.screenshot('identity-center-signed-out-again');
  });
});
