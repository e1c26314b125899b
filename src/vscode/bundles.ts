/**
 * The modules that load on first use from bundles of their own (see lazyBundle.ts and esbuild.js).
 * Every such loader is made here and listed in LAZY_BUNDLES, so that a unit test checks each against
 * esbuild.js and dist/ (test/unit/bundles.test.ts).
 */
import * as path from 'path';
import type { l10nJsonFormat } from '@vscode/l10n';
import type * as Gateway from '../aws/gateway';
import type * as AccountPolicies from '../aws/accountPolicies';
import type * as CloudFormationYaml from '../core/policy/insight/cloudformationYaml';
import type * as Redact from '../core/sessions/redact';
import { lazyBundle, type LazyBundle } from './lazyBundle';

/** The AWS SDK and every call the editor makes with it (src/aws/gateway.ts): on the first AWS call. */
export const awsBundle = lazyBundle<typeof Gateway>('aws.js', path.join(__dirname, '..', 'aws', 'gateway'));

/** The SDK clients that read account policies: on the first evaluation against an account. */
export const accountPoliciesBundle = lazyBundle<typeof AccountPolicies>('accountPolicies.js', path.join(__dirname, '..', 'aws', 'accountPolicies'));

/** The `yaml` library with the CloudFormation translation: when a YAML template is first read. */
export const yamlBundle = lazyBundle<typeof CloudFormationYaml>('yaml.js', path.join(__dirname, '..', 'core', 'policy', 'insight', 'cloudformationYaml'));

/**
 * The redaction every log line and notification goes through (src/vscode/output.ts): on the first
 * line, just after activation, so that the entry point VS Code loads holds none of it.
 */
export const redactBundle = lazyBundle<typeof Redact>('redact.js', path.join(__dirname, '..', 'core', 'sessions', 'redact'));

export const LAZY_BUNDLES: readonly LazyBundle<unknown>[] = [awsBundle, accountPoliciesBundle, yamlBundle, redactBundle];

/**
 * The bundles above that build words of src/core (the "Not evaluated" rows, why a principal's policies
 * cannot be read) with their own copy of `@vscode/l10n`: src/vscode/coreWords.ts gives each the display
 * language's words as it loads, through the `useCoreWordsFrom` it exports.
 */
export const CORE_WORD_BUNDLES: readonly LazyBundle<{ useCoreWordsFrom(contents: l10nJsonFormat | undefined): void }>[] = [accountPoliciesBundle];
