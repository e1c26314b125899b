/**
 * Every feature of the extension, registered at once. Bundled apart from the entry point
 * (dist/features.js): src/extension.ts loads it just after activation returns, or at once when one of
 * its commands is run first, so that VS Code's activation only loads and runs a small file.
 */
import type { StsLensContext } from './context';
import { EndpointGuard, registerEndpointCommands } from './endpointGuard';
import { registerProfilesFeature } from './profiles/register';
import { registerPolicyFeature } from './policy/register';
import { registerAuthzFeature } from './authz/register';
import { registerConfigLanguage } from './configLanguage/register';
import { registerEvaluationFeature } from './evaluation/register';
import { registerAccessDiffFeature } from './accessDiff/register';
import { registerIdentityCenterFeature } from './identityCenter/register';
import { registerWalkthrough } from './walkthrough';
import { PolicyDocumentProvider } from './policy/policyDocumentProvider';
import type { FeatureHost } from './deferredFeatures';
import { useBundleDirectory } from './lazyBundle';

export function activateFeatures(host: FeatureHost): void {
  const { extension, log } = host;
  // The AWS SDK, the account-policy readers and the YAML parser load from dist/ on first use (bundles.ts).
  useBundleDirectory(extension.asAbsolutePath('dist'));
  const ctx: StsLensContext = { extension, log, endpoints: new EndpointGuard(extension.workspaceState, log) };
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
}
