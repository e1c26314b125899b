// Simulate Request as a session from GetSessionToken, chosen by its row in the principal step: the
// row says what kind of session it is, and the request made with it carries that kind.
import * as assert from 'assert';
import { useWorkbench } from './workbench';

const NO_IAM = 'STS API Reference, GetSessionToken: "You cannot call any IAM API operations unless MFA authentication information is included in the request"';
const RESOURCE = 'arn:aws:iam::123456789012:user/chosen-session';

describe('policy debugging UI: Simulate Request as a GetSessionToken session chosen in the principal step', function () {
  const workbench = useWorkbench(() => ({ settings: { 'workbench.startupEditor': 'none' } }));

  it(`${NO_IAM} — the session's row reads "a GetSessionToken session, without MFA", and choosing it simulates the request as one`, async function () {
    const wb = workbench();
    // A session from GetSessionToken for sts-user, started without MFA (the device prompt left empty).
    await wb.runCommand('STS Lens: Get Session Token (MFA)…');
    await wb.quickInput('GetSessionToken');
    await wb.page.keyboard.type('sts-user', { delay: 5 });
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: /^sts-user/ }).first().click();
    await wb.quickInput('GetSessionToken as sts-user');
    await wb.page.keyboard.press('Enter');
    await wb.openViewContainer('STS Lens');
    await wb.page.locator('.monaco-list-row', { hasText: 'm left' }).first().waitFor();

    await wb.openFile('typed-request.json', /OnlyTheTypedRequest/);
    await wb.page.locator('.monaco-editor[data-uri$="typed-request.json"] .codelens-decoration a', { hasText: 'Simulate Request' }).first().click();
    await wb.quickInput('Simulate Request (1/4): action');
    await wb.enterText('iam:CreateUser', { paste: true });
    await wb.page.keyboard.press('Enter');
    await wb.quickInput('Simulate Request (2/4): resource');
    await wb.enterText(RESOURCE, { paste: true });
    await wb.page.keyboard.press('Enter');
    await wb.quickInput('Simulate Request (3/4): principal');
    // The user's own keys and its session share the ARN: the session is the row that says so.
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'a GetSessionToken session, without MFA' }).first();
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /user\/sts-user/);
    await wb.screenshot('simulate-session-row');
    await row.click();
    await wb.quickInput('Simulate Request (4/4): request context keys');
    await wb.page.keyboard.press('Enter');

    const result = wb.notification(`iam:CreateUser on ${RESOURCE}`);
    await result.waitFor();
    const text = ((await result.locator('.notification-list-item-message').textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /^IMPLICITLY DENIED: iam:CreateUser on /, text);
    assert.match(text, /cannot call IAM operations unless they were made with MFA/, text);
    assert.match(text, /\(as a GetSessionToken session, without MFA\)/, text);
  });
});
