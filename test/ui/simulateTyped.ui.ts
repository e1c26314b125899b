// Simulate Request takes exactly what is in the input box when Enter is pressed: each prompt is
// answered ten times pasted and ten times typed at 0-5 ms per key, with Enter at once. Run it with a
// busy loop per core beside it (../shared/tools/with-load.sh -n 3 -- npm run test:ui -- --grep Simulate).
// The repetitions of one prompt stay in one open prompt session: Enter, read the next step's title
// (it names what Enter took), Back, again.
import * as assert from 'assert';
import { useWorkbench, type Workbench } from './workbench';

const ACCOUNT = '123456789012';
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/typed-caller`;
const KEY = 'aws:RequestedRegion';
const VALUE = 'eu-west-3';
/** IAM data for these services loads while their names are typed: the race that took an untyped action. */
const ACTIONS = ['iam:CreateUser', 's3:GetObject', 'iam:CreateUser', 'ec2:RunInstances'];
const resourceOf = (action: string, n: string) => (action.startsWith('s3:') ? `arn:aws:s3:::sts-lens-demo-bucket/typed/${n}.csv` : action.startsWith('ec2:') ? `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-${n}` : `arn:aws:iam::${ACCOUNT}:user/typed-${n}`);

const STEP = {
  action: 'Simulate Request (1/4): action',
  resource: 'Simulate Request (2/4): resource',
  principal: 'Simulate Request (3/4): principal',
  keys: 'Simulate Request (4/4): request context keys',
};

/** Twenty ways to enter a text: ten pasted, ten typed fast. */
const WAYS = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? ({ paste: true } as const) : ({ maxDelayMs: 5 } as const)));
const wayName = (w: (typeof WAYS)[number]) => ('paste' in w ? 'pasted' : 'typed at 0-5 ms per key');

/** Closes whatever prompt an earlier flow left open (Escape reaches it only with the focus in it). */
async function closePrompts(wb: Workbench): Promise<void> {
  const widget = wb.page.locator('.quick-input-widget');
  for (let i = 0; i < 5 && (await widget.isVisible()); i++) {
    await widget.locator('.quick-input-box input').first().focus().catch(() => undefined);
    await wb.page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
  }
}

async function startFlow(wb: Workbench): Promise<void> {
  await closePrompts(wb);
  // The lens is on the policy editor; a previous flow's result may have moved focus.
  await wb.page.locator('.monaco-editor[data-uri$="typed-request.json"] .codelens-decoration a', { hasText: 'Simulate Request' }).first().click();
  await wb.quickInput(STEP.action);
}

/** Answers a step at once (pasted) and waits for the next one; returns the next step's title. */
async function answer(wb: Workbench, text: string, next: string): Promise<string> {
  await wb.enterText(text, { paste: true });
  await wb.page.keyboard.press('Enter');
  return wb.quickInput(next);
}

describe('policy debugging UI: Simulate Request takes exactly what is typed, at any speed', function () {
  const workbench = useWorkbench(() => ({ settings: { 'workbench.startupEditor': 'none' } }));

  before(async function () {
    const wb = workbench();
    await wb.openFile('typed-request.json', /OnlyTheTypedRequest/);
  });

  afterEach(async function () {
    // A failed repetition leaves its prompt open: the next test starts from the editor.
    await closePrompts(workbench());
  });

  /** Enters `text` into the step titled `here` in each of the twenty ways, checking the next step's title each time. */
  async function repeat(wb: Workbench, here: string, next: string | ((i: number) => string), text: (i: number) => string, expected: (i: number) => string): Promise<void> {
    for (let i = 0; i < WAYS.length; i++) {
      await wb.quickInput(here);
      await wb.enterText(text(i), WAYS[i]);
      await wb.page.keyboard.press('Enter');
      const title = await wb.quickInput(typeof next === 'string' ? next : next(i));
      assert.strictEqual(title, expected(i), `repetition ${i + 1}, ${wayName(WAYS[i])}`);
      await wb.quickInputBack();
    }
    // The last Back's prompt shows after a turn of the extension host: until it has, closing the
    // prompts (afterEach) could run before it appears and leave it over the next test's editor.
    await wb.quickInput(here);
  }

  it('action prompt: the action typed or pasted, never one the IAM data highlighted', async function () {
    const wb = workbench();
    await startFlow(wb);
    const action = (i: number) => ACTIONS[i % ACTIONS.length];
    await repeat(wb, STEP.action, STEP.resource, action, (i) => `${STEP.resource} — ${action(i)}`);
    await wb.screenshot('simulate-typed-action');
  });

  it('resource prompt: the ARN typed or pasted, never a skeleton row', async function () {
    const wb = workbench();
    await startFlow(wb);
    await answer(wb, 'iam:CreateUser', STEP.resource);
    const resource = (i: number) => resourceOf('iam:CreateUser', `r${i}`);
    await repeat(wb, STEP.resource, STEP.principal, resource, (i) => `${STEP.principal} — iam:CreateUser on ${resource(i)}`);
  });

  it('principal prompt: the ARN typed or pasted, never a known identity', async function () {
    const wb = workbench();
    await startFlow(wb);
    await answer(wb, 'iam:CreateUser', STEP.resource);
    const resource = resourceOf('iam:CreateUser', 'p');
    await answer(wb, resource, STEP.principal);
    const principal = (i: number) => `arn:aws:iam::${ACCOUNT}:user/typed-caller-${i}`;
    await repeat(wb, STEP.principal, STEP.keys, principal, (i) => `${STEP.keys}, none is fine — ${principal(i)} calls iam:CreateUser on ${resource}`);
  });

  it('context key prompt: the key typed or pasted and Enter, without ticking it', async function () {
    const wb = workbench();
    await startFlow(wb);
    await answer(wb, 'iam:CreateUser', STEP.resource);
    const resource = resourceOf('iam:CreateUser', 'k');
    await answer(wb, resource, STEP.principal);
    await answer(wb, PRINCIPAL, STEP.keys);
    const keys = ['aws:RequestedRegion', 'aws:SourceIp', 'aws:PrincipalTag/team'];
    const types: Record<string, string> = { 'aws:RequestedRegion': 'String', 'aws:SourceIp': 'IPAddress', 'aws:PrincipalTag/team': 'String' };
    // Waits for a title that starts with a key name: the value prompt, not the keys prompt still shown.
    await repeat(wb, STEP.keys, (i) => `${keys[i % keys.length]} (`, (i) => keys[i % keys.length], (i) => `${keys[i % keys.length]} (${types[keys[i % keys.length]]}) — ${PRINCIPAL} calls iam:CreateUser on ${resource}`);
  });

  it('context value prompt: the value typed or pasted is the request\'s, so only the typed request is allowed', async function () {
    const wb = workbench();
    for (let i = 0; i < WAYS.length; i++) {
      const resource = resourceOf('iam:CreateUser', `v${i}`);
      await startFlow(wb);
      await answer(wb, 'iam:CreateUser', STEP.resource);
      await answer(wb, resource, STEP.principal);
      await answer(wb, PRINCIPAL, STEP.keys);
      await answer(wb, KEY, `${KEY} (String)`);
      await wb.enterText(VALUE, WAYS[i]);
      await wb.page.keyboard.press('Enter');
      // The resource is new each time, so this is this repetition's result. Any other value of any
      // field is not allowed by the policy (StringEquals on the principal and the region).
      const result = wb.notification(`iam:CreateUser on ${resource}`);
      await result.waitFor();
      const text = (await result.locator('.notification-list-item-message').textContent()) ?? '';
      assert.match(text, /^ALLOWED: iam:CreateUser on /, `repetition ${i + 1}, ${wayName(WAYS[i])}: ${text}`);
    }
    await wb.screenshot('simulate-typed-result');
  });
});
