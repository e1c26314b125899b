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
    const identity = registerProfilesFeature(ctx, readOnlyDocuments);
    const policies = registerPolicyFeature(ctx, identity, readOnlyDocuments);
    const decoded = registerAuthzFeature(ctx, identity);
    registerEvaluationFeature(ctx, identity, policies.documents, policies.policyProvider, (id) => decoded.byEntryId(id)?.explanation);
    registerAccessDiffFeature(ctx, policies.documents);
    log.info(`STS Lens ${String(extension.extension.packageJSON.version)} activated in ${(performance.now() - started).toFixed(1)} ms`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`Activation failed: ${message}`);
    void showError(`STS Lens could not start: ${message}`, 'Show Log').then((choice) => {
      if (choice === 'Show Log') log.show();
    });
    throw e;
  }
}

export function deactivate(): void {}
