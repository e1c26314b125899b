import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { processAlive } from '../unit/fixtures';
import { useWorkbench } from './workbench';

/** The test world's AWS config plus a profile whose credential_process never ends; the script writes its process id to `pidFile`. */
function configWithHangingProcess(dir: string, pidFile: string): string {
  const world = process.env.AWS_CONFIG_FILE;
  if (!world) throw new Error('AWS_CONFIG_FILE is not set: run the UI tests through scripts/test.js');
  const script = path.join(dir, 'hang.sh');
  fs.writeFileSync(script, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 3600\n`, { mode: 0o700 });
  const file = path.join(dir, 'config');
  fs.writeFileSync(file, `${fs.readFileSync(world, 'utf8')}\n[profile proc-hang]\ncredential_process = ${script} --token SECRET-ARGUMENT\nregion = us-east-1\n`, { mode: 0o600 });
  return file;
}

describe('credential_process UI: a command that never ends', function () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-ui-process-'));
  const pidFile = path.join(dir, 'hang.pid');
  const workbench = useWorkbench(() => ({ env: { AWS_CONFIG_FILE: configWithHangingProcess(dir, pidFile) } }));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('Start Session shows a progress notification with Cancel; Cancel stops the process and nothing else is said', async function () {
    const wb = workbench();
    await wb.runCommand('STS Lens: Start Session');
    const widget = wb.page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible' });
    await wb.quickInput('');
    await wb.page.keyboard.type('proc-hang', { delay: 5 });
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: /^proc-hang/ }).first().click();
    const progress = wb.notification('Getting credentials for profile proc-hang');
    await progress.waitFor();
    await wb.waitUntil('the credential_process to start', async () => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').trim() !== '');
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.ok(processAlive(pid));
    await wb.screenshot('credential-process-progress');
    await progress.hover();
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await progress.waitFor({ state: 'hidden' });
    await wb.waitUntil('the credential_process to be stopped', async () => !processAlive(pid));
    // A cancelled request says nothing: no error notification follows.
    assert.strictEqual(await wb.page.locator('.notification-list-item', { hasText: /proc-hang|credential_process/ }).count(), 0);
  });
});
