// What most integration suites share: the extension activated before their first test, editors
// closed after each test (or after the suite), and polling for a state the extension reaches.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'sts-lens.sts-lens';

/** Activates the extension under test; fails the hook when the host did not load it. */
export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  await extension.activate();
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Registers the suite's hooks: activate before the first test, close every editor after each test or after the suite. */
export function extensionHooks(closeEditors: 'afterEach' | 'after' = 'afterEach'): void {
  before(activateExtension);
  if (closeEditors === 'afterEach') afterEach(closeAllEditors);
  else after(closeAllEditors);
}

/** Polls `check` until it returns something other than undefined or false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
