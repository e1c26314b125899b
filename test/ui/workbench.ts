// Shared helpers for UI tests: a real code-server workbench in headless Chromium with STS Lens
// loaded (from this repo, or from a packaged .vsix), opened on a copy of test/fixtures/workspace.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import { repoRoot } from '../unit/fixtures';

interface CodeServer {
  readonly origin: string;
  readonly folder: string;
  readonly extensionsDir: string;
  readonly output: string;
  stop(): Promise<void>;
}

interface Harness {
  startCodeServer(options: { folder?: string; extensionsDir?: string; env?: Record<string, string>; settings?: Record<string, unknown>; workspaceTrust?: boolean }): Promise<CodeServer>;
  workbenchUrl(server: CodeServer, options?: { folder?: string; extensionDevelopmentPath?: string }): string;
  launchChromium(): Promise<Browser>;
  codeServer(): string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the harness is plain JS shared with scripts/
const harness = require(path.join(repoRoot(), 'test', 'harness', 'code-server.js')) as Harness;

export const SCREENSHOTS = path.join(repoRoot(), 'test-results', 'screenshots');

export interface WorkbenchOptions {
  /** Folder to open; default: a temporary copy of test/fixtures/workspace. */
  readonly folder?: string;
  /** Install this .vsix instead of loading the extension from the repo (also: STS_LENS_UI_VSIX). */
  readonly vsix?: string;
  /** User settings added to the harness defaults. */
  readonly settings?: Record<string, unknown>;
  /** Workspace Trust on: the folder opens in Restricted Mode until it is trusted. */
  readonly workspaceTrust?: boolean;
  /** Environment variables over the harness's (for example another AWS_CONFIG_FILE). */
  readonly env?: Record<string, string>;
}

/** The environment the harness prepared (scripts/test.js): AWS files and world, and a throwaway HOME. */
function worldEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'STS_LENS_TEST_WORLD', 'AWS_EC2_METADATA_DISABLED', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  if (process.env.STS_LENS_TEST_HOME) env.HOME = process.env.STS_LENS_TEST_HOME;
  return env;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly server: CodeServer,
    private readonly tempDir: string,
  ) {}

  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-ui-'));
    const folder = options.folder ?? path.join(tempDir, 'workspace');
    if (!options.folder) fs.cpSync(path.join(repoRoot(), 'test', 'fixtures', 'workspace'), folder, { recursive: true });
    const vsix = options.vsix ?? process.env.STS_LENS_UI_VSIX;
    const extensionsDir = path.join(tempDir, 'extensions');
    if (vsix) installVsix(vsix, extensionsDir);
    const server = await harness.startCodeServer({ folder, extensionsDir, env: { ...worldEnv(), ...options.env }, settings: options.settings, workspaceTrust: options.workspaceTrust });
    let browser: Browser | undefined;
    try {
      browser = await harness.launchChromium();
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(30000);
      const workbench = new Workbench(page, browser, server, tempDir);
      await page.goto(harness.workbenchUrl(server, vsix ? { folder } : { folder, extensionDevelopmentPath: repoRoot() }));
      // The first load is slow on a busy 2-core machine; later steps use the 30 s default.
      await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
      // Contributions are in once the extension host has scanned STS Lens.
      await workbench.activityBarTab('STS Lens').waitFor({ timeout: 90000 });
      return workbench;
    } catch (e) {
      await browser?.close().catch(() => undefined);
      await server.stop();
      fs.rmSync(tempDir, { recursive: true, force: true });
      throw e;
    }
  }

  activityBarTab(title: string): Locator {
    return this.page.locator('.activitybar').getByRole('tab', { name: new RegExp(`^${escapeRegExp(title)}`) });
  }

  /** Opens a view container from the activity bar (no-op when it is already open). */
  async openViewContainer(title: string): Promise<void> {
    const tab = this.activityBarTab(title);
    const heading = this.page.locator('.sidebar .composite.title', { hasText: new RegExp(escapeRegExp(title), 'i') });
    // On a busy machine the restoring workbench can take the side bar back (to the Explorer) after the
    // click, so the tab is clicked again, only while it is not the selected one, until its title shows.
    const deadline = Date.now() + 30_000;
    for (;;) {
      if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
      try {
        await heading.waitFor({ timeout: 3_000 });
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
  }

  /**
   * A view pane in the side bar, by its name. Its header is hidden when it is the container's
   * only view, so wait for it with `{ state: 'attached' }` or look at its body.
   */
  view(name: string): Locator {
    return this.page.locator('.sidebar .pane', { has: this.page.locator(`.pane-header[aria-label="${name} Section"]`) }).first();
  }

  /** Text as the editor renders it: Monaco draws spaces as U+00A0, which `\s` in a RegExp matches. */
  editorText(text: RegExp): Locator {
    return this.page.locator('.view-lines', { hasText: text }).first();
  }

  treeItem(name: string | RegExp): Locator {
    return this.page.getByRole('treeitem', { name }).first();
  }

  /**
   * Runs a command by its palette title ("STS Lens: Show Log"). The quick pick closes if the
   * restoring workbench steals focus, so it retries until the row shows up.
   */
  async runCommand(title: string, attempts = 4): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      // The palette opens with ">" in its focused input; keys typed before that are lost.
      await this.quickInput('', 5000).catch(() => undefined);
      await this.page.keyboard.type(title, { delay: 5 });
      try {
        await row.waitFor({ state: 'visible', timeout: 5000 });
        await this.page.keyboard.press('Enter');
        await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
        return;
      } catch (e) {
        await this.page.keyboard.press('Escape');
        if (attempt >= attempts) throw new Error(`command palette: '${title}' not found (${(e as Error).message.split('\n')[0]})`);
      }
    }
  }

  /**
   * Right-clicks `row` (a locator, or the text of a list row) and chooses a context-menu entry;
   * `screenshot` names a screenshot taken while the menu is open.
   */
  async contextMenu(row: Locator | string | RegExp, entry: string, screenshot?: string): Promise<void> {
    const target = typeof row === 'string' || row instanceof RegExp ? this.page.locator('.monaco-list-row', { hasText: row }).first() : row;
    await target.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-item', { hasText: entry }).first();
    await item.waitFor();
    if (screenshot) await this.screenshot(screenshot);
    // A click that lands while the menu is still settling only highlights the entry: then Enter runs it.
    await item.click();
    if (!(await menu.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false)) && (await menu.isVisible())) {
      await item.hover();
      await this.page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden' });
    }
  }

  /** A notification toast (or notification-center entry) containing `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notification-list-item', { hasText: text }).first();
  }

  /**
   * Waits until `condition` returns true; throws with `what` after `timeoutMs`. The condition is
   * checked again each time the workbench's DOM changes (at least once a second), not on a timer.
   */
  async waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await this.page.evaluate(nextDomChange, Math.min(left, 1000));
    }
  }

  /**
   * Waits for the quick input (pick or input box) whose title contains `title` to be shown with its
   * input focused and enabled, ready for keys; returns its whole title. Fails at once, with the
   * problem, when instead a prompt shows an error row or validation message.
   */
  async quickInput(title: string, timeoutMs = 30000): Promise<string> {
    const handle = await this.page.waitForFunction(readyQuickInput, title, { timeout: timeoutMs }).catch(async (e: Error) => {
      const shown = await this.page.evaluate(shownQuickInput).catch(() => 'unknown');
      throw new Error(`timed out after ${timeoutMs} ms waiting for a prompt titled "${title}", focused and enabled; shown: ${shown} (${e.message.split('\n')[0]})`);
    });
    const result = (await handle.jsonValue()) as { title?: string; problem?: string };
    if (result.problem !== undefined) throw new Error(`the prompt refused the input: ${result.problem} (title: ${result.title})`);
    return result.title!;
  }

  /**
   * Replaces the text of the focused quick input: pasted in one input event, or typed key by key
   * at 0–`maxDelayMs` ms per key. Enter is the caller's: it may come at once, as a person's does.
   */
  async enterText(text: string, how: { paste: true } | { paste?: false; maxDelayMs: number }): Promise<void> {
    await this.page.keyboard.press('Control+A');
    if (how.paste) {
      await this.page.keyboard.insertText(text);
      return;
    }
    for (const ch of text) {
      await this.page.keyboard.type(ch);
      const pause = Math.floor(Math.random() * (how.maxDelayMs + 1));
      // Typing speed, not a wait for the workbench: 0-5 ms between keys is what a fast typist does.
      if (pause) await this.page.waitForTimeout(pause);
    }
  }

  /**
   * Opens a workspace file with Quick Open (Ctrl+P) as a person does, waiting for the input's focus
   * before typing (keys typed earlier are lost) and for the file's row to be the highlighted one before
   * Enter (on a busy machine the list can show the row while an earlier filter's match is still
   * highlighted, and Enter opens that), then for `shows`.
   */
  async openFile(name: string, shows: RegExp): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.quickInput('');
    await this.page.keyboard.type(name, { delay: 5 });
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.editorText(shows).waitFor();
  }

  /** Clicks the Back button of the quick input. */
  async quickInputBack(): Promise<void> {
    await this.page.locator('.quick-input-widget .codicon-quick-input-back').first().click();
  }

  /** Saves test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** The code-server log so far, for failure messages. */
  get serverOutput(): string {
    return this.server.output;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    fs.rmSync(this.tempDir, { recursive: true, force: true });
  }
}

/** Mocha hook body: screenshot the workbench when the current test failed. */
export async function screenshotIfFailed(context: Mocha.Context, workbench: Workbench | undefined): Promise<void> {
  const test = context.currentTest;
  if (workbench && test?.state === 'failed') {
    const file = await workbench.screenshot(`failed-${test.fullTitle()}`).catch(() => undefined);
    if (file) console.log(`      screenshot: ${path.relative(repoRoot(), file)}`);
  }
}

function installVsix(vsix: string, extensionsDir: string): void {
  execFileSync(harness.codeServer(), ['--extensions-dir', extensionsDir, '--install-extension', path.resolve(vsix)], { stdio: 'pipe' });
}

/* eslint-disable @typescript-eslint/no-explicit-any -- these run in the page, where the DOM types are not loaded */
/** In the page: resolves at the next DOM change, or after `capMs`. */
function nextDomChange(capMs: number): Promise<void> {
  const g = globalThis as any;
  return new Promise((resolve) => {
    const observer = new g.MutationObserver(() => done());
    const timer = g.setTimeout(() => done(), capMs);
    function done(): void {
      observer.disconnect();
      g.clearTimeout(timer);
      resolve();
    }
    observer.observe(g.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** In the page: the shown quick input titled `title` with its input focused, or a problem it shows; false while neither. */
function readyQuickInput(title: string): { title: string; problem?: string } | false {
  const doc = (globalThis as any).document;
  const widget = doc.querySelector('.quick-input-widget');
  if (!widget || widget.style.display === 'none' || widget.offsetParent === null) return false;
  const shown = (widget.querySelector('.quick-input-title')?.textContent ?? '') as string;
  const message = widget.querySelector('.quick-input-message')?.textContent as string | undefined;
  const errorRow = widget.querySelector('.quick-input-list .monaco-list-row .codicon-error')?.closest('.monaco-list-row')?.textContent as string | undefined;
  const invalid = widget.querySelector('.quick-input-box .monaco-inputbox.error') !== null;
  if (errorRow) return { title: shown, problem: errorRow };
  if (invalid && message) return { title: shown, problem: message };
  const input = widget.querySelector('.quick-input-box input');
  if (!shown.includes(title) || !input || input.disabled || doc.activeElement !== input) return false;
  return { title: shown };
}

/** What the quick input shows, for a failure message: its title, its text and where the focus is. */
function shownQuickInput(): string {
  const doc = (globalThis as any).document;
  const widget = doc.querySelector('.quick-input-widget');
  if (!widget || widget.style.display === 'none' || widget.offsetParent === null) return 'no prompt';
  const input = widget.querySelector('.quick-input-box input');
  const active = doc.activeElement;
  const focus = active === input ? 'its input' : active ? `${active.tagName.toLowerCase()}.${String(active.className).split(' ')[0]}` : 'nothing';
  return `title "${widget.querySelector('.quick-input-title')?.textContent ?? ''}", text "${input?.value ?? ''}"${input?.disabled ? ', disabled' : ''}, focus on ${focus}`;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Opens one workbench for the enclosing `describe`, screenshots each failed test and closes the
 * workbench afterwards. Options may be a function, for values that an earlier `before` computes.
 */
export function useWorkbench(options: WorkbenchOptions | (() => WorkbenchOptions) = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    workbench = await Workbench.open(typeof options === 'function' ? options() : options);
  });
  afterEach(async function () {
    await screenshotIfFailed(this, workbench);
  });
  after(async function () {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not open');
    return workbench;
  };
}
