// Activation loads a small entry point; the features (dist/features.js) follow just after it, or at
// once when one of their commands runs first.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { DeferredFeatures, ENTRY_COMMANDS, UNCONTRIBUTED_COMMANDS, type FeatureState } from '../../src/vscode/deferredFeatures';
import { EXTENSION_ID, waitFor } from './extensionSuite';
import * as probe from './lazyFeaturesProbe';

async function featureState(): Promise<FeatureState> {
  const times = await vscode.commands.executeCommand<{ features: FeatureState }>('stsLens.internal.activationTimes');
  return times.features;
}

describe('startup: a small activation, the features just after it', () => {
  let extension: vscode.Extension<unknown>;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded`);
    extension = found;
    await extension.activate();
  });

  it('loads the features without a click, and without an error', async () => {
    const state = await waitFor('the features to load', async () => {
      const s = await featureState();
      return s.loaded ? s : undefined;
    });
    assert.ok(state.loaded);
    assert.strictEqual(state.error, undefined);
    // The log and the editor bench say how long each feature took to start.
    // Through V8's code cache in the extension's global storage (a fresh profile: none yet, so this start writes it).
    assert.notStrictEqual(state.codeCache.use, 'off');
    assert.deepStrictEqual(Object.keys(state.parts).sort(), ['access diff', 'authz', 'config language', 'endpoint guard', 'evaluation', 'identity center', 'policy', 'profiles', 'walkthrough']);
    const main = path.join(extension.extensionPath, 'dist', 'extension.js');
    assert.ok(require.cache[main], 'VS Code loaded dist/extension.js');
    assert.ok(require.cache[path.join(extension.extensionPath, 'dist', 'features.js')], 'the features were loaded from their own bundle');
  });

  it('starts a stub for every command the features register, so none is missing during startup', async () => {
    const views = ['stsLens.profiles', 'stsLens.identityCenter', 'stsLens.accountPolicies', 'stsLens.evaluationResults', 'workbench.view.extension.stsLens'];
    const known = new Set([...(extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command), ...UNCONTRIBUTED_COMMANDS, ...ENTRY_COMMANDS]);
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('stsLens.') && c !== probe.PROBE_COMMAND && !views.some((v) => c.startsWith(`${v}.`)));
    assert.ok(registered.length > 50, `only ${registered.length} commands registered`);
    assert.deepStrictEqual(registered.filter((c) => !known.has(c)), []);
  });

  it('runs a command invoked before its features loaded, with its arguments, loading them once', async () => {
    const subscriptions: vscode.Disposable[] = [];
    const log = vscode.window.createOutputChannel('STS Lens startup test', { log: true });
    const host = { extension: { subscriptions } as unknown as vscode.ExtensionContext, log };
    const deferred = new DeferredFeatures(host, path.join(__dirname, 'lazyFeaturesProbe.js'), [probe.PROBE_COMMAND]);
    try {
      const state = (): FeatureState => deferred.state;
      assert.strictEqual(probe.loads, 0);
      assert.strictEqual(state().loaded, false);
      const first = await vscode.commands.executeCommand<{ args: unknown[]; loads: number }>(probe.PROBE_COMMAND, 'arn:aws:iam::123456789012:role/sts_role', 3600);
      assert.deepStrictEqual(first, { args: ['arn:aws:iam::123456789012:role/sts_role', 3600], loads: 1 });
      const loaded = state();
      assert.strictEqual(loaded.loaded && loaded.by, `by ${probe.PROBE_COMMAND}`);
      deferred.load('after activation');
      const second = await vscode.commands.executeCommand<{ args: unknown[]; loads: number }>(probe.PROBE_COMMAND);
      assert.deepStrictEqual(second, { args: [], loads: 1 });
    } finally {
      deferred.dispose();
      for (const d of subscriptions) d.dispose();
      log.dispose();
    }
  });
});
