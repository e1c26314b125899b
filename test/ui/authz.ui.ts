import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { useWorkbench } from './workbench';

interface World {
  readonly encodedMessages: Record<string, string>;
}

function world(): World {
  const file = process.env.STS_LENS_TEST_WORLD;
  if (!file) throw new Error('STS_LENS_TEST_WORLD is not set: run UI tests with `npm run test:ui`.');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as World;
}

const SUMMARY = 'DENIED ec2:RunInstances on instance/* — explicit deny by statement VisualEditor0';

describe('authorization failures UI: a log with CodeLens, inline summary and explanation', function () {
  let folder: string;

  before(async function () {
    const message = world().encodedMessages['explicit-deny-ec2-run-instances'];
    assert.ok(message, 'the harness issued the explicit-deny fixture');
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-authz-ui-'));
    fs.writeFileSync(
      path.join(folder, 'terraform-apply.log'),
      [
        'aws_instance.web: Creating...',
        '╷',
        '│ Error: creating EC2 Instance: api error UnauthorizedOperation: You are not authorized to perform this operation.',
        '│ Encoded authorization failure message:',
        // As a terminal 100 columns wide wraps it inside Terraform's box.
        ...(message.match(/.{1,100}/g) ?? []).map((chunk) => `│ ${chunk}`),
        '│',
        '│   with aws_instance.web,',
        '│   on main.tf line 12, in resource "aws_instance" "web":',
        '╵',
        '',
      ].join('\n'),
    );
  });

  const workbench = useWorkbench(() => ({ folder, settings: { 'workbench.startupEditor': 'none' } }));

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('decodes from the CodeLens and shows the summary inline and the explanation beside', async function () {
    const wb = workbench();
    const page = wb.page;
    await wb.openFile('terraform-apply.log', /aws_instance\.web:/);

    const lens = page.locator('.codelens-decoration a', { hasText: 'Decode' }).first();
    await lens.waitFor();
    await wb.screenshot('authz-codelens');
    await lens.click();

    // With no active identity STS Lens asks which profile to decode as.
    const profilePrompt = page.locator('.quick-input-widget', { hasText: 'Decode as which AWS profile?' });
    const logEditor = page.locator('.monaco-editor[data-uri$="terraform-apply.log"]');
    // Decorations draw their text with CSS ::after, so read it from the computed style.
    const inlineTexts = (): Promise<string[]> => logEditor.locator('.view-lines').evaluate((el) => {
      // Runs in the browser; the tests compile without the DOM library.
      const style = (globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } }).getComputedStyle;
      const spans = [...(el as unknown as { querySelectorAll(s: string): Iterable<unknown> }).querySelectorAll('span')];
      return spans.map((span) => style(span, '::after').content).filter((c) => c && c !== 'none' && c !== 'normal').map((c) => c.replace(/^"|"$/g, ''));
    });
    const summaryLens = logEditor.locator('.codelens-decoration a', { hasText: /DENIED ec2:RunInstances/ }).first();
    await wb.waitUntil('a profile prompt or the decoded summary', async () => (await profilePrompt.isVisible()) || (await summaryLens.isVisible()));
    if (await profilePrompt.isVisible()) {
      await wb.quickInput('');
      await page.keyboard.type('sts-user', { delay: 5 });
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'sts-user' }).waitFor();
      await page.keyboard.press('Enter');
    }
    await summaryLens.waitFor();
    await wb.waitUntil('the inline summary after the message', async () => (await inlineTexts()).includes(SUMMARY));
    await wb.screenshot('authz-decoded-log');

    // The summary lens opens the explanation beside the log.
    await summaryLens.click();
    await page.locator('.tabs-container .tab', { hasText: 'ec2:RunInstances denied' }).waitFor();
    await wb.editorText(/Authorization\sfailure:\sExplicitly\sdenied/).waitFor();
    await wb.editorText(/Matched\sstatements\s\(1\)/).waitFor();
    await page.locator('.monaco-editor[data-uri^="sts-lens-authz"] .codelens-decoration a', { hasText: 'Copy Allowing Statement' }).waitFor();
    // Coloured by the explanation grammar: the verdict line's DENIED has its own token.
    await page.locator('.monaco-editor[data-uri^="sts-lens-authz"] .view-line span[class*="mtk"]', { hasText: /^DENIED$/ }).first().waitFor();
    assert.ok((await inlineTexts()).includes(SUMMARY), 'the inline summary stays');
    await wb.screenshot('authz-decoded-log-and-explanation');
  });
});
