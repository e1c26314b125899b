import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Workbench, screenshotIfFailed } from './workbench';

interface World {
  readonly encodedMessages: Record<string, string>;
}

function world(): World {
  const file = process.env.STS_LENS_TEST_WORLD;
  if (!file) throw new Error('STS_LENS_TEST_WORLD is not set: run UI tests with `npm run test:ui`.');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as World;
}

describe('authorization failures UI: a log with CodeLens, inline summary and explanation', function () {
  let workbench: Workbench | undefined;
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
        `│ Encoded authorization failure message: ${message}`,
        '│',
        '│   with aws_instance.web,',
        '│   on main.tf line 12, in resource "aws_instance" "web":',
        '╵',
        '',
      ].join('\n'),
    );
    // Wrapped, so the summary at the end of the long message line is on screen.
    workbench = await Workbench.open({ folder, settings: { 'editor.wordWrap': 'on', 'workbench.startupEditor': 'none' } });
  });

  afterEach(async function () {
    await screenshotIfFailed(this, workbench);
  });

  after(async function () {
    await workbench?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('decodes from the CodeLens and shows the summary inline and the explanation beside', async function () {
    const wb = workbench!;
    const page = wb.page;
    await page.keyboard.press('Control+P');
    await page.keyboard.type('terraform-apply.log', { delay: 5 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'terraform-apply.log' }).first().waitFor();
    await page.keyboard.press('Enter');

    const lens = page.locator('.codelens-decoration a', { hasText: 'Decode' }).first();
    await lens.waitFor();
    await wb.screenshot('authz-codelens');
    await lens.click();

    // With no active identity STS Lens asks which profile to decode as.
    const profilePrompt = page.locator('.quick-input-widget', { hasText: 'Decode as which AWS profile?' });
    const explanationTab = page.locator('.tabs-container .tab', { hasText: 'Authorization ec2-RunInstances' });
    await wb.waitUntil('a profile prompt or the explanation', async () => (await profilePrompt.isVisible()) || (await explanationTab.isVisible()));
    if (await profilePrompt.isVisible()) {
      await page.keyboard.type('sts-user', { delay: 5 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sts-user' }).first().waitFor();
      await page.keyboard.press('Enter');
    }
    await explanationTab.waitFor();
    await wb.editorText(/Authorization\sfailure:\sExplicitly\sdenied/).waitFor();
    await wb.editorText(/Matched\sstatements\s\(1\)/).waitFor();

    // Only the log's editor: the explanation beside it contains the same sentence.
    const logEditor = page.locator('.monaco-editor[data-uri$="terraform-apply.log"]');
    const hint = logEditor.locator('.view-lines', { hasText: /DENIED\sec2:RunInstances\son\sinstance\/\*\s—\sexplicit\sdeny\sby\sstatement\sVisualEditor0/ }).first();
    await hint.waitFor();
    const summaryLens = logEditor.locator('.codelens-decoration a', { hasText: /DENIED ec2:RunInstances/ }).first();
    await summaryLens.waitFor();
    await wb.screenshot('authz-decoded-log-and-explanation');
  });
});
