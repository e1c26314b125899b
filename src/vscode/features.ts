/**
 * Every feature of the extension, registered at once. Bundled apart from the entry point
 * (dist/features.js): src/extension.ts loads it just after activation returns, or at once when one of
 * its commands is run first, so that VS Code's activation only loads and runs a small file.
 */
import type { StsLensContext } from './context';
import { EndpointGuard, registerEndpointCommands } from './endpointGuard';
import { registerProfilesFeature } from './profiles/register';
import type { AwsFilesSource } from './profiles/profilesStore';
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
import { useDisplayLanguageForCoreWords } from './coreWords';

/** How long starting each feature took (ms), in the order they start: the log and the editor bench show it. */
export type FeatureTimes = Record<string, number>;

/** Starts every feature; returns how long each one's start held the extension host. */
export function activateFeatures(host: FeatureHost): FeatureTimes {
  const { extension, log } = host;
  const times: FeatureTimes = {};
  const timed = <T>(name: string, start: () => T): T => {
    const started = performance.now();
    try {
      return start();
    } finally {
      times[name] = (times[name] ?? 0) + performance.now() - started;
    }
  };
  useDisplayLanguageForCoreWords();
  // The AWS SDK, the account-policy readers and the YAML parser load from dist/ on first use (bundles.ts).
  useBundleDirectory(extension.asAbsolutePath('dist'));
  const ctx: StsLensContext = timed('endpoint guard', () => {
    const endpoints = new EndpointGuard(extension.workspaceState, log);
    registerEndpointCommands(extension, endpoints);
    return { extension, log, endpoints };
  });
  timed('walkthrough', () => registerWalkthrough(ctx));
  timed('config language', () => registerConfigLanguage(ctx));
  // One store of read-only documents (policies read from AWS, explanations of them) serves every feature.
  const readOnlyDocuments = new PolicyDocumentProvider();
  let identityCenterMs = 0;
  // Decoding a message as a profile reads the AWS files through the Profiles view's loader.
  let awsFiles: AwsFilesSource | undefined;
  const identity = timed('profiles', () => registerProfilesFeature(ctx, readOnlyDocuments, (parts) => {
    awsFiles = parts.store;
    const started = performance.now();
    registerIdentityCenterFeature(ctx, parts);
    identityCenterMs = performance.now() - started;
  }));
  // The profiles figure is its own: the Identity Center's start, made inside it, is counted apart.
  times.profiles -= identityCenterMs;
  times['identity center'] = identityCenterMs;
  const policies = timed('policy', () => registerPolicyFeature(ctx, identity, readOnlyDocuments));
  const decoded = timed('authz', () => registerAuthzFeature(ctx, identity, awsFiles!));
  timed('evaluation', () => registerEvaluationFeature(ctx, identity, policies.documents, policies.policyProvider, (id) => decoded.byEntryId(id)?.explanation));
  timed('access diff', () => registerAccessDiffFeature(ctx, policies.documents));
  return times;
}
