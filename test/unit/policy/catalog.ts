import * as fs from 'fs';
import * as path from 'path';
import { createIamCatalog, type IamCatalogHandle } from '../../../src/node/iamData';
import { lintPolicy, lintServices, type LintOptions, type LintResult, type PolicyType } from '../../../src/core/policy';
import { repoRoot } from '../fixtures';

let handle: IamCatalogHandle | undefined;

/** One catalog for all policy tests: services load once and stay cached. */
export function testCatalog(): IamCatalogHandle {
  handle ??= createIamCatalog();
  return handle;
}

/** Loads the data a policy needs, then lints it. */
export function lint(text: string, policyType: PolicyType | 'auto' = 'auto', accountId?: string): LintResult {
  const h = testCatalog();
  h.ensureServicesSync(lintServices(text));
  return lintPolicy(text, { policyType, catalog: h.catalog, accountId });
}

let shipped: IamCatalogHandle | undefined;

/**
 * The data as the bundles ship it: the build's snapshot, which also holds what only the build
 * derives (retired services). Built into out/ when missing or stale.
 */
export function shippedCatalog(): IamCatalogHandle {
  if (!shipped) {
    const file = path.join(repoRoot(), 'out', 'iamData.snapshot');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildSnapshot } = require(path.join(repoRoot(), 'scripts', 'build-iam-snapshot.js')) as { buildSnapshot(o: { out: string }): unknown };
    buildSnapshot({ out: file });
    if (!fs.existsSync(file)) throw new Error(`${file} was not built`);
    shipped = createIamCatalog({ snapshotFile: file });
  }
  return shipped;
}

/** Lints with the shipped data. */
export function lintShipped(text: string, policyType: PolicyType | 'auto' = 'auto', options: Partial<LintOptions> = {}): LintResult {
  const h = shippedCatalog();
  h.ensureServicesSync(lintServices(text));
  return lintPolicy(text, { ...options, policyType, catalog: h.catalog });
}
