import * as assert from 'assert';
import { useWorkbench } from './workbench';

describe('policy editor UI: a trust policy with squiggles, CodeLens and a hover', function () {
  const workbench = useWorkbench();

  it('shows findings, what the role trusts, and a principal hover', async function () {
    const wb = workbench();
    const page = wb.page;
    await wb.openFile('trust-policy-ui.json', /PartnerAccount/);

    // Two principals do not fit a short title by name: it counts them, the tooltip names them.
    const lens = page.locator('.codelens-decoration', { hasText: /Can be assumed by 2 principals \(1 with no condition\)/ }).first();
    await lens.waitFor();
    await page.locator('.codelens-decoration', { hasText: 'Validate with IAM Access Analyzer' }).first().waitFor();
    await page.locator('.codelens-decoration', { hasText: /^PartnerAccount: Allows 1 action to account 111122223333$/ }).first().waitFor();
    // Every lens ends inside the editor at 1400×900 with the sidebar open: none is cut at the right edge.
    // The visible text area ends where the minimap starts (or at the editor's edge without one).
    const editorRight = await page.locator('.monaco-editor .overflow-guard').first().evaluate((e) => {
      const minimap = e.querySelector('.minimap');
      const right = e.getBoundingClientRect().right;
      return minimap && minimap.getBoundingClientRect().width > 0 ? Math.min(right, minimap.getBoundingClientRect().left) : right;
    });
    // VS Code redraws every lens when the lint's answer arrives: read them all in one go once all six are drawn.
    let lensRights: { text: string | null; right: number }[] = [];
    await wb.waitUntil('the six lenses drawn at once', async () => {
      lensRights = await page.locator('.codelens-decoration a').evaluateAll((els) => els.map((e) => ({ text: e.textContent, right: e.getBoundingClientRect().right })));
      return lensRights.length >= 6 && lensRights.some((l) => l.text?.includes('Validate with IAM Access Analyzer'));
    });
    for (const l of lensRights) assert.ok(l.right <= editorRight, `the lens "${l.text}" ends at ${l.right}px, past the editor's right edge at ${editorRight}px`);
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor();
    const squiggles = await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count();
    assert.ok(squiggles >= 2, `expected squiggles for the cross-account and GitHub findings, saw ${squiggles}`);

    // Hover the account in the federated principal: the hover opens above it, right of the first squiggle.
    const principal = page.locator('.view-lines .view-line', { hasText: /"Federated"/ }).locator('span > span', { hasText: /^123456789012$/ }).first();
    const hover = page.locator('.monaco-hover', { hasText: /Federated principal/ }).first();
    await wb.waitUntil('the principal hover', async () => {
      if (await hover.isVisible()) return true;
      const box = await principal.boundingBox();
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      return false;
    });
    assert.match((await hover.innerText()).replace(/\s+/g, ' '), /GitHub Actions \(OIDC\) · account 123456789012/);
    await wb.screenshot('policy-trust-squiggles-codelens-hover');
  });

  it('colours actions and ARNs inside a policy, and leaves the same strings in other JSON files plain', async function () {
    const wb = workbench();
    const page = wb.page;
    /** Colour class (Monaco's mtkN, one per theme colour) of the first token span whose text matches. */
    const colour = async (text: RegExp) => /\bmtk\d+\b/.exec((await page.locator('.monaco-editor .view-lines .view-line span > span', { hasText: text }).first().getAttribute('class')) ?? '')?.[0];

    await wb.openFile('trust-policy-ui.json', /PartnerAccount/);
    // Semantic tokens arrive after the JSON grammar's: wait until the action's name is a token of its own.
    await page.locator('.view-line span > span', { hasText: /^AssumeRoleWithWebIdentity$/ }).first().waitFor();
    const plain = await colour(/^"PartnerAccount"$/);
    const action = await colour(/^AssumeRoleWithWebIdentity$/);
    const service = await colour(/^sts$/);
    assert.notStrictEqual(action, plain, 'the action name has the colour of a plain string');
    assert.notStrictEqual(service, plain, 'the service prefix has the colour of a plain string');
    assert.notStrictEqual(action, service, 'the action name and its service prefix have one colour');
    assert.notStrictEqual(await colour(/^Allow$/), plain, 'the effect has the colour of a plain string');
    assert.notStrictEqual(await colour(/^arn$/), plain, 'an ARN has the colour of a plain string');
    assert.notStrictEqual(await colour(/^Effect$/), await colour(/^"AWS"$/), 'a policy element has the colour of any other key');
    assert.notStrictEqual(await colour(/^StringLike$/), await colour(/^"AWS"$/), 'a condition operator has the colour of any other key');
    await wb.screenshot('policy-highlighting');

    await wb.openFile('deploy-settings.json', /example-bucket/);
    await page.locator('.view-line span > span', { hasText: /^"deploy-settings"$/ }).first().waitFor();
    const other = await colour(/^"deploy-settings"$/);
    assert.strictEqual(await colour(/s3:GetObject/), other, 's3:GetObject outside a policy is coloured as an action');
    assert.strictEqual(await colour(/arn:aws:s3/), other, 'an ARN outside a policy is coloured as an ARN');
    assert.strictEqual(await page.locator('.view-line span > span', { hasText: /^GetObject$/ }).count(), 0, 'the action is split into tokens outside a policy');
    await wb.screenshot('json-not-a-policy-plain');
  });
});
