import * as assert from 'assert';
import { Workbench, useWorkbench } from './workbench';

/** Picks the row of the open quick pick whose text contains `text`. */
async function choose(wb: Workbench, filter: string, row: RegExp, next?: { placeholder?: string; title?: string }): Promise<void> {
  const widget = wb.page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible' });
  await wb.quickInput('');
  await wb.page.keyboard.type(filter, { delay: 5 });
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().click();
  // A prompt that follows reuses the widget: wait for its placeholder instead of the widget closing.
  if (next?.placeholder) await widget.locator(`input[placeholder="${next.placeholder}"]`).waitFor();
  else if (next?.title) await widget.locator('.quick-input-title', { hasText: next.title }).waitFor();
  else await widget.waitFor({ state: 'hidden' });
}

describe('profiles UI: tree with sessions and countdowns, status-bar identity', function () {
  const workbench = useWorkbench();

  it('shows the profiles with their kinds, regions and MFA', async function () {
    const wb = workbench();
    await wb.openViewContainer('STS Lens');
    await wb.treeItem(/^mfa-role/).waitFor();
    const row = wb.page.locator('.monaco-list-row', { hasText: 'mfa-role' }).first();
    assert.match((await row.textContent()) ?? '', /role · us-east-1 · MFA/);
    await wb.screenshot('profiles-tree');
  });

  it('shows a profile\'s tooltip as plain text: its endpoint URL reads as an address, not a link', async function () {
    const wb = workbench();
    await wb.openViewContainer('STS Lens');
    await wb.treeItem(/^sts-role/).hover();
    const tooltip = wb.page.locator('.workbench-hover, .monaco-hover', { hasText: 'Endpoint:' }).first();
    await tooltip.waitFor();
    const text = (await tooltip.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /^sts-role — role /);
    assert.match(text, /Role: arn:aws:iam::\d{12}:role\/sts_role /);
    assert.match(text, /Endpoint: http:\/\/127\.0\.0\.1:\d+ /);
    assert.match(text, /Defined in config/);
    assert.strictEqual(await tooltip.locator('a, img').count(), 0, text);
    await wb.screenshot('profiles-tooltip');
    await wb.page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'hidden' });
  });

  it('starts sessions that appear under their profiles with a ticking countdown', async function () {
    const wb = workbench();
    await wb.runCommand('STS Lens: Start Session');
    await choose(wb, 'sts-role', /^sts-role/);
    await wb.runCommand('STS Lens: Start Session');
    await choose(wb, 'chained-role', /^chained-role/);
    const session = wb.page.locator('.monaco-list-row', { hasText: /^sts-lens\s*\d+m left/ }).first();
    await session.waitFor();
    assert.match((await session.textContent()) ?? '', /(?<!\d)\d+m left/);
    await wb.page.locator('.monaco-list-row', { hasText: /-\d{4}T\d{4}Z\s*\d+m left/ }).first().waitFor();
    await wb.screenshot('profiles-sessions-countdowns');
  });

  it('keeps the time left visible at the default sidebar width, with readable session names', async function () {
    const wb = workbench();
    // chained-role has no role_session_name: its session is named after the local user and the minute.
    const row = wb.page.locator('.monaco-list-row', { hasText: /^[\w.@=,+-]+-\d{4}T\d{4}Z\s*\d+m left/ }).first();
    await row.waitFor();
    const description = row.locator('.label-description');
    assert.match((await description.textContent()) ?? '', /^\d+m left/);
    // The label container hides what overflows it: the whole countdown must end inside it.
    const box = await description.boundingBox();
    const container = await row.locator('.monaco-icon-label-container').first().boundingBox();
    assert.ok(box && container, 'the row is on screen');
    assert.ok(box.x + box.width <= container.x + container.width + 1, `the countdown ends at ${box.x + box.width}, the row is cut at ${container.x + container.width}`);
    const chain = wb.page.locator('.monaco-list-row', { hasText: 'sts-user → sts_role → chained_role' }).first();
    await chain.waitFor();
    await wb.screenshot('profiles-countdown-default-width');
  });

  it('assumes a role through the prompts (source, role, session name, optional parameters)', async function () {
    const wb = workbench();
    const widget = wb.page.locator('.quick-input-widget');
    await wb.openViewContainer('STS Lens');
    await wb.runCommand('STS Lens: Assume Role…');
    await choose(wb, 'sts-user', /sts-user\s*access keys/, { placeholder: 'Role to assume (recent roles first)' });
    await choose(wb, 'role/sts_role', /:role\/sts_role/, { title: 'AssumeRole as sts-user: session name' });
    await widget.locator('input').first().fill('ui-session');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Session tags' }).first().waitFor();
    await wb.screenshot('profiles-assume-role-options');
    await wb.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    await wb.page.locator('.monaco-list-row', { hasText: /^ui-session\s*\d+m left/ }).first().waitFor();
  });

  it('asks for the MFA code of an MFA profile, accepting only six digits', async function () {
    const wb = workbench();
    const widget = wb.page.locator('.quick-input-widget');
    await wb.runCommand('STS Lens: Start Session');
    await choose(wb, 'mfa-role', /^mfa-role/, { title: 'MFA code' });
    const input = widget.locator('input').first();
    await input.fill('12345');
    await widget.locator('.quick-input-message', { hasText: 'Enter exactly 6 digits' }).waitFor();
    await wb.screenshot('profiles-mfa-prompt');
    await input.fill('123456');
    await wb.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    const named = wb.page.locator('.monaco-list-row', { hasText: /-\d{4}T\d{4}Z\s*\d+m left/ });
    await wb.waitUntil('the mfa_role session under mfa-role', async () => (await named.count()) >= 2);
  });

  it('switches the active identity from the status bar and shows its time left', async function () {
    const wb = workbench();
    const item = wb.page.locator('.statusbar-item', { hasText: /no AWS identity|default|sts_role/ }).first();
    await item.waitFor();
    await item.click();
    await choose(wb, 'sts_role/sts-lens', /sts_role\/sts-lens/);
    const active = wb.page.locator('.statusbar-item', { hasText: /sts_role\/sts-lens · \d+m/ }).first();
    await active.waitFor();
    await wb.screenshot('profiles-status-bar');
  });

  it('opens a terminal as the active identity: its session first, else its profile first, so Enter takes it', async function () {
    const wb = workbench();
    const widget = wb.page.locator('.quick-input-widget');
    const firstRow = widget.locator('.quick-input-list .monaco-list-row').first();
    // The active identity is the sts_role/sts-lens session (the test before).
    await wb.runCommand('STS Lens: Open Terminal as…');
    await widget.locator('input[placeholder="Choose a session"]').waitFor();
    await wb.waitUntil('the active session listed first', async () => /assumed-role\/sts_role\/sts-lens.*active identity/.test((await firstRow.textContent()) ?? ''));
    await wb.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    await wb.page.locator('.part.panel').getByText(/AWS sts_role\/sts-lens/).first().waitFor();
    // A profile without a session: Start a session comes first, then the profile question offers it first.
    await wb.page.locator('.statusbar-item', { hasText: /sts_role\/sts-lens/ }).first().click();
    await choose(wb, 'no-trust-user', /no-trust-user\s*access keys/);
    await wb.page.locator('.statusbar-item', { hasText: /no-trust-user/ }).first().waitFor();
    await wb.runCommand('STS Lens: Open Terminal as…');
    await widget.locator('input[placeholder="Choose a session"]').waitFor();
    await wb.waitUntil('Start a session listed first', async () => /Start a session for a profile/.test((await firstRow.textContent()) ?? ''));
    await wb.page.keyboard.press('Enter');
    await widget.locator('input[placeholder="Choose a profile"]').waitFor();
    await wb.waitUntil('the active profile listed first', async () => /no-trust-user.*active identity/.test((await firstRow.textContent()) ?? ''));
    await wb.screenshot('profiles-open-terminal-active-profile');
    await wb.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    await wb.page.locator('.part.panel').getByText(/AWS .*no-trust-user/).first().waitFor();
  });
});
