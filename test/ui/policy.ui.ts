import * as assert from 'assert';
import { Workbench, screenshotIfFailed } from './workbench';

describe('policy editor UI: a trust policy with squiggles, CodeLens and a hover', function () {
  let workbench: Workbench | undefined;

  before(async function () {
    workbench = await Workbench.open();
  });

  afterEach(async function () {
    await screenshotIfFailed(this, workbench);
  });

  after(async function () {
    await workbench?.close();
  });

  it('shows findings, what the role trusts, and an action hover', async function () {
    const wb = workbench!;
    const page = wb.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.type('trust-policy-ui.json', { delay: 5 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'trust-policy-ui.json' }).first().waitFor();
    await page.keyboard.press('Enter');
    await wb.editorText(/PartnerAccount/).waitFor();

    const lens = page.locator('.codelens-decoration', { hasText: /Can be assumed by account 111122223333/ }).first();
    await lens.waitFor();
    await page.locator('.codelens-decoration', { hasText: 'Validate with IAM Access Analyzer' }).first().waitFor();
    await page.locator('.codelens-decoration', { hasText: /^PartnerAccount: Allows 1 action/ }).first().waitFor();
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor();
    const squiggles = await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count();
    assert.ok(squiggles >= 2, `expected squiggles for the cross-account and GitHub findings, saw ${squiggles}`);

    const action = page.locator('.view-lines .view-line span', { hasText: /AssumeRoleWithWebIdentity/ }).last();
    await action.hover();
    const hover = page.locator('.monaco-hover', { hasText: /sts:AssumeRoleWithWebIdentity/ }).first();
    await wb.waitUntil('the action hover', async () => {
      if (await hover.isVisible()) return true;
      await action.hover({ position: { x: 5, y: 5 } });
      return false;
    });
    assert.match((await hover.innerText()).replace(/\s+/g, ' '), /AWS Security Token Service/);
    await wb.screenshot('policy-trust-squiggles-codelens-hover');
  });
});
