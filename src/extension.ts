// First: marks when the bundle started to evaluate.
import { codeLoadStarted } from './vscode/loadClock';
import * as vscode from 'vscode';
import type { StsLensContext } from './vscode/context';
import { EndpointGuard, registerEndpointCommands } from './vscode/endpointGuard';
import { registerProfilesFeature } from './vscode/profiles/register';
import { registerPolicyFeature } from './vscode/policy/register';
import { registerAuthzFeature } from './vscode/authz/register';
import { registerConfigLanguage } from './vscode/configLanguage/register';
import { createLog, showError } from './vscode/output';
import { registerEvaluationFeature } from './vscode/evaluation/register';
import { registerAccessDiffFeature } from './vscode/accessDiff/register';
import { registerIdentityCenterFeature } from './vscode/identityCenter/register';
import { registerWalkthrough } from './vscode/walkthrough';
import { PolicyDocumentProvider } from './vscode/policy/policyDocumentProvider';

export function activate(extension: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = createLog();
  extension.subscriptions.push(log);
  const ctx: StsLensContext = { extension, log, endpoints: new EndpointGuard(extension.workspaceState, log) };
  try {
    extension.subscriptions.push(vscode.commands.registerCommand('stsLens.showLog', () => log.show()));
    registerEndpointCommands(extension, ctx.endpoints);
    registerWalkthrough(ctx);
    registerConfigLanguage(ctx);
    // One store of read-only documents (policies read from AWS, explanations of them) serves every feature.
    const readOnlyDocuments = new PolicyDocumentProvider();
    const identity = registerProfilesFeature(ctx, readOnlyDocuments, (parts) => registerIdentityCenterFeature(ctx, parts));
    const policies = registerPolicyFeature(ctx, identity, readOnlyDocuments);
    const decoded = registerAuthzFeature(ctx, identity);
    registerEvaluationFeature(ctx, identity, policies.documents, policies.policyProvider, (id) => decoded.byEntryId(id)?.explanation);
    registerAccessDiffFeature(ctx, policies.documents);
    const times = { loadMs: started - codeLoadStarted, activateMs: performance.now() - started };
    // For the editor bench (bench/editor.bench.ts): VS Code's own figure is not readable from an extension.
    extension.subscriptions.push(vscode.commands.registerCommand('stsLens.internal.activationTimes', () => times));
    log.info(`STS Lens ${String(extension.extension.packageJSON.version)} activated in ${times.activateMs.toFixed(1)} ms (its code loaded in ${times.loadMs.toFixed(1)} ms)`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`Activation failed: ${message}`);
    const showLog = vscode.l10n.t('Show Log');
    void showError(vscode.l10n.t('STS Lens could not start: {0}', message), showLog).then((choice) => {
      if (choice === showLog) log.show();
    });
    throw e;
  }
}

export function deactivate(): void {}
