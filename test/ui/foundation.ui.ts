import * as assert from 'assert';
import { useWorkbench } from './workbench';

describe('foundation UI: STS Lens in the workbench', function () {
  const workbench = useWorkbench();

  it('opens the STS Lens view container from the activity bar', async function () {
    const wb = workbench();
    await wb.openViewContainer('STS Lens');
    await wb.view('Profiles').locator('.pane-body').waitFor();
    assert.strictEqual(await wb.activityBarTab('STS Lens').getAttribute('aria-selected'), 'true');
    await wb.screenshot('foundation-view-container');
  });

  it('runs "STS Lens: Show Log" from the command palette and shows the activation line', async function () {
    const wb = workbench();
    await wb.runCommand('STS Lens: Show Log');
    await wb.page.locator('.part.panel').getByRole('tab', { name: /^Output/, selected: true }).waitFor();
    await wb.page.locator('.part.panel').locator(wb.editorText(/STS\sLens\s\S+\sactivated\sin/)).waitFor();
    await wb.screenshot('foundation-show-log');
  });
});
