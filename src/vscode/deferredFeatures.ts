/**
 * Keeps VS Code's activation small: the features (dist/features.js, with the AWS SDK, the policy
 * linter and every view) load just after activate() returns. Until then each command is a stub that
 * loads them at once and runs the real command with the same arguments, so a command run during
 * startup (a keybinding, the palette, a walkthrough button) behaves as if everything was loaded.
 */
import * as vscode from 'vscode';
import type * as featuresModule from './features';
import { showError } from './output';
import { requireWithCodeCache, type CodeCacheUse } from '../node/codeCache';

/**
 * How long after the features load their code cache is written (when there was none to use): long
 * enough that it holds the functions startup compiled (the tree, the status bar, a first lint), and off
 * the startup path.
 */
const SAVE_CODE_CACHE_AFTER_MS = 10_000;

/** What the features are started with: the extension's context and its one log. */
export interface FeatureHost {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
}

/**
 * Commands the features register without contributing them in package.json. Tests and the bench run
 * them; an integration test checks that this list and package.json cover every command registered.
 */
export const UNCONTRIBUTED_COMMANDS: readonly string[] = [
  'stsLens.internal.accountOwners',
  'stsLens.internal.evaluationResultNode',
  'stsLens.internal.ssoPageLeftToCaller',
  'stsLens.internal.identityCenterSnapshot',
  'stsLens.internal.accessDiffItems',
];

/** Commands the entry point (src/extension.ts) registers itself: no stub for them. */
export const ENTRY_COMMANDS: readonly string[] = ['stsLens.showLog', 'stsLens.internal.activationTimes'];

/** The commands package.json contributes, plus the unlisted ones, less those the entry point registers itself. */
export function deferredCommandIds(packageJSON: unknown): string[] {
  const contributes = (packageJSON as { contributes?: { commands?: { command?: unknown }[] } } | undefined)?.contributes;
  const contributed = (contributes?.commands ?? []).map((c) => c.command).filter((c): c is string => typeof c === 'string');
  return [...new Set([...contributed, ...UNCONTRIBUTED_COMMANDS])].filter((id) => !ENTRY_COMMANDS.includes(id));
}

/**
 * Whether the features are in, and what loading them cost: `loadMs` in all, of which `evaluateMs`
 * evaluating the bundle and `parts` starting each feature (the rest is the stubs' removal).
 */
export type FeatureState =
  | { readonly loaded: false }
  | { readonly loaded: true; readonly loadMs: number; readonly evaluateMs: number; readonly parts: Readonly<Record<string, number>>; readonly by: string; readonly error?: string; readonly codeCache: CodeCacheState };

/** Whether the features' code came through V8's code cache ('off': no folder for it), and whether this start wrote one. */
export interface CodeCacheState {
  readonly use: CodeCacheUse | 'off';
  readonly saved?: boolean;
}

/** "profiles 12.3, policy 4.5": how long each feature took to start, for the log. */
export function describeParts(parts: Readonly<Record<string, number>>): string {
  return Object.entries(parts).map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ');
}

/** What a stub's handler is called on (its thisArg). */
interface StubTarget {
  readonly features: DeferredFeatures;
  readonly id: string;
}

function runStub(this: StubTarget, ...args: unknown[]): Thenable<unknown> {
  return this.features.forward(this.id, args);
}

export class DeferredFeatures implements vscode.Disposable {
  private stubs: vscode.Disposable[];
  private loading: FeatureState = { loaded: false };
  private saveTimer: NodeJS.Timeout | undefined;

  /**
   * `bundle` is the absolute path of dist/features.js (or of another module exporting activateFeatures);
   * `codeCacheFolder`, when given, keeps V8's code cache of it (see src/node/codeCache.ts).
   */
  constructor(
    private readonly host: FeatureHost,
    private readonly bundle: string,
    commandIds: readonly string[],
    private readonly codeCacheFolder?: string,
  ) {
    // One handler for every stub, told its command through registerCommand's thisArg: activation
    // makes one registration per command and no closure for each.
    this.stubs = [];
    for (const id of commandIds) this.stubs.push(vscode.commands.registerCommand(id, runStub, { features: this, id }));
  }

  get state(): FeatureState {
    return this.loading;
  }

  /**
   * Loads and starts the features once; later calls do nothing. The stubs go first and the features
   * register their commands in the same turn, so no command is ever missing in between.
   * Returns false when the features failed to start (the failure is logged and shown once).
   */
  load(by: string): boolean {
    if (this.loading.loaded) return this.loading.error === undefined;
    const started = performance.now();
    this.disposeStubs();
    let error: string | undefined;
    let evaluateMs = 0;
    let parts: Readonly<Record<string, number>> = {};
    let codeCache: CodeCacheState = { use: 'off' };
    try {
      const features = this.requireFeatures((use) => (codeCache = use));
      evaluateMs = performance.now() - started;
      parts = features.activateFeatures(this.host);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.host.log.error(`Activation failed: ${error}`);
      const showLog = vscode.l10n.t('Show Log');
      void showError(vscode.l10n.t('STS Lens could not start: {0}', error), showLog).then((choice) => {
        if (choice === showLog) this.host.log.show();
      });
    }
    this.loading = { loaded: true, loadMs: performance.now() - started, evaluateMs, parts, by, error, codeCache };
    this.host.log.info(`STS Lens features loaded in ${this.loading.loadMs.toFixed(1)} ms (${by})${error ? ', with an error' : ''}: evaluating their code ${evaluateMs.toFixed(1)} ms (code cache: ${codeCache.use}), starting them (ms) ${describeParts(parts)}`);
    return error === undefined;
  }

  /** The features' module: through the code cache when there is a folder for it, else by require(). */
  private requireFeatures(report: (state: CodeCacheState) => void): typeof featuresModule {
    if (this.codeCacheFolder === undefined) {
      // A path known only at run time: the features are a bundle of their own, not part of this one.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(this.bundle) as typeof featuresModule;
    }
    const loaded = requireWithCodeCache<typeof featuresModule>(this.bundle, this.codeCacheFolder);
    report({ use: loaded.cache });
    if (loaded.cache !== 'used') {
      this.saveTimer = setTimeout(() => {
        void loaded.save().then((file) => {
          if (this.loading.loaded) this.loading = { ...this.loading, codeCache: { use: loaded.cache, saved: file !== undefined } };
          this.host.log.debug(file ? `Wrote the features' code cache: ${file}` : "Could not write the features' code cache; the next start compiles them again");
        });
      }, SAVE_CODE_CACHE_AFTER_MS);
      this.saveTimer.unref();
    }
    return loaded.exports;
  }

  /** Runs a command a stub stood for: the features load first, then the real command runs. */
  forward(id: string, args: unknown[]): Thenable<unknown> {
    if (!this.load(`by ${id}`)) return Promise.reject(new Error(vscode.l10n.t('STS Lens could not start: {0}', this.loading.loaded ? (this.loading.error ?? '') : '')));
    return vscode.commands.executeCommand(id, ...args);
  }

  private disposeStubs(): void {
    for (const stub of this.stubs) stub.dispose();
    this.stubs = [];
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
    this.disposeStubs();
  }
}
