// A stand-in for dist/features.js in startup.test.ts: registers one command and counts its loads.
import * as vscode from 'vscode';
import type { FeatureHost } from '../../src/vscode/deferredFeatures';

export const PROBE_COMMAND = 'stsLens.test.lazyProbe';
export let loads = 0;

export function activateFeatures(host: FeatureHost): Record<string, number> {
  loads++;
  host.extension.subscriptions.push(vscode.commands.registerCommand(PROBE_COMMAND, (...args: unknown[]) => ({ args, loads })));
  return { probe: 0 };
}
